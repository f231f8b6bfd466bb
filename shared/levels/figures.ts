// The figures a goal may name: the machine's metrics, each process's PCB, variables, channels and
// devices read from a state, plus what only a watcher of the whole run knows (peaks, event counts,
// messages received), which a Tracker collects tick by tick.
import { isFinished, machineMetrics, processMetrics } from '../kernel/index.ts';
import type { KernelEvent, KernelState, Process } from '../kernel/index.ts';
import { evalExpr, type Expr } from './goal.ts';

/** Figure name → value. */
export type Figures = Record<string, number>;

function depth(s: KernelState, p: Process): number {
  let d = 0;
  let at = p;
  for (let guard = 0; at.ppid !== null && guard < 1000; guard++) {
    const parent = s.processes[at.ppid];
    if (!parent) break;
    d++;
    at = parent;
  }
  return d;
}

/** Pages a process occupies on its own: the pages of its page table whose frame no other process maps. */
export function privatePages(s: KernelState, p: Process): number {
  let n = 0;
  for (const page of p.memory.pages) if ((s.frames[page.frame]?.length ?? 0) <= 1) n++;
  return n;
}

/** Frames the live processes occupy, a frame shared copy-on-write (or read-only code) counted once. */
export function memoryInUse(s: KernelState): number {
  return Object.keys(s.frames).length;
}

/** Zombies: processes that have ended but whose parent has not reaped them yet (join), PCBs still kept. */
export function zombies(s: KernelState): number {
  let n = 0;
  for (const p of Object.values(s.processes)) if (!p.system && p.terminated && !p.reaped) n++;
  return n;
}

/** Every figure that can be read from one state alone. */
export function stateFigures(s: KernelState): Figures {
  const f: Figures = {};
  const m = machineMetrics(s);
  for (const k of [
    'elapsed',
    'utilization',
    'throughput',
    'completed',
    'contextSwitches',
    'switchTicks',
    'threadSwitches',
    'threadSwitchTicks',
    'cacheMisses',
    'cacheFlushes',
    'meanUserWait',
    'interruptsRaised',
    'interruptsHandled',
    'meanInterruptLatency',
  ] as const)
    f[k] = m[k];
  f['averages.response'] = m.averages.response;
  f['averages.turnaround'] = m.averages.turnaround;
  f['averages.waiting'] = m.averages.waiting;
  for (const [k, v] of Object.entries(m.faults)) {
    f[`faults.${k}`] = v;
    f[k] = v;
  }
  f.finished = isFinished(s) ? 1 : 0;
  f.memory = memoryInUse(s);
  f.zombies = zombies(s);
  const metrics = new Map(processMetrics(s).map((x) => [x.pid, x]));
  const byName = Object.values(s.processes)
    .filter((p) => !p.system)
    .sort((a, b) => a.pid - b.pid);
  for (const p of byName) {
    const name = p.name;
    f[`count.${name}`] = (f[`count.${name}`] ?? 0) + 1;
    f[`crashed.${name}`] = (f[`crashed.${name}`] ?? 0) + (p.faulted ? 1 : 0);
    f[`done.${name}`] = (f[`done.${name}`] ?? 0) + (p.terminated && !p.faulted ? 1 : 0);
    if (`proc.${name}.pid` in f) continue; // proc.NAME.* describes the first process of that name
    const pm = metrics.get(p.pid)!;
    const at = `proc.${name}.`;
    f[at + 'pid'] = p.pid;
    if (p.ppid !== null) f[at + 'ppid'] = p.ppid;
    f[at + 'depth'] = depth(s, p);
    f[at + 'priority'] = p.priority;
    f[at + 'waiting'] = pm.waiting;
    f[at + 'cpu'] = pm.cpu;
    if (pm.response !== null) f[at + 'response'] = pm.response;
    if (pm.turnaround !== null) f[at + 'turnaround'] = pm.turnaround;
    if (pm.completion !== null) f[at + 'completion'] = pm.completion;
    if (pm.firstRun !== null) f[at + 'firstRun'] = pm.firstRun;
    f[at + 'terminated'] = p.terminated ? 1 : 0;
    f[at + 'faulted'] = p.faulted ? 1 : 0;
    f[at + 'alive'] = p.terminated ? 0 : 1;
    f[at + 'threads'] = p.threads.length;
    f[at + 'children'] = p.children.length;
    f[at + 'heap'] = p.memory.heap;
    f[at + 'cowPages'] = p.memory.cowPages;
    f[at + 'openFiles'] = p.openFiles.length;
    for (const [v, val] of Object.entries(p.vars)) f[`var.${name}.${v}`] = val;
  }
  for (const [seg, h] of Object.entries(s.sharedMemory))
    for (const [v, val] of Object.entries(h.vars)) f[`shm.${seg}.${v}`] = val;
  for (const [n, c] of Object.entries(s.channels)) {
    f[`chan.${n}.sent`] = c.sent;
    f[`chan.${n}.delivered`] = c.delivered;
    f[`chan.${n}.dropped`] = c.dropped;
    f[`chan.${n}.buffered`] = c.buffer.length;
    f[`chan.${n}.waiting`] = c.senders.length;
  }
  for (const [n, d] of Object.entries(s.devices)) {
    f[`dev.${n}.served`] = d.served;
    f[`dev.${n}.busy`] = d.busyTicks;
  }
  return f;
}

/**
 * Watches a run: counts events by type (`events.forked`), messages each process received
 * (`recv.NAME`) and the distinct non-empty payloads it got (`got.NAME`), and the peaks of memory
 * (`peak.memory`), of each process's heap (`peak.heap.NAME`) and of the level's own tracked sums.
 */
export class Tracker {
  private readonly counts: Figures = {};
  private readonly peaks: Figures = {};
  private readonly payloads = new Map<string, Set<string>>();

  constructor(private readonly tracked: Readonly<Record<string, Expr>> = {}) {}

  /** Takes in what just happened; call it after every action and every tick, with the state after it. */
  observe(s: KernelState, events: readonly KernelEvent[]): void {
    for (const e of events) {
      this.counts[`events.${e.type}`] = (this.counts[`events.${e.type}`] ?? 0) + 1;
      if (e.type === 'message-received') {
        const t = s.threads[e.tid];
        const p = t && s.processes[t.pid];
        if (!p) continue;
        this.counts[`recv.${p.name}`] = (this.counts[`recv.${p.name}`] ?? 0) + 1;
        const got = this.payloads.get(p.name) ?? new Set<string>();
        if (t.lastMessage) got.add(t.lastMessage);
        this.payloads.set(p.name, got);
      }
    }
    this.peak('peak.memory', memoryInUse(s));
    for (const p of Object.values(s.processes)) this.peak(`peak.heap.${p.name}`, p.memory.heap);
    if (Object.keys(this.tracked).length > 0) {
      const f = stateFigures(s);
      for (const [name, e] of Object.entries(this.tracked)) {
        const v = evalExpr(e, f);
        if (v !== null) this.peak(`peak.${name}`, v);
      }
    }
  }

  private peak(key: string, v: number): void {
    if (!(key in this.peaks) || v > this.peaks[key]!) this.peaks[key] = v;
  }

  /** The figures collected so far. */
  figures(): Figures {
    const f: Figures = { ...this.counts, ...this.peaks };
    for (const [name, got] of this.payloads) f[`got.${name}`] = got.size;
    return f;
  }
}
