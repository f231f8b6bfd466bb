// THE moves table: every kernel action a client may cause, declared once — which roles send it, its
// wire payload (validator and the inverse that writes it back), whether only the host sends it, whether
// it is replayed into the baselines, and whether a player's accepted move scores. The room's message
// table, the action bar (through toMessage) and the baselines' replay all derive from it.
import { z } from 'zod';
import { LIMITS } from '../kernel/limits.ts';
import type { KernelAction } from '../kernel/types.ts';
import type { Role, RoleSlot } from '../roles/types.ts';
import type { EdgeErrorCode } from './errors.ts';

/** Who sent a message, as the room knows it: the sender's role and slot, and its thread if it steers one. */
export interface Sender {
  role: Role;
  slot: RoleSlot | null;
  /** The thread id the sender steers, once that thread exists. */
  tid: number | null;
  isHost: boolean;
}

/** Why the edge refused a well-formed move (it names a core, channel or thread that is not the sender's). */
export type Refusal = { error: EdgeErrorCode };

type ActionType = KernelAction['type'];
type ActionOf<T extends ActionType> = Extract<KernelAction, { type: T }>;

/** A move a client sends: its message type is the kernel action's own type. */
export interface WireMove<T extends ActionType, S extends z.ZodType> {
  kind: 'action';
  type: T;
  roles: readonly Role[];
  schema: S;
  /** The kernel action a validated payload becomes, or why it is not the sender's to make. */
  toAction: (payload: z.output<S>, sender: Sender) => ActionOf<T> | Refusal;
  /** The payload that asks for this action (the inverse of toAction), for the action bar and bots-as-clients. */
  toPayload: (action: ActionOf<T>) => z.input<S>;
  /** Replayed, at the tick it happened, into the classic-policy baselines (the host's live events are). */
  baseline: boolean;
  /** The score changes a player's accepted move causes count (shared/roles/score.ts); a host's steering earns no one points. */
  scored: boolean;
}

/** A kernel action no client sends directly (a live event makes it). */
export interface InternalMove<T extends ActionType> {
  kind: 'internal';
  type: T;
  baseline: boolean;
  scored: false;
}

const move = <const T extends ActionType, S extends z.ZodType>(
  type: T,
  m: Omit<WireMove<NoInfer<T>, S>, 'kind' | 'type'>,
): WireMove<T, S> => ({ kind: 'action', type, ...m });

const internal = <const T extends ActionType>(type: T, baseline: boolean): InternalMove<T> => ({
  kind: 'internal',
  type,
  baseline,
  scored: false,
});

const id = z.number().int().min(0).max(1_000_000);
/** A core index a machine can have; the kernel says which cores exist now (no-such-core). */
const core = z
  .number()
  .int()
  .min(0)
  .max(LIMITS.cores.max - 1);
const empty = z.union([z.strictObject({}), z.undefined(), z.null()]);
const ownsCore = (sender: Sender, c: number): boolean =>
  sender.slot?.role === 'scheduler' && sender.slot.cores.includes(c);

/** The table, keyed by kernel action type (which is also the message type of every wire move). */
export const ACTIONS = {
  // scheduler: pick which Ready thread a free core runs, or take a core back
  dispatch: move('dispatch', {
    roles: ['scheduler'],
    baseline: false,
    scored: true,
    schema: z.strictObject({ core, tid: id }),
    toAction: (p, s) =>
      ownsCore(s, p.core) ? { type: 'dispatch', core: p.core, tid: p.tid } : { error: 'not-your-core' },
    toPayload: (a) => ({ core: a.core, tid: a.tid }),
  }),
  preempt: move('preempt', {
    roles: ['scheduler'],
    baseline: false,
    scored: true,
    schema: z.strictObject({ core }),
    toAction: (p, s) =>
      ownsCore(s, p.core) ? { type: 'preempt', core: p.core } : { error: 'not-your-core' },
    toPayload: (a) => ({ core: a.core }),
  }),
  // scheduler: swap a Ready thread onto a busy core in one move (preempt to Ready, then dispatch)
  replace: move('replace', {
    roles: ['scheduler'],
    baseline: false,
    scored: true,
    schema: z.strictObject({ core, tid: id }),
    toAction: (p, s) =>
      ownsCore(s, p.core) ? { type: 'replace', core: p.core, tid: p.tid } : { error: 'not-your-core' },
    toPayload: (a) => ({ core: a.core, tid: a.tid }),
  }),
  // interrupt handler: handle a pending interrupt
  'handle-interrupt': move('handle-interrupt', {
    roles: ['interrupt'],
    baseline: false,
    scored: true,
    schema: z.strictObject({ id }),
    toAction: (p) => ({ type: 'handle-interrupt', id: p.id }),
    toPayload: (a) => ({ id: a.id }),
  }),
  // thread: choose the steered thread's next instruction (the thread is the sender's own)
  choose: move('choose', {
    roles: ['thread'],
    baseline: false,
    scored: true,
    schema: z.strictObject({ instr: z.string().min(1).max(60) }),
    toAction: (p, s) =>
      s.tid === null ? { error: 'no-thread-yet' } : { type: 'choose', tid: s.tid, instr: p.instr },
    toPayload: (a) => ({ instr: a.instr }),
  }),
  // IPC channel: carry a message that has arrived into the channel's buffer
  deliver: move('deliver', {
    roles: ['ipc'],
    baseline: false,
    scored: true,
    schema: z.strictObject({ message: id }),
    toAction: (p, s) =>
      s.slot?.role === 'ipc'
        ? { type: 'deliver', channel: s.slot.channel, message: p.message }
        : { error: 'not-your-channel' },
    toPayload: (a) => ({ message: a.message }),
  }),
  // host: live events on the machine. The kernel checks the quantum's range (its refusal is
  // bilingual); the edge checks only that it is a number.
  'set-quantum': move('set-quantum', {
    roles: ['host'],
    baseline: true,
    scored: false,
    schema: z.strictObject({ quantum: z.number() }),
    toAction: (p) => ({ type: 'set-quantum', quantum: p.quantum }),
    toPayload: (a) => ({ quantum: a.quantum }),
  }),
  'add-core': move('add-core', {
    roles: ['host'],
    baseline: true,
    scored: false,
    schema: empty,
    toAction: () => ({ type: 'add-core' }),
    toPayload: () => ({}),
  }),
  kill: move('kill', {
    roles: ['host'],
    baseline: true,
    scored: false,
    schema: z.strictObject({ pid: id }),
    toAction: (p) => ({ type: 'kill', pid: p.pid }),
    toPayload: (a) => ({ pid: a.pid }),
  }),
  // made by the host's live events (an I/O storm, a fork bomb), never sent directly
  'spawn-process': internal('spawn-process', true),
} satisfies { [T in ActionType]: WireMove<T, z.ZodType> | InternalMove<T> };

