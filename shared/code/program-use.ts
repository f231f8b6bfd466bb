// What a program (with the programs it spawns or forks) uses, so a generated file declares exactly that.
import { CODE_SEGMENT } from '../kernel/execute.ts';
import type { Instr } from '../kernel/types.ts';
import type { CodeContext } from './context.ts';

/** The names a program and its callees use, in first-use order. */
/** The first TCP/UDP port the generated C and Python views connect to (a socket channel's index is added). */
export const PORT_BASE = 5000;

export interface ProgramUse {
  /** Programs started by spawn or fork (transitively), each generated once as a function. */
  callees: string[];
  /** Plain variables: the process's data. */
  vars: string[];
  /** Shared-memory segment (or the code segment) → its variables, in a fixed order (their slots). */
  segments: Map<string, string[]>;
  locks: string[];
  semaphores: string[];
  channels: string[];
  devices: string[];
  ops: Set<Instr['op']>;
  /** Some recv has a timeout. */
  timeouts: boolean;
}

const push = (list: string[], x: string) => {
  if (!list.includes(x)) list.push(x);
};

/** Walks the program and every program it spawns or forks. */
export function programUse(program: readonly Instr[], ctx: CodeContext): ProgramUse {
  const use: ProgramUse = {
    callees: [],
    vars: Object.keys(ctx.vars),
    segments: new Map(),
    locks: [],
    semaphores: [],
    channels: [],
    devices: [],
    ops: new Set(),
    timeouts: false,
  };
  const seg = (name: string) => {
    if (!use.segments.has(name)) use.segments.set(name, Object.keys(ctx.shared[name] ?? {}));
    return use.segments.get(name)!;
  };
  const walk = (instrs: readonly Instr[]) => {
    for (const i of instrs) {
      use.ops.add(i.op);
      switch (i.op) {
        case 'load':
        case 'store': {
          const dot = i.var.indexOf('.');
          if (dot < 0) push(use.vars, i.var);
          else push(seg(i.var.slice(0, dot)), i.var.slice(dot + 1));
          break;
        }
        case 'lock':
        case 'unlock':
          push(use.locks, i.name);
          break;
        case 'wait':
        case 'signal':
          push(use.semaphores, i.name);
          break;
        case 'send':
          push(use.channels, i.channel);
          break;
        case 'recv':
          push(use.channels, i.channel);
          if (i.timeout !== undefined) use.timeouts = true;
          break;
        case 'io':
        case 'io-async':
          push(use.devices, i.device);
          break;
        case 'spawn':
        case 'fork':
          if (i.program !== null && !use.callees.includes(i.program)) {
            use.callees.push(i.program);
            walk(ctx.programs[i.program] ?? []);
          }
          break;
        default:
          break;
      }
    }
  };
  walk(program);
  return use;
}

/** Whether a segment is the read-only code segment (a store to it is a segmentation fault). */
export function isCodeSegment(segment: string): boolean {
  return segment === CODE_SEGMENT;
}

/** The slot of `seg.var` in its segment. */
export function slotOf(use: ProgramUse, name: string): { segment: string; slot: number } | null {
  const dot = name.indexOf('.');
  if (dot < 0) return null;
  const segment = name.slice(0, dot);
  return { segment, slot: use.segments.get(segment)!.indexOf(name.slice(dot + 1)) };
}

/** A source file being written line by line; each line remembers the instruction it shows (-1 none). */
export class Lines {
  readonly text: string[] = [];
  readonly owner: number[] = [];
  add(line: string, owner = -1): void {
    this.text.push(line);
    this.owner.push(owner);
  }
}

/** One view of a program: the file's lines and, for each instruction index, the lines that show it. */
export interface CodeView {
  file: string;
  lines: string[];
  lineOf: number[][];
}

/** Turns the written lines into a view, for a program of `length` instructions. */
export function toView(file: string, out: Lines, length: number): CodeView {
  const lineOf: number[][] = Array.from({ length }, () => []);
  out.owner.forEach((o, line) => {
    if (o >= 0 && o < length) lineOf[o]!.push(line);
  });
  return { file, lines: out.text, lineOf };
}

/** A file name for a program view. */
export function baseName(ctx: CodeContext): string {
  const safe = ctx.process.replace(/[^A-Za-z0-9_-]/g, '_') || 'program';
  return ctx.threadIndex === 0 ? safe : `${safe}_t${ctx.threadIndex + 1}`;
}
