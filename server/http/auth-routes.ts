// Teachers' accounts over HTTP: sign up, sign in, sign out and "who am I". The session token lives
// only in an HttpOnly, SameSite=Strict cookie (Secure over https); sign-in and sign-up are rate-limited.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountError } from '../accounts/index.ts';
import {
  SESSION_COOKIE,
  sessionCookieName,
  sessionToken,
  type DashboardContext,
} from './dashboard-context.ts';
import { HTTP_ROUTES } from '../../shared/protocol/http.ts';
import { bodyOf, clientAddress, isHttps, reply, sendError } from './http-kit.ts';

/** The session cookie (and the removal of the Path=/api one earlier versions set, which would now count as a second cookie). */
function cookie(req: IncomingMessage, ctx: DashboardContext, token: string, maxAgeSeconds: number): string[] {
  const secure = isHttps(req, ctx.config.trustProxy) ? '; Secure' : '';
  const name = sessionCookieName(req, ctx.config.trustProxy);
  return [
    `${name}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`,
    `${SESSION_COOKIE}=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0`,
  ];
}

function refuse(res: ServerResponse, error: AccountError): void {
  switch (error.code) {
    case 'invalid-input':
      return sendError(
        res,
        400,
        'malformed',
        error.issues?.map((i) => `${i.field}: ${i.message}`).join('; ') ?? 'invalid input',
        { issues: error.issues ?? [] },
      );
    case 'email-taken':
      return sendError(
        res,
        409,
        'email-taken',
        'An account with this email already exists: sign in instead.',
      );
    case 'bad-credentials':
      return sendError(res, 401, 'bad-credentials', 'The email or the password is wrong.');
    case 'session-expired':
      return sendError(res, 401, 'session-expired', 'Your session has expired: sign in again.');
    case 'not-signed-in':
      return sendError(res, 401, 'not-signed-in', 'Sign in to use the dashboard.');
  }
}

function limited(req: IncomingMessage, res: ServerResponse, ctx: DashboardContext): boolean {
  const take = ctx.authLimiter.take(clientAddress(req, ctx.config.trustProxy));
  if (take.ok) return false;
  sendError(
    res,
    429,
    'rate-limited',
    `Too many attempts: wait ${take.retryAfterSeconds} s and try again.`,
    { retryAfterSeconds: take.retryAfterSeconds },
    { 'retry-after': String(take.retryAfterSeconds) },
  );
  return true;
}

/** POST /api/auth/signup — creates the account and signs it in (201). */
export async function signUp(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  if (limited(req, res, ctx)) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.signUp.body);
  if (!body) return;
  const result = await ctx.accounts.signUp(body);
  if (!result.ok) return refuse(res, result.error);
  const { teacher, token, expiresAt } = result.value;
  reply(
    res,
    HTTP_ROUTES.signUp,
    201,
    { teacher, expiresAt },
    { 'set-cookie': cookie(req, ctx, token, Math.floor((expiresAt - Date.now()) / 1000)) },
  );
}

/** POST /api/auth/signin — signs in (200), or 401 bad-credentials. */
export async function signIn(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  if (limited(req, res, ctx)) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.signIn.body);
  if (!body) return;
  const result = await ctx.accounts.signIn(body);
  if (!result.ok) return refuse(res, result.error);
  const { teacher, token, expiresAt } = result.value;
  reply(
    res,
    HTTP_ROUTES.signIn,
    200,
    { teacher, expiresAt },
    { 'set-cookie': cookie(req, ctx, token, Math.floor((expiresAt - Date.now()) / 1000)) },
  );
}

/** POST /api/auth/signout — ends the session and clears the cookie (204, also when not signed in). */
export async function signOut(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  const token = sessionToken(req, ctx.config.trustProxy);
  if (token) await ctx.accounts.signOut(token);
  res.writeHead(204, { 'set-cookie': cookie(req, ctx, '', 0), 'cache-control': 'no-store' });
  res.end();
}

/** POST /api/auth/signout-everywhere — ends every session of the signed-in teacher, this one included, and clears the cookie (200 {ended}). */
export async function signOutEverywhere(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  const result = await ctx.accounts.signOutEverywhere(sessionToken(req, ctx.config.trustProxy));
  if (!result.ok) return refuse(res, result.error);
  reply(
    res,
    HTTP_ROUTES.signOutEverywhere,
    200,
    { ended: result.value.ended },
    { 'set-cookie': cookie(req, ctx, '', 0) },
  );
}

/** GET /api/auth/me — a probe the dashboard opens with: the signed-in teacher, or `teacher: null` and why (never an error, so a signed-out page load logs none). */
export async function me(req: IncomingMessage, res: ServerResponse, ctx: DashboardContext): Promise<void> {
  const result = await ctx.accounts.authenticate(sessionToken(req, ctx.config.trustProxy));
  if (result.ok)
    return reply(res, HTTP_ROUTES.me, 200, {
      teacher: result.value.teacher,
      expiresAt: result.value.expiresAt,
    });
  reply(res, HTTP_ROUTES.me, 200, { teacher: null, reason: result.error.code });
}
