// The API's JSON answers (reports, level lists) compressed on the fly: the built client has
// precompressed copies on disk (static-files.ts), JSON made per request does not.
import compression from 'compression';
import type { Handler } from './api.ts';

/** gzip/brotli for JSON responses only, negotiated by the `compression` middleware; anything else passes untouched. */
export function compressJson(): Handler {
  return compression({
    filter: (_req, res) => /^application\/json\b/i.test(String(res.getHeader('content-type') ?? '')),
  }) as unknown as Handler;
}
