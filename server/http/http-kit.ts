// Small helpers the dashboard's HTTP routes share: JSON answers and errors, bounded body reading,
// zod validation with a readable message, cookies, the client's address and whether it came over https.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { z } from 'zod';
import type { HttpResponseOf, HttpRoute } from '../../shared/protocol/http.ts';

/** Largest JSON body a dashboard route reads. */
export const MAX_JSON_BODY = 64 * 1024;

/** Sends a JSON answer that is never cached. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(json),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

/** Sends a declared route's successful answer: a body that does not conform to the route's response schema fails to compile. */
export function reply<R extends HttpRoute>(
  res: ServerResponse,
  _route: R,
  status: number,
  body: HttpResponseOf<R>,
  headers: Record<string, string | string[]> = {},
): void {
  sendJson(res, status, body, headers);
}

/** Sends `{error, message}`: a stable code for programs and a sentence for people. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error, message, ...extra }, headers);
}

/** A body that could not be read, with the status to answer. */
export type BodyResult =
  { ok: true; value: unknown } | { ok: false; status: number; error: string; message: string };

/** Reads a JSON body (empty → {}), refusing bodies over the limit and text that is not JSON. */
export async function readJsonBody(req: IncomingMessage, max = MAX_JSON_BODY): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max)
        return {
          ok: false,
          status: 413,
          error: 'too-large',
          message: `the body is larger than ${max} bytes`,
        };
      chunks.push(chunk);
    }
  } catch {
    // The client went away (or timed out) mid-body: nothing to answer, nothing worth a log line.
    return { ok: false, status: 400, error: 'malformed', message: 'the body did not arrive' };
  }
  if (size === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, error: 'malformed', message: 'the body is not valid JSON' };
  }
}

/** Validates with a zod schema; the message names the first bad field. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
):
  | { ok: true; data: z.output<S> }
  | { ok: false; message: string; issues: { field: string; message: string }[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    field: i.path.join('.') || '(body)',
    message: i.message,
  }));
  return {
    ok: false,
    message: issues
      .map((i) => `${i.field}: ${i.message}`)
      .slice(0, 3)
      .join('; '),
    issues,
  };
}

/** Reads and validates a JSON body, answering 400/413 itself; undefined when it did. */
export async function bodyOf<S extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: S,
): Promise<z.output<S> | undefined> {
  const body = await readJsonBody(req);
  if (!body.ok) {
    sendError(res, body.status, body.error, body.message);
    return undefined;
  }
  const checked = validate(schema, body.value);
  if (!checked.ok) {
    sendError(res, 400, 'malformed', checked.message, { issues: checked.issues });
    return undefined;
  }
  return checked.data;
}

/** Every value the request sends for one cookie name, in order (a browser sends more than one when cookies of the same name were set with different paths or domains). */
export function cookieValues(req: IncomingMessage, name: string): string[] {
  const out: string[] = [];
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      out.push(decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      out.push('');
    }
  }
  return out;
}

/**
 * The client's address: the socket's, or behind `trustProxy` proxies the X-Forwarded-For entry the
 * outermost of them added (counted from the right: entries further left are whatever the client sent).
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const forwarded = req.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  if (trustProxy > 0 && typeof header === 'string' && header.trim()) {
    const hops = header
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== '');
    const hop = hops[Math.max(0, hops.length - trustProxy)];
    if (hop) return hop;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** True when the browser reached us over https (directly, or through a trusted proxy that says so: the nearest proxy's value, the right-most). */
export function isHttps(req: IncomingMessage, trustProxy: number): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  return (
    trustProxy > 0 &&
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')
      .at(-1)!
      .trim() === 'https'
  );
}

/** False when a browser sent a state-changing request from another site (a CSRF attempt SameSite missed). */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
