// Routes the dashboard's API (/api/auth/*, /api/teacher/*, /api/solo/*) to their handlers; anything
// else goes on to the rooms API. State-changing requests from another site are refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_ROUTES, pathPattern, type HttpRoute } from '../../shared/protocol/http.ts';
import type { Handler } from './api.ts';
import {
  deleteAccount,
  forgotPassword,
  me,
  resetPassword,
  signIn,
  signOut,
  signOutEverywhere,
  signUp,
} from './auth-routes.ts';
import type { DashboardContext } from './dashboard-context.ts';
import { sameOrigin, sendError } from './http-kit.ts';
import { claimSoloToken, getSoloProgress, putSoloProgress } from './solo-routes.ts';
import {
  createTeacherRoom,
  deleteSession,
  endSession,
  getSession,
  issueHostPass,
  listRounds,
  listScenarios,
  listSessions,
  rotateHostKey,
  roundReport,
  sessionCsv,
} from './teacher-routes.ts';

type Route = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  url: URL,
  id: string,
) => Promise<void>;

const R = HTTP_ROUTES;

/** The dashboard's routes: each one a declared route of shared/protocol/http.ts and its handler. */
export const DASHBOARD_ROUTES: [declared: HttpRoute, route: Route][] = [
  [R.signUp, (q, s, c) => signUp(q, s, c)],
  [R.signIn, (q, s, c) => signIn(q, s, c)],
  [R.forgotPassword, (q, s, c) => forgotPassword(q, s, c)],
  [R.resetPassword, (q, s, c) => resetPassword(q, s, c)],
  [R.signOut, (q, s, c) => signOut(q, s, c)],
  [R.signOutEverywhere, (q, s, c) => signOutEverywhere(q, s, c)],
  [R.me, (q, s, c) => me(q, s, c)],
  [R.deleteAccount, (q, s, c) => deleteAccount(q, s, c)],
  [R.createRoom, (q, s, c) => createTeacherRoom(q, s, c)],
  [R.teacherScenarios, (q, s, c) => listScenarios(q, s, c)],
  [R.sessions, (q, s, c) => listSessions(q, s, c)],
  [R.session, (q, s, c, _u, id) => getSession(q, s, c, id)],
  [R.deleteSession, (q, s, c, _u, id) => deleteSession(q, s, c, id)],
  [R.sessionRounds, (q, s, c, _u, id) => listRounds(q, s, c, id)],
  [R.sessionCsv, (q, s, c, u, id) => sessionCsv(q, s, c, id, u)],
  [R.endSession, (q, s, c, _u, id) => endSession(q, s, c, id)],
  [R.rotateKey, (q, s, c, _u, id) => rotateHostKey(q, s, c, id)],
  [R.hostPass, (q, s, c, _u, id) => issueHostPass(q, s, c, id)],
  [R.roundReport, (q, s, c, _u, id) => roundReport(q, s, c, id)],
  [R.getSoloProgress, (q, s, c, u) => getSoloProgress(q, s, c, u)],
  [R.putSoloProgress, (q, s, c) => putSoloProgress(q, s, c)],
  [R.soloToken, (q, s, c) => claimSoloToken(q, s, c)],
];

const ROUTES: [method: string, pattern: RegExp, route: Route][] = DASHBOARD_ROUTES.map(([d, route]) => [
  d.method,
  pathPattern(d),
  route,
]);

const PREFIX = /^\/api\/(auth|teacher|solo)\//;

/** Builds the dashboard handler; requests outside its prefixes go to `next`. */
export function dashboardApi(ctx: DashboardContext): Handler {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!PREFIX.test(url.pathname)) return next();
    const method = req.method ?? 'GET';
    const matches = ROUTES.filter(([, pattern]) => pattern.test(url.pathname));
    const found = matches.find(([m]) => m === method);
    if (!found) {
      if (matches.length > 0)
        return sendError(
          res,
          405,
          'method-not-allowed',
          `${method} is not allowed on ${url.pathname}`,
          {},
          { allow: matches.map(([m]) => m).join(', ') },
        );
      return sendError(res, 404, 'not-found', `no API route ${method} ${url.pathname}`);
    }
    if (method !== 'GET' && !sameOrigin(req))
      return sendError(res, 403, 'cross-site', 'requests from another site are refused');
    const [, pattern, route] = found;
    let id = '';
    try {
      id = decodeURIComponent(pattern.exec(url.pathname)?.[1] ?? '');
    } catch {
      /* an undecodable id matches nothing */
    }
    route(req, res, ctx, url, id).catch((error: unknown) => {
      console.error('[dashboard api]', error);
      if (!res.headersSent) sendError(res, 500, 'server-error', 'the server could not do this');
    });
  };
}
