// `npm run bench`: kernel throughput on a 64-thread, 4-core machine with I/O and IPC, run by the bots
// under round robin, and the time to replay a 10,000-tick session from its action log. Prints readable
// lines, then, as the last line, JSON: {"threadTicksPerSecond": …, "replayMs": …}.
// (Named *.bench.ts so that vitest's test/**/*.test.ts does not pick it up.)
import { performance } from 'node:perf_hooks';
import {
  hashState,
  parseScenario,
  replay,
  type KernelState,
  type Scenario,
  type ScenarioInput,
} from '../../shared/kernel/index.ts';
import { runWithBots } from '../../shared/sim/run.ts';

const REPLAY_TICKS = 10_000;
const TARGET_REPLAY_MS = 100;

/** Repeats a block of instruction texts until the program has about `n` instructions. */
function repeat(block: string[], n: number): string[] {
  const out: string[] = [];
  while (out.length + block.length <= n) out.push(...block);
  return out;
}

/**
 * 64 threads in 13 processes: a web server's workers (disk, network, a shared hit counter under a
 * lock), producers and consumers on a message queue and a TCP socket, a shell that talks to its
 * child through an anonymous pipe, and batch jobs. Every channel has as many sends as receives, so
 * the machine runs to the end; programs are long enough for tens of thousands of ticks.
 */
function benchScenario(): Scenario {
  const threads = (k: number, program: string[]) => Array.from({ length: k }, () => ({ program }));
  const input: ScenarioInput = {
    cores: 4,
    quantum: 4,
    switchCost: 1,
    devices: { disk: 3, net: 2 },
    locks: ['hits'],
    channels: [
      { name: 'jobs', kind: 'mq', capacity: 8 },
      { name: 'stream', kind: 'tcp', capacity: 8, latency: 2 },
      // UDP without loss (so its receivers get every datagram) but with jitter, which reorders them.
      { name: 'feed', kind: 'udp', capacity: 8, latency: 1, jitter: 3, loss: 0 },
      { name: 'cmd', kind: 'pipe', owner: 'shell', capacity: 4 },
      { name: 'log', kind: 'fifo', capacity: 4 },
    ],
    processes: [
      // 16 web workers in two processes: request, disk or network, count the hit, log it.
      ...[0, 1].map((i) => ({
        name: `web${i}`,
        arrival: i * 3,
        priority: 0,
        vars: { hits: 0 },
        threads: threads(
          8,
          repeat(
            [
              'cpu 2',
              'io disk',
              'lock hits',
              'load hits',
              'add 1',
              'store hits',
              'unlock hits',
              'cpu 1',
              'io net',
              'send log hit',
            ],
            480,
          ),
        ),
      })),
      // The log collector drains what the 16 workers send (48 sends each).
      { name: 'logger', arrival: 0, threads: threads(4, repeat(['recv log', 'cpu 1'], 2 * 48 * 4)) },
      // Producers and consumers on the message queue and the TCP socket.
      ...[0, 1].map((i) => ({
        name: `producer${i}`,
        arrival: i,
        threads: threads(4, repeat(['cpu 3', 'send jobs task', 'cpu 1', 'send stream data'], 400)),
      })),
      ...[0, 1].map((i) => ({
        name: `consumer${i}`,
        arrival: 2 + i,
        threads: threads(4, repeat(['recv jobs', 'cpu 2', 'recv stream', 'io disk 1'], 400)),
      })),
      // A shell and its child on an anonymous pipe (the child arrives after its parent).
      { name: 'shell', arrival: 0, threads: threads(4, repeat(['cpu 1', 'send cmd ls', 'io net 1'], 300)) },
      { name: 'child', arrival: 1, parent: 'shell', threads: threads(4, repeat(['recv cmd', 'cpu 2'], 200)) },
      // UDP telemetry and its monitor, and batch jobs.
      {
        name: 'telemetry',
        arrival: 5,
        threads: threads(2, repeat(['cpu 2', 'send feed tick', 'io net 1'], 300)),
      },
      { name: 'monitor', arrival: 5, threads: threads(2, repeat(['recv feed', 'cpu 1'], 200)) },
      {
        name: 'batch0',
        arrival: 0,
        priority: 5,
        threads: threads(8, repeat(['cpu 5', 'alloc 1', 'cpu 3', 'free 1', 'io disk 2'], 400)),
      },
      {
        name: 'batch1',
        arrival: 10,
        priority: 5,
        threads: threads(8, repeat(['cpu 4', 'io disk', 'cpu 4'], 300)),
      },
    ],
    starvationBound: 1000,
    interruptBound: 50,
  };
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`bench scenario: ${r.error}`);
  return r.scenario;
}

