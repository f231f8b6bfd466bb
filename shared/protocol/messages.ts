// THE message table: every message a client may send, its payload validator, who may send it and
// what it becomes (a kernel action, a host command or a session change). The room registers this
// table and nothing else, so no rule is written twice and no message skips validation.
import { z } from 'zod';
import { LANGS, LIMITS, limitSchema, type Lang } from '../kernel/limits.ts';
import type { KernelAction } from '../kernel/types.ts';
import type { LiveEvent } from '../kernel/live-events.ts';
import type { Role, RoleSlot } from '../roles/types.ts';
import type { EdgeErrorCode } from './errors.ts';

/** The two languages of the game (declared in limits.ts). */
export type { Lang } from '../kernel/limits.ts';

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
  | { type: 'live-event'; event: LiveEvent }
  | { type: 'retry' }
  | { type: 'take-job'; slot: string };

/** Changes to a player's own session that touch neither the machine nor the room. */
export type SessionCommand = { type: 'language'; lang: Lang };

/** Who sent a message, as the room knows it: the sender's role and slot, and its thread if it steers one. */
export interface Sender {
  role: Role;
  slot: RoleSlot | null;
  /** The thread id the sender steers, once that thread exists. */
  tid: number | null;
  isHost: boolean;
}

/** Fastest and slowest clock a host may set, in kernel ticks per second. */
export const SPEED_MIN = LIMITS.speed.min;
export const SPEED_MAX = LIMITS.speed.max;

const id = z.number().int().min(0).max(1_000_000);
const core = z.number().int().min(0).max(LIMITS.cores.max - 1);
const empty = z.union([z.strictObject({}), z.undefined(), z.null()]);
const seatId = z.string().min(1).max(32);

type Refusal = { error: EdgeErrorCode };
type ToAction<P> = (payload: P, sender: Sender) => KernelAction | Refusal;

interface ActionEntry<S extends z.ZodType> {
  kind: 'action';
  schema: S;
  roles: readonly Role[];
  toAction: ToAction<z.output<S>>;
}
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
type Entry = ActionEntry<z.ZodType> | HostEntry<z.ZodType> | SessionEntry<z.ZodType>;

const action = <S extends z.ZodType>(schema: S, roles: readonly Role[], toAction: ToAction<z.output<S>>): Entry =>
  ({ kind: 'action', schema, roles, toAction } as unknown as Entry);
const host = <S extends z.ZodType>(schema: S, toCommand: (p: z.output<S>) => HostCommand): Entry =>
  ({ kind: 'host', schema, toCommand } as unknown as Entry);

const ownsCore = (sender: Sender, c: number): boolean => sender.slot?.role === 'scheduler' && sender.slot.cores.includes(c);

const REFUSAL_TEXT: Partial<Record<EdgeErrorCode, string>> = {
  'not-your-core': 'that core belongs to another scheduler',
  'not-your-channel': 'you do not carry a channel',
  'no-thread-yet': 'your thread has not arrived yet',
};

