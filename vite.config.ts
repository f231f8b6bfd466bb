// Vite builds the browser client from client/ into dist/client, with Phaser in a chunk of its own and
// precompressed (.br, .gz) copies of every text file.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { subsetFonts } from './build/font-subset.ts';

export default defineConfig({
  // Absolute, so the config works from any working directory (tests build through vite's API).
  root: fileURLToPath(new URL('./client', import.meta.url)),
  // Noto Sans KR cut to the glyphs our texts use; brotli and gzip copies of every text asset, next to it in dist/client: the server sends the best one the browser accepts.
  plugins: [subsetFonts(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  publicDir: 'public',
  base: '/',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      // Two pages: the game (index.html) and the teachers' dashboard (dashboard.html, served at /dashboard).
      input: {
        main: fileURLToPath(new URL('./client/index.html', import.meta.url)),
        dashboard: fileURLToPath(new URL('./client/dashboard.html', import.meta.url)),
      },
      output: {
        // Phaser is large and changes rarely: its own chunk keeps it cached across our releases.
        codeSplitting: {
          groups: [{ name: 'phaser', test: /[\\/]node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
