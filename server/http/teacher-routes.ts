// The teachers' dashboard API: create a room with the lesson's settings, list my sessions, a session's
// rounds, a round's report and the CSV of a session, and close a room. Every route needs a signed-in
// teacher and answers 404 for anything that is not theirs (never telling whether it exists).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchMaker } from '@colyseus/core';
import type { z } from 'zod';
import {
  HTTP_ROUTES,
  roundReportSchema,
  sessionSettingsSchema,
  type TeacherRoomResponse,
} from '../../shared/protocol/http.ts';
import { comparableFigures } from '../../shared/kernel/metrics.ts';
import { joinPath, projectorPath } from '../../shared/protocol/links.ts';
import { joinOriginFor } from './lan-address.ts';
import {
  HOST_PASS_SECONDS,
  ROOM_NAMES,
  freshHostKey,
  freshHostPass,
  freshJoinCode,
  storedKeysOf,
  type ClassRoomCreateOptions,
} from '../rooms/directory.ts';
import { keyHash } from '../game/key-hash.ts';
import { resolveScenario, scenarioEntry, scenarioIds } from '../scenarios/catalog.ts';
import { scenarioCapProblem } from '../scenarios/caps.ts';
import { requireTeacher, type DashboardContext } from './dashboard-context.ts';
import { bodyOf, clientAddress, reply, sendError, validate } from './http-kit.ts';
import { knownTimeZone } from '../db/session-csv.ts';
import type { HostPassResponse, RotateKeyResponse } from '../../shared/protocol/http-edge.ts';

/** The room-creation contract lives with every other route's, in shared/protocol/http.ts. */
export {
  teacherRoomSchema,
  type TeacherRoomRequest,
  type TeacherRoomResponse,
} from '../../shared/protocol/http.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Session settings as answered: without the room's keys (the host key's hash, the viewer key, a legacy plain host key). */
function withoutHostKey(settings: unknown): z.output<typeof sessionSettingsSchema> {
  if (typeof settings !== 'object' || settings === null) return null;
  const { hostKey: _, hostKeyHash: _h, viewerKey: _v, ...rest } = settings as Record<string, unknown>;
  const checked = sessionSettingsSchema.safeParse(rest);
  return checked.success ? checked.data : null;
}

function notFound(res: ServerResponse, what: string): void {
  sendError(res, 404, 'not-found', `No ${what} of yours has this id.`);
}

/** The signed-in teacher and their session `id`; answers 401 or 404 itself and gives undefined then. */
async function ownSession(req: IncomingMessage, res: ServerResponse, ctx: DashboardContext, id: string) {
  const teacher = await requireTeacher(ctx, req, res);
  if (!teacher) return undefined;
  const session = ID.test(id) ? await ctx.db.classSessions.get(id, teacher.id) : undefined;
  if (!session) return notFound(res, 'session');
  return { teacher, session };
}

/** POST /api/teacher/rooms — the one way a class room comes to exist: opens it and its class session for the signed-in teacher (201). */
export async function createTeacherRoom(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  const teacher = await requireTeacher(ctx, req, res);
  if (!teacher) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.createRoom.body);
  if (!body) return;
  const scenario = resolveScenario(body.scenario);
  if (!scenario.ok) return sendError(res, 400, 'bad-scenario', scenario.error);
  const tooBig = scenarioCapProblem(scenario.scenario, ctx.config.roundTickLimit);
  if (tooBig) return sendError(res, 400, 'scenario-too-large', `${tooBig}.`);
  const address = clientAddress(req, ctx.config.trustProxy);
  for (const [limiter, key, who] of [
    [ctx.roomLimiters.teacher, teacher.id, 'you'],
    [ctx.roomLimiters.address, address, 'this address'],
  ] as const) {
    const take = limiter.take(key);
    if (!take.ok) {
      return sendError(
        res,
        429,
        'rate-limited',
        `Too many rooms created by ${who}: wait ${take.retryAfterSeconds} s and try again.`,
        { retryAfterSeconds: take.retryAfterSeconds },
        { 'retry-after': String(take.retryAfterSeconds) },
      );
    }
  }
  if ((body.maxPlayers ?? 0) > ctx.config.maxPlayers)
    return sendError(res, 400, 'malformed', `maxPlayers: at most ${ctx.config.maxPlayers}`);
  const code = await freshJoinCode();
  // The host key exists on the server only until this answer is sent: the room, the session row and
  // the snapshots keep its hash and the viewer key; the dashboard hosts with host passes.
  const hostKey = freshHostKey();
  const keys = storedKeysOf(hostKey);
  const settings = {
    scenario: scenario.name,
    title: body.title ?? scenario.name,
    cores: body.cores ?? scenario.scenario.cores,
    quantum: body.quantum ?? scenario.scenario.quantum,
    switchCost: body.switchCost ?? scenario.scenario.switchCost,
    ticksPerSecond: body.ticksPerSecond ?? ctx.config.ticksPerSecond,
    roles: body.roles ?? { interrupt: true, thread: true, ipc: true },
    lateJoin: body.lateJoin ?? true,
    leaderboard: body.leaderboard ?? true,
    scoring: body.scoring ?? 'standard',
    maxPlayers: Math.min(body.maxPlayers ?? ctx.config.maxPlayers, ctx.config.maxPlayers),
  };
  const options: ClassRoomCreateOptions = {
    ticket: ctx.grants.issue(),
    code,
    ...keys,
    scenario: body.scenario ?? scenario.name,
    title: settings.title,
    ticksPerSecond: settings.ticksPerSecond,
    maxPlayers: settings.maxPlayers,
    seed: body.seed,
    tuning: { cores: body.cores, quantum: body.quantum, switchCost: body.switchCost, roles: body.roles },
    lateJoin: settings.lateJoin,
    leaderboard: settings.leaderboard,
    scoring: settings.scoring,
    countdown: body.countdown,
  };
  // The session row first (the host key's hash and the viewer key kept with it), so the room carries its session from birth.
  const sessionId = (
    await ctx.db.classSessions.create({
      teacherId: teacher.id,
      joinCode: code,
      settings: { ...settings, ...keys },
    })
  ).id;
  let room: { roomId: string };
  try {
    room = await matchMaker.createRoom(ROOM_NAMES.class, {
      ...options,
      session: { id: sessionId, teacherId: teacher.id },
    });
  } catch (error) {
    await ctx.db.classSessions.end(sessionId, teacher.id);
    throw error;
  }
  const answer: TeacherRoomResponse = {
    sessionId,
    roomId: room.roomId,
    code,
    hostKey,
    joinPath: joinPath(code),
    projectorPath: projectorPath(room.roomId, keys.viewerKey),
    ...joinOriginFor(req, ctx.config.host),
  };
  reply(res, HTTP_ROUTES.createRoom, 201, answer);
}

