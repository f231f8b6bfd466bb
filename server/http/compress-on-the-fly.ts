// Compression for what has no precompressed copy on disk: API JSON made per request, and the few built
// files written after the copies were made (the service worker). Files with a .br/.gz copy are already
// sent encoded by static-files.ts, and the middleware leaves an encoded response alone.
import compression from 'compression';
import type { Handler } from './api.ts';

/** gzip/brotli negotiated by the `compression` middleware, for compressible types over 1 kB not already encoded. */
export function compressOnTheFly(): Handler {
  return compression() as unknown as Handler;
}
