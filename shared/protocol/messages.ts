// THE message table: every message a client may send, its payload validator, who may send it and
// what it becomes (a kernel action, a host command or a session change). Its kernel moves come from
// the ACTIONS table (actions.ts); the room registers this table and nothing else, so no rule is
// written twice and no message skips validation.
import { z } from 'zod';
import { GRACE_FACTORS, LANGS, LIMITS, limitSchema, type Lang } from '../kernel/limits.ts';
import type { KernelAction } from '../kernel/types.ts';
import type { LiveEvent } from '../kernel/live-events.ts';
import type { Role } from '../roles/types.ts';
import {
  ACTIONS,
  type MoveDoc,
  WIRE_MOVE_TYPES,
  type MovePayloads,
  type Refusal,
  type Sender,
  type WireMove,
  type WireMoveType,
} from './actions.ts';
import type { EdgeErrorCode } from './errors.ts';
import { BASELINE_POLICIES } from './summary.ts';
import { WAIT_BINS, type PredictionPick } from '../roles/prediction.ts';

/** The two languages of the game (declared in limits.ts). */
export type { Lang } from '../kernel/limits.ts';
/** Who sent a message (declared with the moves table). */
export type { Sender } from './actions.ts';

/** Changes to a player's own session that touch neither the machine nor the room. */
export type SessionCommand = { type: 'language'; lang: Lang };

/** Fastest and slowest clock a host may set, in kernel ticks per second (the `speed` limit). */
export const SPEED_MIN = limitSchema('speed').minValue!;
export const SPEED_MAX = limitSchema('speed').maxValue!;

const id = z.number().int().min(0).max(1_000_000);
const empty = z.union([z.strictObject({}), z.undefined(), z.null()]);
const seatId = z.string().min(1).max(32);

/** The ways a room is played (server/game/modes.ts says what else each decides). */
export const MODE_NAMES = ['class', 'solo'] as const;
/** A room's mode. */
export type ModeName = (typeof MODE_NAMES)[number];

interface HostEntry<S extends z.ZodType, T extends string, F extends object> {
  kind: 'host';
  /** The command's type (what the room's game switches on). */
  command: T;
  /** The modes whose rooms accept it; any other refuses it (`bad-state`). */
  modes: readonly ModeName[];
  schema: S;
  toCommand: (payload: z.output<S>) => { type: T } & F;
  doc: Omit<MoveDoc, 'who'>;
}
interface SessionEntry<S extends z.ZodType> {
  kind: 'session';
  schema: S;
  toCommand: (payload: z.output<S>) => SessionCommand;
  doc: Omit<MoveDoc, 'who'>;
}

const BOTH = MODE_NAMES;
const range = (name: keyof typeof LIMITS): string => `${LIMITS[name].min}–${LIMITS[name].max}`;
const host = <const T extends string, S extends z.ZodType, const F extends object>(
  command: T,
  modes: readonly ModeName[],
  schema: S,
  fields: (p: z.output<S>) => F,
  doc: Omit<MoveDoc, 'who'>,
): HostEntry<S, T, F> => ({
  kind: 'host',
  command,
  modes,
  schema,
  toCommand: (p) => ({ type: command, ...fields(p) }),
  doc,
});
interface PredictEntry<S extends z.ZodType> {
  kind: 'predict';
  schema: S;
  toPick: (payload: z.output<S>) => PredictionPick;
  doc: Omit<MoveDoc, 'who'>;
}
const predictEntry = <S extends z.ZodType>(
  schema: S,
  toPick: (p: z.output<S>) => PredictionPick,
  doc: Omit<MoveDoc, 'who'>,
): PredictEntry<S> => ({ kind: 'predict', schema, toPick, doc });
const session = <S extends z.ZodType>(
  schema: S,
  toCommand: (p: z.output<S>) => SessionCommand,
  doc: Omit<MoveDoc, 'who'>,
): SessionEntry<S> => ({ kind: 'session', schema, toCommand, doc });

const REFUSAL_TEXT: Partial<Record<EdgeErrorCode, string>> = {
  'not-your-core': 'that core belongs to another scheduler',
  'not-your-channel': 'you do not carry a channel',
  'no-thread-yet': 'your thread has not arrived yet',
};