/** GET /api/teacher/sessions — my sessions, newest first, with whether each room is still open. */
export async function listSessions(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  const teacher = await requireTeacher(ctx, req, res);
  if (!teacher) return;
  const [sessions, live] = await Promise.all([
    ctx.db.classSessions.listForTeacher(teacher.id),
    ctx.reports.liveSessionIds(),
  ]);
  reply(res, HTTP_ROUTES.sessions, 200, {
    sessions: sessions.map((s) => ({ ...s, settings: withoutHostKey(s.settings), live: live.has(s.id) })),
  });
}

/** GET /api/teacher/sessions/:id — one session, its rounds and, while its room is open, its code and projector link (hosting it takes a host pass). */
export async function getSession(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
): Promise<void> {
  const owned = await ownSession(req, res, ctx, id);
  if (!owned) return;
  const { teacher, session } = owned;
  const [rounds, students] = await Promise.all([
    ctx.db.rounds.listForSession(id, teacher.id),
    ctx.db.rounds.rolesForSession(id, teacher.id),
  ]);
  const room = await ctx.reports.liveRoom(id, teacher.id);
  const live = room
    ? {
        roomId: room.roomId,
        code: room.code,
        joinPath: joinPath(room.code),
        projectorPath: projectorPath(room.roomId, room.viewerKey),
        ...joinOriginFor(req, ctx.config.host),
      }
    : null;
  reply(res, HTTP_ROUTES.session, 200, {
    session: { ...session, settings: withoutHostKey(session.settings) },
    rounds,
    students,
    live,
  });
}

