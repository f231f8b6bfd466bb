// The room's fixed-timestep accumulator: wall-clock milliseconds in, whole kernel ticks out, at a
// speed the host can change without losing the fraction already accumulated.

/** Longest backlog kept after a stall (a laptop sleeping, a GC pause): the machine never sprints to catch up. */
const MAX_BACKLOG_MS = 1000;

/** Converts elapsed time into kernel ticks at `ticksPerSecond`. */
export class TickClock {
  private accumulated = 0;

  constructor(public ticksPerSecond: number) {}

  /** Adds elapsed wall time and returns how many ticks are due now. */
  advance(elapsedMs: number): number {
    if (!(elapsedMs > 0)) return 0;
    this.accumulated = Math.min(this.accumulated + elapsedMs, MAX_BACKLOG_MS + this.stepMs());
    const due = Math.floor(this.accumulated / this.stepMs());
    this.accumulated -= due * this.stepMs();
    return due;
  }

  /** Forgets accumulated time (on pause, so resuming does not burst). */
  reset(): void {
    this.accumulated = 0;
  }

  private stepMs(): number {
    return 1000 / this.ticksPerSecond;
  }
}
