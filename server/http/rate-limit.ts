// A token bucket per client address, so sign-in and sign-up cannot be used to guess passwords or
// flood the password hash (each attempt costs a memory-hard scrypt).

/** The outcome of asking for one token. */
export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Buckets of `capacity` tokens refilled at `perMinute` a minute, one per key. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for `key` if one is left. */
  take(key: string): Take {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.prune(now, rate);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)) };
  }

  /** Whether `key` has a token left, without taking it. */
  peek(key: string): Take {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.capacity, b.tokens + (now - b.at) * rate) : this.capacity;
    return tokens >= 1
      ? { ok: true }
      : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
  }

  private prune(now: number, rate: number): void {
    for (const [key, b] of this.buckets)
      if (b.tokens + (now - b.at) * rate >= this.capacity) this.buckets.delete(key);
  }
}
