// Vite builds the browser client from client/ into dist/client, with Phaser in a chunk of its own and
// precompressed (.br, .gz) copies of every text file.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { subsetFonts } from './build/font-subset.ts';
import { customPhaser } from './build/phaser-build.ts';

/**
 * The game (Phaser and the scenes) is a dynamic import that main.ts starts once it has run; hinting it in
 * the HTML (prefetch, idle priority) lets the download begin beside main.js without slowing the join form.
 */
function preloadGame(): Plugin {
  return {
    name: 'kernel-crew:preload-game',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle || !ctx.chunk || ctx.chunk.name !== 'main') return [];
        const files = new Set<string>();
        const add = (file: string): void => {
          const chunk = ctx.bundle?.[file];
          if (files.has(file) || !chunk || chunk.type !== 'chunk') return;
          files.add(file);
          chunk.imports.forEach(add);
        };
        // Only the game's own chunks: not the Colyseus client that joining loads, not what main.js already has.
        for (const file of ctx.chunk.dynamicImports) {
          const chunk = ctx.bundle[file];
          if (chunk?.type === 'chunk' && chunk.name === 'game') add(file);
        }
        for (const file of [ctx.chunk.fileName, ...ctx.chunk.imports]) files.delete(file);
        // prefetch, not modulepreload: the files only land in the cache, so compiling Phaser waits until
        // main.ts imports it instead of holding up the join form.
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'prefetch', href: `/${file}`, crossorigin: true },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  // Absolute, so the config works from any working directory (tests build through vite's API).
  root: fileURLToPath(new URL('./client', import.meta.url)),
  // Noto Sans KR cut to the glyphs our texts use; brotli and gzip copies of every text asset, next to it in dist/client: the server sends the best one the browser accepts.
  plugins: [
    // Only the parts of Phaser the game uses, from Phaser's own sources (build/phaser-custom.js).
    customPhaser(),
    subsetFonts(),
    preloadGame(),
    // A service worker (Workbox) that keeps the game shell, so a second visit downloads nothing but the
    // worker's own update check; main.ts registers it.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      filename: 'sw.js',
      workbox: {
        // The shell every first visit has just loaded (so precaching it comes from the HTTP cache, not the wire);
        // fonts, which differ by language, are kept by the runtime rule when first used.
        globPatterns: ['index.html', 'favicon.svg', 'assets/*.{js,css}'],
        globIgnores: ['**/dashboard*', '**/colyseus-*', '**/qrcode-*'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/dashboard/, /^\/matchmake\//],
        runtimeCaching: [
          {
            urlPattern: /\/assets\//,
            handler: 'CacheFirst',
            options: { cacheName: 'kernel-crew-assets', expiration: { maxEntries: 200 } },
          },
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        inlineWorkboxRuntime: true,
      },
    }),
    compression({ algorithms: ['brotliCompress', 'gzip'] }),
  ],
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
          groups: [
            { name: 'phaser', test: /[\\/]node_modules[\\/]phaser[\\/]|[\\/]build[\\/]phaser-custom\.js$/ },
            // Loaded when a student joins a class or a host shows the QR code: named so the worker can leave them to runtime caching.
            { name: 'colyseus', test: /[\\/]node_modules[\\/]@colyseus[\\/]/ },
            { name: 'qrcode', test: /[\\/]node_modules[\\/]qrcode[\\/]/ },
          ],
        },
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