/** GET /api/teacher/sessions/:id/rounds — the session's stored rounds in order. */
export async function listRounds(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
): Promise<void> {
  const owned = await ownSession(req, res, ctx, id);
  if (!owned) return;
  const { teacher } = owned;
  reply(res, HTTP_ROUTES.sessionRounds, 200, { rounds: await ctx.db.rounds.listForSession(id, teacher.id) });
}

/** GET /api/teacher/sessions/:id/csv — one row per student per round, as a download. */
export async function sessionCsv(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
  url: URL,
): Promise<void> {
  const teacher = await requireTeacher(ctx, req, res);
  if (!teacher) return;
  const query = validate(HTTP_ROUTES.sessionCsv.query, Object.fromEntries(url.searchParams));
  if (!query.ok) return sendError(res, 400, 'malformed', query.message, { issues: query.issues });
  const { lang, tz } = query.data;
  if (tz !== undefined && !knownTimeZone(tz))
    return sendError(res, 400, 'malformed', `tz: no time zone is called ${tz}`);
  const csv = ID.test(id) ? await ctx.db.csvForSession(id, teacher.id, { lang, timeZone: tz }) : undefined;
  if (csv === undefined) return notFound(res, 'session');
  const session = await ctx.db.classSessions.get(id, teacher.id);
  const day = new Date(session?.createdAt ?? Date.now()).toISOString().slice(0, 10);
  const name = `kernel-crew-${session?.joinCode ?? 'session'}-${day}.csv`;
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(csv),
    'x-content-type-options': 'nosniff',
  });
  res.end(csv);
}

/** GET /api/teacher/rounds/:id — a round's full report (Gantt timeline, metrics, baselines, players). */
export async function roundReport(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
): Promise<void> {
  const teacher = await requireTeacher(ctx, req, res);
  if (!teacher) return;
  const report = ID.test(id) ? await ctx.db.rounds.getReport(id, teacher.id) : undefined;
  if (!report) return notFound(res, 'round');
  // The stored JSON parts are checked against the declared report before they are answered.
  const checked = roundReportSchema.safeParse(withComparableFigures(report));
  if (!checked.success) {
    console.error(`[dashboard api] round ${id} does not match the report schema`, checked.error.issues[0]);
    return sendError(res, 500, 'server-error', 'this round report could not be read');
  }
  reply(res, HTTP_ROUTES.roundReport, 200, { report: checked.data });
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** A stored machine's figures with the comparable ones, which reports stored before metrics carried them lack (the kernel's rule, applied here once). */
function comparableOf(m: unknown): unknown {
  if (!isObject(m) || 'comparable' in m) return m;
  return { ...m, comparable: comparableFigures(m as Parameters<typeof comparableFigures>[0]) };
}

function withComparableFigures<R extends { metrics: unknown; baselines: unknown }>(report: R): R {
  return {
    ...report,
    metrics: isObject(report.metrics)
      ? { ...report.metrics, class: comparableOf(report.metrics.class) }
      : report.metrics,
    baselines: Array.isArray(report.baselines)
      ? report.baselines.map((b: unknown) => (isObject(b) ? { ...b, metrics: comparableOf(b.metrics) } : b))
      : report.baselines,
  };
}

/** POST /api/teacher/sessions/:id/end — closes the session's room (students are disconnected) and ends the session. */
export async function endSession(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
): Promise<void> {
  const owned = await ownSession(req, res, ctx, id);
  if (!owned) return;
  const { teacher } = owned;
  const room = await ctx.reports.liveRoom(id, teacher.id);
  if (room) await matchMaker.remoteRoomCall(room.roomId, 'closeForGood').catch(() => undefined);
  await ctx.db.classSessions.end(id, teacher.id);
  const ended = await ctx.db.classSessions.get(id, teacher.id);
  reply(res, HTTP_ROUTES.endSession, 200, {
    session: ended ? { ...ended, settings: withoutHostKey(ended.settings) } : null,
  });
}

