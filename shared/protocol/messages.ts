// THE message table: every message a client may send, its payload validator, who may send it and
// what it becomes (a kernel action, a host command or a session change). Its kernel moves come from
// the ACTIONS table (actions.ts); the room registers this table and nothing else, so no rule is
// written twice and no message skips validation.
import { z } from 'zod';
import { LANGS, limitSchema, type Lang } from '../kernel/limits.ts';
import type { KernelAction } from '../kernel/types.ts';
import type { LiveEvent } from '../kernel/live-events.ts';
import type { Role } from '../roles/types.ts';
import {
  ACTIONS,
  WIRE_MOVE_TYPES,
  type MovePayloads,
  type Refusal,
  type Sender,
  type WireMove,
  type WireMoveType,
} from './actions.ts';
import type { EdgeErrorCode } from './errors.ts';

/** The two languages of the game (declared in limits.ts). */
export type { Lang } from '../kernel/limits.ts';
/** Who sent a message (declared with the moves table). */
export type { Sender } from './actions.ts';

/** What the host (or a solo player) can tell the room to do. */
export type HostCommand =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'end-round' }
  | { type: 'restart' }
  | { type: 'speed'; ticksPerSecond: number }
  | { type: 'kick'; player: string }
  | { type: 'lock'; locked: boolean }
  | { type: 'late-join'; allowed: boolean }
  | { type: 'assign'; player: string; slot: string }
  | { type: 'rename'; player: string; nickname: string }
  | { type: 'rotate' }
  | { type: 'crew-size'; size: number }
  | { type: 'move-crew'; player: string; crew: number }
  | { type: 'grace'; seconds: number }
  | { type: 'live-event'; event: LiveEvent }
  | { type: 'retry' }
  | { type: 'take-job'; slot: string }
  | { type: 'step' }
  | { type: 'undo' };

/** Changes to a player's own session that touch neither the machine nor the room. */
export type SessionCommand = { type: 'language'; lang: Lang };

/** Fastest and slowest clock a host may set, in kernel ticks per second (the `speed` limit). */
export const SPEED_MIN = limitSchema('speed').minValue!;
export const SPEED_MAX = limitSchema('speed').maxValue!;

const id = z.number().int().min(0).max(1_000_000);
const empty = z.union([z.strictObject({}), z.undefined(), z.null()]);
const seatId = z.string().min(1).max(32);

interface HostEntry<S extends z.ZodType> {
  kind: 'host';
  schema: S;
  toCommand: (payload: z.output<S>) => HostCommand;
}
interface SessionEntry<S extends z.ZodType> {
  kind: 'session';
  schema: S;
  toCommand: (payload: z.output<S>) => SessionCommand;
}

const host = <S extends z.ZodType>(schema: S, toCommand: (p: z.output<S>) => HostCommand): HostEntry<S> => ({
  kind: 'host',
  schema,
  toCommand,
});
const session = <S extends z.ZodType>(
  schema: S,
  toCommand: (p: z.output<S>) => SessionCommand,
): SessionEntry<S> => ({ kind: 'session', schema, toCommand });

const REFUSAL_TEXT: Partial<Record<EdgeErrorCode, string>> = {
  'not-your-core': 'that core belongs to another scheduler',
  'not-your-channel': 'you do not carry a channel',
  'no-thread-yet': 'your thread has not arrived yet',
};

/** The host's commands and the session's, keyed by message type. */
const COMMANDS = {
  // host: running the room
  'host:start': host(empty, () => ({ type: 'start' })),
  'host:pause': host(empty, () => ({ type: 'pause' })),
  'host:resume': host(empty, () => ({ type: 'resume' })),
  'host:end-round': host(empty, () => ({ type: 'end-round' })),
  'host:restart': host(empty, () => ({ type: 'restart' })),
  'host:speed': host(z.strictObject({ ticksPerSecond: limitSchema('speed') }), (p) => ({
    type: 'speed',
    ticksPerSecond: p.ticksPerSecond,
  })),
  'host:kick': host(z.strictObject({ player: seatId }), (p) => ({ type: 'kick', player: p.player })),
  'host:lock': host(z.strictObject({ locked: z.boolean() }), (p) => ({ type: 'lock', locked: p.locked })),
  'host:late-join': host(z.strictObject({ allowed: z.boolean() }), (p) => ({
    type: 'late-join',
    allowed: p.allowed,
  })),
  'host:assign': host(z.strictObject({ player: seatId, slot: z.string().min(1).max(80) }), (p) => ({
    type: 'assign',
    player: p.player,
    slot: p.slot,
  })),
  'host:rename': host(z.strictObject({ player: seatId, nickname: z.string().min(1).max(64) }), (p) => ({
    type: 'rename',
    player: p.player,
    nickname: p.nickname,
  })),
  'host:rotate': host(empty, () => ({ type: 'rotate' })),
  // host: crews (students per crew, moving a student to another crew) and the grace time before a bot moves
  'host:crew-size': host(z.strictObject({ size: limitSchema('crewSize') }), (p) => ({
    type: 'crew-size',
    size: p.size,
  })),
  'host:move-crew': host(z.strictObject({ player: seatId, crew: z.number().int().min(1).max(60) }), (p) => ({
    type: 'move-crew',
    player: p.player,
    crew: p.crew,
  })),
  'host:grace': host(z.strictObject({ seconds: limitSchema('graceSeconds') }), (p) => ({
    type: 'grace',
    seconds: p.seconds,
  })),
  // host: a live event on the machine (an I/O storm, a fork bomb, a crashing process), as kernel actions
  'host:event': host(
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('io-storm'), size: limitSchema('ioStormSize').optional() }),
      z.strictObject({ kind: z.literal('fork-bomb'), depth: limitSchema('forkBombDepth').optional() }),
      z.strictObject({ kind: z.literal('crash'), pid: id.optional() }),
    ]),
    (p) => ({ type: 'live-event', event: p }),
  ),
  // solo player (the solo room's host): play the level again at once; switch to another of its jobs
  'solo:retry': host(empty, () => ({ type: 'retry' })),
  'solo:job': host(z.strictObject({ slot: z.string().min(1).max(80) }), (p) => ({
    type: 'take-job',
    slot: p.slot,
  })),
  // solo player, while paused: advance exactly one tick; take back the last tick (the level replays without it)
  'solo:step': host(empty, () => ({ type: 'step' })),
  'solo:undo': host(empty, () => ({ type: 'undo' })),
  // anyone: their own session
  'set-language': session(z.strictObject({ lang: z.enum(LANGS) }), (p) => ({
    type: 'language',
    lang: p.lang,
  })),
};

type CommandType = keyof typeof COMMANDS;

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
  | { ok: false; code: EdgeErrorCode; detail: string };

type AnyEntry = WireMove<KernelAction['type'], z.ZodType> | HostEntry<z.ZodType> | SessionEntry<z.ZodType>;

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
  }
}

/** Who may send each message type, for PROTOCOL.md and the client's controls. */
export function sendersOf(type: ClientMessageType): readonly Role[] {
  const entry = entryOf(type)!;
  if (entry.kind === 'action') return entry.roles;
  if (entry.kind === 'host') return ['host'];
  return ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator', 'host'];
}