/** The host's commands and the session's, keyed by message type: each one's modes, payload, command and row in docs. */
const COMMANDS = {
  // host: running the room
  'host:start': host('start', BOTH, empty, () => ({}), {
    payload: 'none',
    becomes:
      'lobby → the role-card countdown (`countdown` seconds, LIMITS.countdown, room setting `countdown`, default `ROUND_COUNTDOWN_SECONDS`) → running; during the countdown a second `host:start` starts at once (solo rooms and a countdown of 0 start at once)',
  }),
  'host:pause': host('pause', BOTH, empty, () => ({}), { payload: 'none', becomes: 'running → paused' }),
  'host:resume': host('resume', BOTH, empty, () => ({}), { payload: 'none', becomes: 'paused → running' }),
  'host:end-round': host('end-round', BOTH, empty, () => ({}), {
    payload: 'none',
    becomes: 'ends the round now, sends `summary`',
  }),
  'host:restart': host('restart', BOTH, empty, () => ({}), {
    payload: 'none',
    becomes: 'next round: fresh machine (same scenario and seed), roles rotated, lobby',
  }),
  'host:speed': host(
    'speed',
    BOTH,
    z.strictObject({ ticksPerSecond: limitSchema('speed') }),
    (p) => ({ ticksPerSecond: p.ticksPerSecond }),
    { payload: '`{ticksPerSecond}` (range `speed`, [LIMITS.md](LIMITS.md))', becomes: 'clock speed' },
  ),
  'host:kick': host('kick', BOTH, z.strictObject({ player: seatId }), (p) => ({ player: p.player }), {
    payload: '`{player: seatId}`',
    becomes: 'disconnects (4606) and bans that player id',
  }),
  'host:lock': host('lock', BOTH, z.strictObject({ locked: z.boolean() }), (p) => ({ locked: p.locked }), {
    payload: '`{locked: boolean}`',
    becomes: 'refuse newcomers',
  }),
  'host:late-join': host(
    'late-join',
    BOTH,
    z.strictObject({ allowed: z.boolean() }),
    (p) => ({ allowed: p.allowed }),
    { payload: '`{allowed: boolean}`', becomes: 'allow joining after the round started' },
  ),
  'host:assign': host(
    'assign',
    ['class'],
    z.strictObject({ player: seatId, slot: z.string().min(1).max(80) }),
    (p) => ({ player: p.player, slot: p.slot }),
    {
      payload: '`{player: seatId, slot: slotKey or "spectator"}`',
      becomes: 'in the lobby an override (latest wins); mid-round a swap with the holder',
    },
  ),
  'host:rename': host(
    'rename',
    BOTH,
    z.strictObject({ player: seatId, nickname: z.string().min(1).max(64) }),
    (p) => ({ player: p.player, nickname: p.nickname }),
    {
      payload: '`{player: seatId, nickname}`',
      becomes: 'renames a student (same nickname rules; `bad-nickname` when refused)',
    },
  ),
  'host:rotate': host('rotate', ['class'], empty, () => ({}), {
    payload: 'none',
    becomes: 'inside each crew, every job moves to the next player in join order (in the lobby as overrides)',
  }),
  // host: crews (students per crew, moving a student to another crew) and the grace time before a bot moves
  'host:crew-size': host(
    'crew-size',
    ['class'],
    z.strictObject({ size: limitSchema('crewSize') }),
    (p) => ({ size: p.size }),
    {
      payload: '`{size}` (LIMITS.crewSize)',
      becomes: 'students per crew; the lobby splits again at once, a running round at the next one',
    },
  ),
  'host:move-crew': host(
    'move-crew',
    ['class'],
    z.strictObject({ player: seatId, crew: z.number().int().min(1).max(60) }),
    (p) => ({ player: p.player, crew: p.crew }),
    {
      payload: '`{player, crew}`',
      becomes:
        'moves a student to crew `crew` (1-based; one past the last opens a crew in the lobby); mid-round they take a free job there. `no-such-crew` otherwise',
    },
  ),
  'host:grace': host(
    'grace',
    ['class'],
    z.strictObject({ seconds: limitSchema('graceSeconds') }),
    (p) => ({ seconds: p.seconds }),
    {
      payload: '`{seconds}` (LIMITS.graceSeconds)',
      becomes:
        'the grace time before a "your turn" prompt (at half) and a bot\'s move (at all of it); 0 turns it off',
    },
  ),
  'host:extra-time': host(
    'extra-time',
    ['class'],
    z.strictObject({ player: seatId, factor: z.literal(GRACE_FACTORS) }),
    (p) => ({ player: p.player, factor: p.factor }),
    {
      payload: `\`{player: seatId, factor: ${GRACE_FACTORS.join('|')}}\` (GRACE_FACTORS)`,
      becomes:
        "one student's extra time: their job's prompt comes at half of `graceSeconds` × `factor`, the bot's move at all of it; kept with the seat (reconnection, recovery); `no-such-player` otherwise",
    },
  ),
  // host: a live event on the machine (an I/O storm, a fork bomb, a crashing process), as kernel actions
  'host:event': host(
    'live-event',
    BOTH,
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('io-storm'), size: limitSchema('ioStormSize').optional() }),
      z.strictObject({ kind: z.literal('fork-bomb'), depth: limitSchema('forkBombDepth').optional() }),
      z.strictObject({ kind: z.literal('crash'), pid: id.optional() }),
    ]),
    (p): { event: LiveEvent } => ({ event: p }),
    {
      payload: `\`{kind: "io-storm", size?: ${range('ioStormSize')}}\` / \`{kind: "fork-bomb", depth?: ${range('forkBombDepth')}}\` / \`{kind: "crash", pid?}\``,
      becomes: 'live event as kernel actions (logged, replayed in the baselines)',
    },
  ),
  // host (class): the end-of-round prediction's length, and its reveal
  'host:predict-time': host(
    'predict-time',
    ['class'],
    z.strictObject({ seconds: z.union([limitSchema('predictSeconds'), z.literal('until-reveal')]) }),
    (p) => ({ seconds: p.seconds }),
    {
      payload: '`{seconds: number (LIMITS.predictSeconds) | "until-reveal"}`',
      becomes:
        "from the next round's end: students predict for `seconds` (or until `host:reveal`) before the comparison; 0 turns predictions off (the default)",
    },
  ),
  'host:reveal': host('reveal', ['class'], empty, () => ({}), {
    payload: 'none',
    becomes:
      'ends the prediction now: every client gets `prediction` (revealed: tally and answer), then `summary`; `bad-state` when no prediction is open',
  }),
  // solo player (the solo room's host): play the level again at once; switch to another of its jobs
  'solo:retry': host('retry', ['solo'], empty, () => ({}), {
    payload: 'none',
    becomes:
      'the same scenario (or level) again from tick 0, paused until the player resumes or steps (`round` + 1)',
  }),
  // solo player, while paused: advance exactly one tick; take back the last tick (the level replays without it)
  'solo:step': host('step', ['solo'], empty, () => ({}), {
    payload: 'none',
    becomes: 'while paused: exactly one tick (bots included); `bad-state` when not paused',
  }),
  'solo:undo': host('undo', ['solo'], empty, () => ({}), {
    payload: 'none',
    becomes:
      'while paused, in a level: the last tick taken back (the level replayed without it), followed by an `events` replay that rewinds the feed; `bad-state` when there is nothing to undo',
  }),
  'solo:job': host(
    'take-job',
    ['solo'],
    z.strictObject({ slot: z.string().min(1).max(80) }),
    (p) => ({ slot: p.slot }),
    {
      payload: '`{slot}`',
      becomes:
        "switch to another of the room's slots (a level whose player steers two threads or carries two channels)",
    },
  ),
  // a student: their prediction at a class round's end (either half, or both)
  predict: predictEntry(
    z
      .strictObject({
        policy: z.enum(BASELINE_POLICIES).optional(),
        bin: z
          .number()
          .int()
          .min(0)
          .max(WAIT_BINS.length - 1)
          .optional(),
      })
      .refine((p) => p.policy !== undefined || p.bin !== undefined, 'give a policy, a bin or both'),
    (p) => ({
      ...(p.policy !== undefined ? { policy: p.policy } : {}),
      ...(p.bin !== undefined ? { bin: p.bin } : {}),
    }),
    {
      payload: `\`{policy?: ${BASELINE_POLICIES.join('|')}, bin?: 0–${WAIT_BINS.length - 1}}\` (WAIT_BINS, at least one)`,
      becomes:
        "the student's pick while the prediction is open (halves not given are kept); everyone gets the new `prediction` tally. `prediction-not-open` / `prediction-closed` otherwise, with the reason in their language",
    },
  ),
  // anyone: their own session
  'set-language': session(
    z.strictObject({ lang: z.enum(LANGS) }),
    (p) => ({ type: 'language', lang: p.lang }),
    {
      payload: '`{lang: "ko"|"en"}`',
      becomes: "language of this player's refusal reasons",
    },
  ),
};

