// Process-wide performance figures for load runs and operators: how long rooms spend simulating and
// patching, event-loop delay, CPU and memory. Cheap enough to stay on in production (a ring buffer
// per figure, one histogram from perf_hooks).
import {
  constants,
  monitorEventLoopDelay,
  PerformanceObserver,
  type NodeGCPerformanceDetail,
} from 'node:perf_hooks';

const RING = 8192;

/** A fixed-size ring of recent durations in milliseconds, summarised as percentiles. */
export class DurationRing {
  private readonly values = new Float64Array(RING);
  private count = 0;
  private total = 0;

  /** Records one duration. */
  record(ms: number): void {
    this.values[this.count % RING] = ms;
    this.count++;
    this.total += ms;
  }

  /** Percentiles of the recent durations and the all-time count and sum. */
  summary(): { count: number; totalMs: number; p50: number; p95: number; p99: number; max: number } {
    const n = Math.min(this.count, RING);
    const sorted = Array.from(this.values.subarray(0, n)).sort((a, b) => a - b);
    const at = (q: number) => (n === 0 ? 0 : round(sorted[Math.min(n - 1, Math.floor(q * n))]!));
    return {
      count: this.count,
      totalMs: round(this.total),
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: n === 0 ? 0 : round(sorted[n - 1]!),
    };
  }

  /** Forgets everything recorded so far. */
  reset(): void {
    this.count = 0;
    this.total = 0;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The figures rooms feed: simulation steps (kernel ticks, bots) and patches (projection + encoding + send). */
export const roomTimings = { step: new DurationRing(), patch: new DurationRing() };

/** State patches written to clients' sockets, and the empty ones not written (server/rooms/colyseus-internals.ts). */
export const patchFrames = { sent: 0, skipped: 0 };

let loopDelay: ReturnType<typeof monitorEventLoopDelay> | null = null;

/** Garbage-collection pauses (all kinds) and the heap as the last full (mark-compact) collection left it. */
const gc = {
  pauses: new DurationRing(),
  majorPauses: new DurationRing(),
  heapAfterMajor: null as number | null,
  majorCount: 0,
};

/**
 * Starts measuring event-loop delay and garbage collection (idempotent); called by tools that report
 * metrics. The heap is read right after each full collection V8 runs on its own, so a load run can
 * follow live memory without forcing a collection (a forced one stops the server for tens of ms).
 */
export function watchEventLoop(): void {
  if (loopDelay) return;
  loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.pauses.record(entry.duration);
      if (
        (entry as PerformanceEntry & { detail?: NodeGCPerformanceDetail }).detail?.kind ===
        constants.NODE_PERFORMANCE_GC_MAJOR
      ) {
        gc.majorPauses.record(entry.duration);
        gc.majorCount++;
        gc.heapAfterMajor = process.memoryUsage().heapUsed;
      }
    }
  }).observe({ entryTypes: ['gc'] });
}

/** One reading of the process's figures. */
export interface MetricsReading {
  at: number;
  cpu: NodeJS.CpuUsage;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  eventLoopDelayMs: { p50: number; p95: number; p99: number; max: number } | null;
  step: ReturnType<DurationRing['summary']>;
  patch: ReturnType<DurationRing['summary']>;
  /** Collection pauses (every kind, and full collections alone) since the last reset. */
  gcPauseMs: ReturnType<DurationRing['summary']>;
  gcMajorPauseMs: ReturnType<DurationRing['summary']>;
  /** Heap in use right after the latest full collection V8 ran by itself (null before the first). */
  heapAfterMajorGc: number | null;
  /** Full collections since the process started. */
  majorGcCount: number;
  /** State patches written to clients since the last reset, and the empty ones left unwritten. */
  patchFrames: { sent: number; skipped: number };
}

/** Reads the process's figures now; `reset` starts new percentile windows afterwards. */
export function readMetrics(reset = false): MetricsReading {
  const mem = process.memoryUsage();
  const ns = (v: number) => round(v / 1e6);
  const reading: MetricsReading = {
    at: Date.now(),
    cpu: process.cpuUsage(),
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    heapTotal: mem.heapTotal,
    external: mem.external,
    eventLoopDelayMs: loopDelay
      ? {
          p50: ns(loopDelay.percentile(50)),
          p95: ns(loopDelay.percentile(95)),
          p99: ns(loopDelay.percentile(99)),
          max: ns(loopDelay.max),
        }
      : null,
    step: roomTimings.step.summary(),
    patch: roomTimings.patch.summary(),
    gcPauseMs: gc.pauses.summary(),
    gcMajorPauseMs: gc.majorPauses.summary(),
    heapAfterMajorGc: gc.heapAfterMajor,
    majorGcCount: gc.majorCount,
    patchFrames: { ...patchFrames },
  };
  if (reset) {
    loopDelay?.reset();
    roomTimings.step.reset();
    roomTimings.patch.reset();
    gc.pauses.reset();
    gc.majorPauses.reset();
    patchFrames.sent = 0;
    patchFrames.skipped = 0;
  }
  return reading;
}
