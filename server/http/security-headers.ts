// The security headers every answer carries (helmet, the well-kept library for them): a CSP without
// inline script (the pages' own origin for scripts; connect to their own origin's http/ws and configured
// room servers), no framing (the projector page only by configured origins), nosniff, no referrer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** The part of the edge policy the headers depend on. */
export interface HeaderPolicy {
  /** Origins allowed to frame the projector page (/project); every other page may not be framed. */
  frameAncestors: readonly string[];
  /** Origins the pages may connect to besides their own (a room server elsewhere, ws:// or wss://). */
  connectSources: readonly string[];
}

/** Sets a response's headers; the same middleware shape helmet builds. */
export type HeaderSetter = (req: IncomingMessage, res: ServerResponse) => void;

/** Builds the header setter for a policy (once per server: helmet precomputes its header values). */
export function securityHeaders(policy: HeaderPolicy): HeaderSetter {
  const build = (frameAncestors: readonly string[]) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'script-src-attr': ["'none'"],
          // Phaser and the pages set element styles from script; no inline <style> or script is needed.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'", ...policy.connectSources],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': frameAncestors.length > 0 ? [...frameAncestors] : ["'none'"],
        },
      },
      // A school server is often plain http on the LAN; HSTS belongs to the TLS proxy in front, if any.
      strictTransportSecurity: false,
      xFrameOptions: frameAncestors.length > 0 ? false : { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // The client may be served from another origin in development (VITE_SERVER_URL).
      crossOriginResourcePolicy: { policy: 'same-site' },
    });
  const pages = build([]);
  const projector = build(policy.frameAncestors);
  const none = () => undefined;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    (/^\/project\/?$/.test(path) ? projector : pages)(req, res, none);
  };
}
