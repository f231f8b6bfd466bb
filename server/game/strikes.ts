// Counts a client's malformed or forbidden messages over a sliding minute, so an honest mistake is
// answered with an error while a client that keeps probing is disconnected.

const WINDOW_MS = 60_000;

/** Per-seat strike counter. */
export class Strikes {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly limit: number) {}

  /** Records a strike at `now`; true when the seat has now reached the limit within the window. */
  add(seat: string, now: number): boolean {
    const recent = (this.times.get(seat) ?? []).filter((t) => now - t < WINDOW_MS);
    recent.push(now);
    this.times.set(seat, recent);
    return recent.length >= this.limit;
  }

  /** Forgets a seat's strikes (after it was disconnected). */
  clear(seat: string): void {
    this.times.delete(seat);
  }
}
