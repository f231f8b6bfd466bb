// Teachers' accounts over HTTP: sign up, sign in, sign out and "who am I". The session token lives
// only in an HttpOnly, SameSite=Strict cookie (Secure over https); sign-in and sign-up are rate-limited.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchMaker } from '@colyseus/core';
import type { AccountError } from '../accounts/index.ts';
import {
  SESSION_COOKIE,
  sessionCookieName,
  sessionToken,
  type DashboardContext,
} from './dashboard-context.ts';
import { HTTP_ROUTES } from '../../shared/protocol/http.ts';
import { bodyOf, clientAddress, isHttps, reply, sendError } from './http-kit.ts';
import { RESET_TTL_MINUTES } from '../accounts/index.ts';
import { FORGOT_ANSWER, SIGN_UP_ANSWER, resetPath } from '../../shared/protocol/http-edge.ts';

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

/**
 * POST /api/auth/signup — creates the account if the email is free, and answers the same either way
 * (202, the same body, the same password-hashing work): whether an email has an account is not told.
 * The browser signs in next with the same email and password (the dashboard does so by itself).
 */
export async function signUp(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  if (limited(req, res, ctx)) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.signUp.body);
  if (!body) return;
  const result = await ctx.accounts.register(body);
  if (!result.ok) return refuse(res, result.error);
  reply(res, HTTP_ROUTES.signUp, 202, { status: 'sign-in', message: SIGN_UP_ANSWER });
}

/** POST /api/auth/forgot {email} — always 202 and the same answer; for a registered email the one-time reset link is written to the server's console (no mail is configured). */
export async function forgotPassword(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  if (limited(req, res, ctx)) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.forgotPassword.body);
  if (!body) return;
  const reset = await ctx.accounts.requestReset(body.email);
  if (reset)
    console.log(
      `[accounts] password reset link for ${reset.teacher.email} (valid ${RESET_TTL_MINUTES} min): ${resetLink(req, ctx, reset.token)}`,
    );
  reply(res, HTTP_ROUTES.forgotPassword, 202, { status: 'sent', message: FORGOT_ANSWER });
}

/** POST /api/auth/reset {token, password} — sets the new password with a one-time link's token and ends every session of that account (200), or 400 bad-reset-link. */
export async function resetPassword(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  if (limited(req, res, ctx)) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.resetPassword.body);
  if (!body) return;
  const result = await ctx.accounts.resetPassword(body);
  if (!result.ok) {
    if (result.error.code === 'invalid-input') return refuse(res, result.error);
    return sendError(
      res,
      400,
      'bad-reset-link',
      'This reset link is unknown, used or expired: ask for a new one.',
    );
  }
  reply(res, HTTP_ROUTES.resetPassword, 200, { teacher: result.value.teacher });
}

/** The dashboard address that opens the reset form for a token (the token rides in the fragment, never in a server log). */
export function resetLink(req: IncomingMessage, ctx: DashboardContext, token: string): string {
  const scheme = isHttps(req, ctx.config.trustProxy) ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}${resetPath(token)}`;
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

/** DELETE /api/auth/account {password} — confirmed by the password: closes the teacher's open rooms and deletes the account with every session, report and sign-in (200 {deleted}). */
export async function deleteAccount(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  if (limited(req, res, ctx)) return;
  const who = await ctx.accounts.authenticate(sessionToken(req, ctx.config.trustProxy));
  if (!who.ok) return refuse(res, who.error);
  const body = await bodyOf(req, res, HTTP_ROUTES.deleteAccount.body);
  if (!body) return;
  const teacher = who.value.teacher;
  const check = await ctx.accounts.signIn({ email: teacher.email, password: body.password });
  if (!check.ok) return sendError(res, 403, 'confirm', 'The password is wrong: the account was not deleted.');
  const sessions = await ctx.db.classSessions.listForTeacher(teacher.id);
  const live = await ctx.reports.liveSessionIds();
  for (const s of sessions) {
    if (live.has(s.id)) {
      const room = await ctx.reports.liveRoom(s.id, teacher.id);
      if (room) await matchMaker.remoteRoomCall(room.roomId, 'closeForGood').catch(() => undefined);
    }
    await ctx.db.reportOutbox.removeSession(s.id);
  }
  const deleted = await ctx.db.teachers.remove(teacher.id);
  reply(res, HTTP_ROUTES.deleteAccount, 200, { deleted }, { 'set-cookie': cookie(req, ctx, '', 0) });
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
