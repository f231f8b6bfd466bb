// The interrupt line: timer and I/O-completion interrupts pend here until handled, by the interrupt
// handler role or at once when the scenario makes the kernel handle them itself.
import { leaveCore, makeReady, thread, unblock, type Emit } from './machine.ts';
import type { Interrupt, KernelState } from './types.ts';

/** Ticks an interrupt has waited at `tick` (its latency if handled then): the one rule the kernel's figures and the screen's rows use. */
export function interruptWaited(tick: number, irq: Pick<Interrupt, 'raisedAt'>): number {
  return tick - irq.raisedAt;
}

/** Raises an interrupt; handles it at once when interrupts are automatic. */
export function raise(
  s: KernelState,
  kind: 'timer' | 'io',
  tid: number,
  core: number | null,
  device: string | null,
  emit: Emit,
  async = false,
): void {
  const irq: Interrupt = {
    id: s.nextInterruptId++,
    kind,
    tid,
    core,
    device,
    raisedAt: s.tick,
    reported: false,
  };
  if (async) irq.async = true;
  s.interrupts.push(irq);
  s.counters.interruptsRaised++;
  emit({ tick: s.tick, type: 'interrupt-raised', id: irq.id, kind, tid, core, device });
  if (s.scenario.auto.interrupts) handle(s, irq, emit);
}

/** Handles a pending interrupt: timer → the running thread back to Ready; I/O done → its thread to Ready. */
export function handle(s: KernelState, irq: Interrupt, emit: Emit): void {
  s.interrupts = s.interrupts.filter((i) => i.id !== irq.id);
  const latency = interruptWaited(s.tick, irq);
  s.counters.interruptsHandled++;
  s.counters.interruptLatencyTotal += latency;
  emit({ tick: s.tick, type: 'interrupt-handled', id: irq.id, kind: irq.kind, tid: irq.tid, latency });
  const t = thread(s, irq.tid);
  if (irq.kind === 'timer') {
    if (t.state === 'running' && t.core !== null && t.core === irq.core) {
      const core = t.core;
      leaveCore(s, t);
      makeReady(s, t);
      emit({ tick: s.tick, type: 'preempted', core, tid: t.tid, by: 'timer' });
    }
  } else if (irq.async) {
    // An asynchronous request is done: the thread ran on meanwhile; await lets it go once all are done.
    t.asyncPending = Math.max(0, t.asyncPending - 1);
    if (t.asyncPending === 0 && t.state === 'blocked' && t.blocked?.on === 'await') unblock(s, t, emit);
  } else if (t.state === 'blocked' && t.blocked?.on === 'device') {
    unblock(s, t, emit);
  }
}
