// Programs as text: parsing `cpu 3` into an Instr and formatting it back, with errors a student can read.
import { problemSentence, type Problem, type ProblemCode } from './problems.ts';
import type { Instr, Op } from './types.ts';

/** Every opcode, in the order the notes introduce them; validators and palettes use it. */
export const OPS: readonly Op[] = [
  'cpu',
  'io',
  'fork',
  'exec',
  'spawn',
  'join',
  'lock',
  'unlock',
  'wait',
  'signal',
  'load',
  'add',
  'store',
  'alloc',
  'free',
  'send',
  'recv',
  'fault',
  'exit',
  'io-async',
  'await',
];

/** A process's or a variable's name (a dot joins a segment and its variable: `seg.x`). */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
/** The name of a program, a device, a channel, a host or a segment: no dot. */
export const IDENT_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,31}$/;
const NAME = NAME_PATTERN;
const MAX_N = 10_000;
const MAX_MESSAGE = 40;

/** The outcome of parsing one instruction: the instruction, or its problem (and that problem's English sentence). */
export type ParseResult =
  { ok: true; instr: Instr } | { ok: false; error: string; problem: Omit<Problem, 'path'> };

type Fault = Omit<Problem, 'path'>;
const fault = (code: ProblemCode, params: Problem['params'] = {}): Fault => ({ code, params });

function count(word: string | undefined, op: string, min: number, timeout = false): number | Fault {
  if (word === undefined) return fault('instr-needs-number', { op });
  if (!/^\d+$/.test(word)) return fault(timeout ? 'timeout-not-number' : 'instr-not-number', { op, word });
  const n = Number(word);
  if (n < min || n > MAX_N)
    return fault(timeout ? 'timeout-out-of-range' : 'instr-out-of-range', { op, n, min, max: MAX_N });
  return n;
}

function name(word: string | undefined, op: string): string | Fault {
  if (word === undefined) return fault('instr-needs-name', { op });
  if (!NAME.test(word)) return fault('instr-bad-name', { op, word });
  return word;
}

/** Parses one instruction such as `io disk 4` or `send pipe1 hello`. */
export function parseInstr(text: string): ParseResult {
  const fail = (p: Fault): ParseResult => ({ ok: false, error: problemSentence(p, 'en'), problem: p });
  if (typeof text !== 'string' || text.length > 120) return fail(fault('instr-not-text'));
  const words = text.trim().split(/\s+/);
  const [op, a, b, ...rest] = words;
  const tooMany = (k: number) => {
    if (words.length <= k) return null;
    const code = k === 1 ? 'instr-no-arguments' : k === 2 ? 'instr-one-argument' : 'instr-too-many';
    return fail(fault(code, { op: op!, max: k - 1 }));
  };
  switch (op) {
    case 'cpu':
    case 'add':
    case 'alloc':
    case 'free': {
      // add takes a negative number too (add -1: count--); sub n is the same as add -n.
      const negative = op === 'add' && a !== undefined && a.startsWith('-');
      const n = count(negative ? a.slice(1) : a, op, op === 'add' ? 0 : 1);
      if (typeof n !== 'number') return fail(n);
      return tooMany(2) ?? { ok: true, instr: { op, n: negative ? -n : n } };
    }
    case 'sub': {
      const n = count(a, 'sub', 0);
      if (typeof n !== 'number') return fail(n);
      return tooMany(2) ?? { ok: true, instr: { op: 'add', n: -n } };
    }
    case 'io':
    case 'io-async': {
      const device = name(a, op);
      if (typeof device !== 'string') return fail(device);
      if (b === undefined) return { ok: true, instr: { op, device, n: null } };
      const n = count(b, op, 1);
      if (typeof n !== 'number') return fail(n);
      return tooMany(3) ?? { ok: true, instr: { op, device, n } };
    }
    case 'fork': {
      if (a === undefined) return { ok: true, instr: { op, program: null } };
      const program = name(a, 'fork');
      if (typeof program !== 'string') return fail(program);
      return tooMany(2) ?? { ok: true, instr: { op, program } };
    }
    case 'exec':
    case 'spawn': {
      const program = name(a, op);
      if (typeof program !== 'string') return fail(program);
      return tooMany(2) ?? { ok: true, instr: { op, program } };
    }
    case 'lock':
    case 'unlock':
    case 'wait':
    case 'signal': {
      const n = name(a, op);
      if (typeof n !== 'string') return fail(n);
      return tooMany(2) ?? { ok: true, instr: { op, name: n } };
    }
    case 'load':
    case 'store': {
      const v = name(a, op);
      if (typeof v !== 'string') return fail(v);
      return tooMany(2) ?? { ok: true, instr: { op, var: v } };
    }
    case 'send': {
      const channel = name(a, 'send');
      if (typeof channel !== 'string') return fail(channel);
      const msg = [b, ...rest].filter((w) => w !== undefined).join(' ');
      if (msg.length === 0) return fail(fault('instr-needs-message'));
      if (msg.length > MAX_MESSAGE) return fail(fault('instr-long-message', { max: MAX_MESSAGE }));
      return { ok: true, instr: { op, channel, msg } };
    }
    case 'recv': {
      const channel = name(a, 'recv');
      if (typeof channel !== 'string') return fail(channel);
      if (b === undefined) return { ok: true, instr: { op, channel } };
      const timeout = count(b, 'recv', 1, true);
      if (typeof timeout !== 'number') return fail(timeout);
      return tooMany(3) ?? { ok: true, instr: { op, channel, timeout } };
    }
    case 'join':
    case 'await':
    case 'fault':
    case 'exit':
      return tooMany(1) ?? { ok: true, instr: { op } };
    default:
      return fail(fault('instr-unknown', { op: op ?? '', known: `${OPS.join(', ')}, sub` }));
  }
}

/** Formats an instruction back to the text it was parsed from. */
export function formatInstr(i: Instr): string {
  switch (i.op) {
    case 'add':
      return i.n < 0 ? `sub ${-i.n}` : `add ${i.n}`;
    case 'cpu':
    case 'alloc':
    case 'free':
      return `${i.op} ${i.n}`;
    case 'io':
    case 'io-async':
      return i.n === null ? `${i.op} ${i.device}` : `${i.op} ${i.device} ${i.n}`;
    case 'fork':
      return i.program === null ? 'fork' : `fork ${i.program}`;
    case 'exec':
    case 'spawn':
      return `${i.op} ${i.program}`;
    case 'lock':
    case 'unlock':
    case 'wait':
    case 'signal':
      return `${i.op} ${i.name}`;
    case 'load':
    case 'store':
      return `${i.op} ${i.var}`;
    case 'send':
      return `send ${i.channel} ${i.msg}`;
    case 'recv':
      return i.timeout === undefined ? `recv ${i.channel}` : `recv ${i.channel} ${i.timeout}`;
    case 'join':
    case 'await':
    case 'fault':
    case 'exit':
      return i.op;
  }
}

/** Ticks of CPU an instruction costs before any channel cost: the race window lives in load/add/store. */
export function cpuCost(i: Instr): number {
  switch (i.op) {
    case 'cpu':
      return i.n;
    case 'load':
    case 'add':
    case 'store':
    case 'alloc':
    case 'free':
      return 1;
    default:
      return 0;
  }
}
