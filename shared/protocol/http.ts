// The HTTP contract: every route's method, path, request (body or query) and response as zod schemas.
// The server's handlers answer through `HttpRoute` (a body that does not conform fails to compile), the
// dashboard and the game client parse every answer with the same schema, and a test walks the server's
// registered routes and fails on one that is not declared here.
import { z } from 'zod';
import { LANGS, LIMITS, limitSchema, type Limit, type LimitName } from '../kernel/limits.ts';
import { playerIdSchema } from './join.ts';
import { LEADERBOARD_MODES } from './server-messages.ts';
import { SCORE_MODES } from '../roles/types.ts';
import { BASELINE_POLICIES } from './summary.ts';
import {
  forgotResponseSchema,
  healthResponseSchema,
  hostPassResponseSchema,
  liveRoomSchema,
  rotateKeyResponseSchema,
  signUpResponseSchema,
  soloTokenResponseSchema,
} from './http-edge.ts';

/** One route: what a request must be and what a successful answer is. */
export interface HttpRoute<
  Body extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path, with `:name` for one path segment (`/api/teacher/rounds/:id`). */
  readonly path: string;
  /** Whether a signed-in teacher's session cookie is required. */
  readonly auth: 'none' | 'teacher';
  /** The JSON body (an empty body reads as {}). */
  readonly body: Body;
  /** The query string's parameters. */
  readonly query: Query;
  /** A successful answer's JSON; `z.null()` for 204 No Content, `z.string()` for a download. */
  readonly response: Response;
}

/** The JSON body of a successful answer to this route, as the server must write it. */
export type HttpResponseOf<R extends HttpRoute> = z.input<R['response']>;
/** The answer as a client reads it, after parsing. */
export type HttpAnswerOf<R extends HttpRoute> = z.output<R['response']>;
/** The JSON body a client sends to this route. */
export type HttpBodyOf<R extends HttpRoute> = z.input<R['body']>;

const none = z.strictObject({});

function route<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(r: {
  method: HttpRoute['method'];
  path: string;
  auth: HttpRoute['auth'];
  body?: B;
  query?: Q;
  response: R;
}): HttpRoute<B, Q, R> {
  return { ...r, body: (r.body ?? none) as B, query: (r.query ?? none) as Q };
}