/** Σ over ticks of the threads alive then (arrived and not yet ended) = Σ of each thread's lifetime. */
function threadTicks(s: KernelState): number {
  let total = 0;
  for (const t of Object.values(s.threads)) total += (t.completion ?? s.tick) - t.arrival;
  return total;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function main(): void {
  const scenario = benchScenario();
  const policy = { kind: 'rr' } as const;
  const threadCount = scenario.processes.reduce((n, p) => n + p.threads.length, 0);
  console.log(
    `kernel bench: ${threadCount} threads in ${scenario.processes.length} processes, ${scenario.cores} cores, quantum ${scenario.quantum}, switch cost ${scenario.switchCost}, devices ${Object.keys(scenario.devices).join('+')}, channels ${scenario.channels.map((c) => `${c.name}(${c.kind})`).join(' ')}`,
  );

  // Throughput: whole runs to the end, bots in every role, under round robin, repeated for at least
  // 3 s (after a warm-up run) so that the figure is about the steady state.
  let full = runWithBots(scenario, policy);
  let runs = 0;
  let tt = 0;
  const t0 = performance.now();
  do {
    full = runWithBots(scenario, policy);
    tt += threadTicks(full.state);
    runs++;
  } while (performance.now() - t0 < 3_000);
  const seconds = (performance.now() - t0) / 1000;
  const threadTicksPerSecond = Math.round(tt / seconds);
  const c = full.state.counters;
  console.log(
    `run: ${fmt(full.state.tick)} ticks${full.finished ? ' (every process finished)' : ' (stopped at the tick limit)'}, ${fmt(full.log.length)} bot actions, ${fmt(c.contextSwitches)} context switches, ${fmt(c.interruptsHandled)} interrupts, ${fmt(c.lostUpdates)} lost updates, ${fmt(c.messagesDropped)} UDP drops`,
  );
  console.log(
    `throughput: ${runs} runs, ${fmt(tt)} thread-ticks in ${fmt(seconds, 2)} s = ${fmt(threadTicksPerSecond)} thread-ticks/s (${fmt((runs * full.state.tick) / seconds)} machine ticks/s)`,
  );

  // Replay: record a 10,000-tick session, then time replay() of its log (best of several, after a warm-up).
  const session = runWithBots(scenario, policy, { maxTicks: REPLAY_TICKS });
  if (session.state.tick !== REPLAY_TICKS)
    throw new Error(`the session ended at tick ${session.state.tick}, before ${REPLAY_TICKS}`);
  const expected = hashState(session.state);
  const rebuilt = replay(scenario, 1, session.log, REPLAY_TICKS);
  if (hashState(rebuilt) !== expected) throw new Error('replay did not reproduce the session');
  for (let i = 0; i < 3; i++) replay(scenario, 1, session.log, REPLAY_TICKS);
  // Best of at least 10 runs (more while under 2 s), so that a busy machine's hiccups do not count.
  const times: number[] = [];
  const cpu: number[] = [];
  const began = performance.now();
  while (times.length < 10 || (times.length < 40 && performance.now() - began < 2_000)) {
    const c0 = process.cpuUsage();
    const start = performance.now();
    replay(scenario, 1, session.log, REPLAY_TICKS);
    times.push(performance.now() - start);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = [...times].sort((a, b) => a - b)[times.length >> 1]!;
  const replayMs = Math.round(Math.min(...times) * 10) / 10;
  console.log(
    `replay: ${fmt(REPLAY_TICKS)} ticks, ${fmt(session.log.length)} logged actions, hash ${expected} reproduced; best ${fmt(replayMs, 1)} ms (median ${fmt(median, 1)} ms, best CPU time ${fmt(Math.min(...cpu), 1)} ms) over ${times.length} runs; target ≤ ${TARGET_REPLAY_MS} ms: ${replayMs <= TARGET_REPLAY_MS ? 'met' : 'MISSED'}`,
  );
  console.log(JSON.stringify({ threadTicksPerSecond, replayMs }));
}

main();
