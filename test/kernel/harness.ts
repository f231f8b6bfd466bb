// A small fluent harness over the kernel for tests: build from scenario JSON, act, tick, inspect.
import {
  applyActionInPlace,
  parseScenario,
  startKernel,
  tickInPlace,
  type KernelAction,
  type KernelEvent,
  type KernelState,
  type Rejection,
  type ScenarioInput,
  type Thread,
  type Process,
} from '../../shared/kernel/index.ts';
import { settleBots } from '../../shared/sim/run.ts';
import type { Policy } from '../../shared/bots/index.ts';

/** A machine under test, with every event it produced kept in order. */
export class Sim {
  readonly events: KernelEvent[] = [];
  constructor(readonly s: KernelState) {}

  /** Applies an action that must be accepted. */
  act(a: KernelAction): this {
    const r = applyActionInPlace(this.s, a);
    if (!r.ok)
      throw new Error(`refused ${a.type}: ${r.rejection.code} ${JSON.stringify(r.rejection.params)}`);
    this.events.push(...r.events);
    return this;
  }

  /** Applies an action that must be refused, checking nothing changed, and returns the rejection. */
  refuse(a: KernelAction): Rejection {
    const before = JSON.stringify(this.s);
    const r = applyActionInPlace(this.s, a);
    if (r.ok) throw new Error(`expected ${a.type} to be refused`);
    if (JSON.stringify(this.s) !== before) throw new Error('a refused action changed the state');
    return r.rejection;
  }

  dispatch(core: number, tid: number): this {
    return this.act({ type: 'dispatch', core, tid });
  }

  tick(n = 1): this {
    for (let i = 0; i < n; i++) this.events.push(...tickInPlace(this.s));
    return this;
  }

  /** Lets bots play every role for the current tick, then ticks; repeated n times. */
  play(policy: Policy, n = 1): this {
    for (let i = 0; i < n; i++) {
      settleBots(this.s, policy, [], (e) => this.events.push(e));
      this.tick();
    }
    return this;
  }

  thread(tid: number): Thread {
    return this.s.threads[tid]!;
  }
  proc(pid: number): Process {
    return this.s.processes[pid]!;
  }
  of<T extends KernelEvent['type']>(type: T): Extract<KernelEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<KernelEvent, { type: T }> => e.type === type);
  }
}

/** Builds a machine from scenario JSON (which must be valid). */
export function machine(input: ScenarioInput, seed = 1): Sim {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  const { state, events } = startKernel(r.scenario, seed);
  const sim = new Sim(state);
  sim.events.push(...events);
  return sim;
}
