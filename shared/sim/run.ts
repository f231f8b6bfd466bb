// Running a scenario to its end with bots in every role: the headless runner, the baselines a class
// is compared with after a round, and the tests all use this one loop.
import {
  applyActionInPlace,
  createKernel,
  isFinished,
  label,
  machineMetrics,
  processMetrics,
  tickInPlace,
} from '../kernel/index.ts';
import type {
  KernelAction,
  KernelEvent,
  KernelState,
  MachineMetrics,
  Scenario,
  TimedAction,
} from '../kernel/index.ts';
import {
  deliveryBot,
  interruptBot,
  schedulerBot,
  steeredThreads,
  threadBot,
  type Policy,
  type PolicyKind,
} from '../bots/index.ts';

/** What each core did during one tick, for traces and Gantt charts: a thread label, 'switch' or null (idle). */
export interface TraceRow {
  tick: number;
  cores: (string | null)[];
  ready: string[];
}

/** Options for a bot-driven run. */
export interface RunOptions {
  seed?: number;
  maxTicks?: number;
  trace?: boolean;
  /** Called with every event, in order (for tests and live views). */
  onEvent?: (e: KernelEvent) => void;
}

/** The outcome of a run: the final machine, the action log that replays it, and the optional trace. */
export interface RunResult {
  state: KernelState;
  log: TimedAction[];
  trace: TraceRow[];
  finished: boolean;
}

/** The jobs a human holds, which the bots must leave alone (solo play: everything but the player's role). */
export interface BotExclusions {
  /** Cores the bots must not dispatch to or preempt. */
  cores?: readonly number[];
  /** True when the bots must not handle interrupts. */
  interrupts?: boolean;
  /** Steered threads whose instructions the bots must not choose. */
  threads?: readonly number[];
  /** Channels on which the bots must not deliver. */
  channels?: readonly string[];
}

/** Every bot's actions for this moment, interrupt handler first, scheduler last; `except` leaves a player's jobs alone. */
export function botActions(s: KernelState, policy: Policy, except: BotExclusions = {}): KernelAction[] {
  const out = except.interrupts ? [] : interruptBot(s);
  const channels = except.channels
    ? Object.keys(s.channels).filter((c) => !except.channels!.includes(c))
    : undefined;
  out.push(...deliveryBot(s, channels));
  for (const tid of steeredThreads(s)) if (!except.threads?.includes(tid)) out.push(...threadBot(s, tid));
  const cores = s.cores.map((c) => c.id).filter((c) => !except.cores?.includes(c));
  if (cores.length > 0) out.push(...schedulerBot(s, policy, cores));
  return out;
}

/** Lets the bots act until none has anything left to do at this tick; accepted actions go to the log. */
export function settleBots(
  s: KernelState,
  policy: Policy,
  log: TimedAction[],
  onEvent?: (e: KernelEvent) => void,
  except?: BotExclusions,
): void {
  for (let round = 0; round < 1000; round++) {
    const actions = botActions(s, policy, except);
    let applied = 0;
    for (const action of actions) {
      const r = applyActionInPlace(s, action);
      if (!r.ok) continue; // an earlier action this round already changed what this one saw
      applied++;
      log.push({ tick: s.tick, action });
      if (onEvent) r.events.forEach(onEvent);
    }
    if (applied === 0) return;
  }
}

function traceRow(s: KernelState): TraceRow {
  return {
    tick: s.tick,
    cores: s.cores.map((c) =>
      c.running === null ? null : c.switchLeft > 0 ? 'switch' : label(s, c.running),
    ),
    ready: s.readyQueue.map((tid) => label(s, tid)),
  };
}

/** Runs a scenario with bots in every role under a policy until every process has ended (or maxTicks). */
export function runWithBots(scenario: Scenario, policy: Policy, opts: RunOptions = {}): RunResult {
  const s = createKernel(scenario, opts.seed ?? 1);
  const log: TimedAction[] = [];
  const trace: TraceRow[] = [];
  const maxTicks = opts.maxTicks ?? 100_000;
  while (!isFinished(s) && s.tick < maxTicks) {
    settleBots(s, policy, log, opts.onEvent);
    // The clock stops with the last process: one that ends on being dispatched (after I/O or join) ends now.
    if (isFinished(s)) break;
    if (opts.trace) trace.push(traceRow(s));
    const events = tickInPlace(s);
    if (opts.onEvent) events.forEach(opts.onEvent);
  }
  return { state: s, log, trace, finished: isFinished(s) };
}

/** The scenario as a classic policy runs it: RR gets a timer (the scenario's quantum, or the given one), the others none. */
export function scenarioForPolicy(scenario: Scenario, kind: PolicyKind, quantum?: number): Scenario {
  const q = kind === 'rr' ? (quantum ?? (scenario.quantum > 0 ? scenario.quantum : 1)) : 0;
  return { ...scenario, quantum: q };
}

/** One policy's figures on a workload, as the runner prints them and the report compares them. */
export interface PolicyReport {
  policy: PolicyKind;
  quantum: number;
  jobs: {
    name: string;
    arrival: number;
    firstRun: number | null;
    completion: number | null;
    response: number | null;
    turnaround: number | null;
    waiting: number;
  }[];
  averages: { response: number; turnaround: number; waiting: number };
  utilization: number;
  contextSwitches: number;
  ticks: number;
  finished: boolean;
  metrics: MachineMetrics;
  trace?: TraceRow[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Runs a workload under one classic policy and reports the scenario's own processes. */
export function runPolicy(
  scenario: Scenario,
  kind: PolicyKind,
  opts: RunOptions & { quantum?: number } = {},
): PolicyReport {
  const sc = scenarioForPolicy(scenario, kind, opts.quantum);
  const r = runWithBots(sc, { kind }, opts);
  const byPid = new Map(processMetrics(r.state).map((p) => [p.pid, p]));
  const jobs = sc.processes.map((spec) => {
    const pid = r.state.arrivedPids[spec.name];
    const m = pid === undefined ? undefined : byPid.get(pid);
    return {
      name: spec.name,
      arrival: spec.arrival,
      firstRun: m?.firstRun ?? null,
      completion: m?.completion ?? null,
      response: m?.response ?? null,
      turnaround: m?.turnaround ?? null,
      waiting: m?.waiting ?? 0,
    };
  });
  const avg = (f: (j: (typeof jobs)[number]) => number | null) =>
    round3(jobs.reduce((a, j) => a + (f(j) ?? 0), 0) / Math.max(1, jobs.length));
  const metrics = machineMetrics(r.state);
  const report: PolicyReport = {
    policy: kind,
    quantum: sc.quantum,
    jobs,
    averages: {
      response: avg((j) => j.response),
      turnaround: avg((j) => j.turnaround),
      waiting: avg((j) => j.waiting),
    },
    utilization: metrics.utilization,
    contextSwitches: metrics.contextSwitches,
    ticks: r.state.tick,
    finished: r.finished,
    metrics,
  };
  if (opts.trace) report.trace = r.trace;
  return report;
}
