// One tick of the machine: the work done during tick t, then everything that happens at the
// boundary t+1, in a fixed order: I/O completions, threads reaching their next instruction,
// arrivals, timer expiries (so a job arriving at t queues before the job the timer preempts at t),
// deliveries, then the detectors.
import { detect, watchLivelock } from './detect.ts';
import { settle, runCore } from './execute.ts';
import { raise } from './interrupts.ts';
import { deliverDue, expireReceives } from './ipc.ts';
import { KEYBOARD } from './scenario.ts';
import { admitLoaded, createProcess, initOf, type Emit } from './machine.ts';
import type { Device, KernelEvent, KernelState } from './types.ts';

function startNext(s: KernelState, d: Device, emit: Emit): void {
  if (d.current !== null) return;
  const next = d.queue.shift();
  if (!next) return;
  d.current = next;
  emit({ tick: s.tick, type: 'io-started', device: d.name, tid: next.tid });
}

/** Admits every scenario process whose arrival time has come. */
export function admitArrivals(s: KernelState, emit: Emit): void {
  while (s.pendingArrivals.length > 0) {
    const idx = s.pendingArrivals[0]!;
    const spec = s.scenario.processes[idx]!;
    if (spec.arrival > s.tick) break;
    s.pendingArrivals.shift();
    // The first process a user starts is init's child, when the kernel has an init.
    const ppid = spec.parent !== null ? (s.arrivedPids[spec.parent] ?? null) : (initOf(s)?.pid ?? null);
    const p = createProcess(s, spec, ppid, emit, s.scenario.loadTicks);
    s.arrivedPids[spec.name] = p.pid;
  }
  admitLoaded(s, emit);
}

/** Things that happen at a tick boundary without anyone acting: also run once at tick 0. */
export function boundary(s: KernelState, emit: Emit): void {
  for (const core of s.cores) {
    if (core.running !== null) settle(s, s.threads[core.running]!, emit);
  }
  admitArrivals(s, emit);
  const q = s.scenario.quantum;
  if (q > 0) {
    for (const core of s.cores) {
      if (core.running === null || core.switchLeft > 0 || core.sliceUsed < q) continue;
      if (s.interrupts.some((i) => i.kind === 'timer' && i.core === core.id)) continue;
      raise(s, 'timer', core.running, core.id, null, emit);
    }
  }
  if (s.scenario.auto.delivery) for (const name in s.channels) deliverDue(s, s.channels[name]!, emit);
  expireReceives(s, emit);
  for (const name in s.devices) startNext(s, s.devices[name]!, emit);
  detect(s, emit);
}

/** Advances the machine by one tick, mutating it; returns what happened. */
export function tickInPlace(s: KernelState): KernelEvent[] {
  const events: KernelEvent[] = [];
  const emit: Emit = (e) => events.push(e);
  // Hot loop (every tick of every replay): `for … in` instead of Object.values() saves an array per pass.
  for (const name in s.devices) startNext(s, s.devices[name]!, emit);
  for (const tid of s.readyQueue) {
    const t = s.threads[tid]!;
    t.readyTicks++;
    t.readyStreak++;
  }
  // Livelock watch: a tick is busy without progress when some core pays a switch while no core does
  // useful work and no device serves a request.
  let switching = false;
  let progress = false;
  for (let c = 0; c < s.cores.length; c++) {
    const did = runCore(s, c);
    if (did === 'work') progress = true;
    else if (did === 'switch') switching = true;
  }
  for (const name in s.devices) {
    const d = s.devices[name]!;
    if (d.current) {
      d.current.remaining--;
      d.busyTicks++;
      progress = true;
    }
  }
  s.tick++;
  if (switching && !progress) watchLivelock(s, emit);
  else if (s.noProgress && s.noProgress.ticks > 0) s.noProgress = { ticks: 0, tids: [], reported: false };
  for (const name in s.devices) {
    const d = s.devices[name]!;
    const r = d.current;
    if (!r || r.remaining > 0) continue;
    d.current = null;
    d.served++;
    emit({ tick: s.tick, type: 'io-done', device: d.name, tid: r.tid });
    const t = s.threads[r.tid]!;
    // A foreground process's keyboard request is the user typing: from now on the user waits for it to run.
    if (d.name === KEYBOARD && s.processes[t.pid]!.kind === 'foreground') t.keyAt = s.tick;
    if (s.threads[r.tid]!.state !== 'terminated') raise(s, 'io', r.tid, null, d.name, emit, r.async === true);
  }
  boundary(s, emit);
  return events;
}
