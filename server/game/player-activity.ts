// Per-player bookkeeping of one round for the teachers' reports: accepted and refused actions and the
// response latency — the running time between the moment the machine gave a player something to do
// (an idle core with Ready threads, a raised interrupt, a deliverable message, a thread waiting for
// its next instruction) and that player's action. Pauses do not count.
import type { KernelAction, KernelState } from '../../shared/kernel/index.ts';

/** One player's round, as stored in the report. */
export interface PlayerActivity {
  actions: number;
  refused: number;
  /** Mean response latency in milliseconds of running time, or null when no action answered a prompt. */
  meanLatencyMs: number | null;
  /** The player's actions in order (capped), for the per-student report. */
  log: { tick: number; type: string; ok: boolean; latencyMs: number | null }[];
}

const LOG_CAP = 500;

/** Watches the machine and the players' actions of one round. */
export class ActivityTracker {
  private activeMs = 0;
  /** Running milliseconds at which each tick began. */
  private tickStart = new Map<number, number>();
  /** Prompt key → tick since which it has been waiting for a player. */
  private waiting = new Map<string, number>();
  private players = new Map<string, PlayerActivity & { latencyTotal: number; samples: number }>();

  /** Starts a new round's bookkeeping. */
  reset(state: KernelState): void {
    this.activeMs = 0;
    this.tickStart = new Map([[state.tick, 0]]);
    this.waiting.clear();
    this.players.clear();
    this.observe(state, 0);
  }

  /** Notes the machine after a frame (running milliseconds elapsed) or an action (0). */
  observe(state: KernelState, runningMs: number): void {
    this.activeMs += runningMs;
    if (!this.tickStart.has(state.tick)) this.tickStart.set(state.tick, this.activeMs);
    const now = new Set<string>();
    if (state.readyQueue.length > 0)
      for (const c of state.cores) if (c.running === null) now.add(`core:${c.id}`);
    for (const c of state.cores) {
      const t = c.running === null ? undefined : state.threads[c.running];
      if (t && t.steered && t.pc >= t.program.length) now.add(`steer:${t.tid}`);
    }
    for (const key of this.waiting.keys()) if (!now.has(key)) this.waiting.delete(key);
    for (const key of now) if (!this.waiting.has(key)) this.waiting.set(key, state.tick);
  }

  /** The tick at which the situation this action answers began, or null when it answers none (read before applying it). */
  promptTick(state: KernelState, action: KernelAction): number | null {
    switch (action.type) {
      case 'dispatch':
        return this.waiting.get(`core:${action.core}`) ?? null;
      case 'choose':
        return this.waiting.get(`steer:${action.tid}`) ?? null;
      case 'handle-interrupt':
        return state.interrupts.find((i) => i.id === action.id)?.raisedAt ?? null;
      case 'deliver': {
        const message = state.channels[action.channel]?.inFlight.find((m) => m.id === action.message);
        return message ? Math.max(message.readyAt, message.sentAt) : null;
      }
      default:
        return null;
    }
  }

  /** Records an accepted action with the prompt it answered. */
  accepted(seatId: string, state: KernelState, type: string, prompt: number | null): void {
    const p = this.player(seatId);
    p.actions++;
    const latencyMs = prompt === null ? null : Math.max(0, this.activeMs - this.startOf(prompt));
    if (latencyMs !== null) {
      p.latencyTotal += latencyMs;
      p.samples++;
    }
    if (p.log.length < LOG_CAP)
      p.log.push({
        tick: state.tick,
        type,
        ok: true,
        latencyMs: latencyMs === null ? null : Math.round(latencyMs),
      });
    this.observe(state, 0);
  }

  /** Records an action the kernel refused. */
  refused(seatId: string, tick: number, type: string): void {
    const p = this.player(seatId);
    p.refused++;
    if (p.log.length < LOG_CAP) p.log.push({ tick, type, ok: false, latencyMs: null });
  }

  /** Every player's round so far, by seat id. */
  report(): Record<string, PlayerActivity> {
    const out: Record<string, PlayerActivity> = {};
    for (const [seat, p] of this.players) {
      out[seat] = {
        actions: p.actions,
        refused: p.refused,
        meanLatencyMs: p.samples > 0 ? Math.round((p.latencyTotal / p.samples) * 10) / 10 : null,
        log: p.log.slice(),
      };
    }
    return out;
  }

  private startOf(tick: number): number {
    for (let t = tick; t >= 0; t--) {
      const at = this.tickStart.get(t);
      if (at !== undefined) return at;
    }
    return 0;
  }

  private player(seatId: string): PlayerActivity & { latencyTotal: number; samples: number } {
    let p = this.players.get(seatId);
    if (!p) {
      p = { actions: 0, refused: 0, meanLatencyMs: null, log: [], latencyTotal: 0, samples: 0 };
      this.players.set(seatId, p);
    }
    return p;
  }
}
