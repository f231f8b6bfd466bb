// Serves the built client (dist/client) from the game's own port, with the single-page fallback, so
// `npm start` is the whole game on one address. Each text asset has brotli and gzip copies made by
// `vite build`; express-static-gzip (over serve-static) sends the best one the browser accepts.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import expressStaticGzip from 'express-static-gzip';
import type { Handler } from './api.ts';

function fileAt(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/** The middleware that negotiates Accept-Encoding over the precompressed copies, with our caching rules. */
function precompressed(root: string): Handler {
  return expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false,
      fallthrough: true,
      // Hashed assets never change under their name; everything else (the HTML) is revalidated by ETag.
      setHeaders: (res, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  }) as unknown as Handler;
}

/** Builds the static handler; when the client is not built, `/` explains how to build it. */
export function staticHandler(clientDir: string): Handler {
  const root = path.resolve(clientDir);
  // Made on the first request once the client is built: it lists the compressed copies on disk.
  let serve: Handler | null = null;
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!existsSync(path.join(root, 'index.html'))) {
      if (url.pathname !== '/') return next();
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'Kernel Crew server is running. The client is not built yet: run `npm run build`, then reload.\n',
      );
      return;
    }
    let file = fileAt(root, url.pathname);
    // The teachers' dashboard is a page of its own; other paths without an extension are the game's routes.
    if (!file && /^\/dashboard\/?$/.test(url.pathname)) file = fileAt(root, '/dashboard.html');
    if (!file && path.extname(url.pathname) === '') file = path.join(root, 'index.html');
    if (!file) return next();
    serve ??= precompressed(root);
    const original = req.url;
    req.url = '/' + path.relative(root, file).split(path.sep).map(encodeURIComponent).join('/');
    serve(req, res, () => {
      req.url = original;
      next();
    });
  };
}