/** The table. Keys are the Colyseus message types. */
export const MESSAGES = {
  // scheduler: pick which Ready thread a free core runs, or take a core back
  'dispatch': action(z.strictObject({ core, tid: id }), ['scheduler'], (p, s) =>
    ownsCore(s, p.core) ? { type: 'dispatch', core: p.core, tid: p.tid } : { error: 'not-your-core' }),
  'preempt': action(z.strictObject({ core }), ['scheduler'], (p, s) =>
    ownsCore(s, p.core) ? { type: 'preempt', core: p.core } : { error: 'not-your-core' }),
  // interrupt handler: handle a pending interrupt
  'handle-interrupt': action(z.strictObject({ id }), ['interrupt'], (p) => ({ type: 'handle-interrupt', id: p.id })),
  // thread: choose the steered thread's next instruction (the thread is the sender's own)
  'choose': action(z.strictObject({ instr: z.string().min(1).max(60) }), ['thread'], (p, s) =>
    s.tid === null ? { error: 'no-thread-yet' } : { type: 'choose', tid: s.tid, instr: p.instr }),
  // IPC channel: carry a message that has arrived into the channel's buffer
  'deliver': action(z.strictObject({ message: id }), ['ipc'], (p, s) =>
    s.slot?.role === 'ipc' ? { type: 'deliver', channel: s.slot.channel, message: p.message } : { error: 'not-your-channel' }),
  // host: live events on the machine
  // the kernel checks the range (its refusal is bilingual); the edge checks only that it is a number
  'set-quantum': action(z.strictObject({ quantum: z.number() }), ['host'], (p) => ({ type: 'set-quantum', quantum: p.quantum })),
  'add-core': action(empty, ['host'], () => ({ type: 'add-core' })),
  'kill': action(z.strictObject({ pid: id }), ['host'], (p) => ({ type: 'kill', pid: p.pid })),
  // host: running the room
  'host:start': host(empty, () => ({ type: 'start' })),
  'host:pause': host(empty, () => ({ type: 'pause' })),
  'host:resume': host(empty, () => ({ type: 'resume' })),
  'host:end-round': host(empty, () => ({ type: 'end-round' })),
  'host:restart': host(empty, () => ({ type: 'restart' })),
  'host:speed': host(z.strictObject({ ticksPerSecond: limitSchema('speed') }), (p) => ({ type: 'speed', ticksPerSecond: p.ticksPerSecond })),
  'host:kick': host(z.strictObject({ player: seatId }), (p) => ({ type: 'kick', player: p.player })),
  'host:lock': host(z.strictObject({ locked: z.boolean() }), (p) => ({ type: 'lock', locked: p.locked })),
  'host:late-join': host(z.strictObject({ allowed: z.boolean() }), (p) => ({ type: 'late-join', allowed: p.allowed })),
  'host:assign': host(z.strictObject({ player: seatId, slot: z.string().min(1).max(80) }), (p) => ({ type: 'assign', player: p.player, slot: p.slot })),
  'host:rename': host(z.strictObject({ player: seatId, nickname: z.string().min(1).max(64) }), (p) => ({ type: 'rename', player: p.player, nickname: p.nickname })),
  'host:rotate': host(empty, () => ({ type: 'rotate' })),
  // host: a live event on the machine (an I/O storm, a fork bomb, a crashing process), as kernel actions
  'host:event': host(z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('io-storm'), size: limitSchema('ioStormSize').optional() }),
    z.strictObject({ kind: z.literal('fork-bomb'), depth: limitSchema('forkBombDepth').optional() }),
    z.strictObject({ kind: z.literal('crash'), pid: id.optional() }),
  ]), (p) => ({ type: 'live-event', event: p })),
  // solo player (the solo room's host): play the level again at once; switch to another of its jobs
  'solo:retry': host(empty, () => ({ type: 'retry' })),
  'solo:job': host(z.strictObject({ slot: z.string().min(1).max(80) }), (p) => ({ type: 'take-job', slot: p.slot })),
  // anyone: their own session
  'set-language': { kind: 'session', schema: z.strictObject({ lang: z.enum(LANGS) }), toCommand: (p: { lang: Lang }) => ({ type: 'language', lang: p.lang }) } as unknown as Entry,
} satisfies Record<string, Entry>;

/** Every client message type. */
export type ClientMessageType = keyof typeof MESSAGES;

/** The message types, for registering handlers and for documentation. */
export const CLIENT_MESSAGE_TYPES = Object.keys(MESSAGES) as ClientMessageType[];

/** What a validated message asks for, or why it was refused at the edge. */
export type Parsed =
  | { ok: true; kind: 'action'; action: KernelAction }
  | { ok: true; kind: 'host'; command: HostCommand }
  | { ok: true; kind: 'session'; command: SessionCommand }
  | { ok: false; code: EdgeErrorCode; detail: string };

/** Validates one client message (type, payload shape and ranges, the sender's right to send it). */
export function parseClientMessage(type: string, payload: unknown, sender: Sender): Parsed {
  if (!Object.hasOwn(MESSAGES, type)) return { ok: false, code: 'unknown-type', detail: `unknown message type "${type.slice(0, 40)}"` };
  const entry = MESSAGES[type as ClientMessageType];
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, code: 'malformed', detail: `${type}: ${where}${issue?.message ?? 'invalid payload'}` };
  }
  switch (entry.kind) {
    case 'action': {
      const allowed = entry.roles.includes(sender.role) || (entry.roles.includes('host') && sender.isHost);
      if (!allowed) return { ok: false, code: 'not-your-role', detail: `${type} is for: ${entry.roles.join(', ')}` };
      const result = entry.toAction(parsed.data, sender);
      if ('error' in result) return { ok: false, code: result.error, detail: `${type}: ${REFUSAL_TEXT[result.error] ?? result.error}` };
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
  const entry: Entry = MESSAGES[type];
  if (entry.kind === 'action') return entry.roles;
  if (entry.kind === 'host') return ['host'];
  return ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator', 'host'];
}