type Table = typeof ACTIONS;
/** The kernel actions a client sends by name. */
export type WireMoveType = {
  [K in keyof Table]: Table[K] extends { kind: 'action' } ? K : never;
}[keyof Table];
/** The payload a client sends for each wire move, derived from its validator. */
export type MovePayloads = { [K in WireMoveType]: z.input<Table[K]['schema']> };
/** A move as it travels: its message type and payload. */
export type MoveMessage = { [K in WireMoveType]: { type: K; payload: MovePayloads[K] } }[WireMoveType];

/** The wire moves, in table order. */
export const WIRE_MOVE_TYPES = (Object.keys(ACTIONS) as (keyof Table)[]).filter(
  (k): k is WireMoveType => ACTIONS[k].kind === 'action',
);

/** Whether this action is replayed into the baselines (the host's live events are, players' moves are not). */
export function replaysIntoBaselines(action: KernelAction): boolean {
  return ACTIONS[action.type].baseline;
}

/** Whether a player's accepted action of this type scores. */
export function scores(action: KernelAction): boolean {
  return ACTIONS[action.type].scored;
}

/** Whether only the host may send this move. */
export function hostOnly(type: WireMoveType): boolean {
  return ACTIONS[type].roles.every((r) => r === 'host');
}

/**
 * Whether `action` is this sender's to make: the payload it would be sent with (toPayload), checked as
 * the edge checks it (toAction), asks for the very same action. A solo level asks this of its player's
 * jobs, so whose move is whose is decided by the table alone.
 */
export function sendersAction(sender: Sender, action: KernelAction): boolean {
  const entry = ACTIONS[action.type] as WireMove<ActionType, z.ZodType> | InternalMove<ActionType>;
  if (entry.kind === 'internal' || !entry.roles.includes(sender.role)) return false;
  const back = entry.toAction(entry.toPayload(action), sender);
  if ('error' in back) return false;
  const want = action as Record<string, unknown>;
  const got = back as Record<string, unknown>;
  const keys = Object.keys(want);
  return keys.length === Object.keys(got).length && keys.every((k) => got[k] === want[k]);
}

/** The message that asks for a kernel action (what a button sends), or null for an internal one. */
export function toMessage(action: KernelAction): MoveMessage | null {
  const entry: WireMove<ActionType, z.ZodType> | InternalMove<ActionType> = ACTIONS[action.type] as
    WireMove<ActionType, z.ZodType> | InternalMove<ActionType>;
  if (entry.kind === 'internal') return null;
  return { type: action.type, payload: entry.toPayload(action) } as MoveMessage;
}

/** A move as one string in the synced state (`type {json payload}`): the server projects each held job's legal moves so. */
export function encodeMove(m: MoveMessage): string {
  return `${m.type} ${JSON.stringify(m.payload ?? {})}`;
}

/** The move a projected string stands for (the inverse of encodeMove; the server wrote it). */
export function decodeMove(text: string): MoveMessage {
  const at = text.indexOf(' ');
  return { type: text.slice(0, at), payload: JSON.parse(text.slice(at + 1)) } as MoveMessage;
}
