// Every program the game can show a code view of: each thread of every level, challenge and class scenario (a
// steered thread also as its whole palette, so any choice compiles), every library program, and one
// program that uses every instruction on every channel kind with awkward names and messages.
import { parseInstr } from '../../shared/kernel/program.ts';
import type { Instr, Scenario } from '../../shared/kernel/types.ts';
import { contextFromScenario, type CodeContext } from '../../shared/code/index.ts';
import { CHALLENGES, LEVELS } from '../../shared/levels/index.ts';
import { resolveScenario, scenarioIds } from '../../server/scenarios/catalog.ts';
import { parseScenario } from '../../shared/kernel/scenario.ts';
import workload from '../../examples/workload.json' with { type: 'json' };

/** One program with its context and a name for the files written from it. */
export interface ProgramCase {
  name: string;
  program: Instr[];
  ctx: CodeContext;
}

function scenarioCases(id: string, s: Scenario): ProgramCase[] {
  const out: ProgramCase[] = [];
  for (const p of s.processes) {
    p.threads.forEach((t, k) => {
      const ctx = contextFromScenario(s, p.name, k);
      out.push({ name: `${id}-${p.name}-${k}`, program: t.program, ctx });
      if (t.steered) {
        out.push({ name: `${id}-${p.name}-${k}-palette`, program: t.palette, ctx });
        out.push({ name: `${id}-${p.name}-${k}-empty`, program: [], ctx });
      }
    });
  }
  for (const [name, def] of Object.entries(s.programs))
    out.push({
      name: `${id}-lib-${name}`,
      program: def.instructions,
      ctx: { ...contextFromScenario(s, name, 0), process: name },
    });
  return out;
}

const every = (lines: string[]): Instr[] =>
  lines.map((l) => {
    const r = parseInstr(l);
    if (!r.ok) throw new Error(`${l}: ${r.error}`);
    return r.instr;
  });

/** A program using every opcode and channel kind, with names that are keywords in C or Python. */
export const EVERYTHING: ProgramCase = {
  name: 'every-instruction',
  program: every([
    'cpu 2',
    'io disk 3',
    'io keyboard',
    'io clock 2',
    'io-async net',
    'io-async keyboard',
    'await',
    'fork',
    'fork child',
    'spawn worker-2',
    'join',
    'lock int',
    'unlock int',
    'wait for',
    'signal for',
    'load static',
    'add 1',
    'store static',
    'sub 2',
    'load seg.x',
    'add 3',
    'store seg.x',
    'load code.k',
    'store code.k',
    'alloc 4',
    'free 4',
    'free 1',
    'send p "quoted" \\ ??= 한글',
    'recv p',
    'recv p 3',
    'send f m1',
    'recv f',
    'recv f 2',
    "send q it's",
    'recv q',
    'recv q 5',
    'send s kim',
    'recv s',
    'recv s 1',
    'send t hi',
    'recv t',
    'recv t 4',
    'send u f1',
    'recv u',
    'recv u 2',
    'send file x',
    'recv file',
    'recv file 1',
    'exec ls',
    'fault',
    'exit',
  ]),
  ctx: {
    process: 'kitchen sink',
    threadIndex: 1,
    channels: {
      p: { kind: 'pipe', capacity: 2 },
      f: { kind: 'fifo', capacity: 2 },
      q: { kind: 'mq', capacity: 3 },
      s: { kind: 'shm', capacity: 1 },
      t: { kind: 'tcp', capacity: 4 },
      u: { kind: 'udp', capacity: 4 },
      file: { kind: 'file', capacity: 8 },
    },
    locks: ['int'],
    semaphores: { for: 2 },
    vars: { static: 1, int: 2 },
    shared: { seg: { x: 5 } },
    programs: {
      child: every(['cpu 1', 'spawn worker-2', 'exit']),
      'worker-2': every(['load static', 'add 1', 'store static', 'fork child', 'exit']),
    },
    devices: ['disk', 'keyboard', 'clock', 'net'],
  },
};

/** Every case the compile test and the line-mapping test go through. */
export function allProgramCases(): ProgramCase[] {
  const cases: ProgramCase[] = [EVERYTHING];
  for (const l of LEVELS) cases.push(...scenarioCases(`level-${l.id}`, l.scenarioParsed));
  // A challenge's jobs repeat round after round: its resident processes and one round of jobs.
  for (const c of CHALLENGES) {
    const s = c.level.scenarioParsed;
    const round = s.processes.slice(0, (c.spec.resident?.length ?? 0) + c.spec.jobs.length);
    cases.push(...scenarioCases(`challenge-${c.spec.id}`, { ...s, processes: round }));
  }
  for (const id of scenarioIds()) {
    const r = resolveScenario(id);
    if (!r.ok) throw new Error(`${id}: ${r.error}`);
    cases.push(...scenarioCases(`class-${id}`, r.scenario));
  }
  const w = parseScenario(workload);
  if (!w.ok) throw new Error(`examples/workload.json: ${w.error}`);
  cases.push(...scenarioCases('example-workload', w.scenario));
  return cases;
}
