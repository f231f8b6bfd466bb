// Vite builds the browser client from client/ into dist/client, with Phaser in a chunk of its own and
// precompressed (.br, .gz) copies of every text file.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

/** Drops the WOFF fallbacks from @fontsource's CSS: every browser we support reads WOFF2, so they only bloat the build. */
function woff2Only(): Plugin {
  return {
    name: 'kernel-crew:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@fontsource[\\/].*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  // Absolute, so the config works from any working directory (tests build through vite's API).
  root: fileURLToPath(new URL('./client', import.meta.url)),
  // Brotli and gzip copies of every text asset, next to it in dist/client: the server sends the best one the browser accepts.
  plugins: [woff2Only(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
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
