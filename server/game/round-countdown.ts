// The pre-round countdown: after the host presses Start, every student reads their role card for a few
// seconds (LIMITS.countdown) before the round's clock starts; pressing Start again skips it. Driven by
// the room's elapsed time, like the tick clock, so tests step it.

/** Seconds of the countdown when the room sets none (within LIMITS.countdown). */
export const ROUND_COUNTDOWN_SECONDS = 10;

/** A countdown of whole seconds, advanced by elapsed milliseconds. */
export class RoundCountdown {
  private leftMs = 0;

  constructor(public seconds: number = ROUND_COUNTDOWN_SECONDS) {}

  /** Starts counting down; false when the room has no countdown (0 s), so the round starts at once. */
  begin(): boolean {
    if (this.seconds <= 0) return false;
    this.leftMs = this.seconds * 1000;
    return true;
  }

  /** True while the countdown runs. */
  get active(): boolean {
    return this.leftMs > 0;
  }

  /** Whole seconds left, as every screen shows them (0: no countdown). */
  get secondsLeft(): number {
    return Math.ceil(this.leftMs / 1000);
  }

  /** Adds elapsed time; true exactly once, when the countdown runs out. */
  advance(elapsedMs: number): boolean {
    if (!this.active || !(elapsedMs > 0)) return false;
    this.leftMs = Math.max(0, this.leftMs - elapsedMs);
    return this.leftMs === 0;
  }

  /** Stops the countdown (skipped, or the room restarted). */
  cancel(): void {
    this.leftMs = 0;
  }
}

/** Opens the countdown when the mode has one and it is not running yet; false means start the round now. */
export function startsCountdown(mode: { countsDown: boolean }, countdown: RoundCountdown): boolean {
  return mode.countsDown && !countdown.active && countdown.begin();
}
