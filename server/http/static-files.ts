// Serves the built client (dist/client) from the game's own port, with the single-page fallback, so
// `npm start` is the whole game on one address.
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Handler } from './api.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.map': 'application/json', '.webmanifest': 'application/manifest+json',
};

function fileAt(root: string, urlPath: string): string | null {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try { return statSync(full).isFile() ? full : null; } catch { return null; }
}

/** Builds the static handler; when the client is not built, `/` explains how to build it. */
export function staticHandler(clientDir: string): Handler {
  const root = path.resolve(clientDir);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!existsSync(path.join(root, 'index.html'))) {
      if (url.pathname !== '/') return next();
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Kernel Crew server is running. The client is not built yet: run `npm run build`, then reload.\n');
      return;
    }
    let file = fileAt(root, url.pathname);
    // The teachers' dashboard is a page of its own; other paths without an extension are the game's routes.
    if (!file && /^\/dashboard\/?$/.test(url.pathname)) file = fileAt(root, '/dashboard.html');
    if (!file && path.extname(url.pathname) === '') file = path.join(root, 'index.html');
    if (!file) return next();
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(file).pipe(res);
  };
}