type CommandType = keyof typeof COMMANDS;
type Commands = typeof COMMANDS;

/** What the host (or a solo player) can tell the room to do: derived from the table, one variant per host command. */
export type HostCommand = {
  [K in CommandType]: Commands[K] extends HostEntry<z.ZodType, infer T, infer F> ? { type: T } & F : never;
}[CommandType];

/** The host commands a room of this mode accepts (the table's `modes` column). */
export function commandsOf(mode: ModeName): ReadonlySet<HostCommand['type']> {
  const out = new Set<HostCommand['type']>();
  for (const entry of Object.values(COMMANDS) as AnyEntry[])
    if (entry.kind === 'host' && entry.modes.includes(mode)) out.add(entry.command);
  return out;
}

/** Every client message type: the wire moves of ACTIONS, then the host's and the session's commands. */
export type ClientMessageType = WireMoveType | CommandType;

/** The payload each client message carries, derived from its validator (what `room.send` is typed with). */
export type ClientMessages = MovePayloads & { [K in CommandType]: z.input<(typeof COMMANDS)[K]['schema']> };

/** The message types, for registering handlers and for documentation. */
export const CLIENT_MESSAGE_TYPES: readonly ClientMessageType[] = [
  ...WIRE_MOVE_TYPES,
  ...(Object.keys(COMMANDS) as CommandType[]),
];

