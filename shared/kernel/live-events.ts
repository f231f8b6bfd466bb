// The host's live events (an I/O storm, a fork bomb, a crashing thread, an extra core, a new
// quantum) as ordinary kernel actions, so that they are logged, replayed and refused like any other.
import { LIMITS } from './limits.ts';
import { problemParams } from './problems.ts';
import type { KernelAction, KernelState, ProcessSpec, Rejection } from './types.ts';

/** The live events a teacher can inject during a round. */
export type LiveEvent =
  | { kind: 'io-storm'; size?: number }
  | { kind: 'fork-bomb'; depth?: number }
  | { kind: 'crash'; pid?: number }
  | { kind: 'add-core' }
  | { kind: 'set-quantum'; quantum: number };

/** Names of the live events, for validators and menus. */
export const LIVE_EVENTS = ['io-storm', 'fork-bomb', 'crash', 'add-core', 'set-quantum'] as const;

function spec(
  name: string,
  program: ProcessSpec['threads'][number]['program'],
  kind: ProcessSpec['kind'] = 'background',
): ProcessSpec {
  return {
    name,
    arrival: 0,
    priority: 0,
    kind,
    parent: null,
    threads: [{ program, steered: false, palette: [] }],
    vars: {},
    code: 1,
    data: 1,
    shm: [],
  };
}

/** The kernel actions that make a live event happen now, or why it cannot. */
export function liveEventActions(
  s: KernelState,
  e: LiveEvent,
): { ok: true; actions: KernelAction[] } | { ok: false; rejection: Rejection } {
  switch (e.kind) {
    case 'io-storm': {
      const device = Object.keys(s.devices)[0];
      if (!device)
        return {
          ok: false,
          rejection: {
            code: 'bad-process',
            params: problemParams({ code: 'no-device-to-storm', params: {} }),
          },
        };
      const size = Math.max(LIMITS.ioStormSize.min, Math.min(LIMITS.ioStormSize.max, e.size ?? 6));
      const actions: KernelAction[] = [];
      for (let i = 0; i < size; i++) {
        actions.push({
          type: 'spawn-process',
          process: spec(`io-storm-${i + 1}`, [
            { op: 'io', device, n: null },
            { op: 'cpu', n: 1 },
            { op: 'io', device, n: null },
            { op: 'cpu', n: 1 },
          ]),
        });
      }
      return { ok: true, actions };
    }
    case 'fork-bomb': {
      // Each fork copies the rest of the program, so d forks make 2^d processes.
      const depth = Math.max(LIMITS.forkBombDepth.min, Math.min(LIMITS.forkBombDepth.max, e.depth ?? 5));
      const program = [
        ...Array.from({ length: depth }, () => ({ op: 'fork' as const, program: null })),
        { op: 'cpu' as const, n: 2 },
      ];
      return {
        ok: true,
        actions: [{ type: 'spawn-process', process: spec('fork-bomb', program, 'foreground') }],
      };
    }
    case 'crash': {
      const pid = e.pid ?? pickVictim(s);
      if (pid === null) return { ok: false, rejection: { code: 'no-process-to-crash', params: {} } };
      return { ok: true, actions: [{ type: 'kill', pid }] };
    }
    case 'add-core':
      return { ok: true, actions: [{ type: 'add-core' }] };
    case 'set-quantum':
      return { ok: true, actions: [{ type: 'set-quantum', quantum: e.quantum }] };
  }
}

/** The process a crash hits when the host names none: the one running on the lowest core, else the newest live one. */
function pickVictim(s: KernelState): number | null {
  for (const c of s.cores) if (c.running !== null) return s.threads[c.running]!.pid;
  const live = Object.values(s.processes).filter((p) => !p.terminated && p.pid !== 1);
  return live.length ? live[live.length - 1]!.pid : null;
}
