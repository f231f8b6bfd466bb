// What the dashboard's HTTP routes share: the database, accounts, the report sink, the room grants,
// the settings and the rate limiters; and the check every teacher route starts with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Accounts } from '../accounts/index.ts';
import type { Teacher } from '../db/index.ts';
import type { Database } from '../db/index.ts';
import type { ServerConfig } from '../config.ts';
import type { CreationGrants } from '../rooms/directory.ts';
import type { DatabaseRoundReports } from '../reports/database-reports.ts';
import { cookieValues, isHttps, sendError } from './http-kit.ts';
import type { RateLimiter } from './rate-limit.ts';

/** The name of the HttpOnly cookie that carries a teacher's session token over plain http (a school LAN). */
export const SESSION_COOKIE = 'kc_session';

/** Its name over https: a `__Host-` cookie can only be set Secure, for this host and Path=/, so no sibling site can plant one. */
export const SECURE_SESSION_COOKIE = '__Host-kc_session';

/** The session cookie's name for this request's scheme. */
export function sessionCookieName(req: IncomingMessage, trustProxy: number): string {
  return isHttps(req, trustProxy) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * The session token the request carries, or undefined. Two cookies of the session's name mean one was
 * planted (cookie tossing: a same-site page sets one with a longer Path so it is sent first): neither is used.
 */
export function sessionToken(req: IncomingMessage, trustProxy: number): string | undefined {
  const values = cookieValues(req, sessionCookieName(req, trustProxy));
  return values.length === 1 && values[0] !== '' ? values[0] : undefined;
}

/** Everything a dashboard route may use. */
export interface DashboardContext {
  config: ServerConfig;
  db: Database;
  accounts: Accounts;
  reports: DatabaseRoundReports;
  grants: CreationGrants;
  /** The clock host passes are issued by (the rooms check them with the same one). */
  now: () => number;
  /** Sign-in and sign-up attempts per client address. */
  authLimiter: RateLimiter;
  /** Solo progress writes per client address. */
  soloLimiter: RateLimiter;
  /** Class rooms created per teacher and per client address. */
  roomLimiters: { teacher: RateLimiter; address: RateLimiter };
}

const REFUSAL_TEXT = {
  'not-signed-in': 'Sign in to use the dashboard.',
  'session-expired': 'Your session has expired: sign in again.',
} as const;

/** The signed-in teacher, or undefined after answering 401 (not signed in, or the session expired). */
export async function requireTeacher(
  ctx: DashboardContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Teacher | undefined> {
  const result = await ctx.accounts.authenticate(sessionToken(req, ctx.config.trustProxy));
  if (result.ok) return result.value.teacher;
  const code = result.error.code === 'session-expired' ? 'session-expired' : 'not-signed-in';
  sendError(res, 401, code, REFUSAL_TEXT[code]);
  return undefined;
}