/** Every refusal: a stable code for programs and a sentence for people, sometimes with details. */
export const apiErrorSchema = z.looseObject({
  error: z.string(),
  message: z.string(),
  retryAfterSeconds: z.number().optional(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
/** A refusal as the clients read it. */
export type ApiErrorBody = z.output<typeof apiErrorSchema>;

const text = z.object({ ko: z.string(), en: z.string() });
/** A figure that is not defined yet (no process finished) is NaN in the kernel, null in JSON, and NaN again once read. */
const figure = z
  .number()
  .nullable()
  .transform((v) => v ?? NaN);

/** A signed-in teacher. */
export const teacherSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  createdAt: z.number(),
});

/** Which optional jobs go to students; the scheduler always does. Off means the kernel does the job itself. */
export const roleMixSchema = z.strictObject({
  interrupt: z.boolean(),
  thread: z.boolean(),
  ipc: z.boolean(),
});

/** The settings a teacher creates a room with (all optional; the scenario's own values otherwise). */
export const teacherRoomSchema = z.strictObject({
  /** A catalog scenario's id, or a scenario's JSON (checked by the kernel's validator and CLASS_SCENARIO_CAPS). */
  scenario: z.union([z.string().min(1).max(60), z.record(z.string(), z.unknown())]).optional(),
  title: z.string().trim().min(1).max(60).optional(),
  cores: limitSchema('cores').optional(),
  quantum: limitSchema('quantum').optional(),
  switchCost: limitSchema('switchCost').optional(),
  ticksPerSecond: limitSchema('speed').optional(),
  /** Seconds every student reads their role card before a round (0: none). */
  countdown: limitSchema('countdown').optional(),
  roles: roleMixSchema.optional(),
  lateJoin: z.boolean().optional(),
  leaderboard: z.union([z.boolean(), z.enum(LEADERBOARD_MODES)]).optional(),
  /** 'no-speed': the same decisions score the same however long they took (SCORE_MODES). */
  scoring: z.enum(SCORE_MODES).optional(),
  maxPlayers: z.number().int().min(1).max(200).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

/** Where students join a room and where the projector looks, as the owner hosts it. */
/** How the dashboard hosts a session's open room (declared with the key routes in http-edge.ts). */
const hostingSchema = liveRoomSchema;
/** How to host a session's room while it is open. */
export type LiveRoom = z.output<typeof hostingSchema>;

/** A session's settings as answered (the host key never leaves the server this way). */
export const sessionSettingsSchema = z
  .looseObject({ title: z.string().optional(), scenario: z.string().optional() })
  .nullable();

const sessionSchema = z.object({
  id: z.string(),
  teacherId: z.string(),
  joinCode: z.string(),
  settings: sessionSettingsSchema,
  createdAt: z.number(),
  endedAt: z.number().nullable(),
});
/** A session in the history list. */
const sessionRowSchema = sessionSchema.extend({ roundCount: z.number(), live: z.boolean() });

const roundRowSchema = z.object({
  id: z.string(),
  roundNumber: z.number(),
  scenarioId: z.string(),
  startedAt: z.number(),
  endedAt: z.number(),
  playerCount: z.number(),
});

/** One job a student held in a round (shared/protocol/summary.ts JobSpan). */
const jobSpanSchema = z.object({ slot: z.string(), crew: z.number().optional(), fromTick: z.number() });

/** One student across a session's rounds: the dashboard's roles-across-rounds table. */
const studentRolesSchema = z.object({
  playerId: z.string(),
  nickname: z.string(),
  rounds: z.array(
    z.object({
      roundNumber: z.number(),
      role: z.string(),
      crew: z.number().nullable(),
      jobs: z.array(jobSpanSchema).nullable(),
      score: z.number(),
    }),
  ),
});

/** The machine figures a report compares (the kernel's MachineMetrics; other fields pass through). */
export const reportMetricsSchema = z.looseObject({
  utilization: figure,
  throughput: figure,
  completed: z.number(),
  contextSwitches: z.number(),
  switchTicks: z.number(),
  meanInterruptLatency: figure,
  interruptsHandled: z.number(),
  averages: z.object({ response: figure, turnaround: figure, waiting: figure }),
  // the server's figures to compare (kernel comparableFigures): null where not defined yet
  comparable: z.object({
    response: z.number().nullable(),
    turnaround: z.number().nullable(),
    waiting: z.number().nullable(),
    interruptLatency: z.number().nullable(),
  }),
});

/** A stored round's report, as the dashboard's report page reads it. */
export const roundReportSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  roundNumber: z.number(),
  scenarioId: z.string(),
  startedAt: z.number(),
  endedAt: z.number(),
  metrics: z.looseObject({
    class: reportMetricsSchema,
    ticks: z.number(),
    endedBy: z.string(),
    finished: z.boolean(),
  }),
  baselines: z.array(
    z.looseObject({ policy: z.string(), finished: z.boolean(), metrics: reportMetricsSchema }),
  ),
  events: z.array(z.looseObject({ tick: z.number(), type: z.string(), text: text.optional() })),
  timeline: z.looseObject({
    ticks: z.number().optional(),
    cores: z.array(z.array(z.object({ from: z.number(), to: z.number(), label: z.string() }))).optional(),
  }),
  players: z.array(
    z.looseObject({
      playerId: z.string(),
      nickname: z.string(),
      role: z.string(),
      score: z.number(),
      actionsCount: z.number(),
      refusedCount: z.number(),
      meanLatencyMs: z.number().nullable(),
    }),
  ),
  /** The students' end-of-round predictions, judged (shared/roles/prediction.ts RoundPredictions; null: none). */
  predictions: z
    .object({
      answer: z.object({
        best: z.array(z.enum(BASELINE_POLICIES)),
        waiting: z.number().nullable(),
        bin: z.number().nullable(),
      }),
      tally: z.object({
        count: z.number(),
        policies: z.record(z.enum(BASELINE_POLICIES), z.number()),
        bins: z.array(z.number()),
      }),
      picks: z.array(
        z.object({
          seat: z.string(),
          nickname: z.string(),
          policy: z.enum(BASELINE_POLICIES).optional(),
          bin: z.number().optional(),
          policyRight: z.boolean(),
          binRight: z.boolean(),
        }),
      ),
    })
    .nullable()
    .optional(),
});
/** A stored round's report. */
export type RoundReportBody = z.output<typeof roundReportSchema>;

const soloProgressSchema = z.object({
  levelId: z.string(),
  stars: z.number(),
  bestScore: z.number(),
  /** Ticks undone in the best attempt; null when the client that stored it did not send it. */
  undos: z.number().nullable().optional(),
  updatedAt: z.number(),
});

const limitSchemaOfTable = z.object({
  min: z.number(),
  max: z.number(),
  step: z.number().positive(),
  en: z.string(),
  ko: z.string(),
});
/** The limits table as served: every declared range by name. */
export const limitsTableSchema = z.record(
  z.enum(Object.keys(LIMITS) as [LimitName, ...LimitName[]]),
  limitSchemaOfTable,
);
/** The limits table a client reads from the API (the dashboard's inputs take their min/max/step from it). */
export type ServedLimits = Record<LimitName, Limit>;

const signedInSchema = z.object({ teacher: teacherSchema, expiresAt: z.number() });

/** Every HTTP route of the server, by name. */
export const HTTP_ROUTES = {
  roomByCode: route({
    method: 'GET',
    path: '/api/rooms/by-code/:code',
    auth: 'none',
    response: z.object({ roomId: z.string(), code: z.string() }),
  }),
  scenarioIds: route({
    method: 'GET',
    path: '/api/scenarios',
    auth: 'none',
    response: z.object({ scenarios: z.array(z.string()) }),
  }),
  health: route({
    method: 'GET',
    path: '/api/health',
    auth: 'none',
    // 503 answers the same shape with ok: false, so a monitor reads why.
    response: healthResponseSchema,
  }),
  limits: route({
    method: 'GET',
    path: '/api/limits',
    auth: 'none',
    response: z.object({ limits: limitsTableSchema, langs: z.array(z.enum(LANGS)) }),
  }),
  signUp: route({
    method: 'POST',
    path: '/api/auth/signup',
    auth: 'none',
    body: z.strictObject({
      email: z.string().max(254),
      password: z.string().max(1024),
      displayName: z.string().max(80),
    }),
    // The same 202 answer for a free and a taken email (it tells no one who has an account); then sign in.
    response: signUpResponseSchema,
  }),
  signIn: route({
    method: 'POST',
    path: '/api/auth/signin',
    auth: 'none',
    body: z.strictObject({ email: z.string().max(254), password: z.string().max(1024) }),
    response: signedInSchema,
  }),
  forgotPassword: route({
    method: 'POST',
    path: '/api/auth/forgot',
    auth: 'none',
    body: z.strictObject({ email: z.string().max(254) }),
    response: forgotResponseSchema,
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/auth/reset',
    auth: 'none',
    body: z.strictObject({ token: z.string().max(100), password: z.string().max(1024) }),
    response: z.object({ teacher: teacherSchema }),
  }),
  deleteAccount: route({
    method: 'DELETE',
    path: '/api/auth/account',
    auth: 'teacher',
    body: z.strictObject({ password: z.string().max(1024) }),
    response: z.object({ deleted: z.boolean() }),
  }),
  signOut: route({ method: 'POST', path: '/api/auth/signout', auth: 'none', response: z.null() }),
  signOutEverywhere: route({
    method: 'POST',
    path: '/api/auth/signout-everywhere',
    auth: 'teacher',
    response: z.object({ ended: z.number() }),
  }),
  me: route({
    method: 'GET',
    path: '/api/auth/me',
    auth: 'none',
    response: z.union([signedInSchema, z.object({ teacher: z.null(), reason: z.string() })]),
  }),
  createRoom: route({
    method: 'POST',
    path: '/api/teacher/rooms',
    auth: 'teacher',
    body: teacherRoomSchema,
    // the host key is in this answer only (and in a rotation's): the server keeps its hash
    response: hostingSchema.extend({ sessionId: z.string(), hostKey: z.string() }),
  }),
  teacherScenarios: route({
    method: 'GET',
    path: '/api/teacher/scenarios',
    auth: 'teacher',
    response: z.object({
      scenarios: z.array(
        z.object({
          id: z.string(),
          cores: z.number(),
          quantum: z.number(),
          switchCost: z.number(),
          title: text.optional(),
          goal: text.optional(),
          question: text.optional(),
        }),
      ),
      defaults: z.object({ ticksPerSecond: z.number(), maxPlayers: z.number() }),
    }),
  }),
  sessions: route({
    method: 'GET',
    path: '/api/teacher/sessions',
    auth: 'teacher',
    response: z.object({ sessions: z.array(sessionRowSchema) }),
  }),
  session: route({
    method: 'GET',
    path: '/api/teacher/sessions/:id',
    auth: 'teacher',
    response: z.object({
      session: sessionSchema,
      rounds: z.array(roundRowSchema),
      /** Every student with their role, crew, jobs and score in each round. */
      students: z.array(studentRolesSchema),
      live: hostingSchema.nullable(),
    }),
  }),
  sessionRounds: route({
    method: 'GET',
    path: '/api/teacher/sessions/:id/rounds',
    auth: 'teacher',
    response: z.object({ rounds: z.array(roundRowSchema) }),
  }),
  sessionCsv: route({
    method: 'GET',
    path: '/api/teacher/sessions/:id/csv',
    auth: 'teacher',
    query: z.strictObject({
      lang: z.enum(LANGS).optional(),
      /** The teacher's IANA time zone (from the browser); times are written in it. */
      tz: z.string().min(1).max(64).optional(),
    }),
    response: z.string(),
  }),
  deleteSession: route({
    method: 'DELETE',
    path: '/api/teacher/sessions/:id',
    auth: 'teacher',
    // Confirmed by the session's join code as the teacher typed it.
    body: z.strictObject({ confirm: z.string().max(20) }),
    response: z.object({ deleted: z.boolean() }),
  }),
  endSession: route({
    method: 'POST',
    path: '/api/teacher/sessions/:id/end',
    auth: 'teacher',
    response: z.object({ session: sessionSchema.nullable() }),
  }),
  rotateKey: route({
    method: 'POST',
    path: '/api/teacher/sessions/:id/rotate-key',
    auth: 'teacher',
    response: rotateKeyResponseSchema,
  }),
  hostPass: route({
    method: 'POST',
    path: '/api/teacher/sessions/:id/host-pass',
    auth: 'teacher',
    response: hostPassResponseSchema,
  }),
  roundReport: route({
    method: 'GET',
    path: '/api/teacher/rounds/:id',
    auth: 'teacher',
    response: z.object({ report: roundReportSchema }),
  }),
  getSoloProgress: route({
    method: 'GET',
    path: '/api/solo/progress',
    auth: 'none',
    query: z.strictObject({ browserId: playerIdSchema }),
    response: z.object({ progress: z.array(soloProgressSchema) }),
  }),
  putSoloProgress: route({
    method: 'PUT',
    path: '/api/solo/progress',
    auth: 'none',
    body: z.strictObject({
      browserId: playerIdSchema,
      /** The signed token issued for this browser id (POST /api/solo/token). */
      token: z.string().min(1).max(100),
      levelId: z.string().min(1).max(80),
      stars: z.number().int().min(0).max(3),
      score: z.number().int().min(-1_000_000).max(1_000_000),
      /** Ticks undone in the attempt (optional: clients from before undo was stored do not send it). */
      undos: z.number().int().min(0).max(1_000_000).optional(),
    }),
    response: z.object({ progress: soloProgressSchema }),
  }),
  soloToken: route({
    method: 'POST',
    path: '/api/solo/token',
    auth: 'none',
    body: z.strictObject({ browserId: playerIdSchema }),
    response: soloTokenResponseSchema,
  }),
} as const;

/** A declared route's name. */
export type HttpRouteName = keyof typeof HTTP_ROUTES;

/** The path of a route with its `:name` segments filled in (each encoded). */
export function pathOf(r: HttpRoute, params: Record<string, string> = {}): string {
  return r.path.replace(/:([a-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** A regular expression matching the route's path, one capture per `:name` segment. */
export function pathPattern(r: HttpRoute): RegExp {
  return new RegExp(`^${r.path.replace(/:[a-z]+/g, '([^/]+)')}$`);
}

/** The body of POST /api/teacher/rooms. */
export type TeacherRoomRequest = z.input<typeof teacherRoomSchema>;
/** The answer of POST /api/teacher/rooms. */
export type TeacherRoomResponse = HttpAnswerOf<typeof HTTP_ROUTES.createRoom>;