/** What a validated message asks for, or why it was refused at the edge. */
export type Parsed =
  | { ok: true; kind: 'action'; action: KernelAction }
  | { ok: true; kind: 'host'; command: HostCommand }
  | { ok: true; kind: 'session'; command: SessionCommand }
  | { ok: true; kind: 'predict'; pick: PredictionPick }
  | { ok: false; code: EdgeErrorCode; detail: string };

/** Any host entry, seen through the union its commands make up. */
interface AnyHostEntry extends Omit<HostEntry<z.ZodType, HostCommand['type'], object>, 'toCommand'> {
  toCommand: (payload: unknown) => HostCommand;
}
type AnyEntry =
  | WireMove<KernelAction['type'], z.ZodType>
  | AnyHostEntry
  | SessionEntry<z.ZodType>
  | PredictEntry<z.ZodType>;

/** One message type's entry, widened so one code path validates them all. */
function entryOf(type: string): AnyEntry | null {
  if ((WIRE_MOVE_TYPES as readonly string[]).includes(type))
    return ACTIONS[type as WireMoveType] as unknown as AnyEntry;
  if (Object.hasOwn(COMMANDS, type)) return COMMANDS[type as CommandType] as AnyEntry;
  return null;
}

/** Validates one client message (type, payload shape, the sender's right to send it). */
export function parseClientMessage(type: string, payload: unknown, sender: Sender): Parsed {
  const entry = entryOf(type);
  if (!entry)
    return { ok: false, code: 'unknown-type', detail: `unknown message type "${type.slice(0, 40)}"` };
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return {
      ok: false,
      code: 'malformed',
      detail: `${type}: ${where}${issue?.message ?? 'invalid payload'}`,
    };
  }
  switch (entry.kind) {
    case 'action': {
      const allowed = entry.roles.includes(sender.role) || (entry.roles.includes('host') && sender.isHost);
      if (!allowed)
        return { ok: false, code: 'not-your-role', detail: `${type} is for: ${entry.roles.join(', ')}` };
      const result: KernelAction | Refusal = entry.toAction(parsed.data, sender);
      if ('error' in result)
        return {
          ok: false,
          code: result.error,
          detail: `${type}: ${REFUSAL_TEXT[result.error] ?? result.error}`,
        };
      return { ok: true, kind: 'action', action: result };
    }
    case 'host':
      if (!sender.isHost) return { ok: false, code: 'not-your-role', detail: `${type} is for the host` };
      return { ok: true, kind: 'host', command: entry.toCommand(parsed.data) };
    case 'session':
      return { ok: true, kind: 'session', command: entry.toCommand(parsed.data) };
    case 'predict':
      if (sender.isHost) return { ok: false, code: 'not-your-role', detail: `${type} is for students` };
      return { ok: true, kind: 'predict', pick: entry.toPick(parsed.data) };
  }
}

/** Who may send each message type, for PROTOCOL.md and the client's controls. */
export function sendersOf(type: ClientMessageType): readonly Role[] {
  const entry = entryOf(type)!;
  if (entry.kind === 'action') return entry.roles;
  if (entry.kind === 'host') return ['host'];
  if (entry.kind === 'predict') return ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator'];
  return ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator', 'host'];
}

/** One row of docs/PROTOCOL.md's client message table. */
export interface MessageDocRow extends MoveDoc {
  type: ClientMessageType;
}

/**
 * Every client message's row in docs/PROTOCOL.md, in table order: the moves (ACTIONS' `doc`), then the
 * commands, whose "who" is their modes column (both: the host; one: that mode's host).
 */
export function messageDocRows(): MessageDocRow[] {
  const who = (modes: readonly ModeName[]): string =>
    modes.length === MODE_NAMES.length ? 'host' : modes[0] === 'solo' ? 'solo player' : 'host (class)';
  return CLIENT_MESSAGE_TYPES.map((type) => {
    const entry = entryOf(type)!;
    if (entry.kind === 'action') return { type, ...entry.doc };
    const by =
      entry.kind === 'host' ? who(entry.modes) : entry.kind === 'predict' ? 'student (class)' : 'anyone';
    return { type, ...entry.doc, who: by };
  });
}

/** The client message table of docs/PROTOCOL.md, generated (test/server/actions-table.test.ts checks the file holds it). */
export function messageTable(): string {
  return [
    '| type | payload | who | becomes |',
    '| --- | --- | --- | --- |',
    ...messageDocRows().map((r) => `| \`${r.type}\` | ${r.payload} | ${r.who} | ${r.becomes} |`),
  ].join('\n');
}