/** POST /api/teacher/sessions/:id/rotate-key — a new host key for the session's open room: the old one and its projector link stop working at once (200 {live}). */
export async function rotateHostKey(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
): Promise<void> {
  const owned = await ownSession(req, res, ctx, id);
  if (!owned) return;
  const { teacher } = owned;
  const room = await ctx.reports.liveRoom(id, teacher.id);
  if (!room)
    return sendError(res, 409, 'not-live', 'This session has no open room: there is no key to change.');
  const hostKey = freshHostKey();
  const keys = storedKeysOf(hostKey);
  // The room first (on whichever process hosts it): from this moment the old keys and passes open nothing.
  const closedSeats = Number(
    await matchMaker.remoteRoomCall(room.roomId, 'rotateHostKey', [keys.hostKeyHash, keys.viewerKey]),
  );
  await ctx.db.classSessions.updateSettings(id, teacher.id, { ...keys, hostKey: undefined });
  const answer: RotateKeyResponse = {
    live: {
      roomId: room.roomId,
      code: room.code,
      hostKey, // this once: the server keeps only its hash
      joinPath: joinPath(room.code),
      projectorPath: projectorPath(room.roomId, keys.viewerKey),
      ...joinOriginFor(req, ctx.config.host),
    },
    closedSeats,
  };
  reply(res, HTTP_ROUTES.rotateKey, 200, answer);
}

/**
 * POST /api/teacher/sessions/:id/host-pass — a one-time pass that joins the session's open room as its
 * host (`{hostPass}`), within HOST_PASS_SECONDS: how the dashboard hosts on any device by the teacher's
 * sign-in, with no host key kept anywhere. The room (on whichever process hosts it) and its reservation
 * gate keep only the pass's hash (200 {roomId, hostPass, expiresAt}; 409 not-live when the room is closed).
 */
export async function issueHostPass(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
): Promise<void> {
  const owned = await ownSession(req, res, ctx, id);
  if (!owned) return;
  const room = await ctx.reports.liveRoom(id, owned.teacher.id);
  if (!room) return sendError(res, 409, 'not-live', 'This session has no open room to host.');
  const hostPass = freshHostPass();
  const expiresAt = ctx.now() + HOST_PASS_SECONDS * 1000;
  await matchMaker.remoteRoomCall(room.roomId, 'addHostPass', [keyHash(hostPass), expiresAt]);
  const answer: HostPassResponse = { roomId: room.roomId, hostPass, expiresAt };
  reply(res, HTTP_ROUTES.hostPass, 200, answer);
}

/** DELETE /api/teacher/sessions/:id {confirm: the session's join code} — closes its room if open and deletes the session, its rounds and every student's row in them (200 {deleted}). */
export async function deleteSession(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  id: string,
): Promise<void> {
  const teacher = await requireTeacher(ctx, req, res);
  if (!teacher) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.deleteSession.body);
  if (!body) return;
  const session = ID.test(id) ? await ctx.db.classSessions.get(id, teacher.id) : undefined;
  if (!session) return notFound(res, 'session');
  if (body.confirm.trim().toUpperCase() !== session.joinCode)
    return sendError(res, 400, 'confirm', "Type the session's join code to confirm the deletion.");
  const room = await ctx.reports.liveRoom(id, teacher.id);
  if (room) await matchMaker.remoteRoomCall(room.roomId, 'closeForGood').catch(() => undefined);
  await ctx.db.reportOutbox.removeSession(id);
  const deleted = await ctx.db.classSessions.remove(id, teacher.id);
  reply(res, HTTP_ROUTES.deleteSession, 200, { deleted });
}

/** GET /api/teacher/scenarios — the scenarios a room can be created with, with their machine defaults. */
export async function listScenarios(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  const teacher = await requireTeacher(ctx, req, res);
  if (!teacher) return;
  const scenarios = scenarioIds().flatMap((id) => {
    const r = resolveScenario(id);
    const entry = scenarioEntry(id);
    return r.ok
      ? [
          {
            id,
            cores: r.scenario.cores,
            quantum: r.scenario.quantum,
            switchCost: r.scenario.switchCost,
            title: entry?.title,
            goal: entry?.goal,
            question: entry?.question,
          },
        ]
      : [];
  });
  reply(res, HTTP_ROUTES.teacherScenarios, 200, {
    scenarios,
    defaults: { ticksPerSecond: ctx.config.ticksPerSecond, maxPlayers: ctx.config.maxPlayers },
  });
}
