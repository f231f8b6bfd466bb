// Per-player bookkeeping of one round for the teachers' reports and the grace prompts: accepted and refused
// actions and the response latency — the running time between the moment the machine gave a player
// something to do (the kernel's awaitsMove: a needed legal move for their job) and that player's action. Pauses
// do not count. A job left waiting past the room's grace time gets a prompt, then a bot's move.
import { awaitsMove, type KernelState } from '../../shared/kernel/index.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';

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

/** A job a person holds, as the tracker watches it. */
export interface HeldJob {
  slot: RoleSlot;
  seat: string;
}

/** Watches the machine and the players' actions of one round. */
export class ActivityTracker {
  private activeMs = 0;
  /** Running milliseconds at which each tick began. */
  private tickStart = new Map<number, number>();
  /** Held job (slot key) → the tick and running milliseconds since which the kernel has listed legal moves for it. */
  private waiting = new Map<string, { tick: number; ms: number; prompted: boolean }>();
  private players = new Map<string, PlayerActivity & { latencyTotal: number; samples: number }>();
  private seen: { state: KernelState | null; tick: number; version: string } = {
    state: null,
    tick: -1,
    version: '',
  };

  /** Starts a new round's bookkeeping. */
  reset(state: KernelState, held: readonly HeldJob[] = []): void {
    this.activeMs = 0;
    this.tickStart = new Map([[state.tick, 0]]);
    this.waiting.clear();
    this.players.clear();
    this.seen = { state: null, tick: -1, version: '' };
    this.observe(state, 0, held, 'reset');
  }

  /**
   * Notes the machine after a frame (running milliseconds elapsed): a held job is asked to act while the
   * kernel's `awaitsMove` says so (from `legalMoves`, the list the bots and the action bar read). `version` changes whenever the machine or the holders may have changed.
   */
  observe(state: KernelState, runningMs: number, held: readonly HeldJob[], version: string): void {
    this.activeMs += runningMs;
    if (!this.tickStart.has(state.tick)) this.tickStart.set(state.tick, this.activeMs);
    if (this.seen.state === state && this.seen.tick === state.tick && this.seen.version === version) return;
    this.seen = { state, tick: state.tick, version };
    const now = new Set<string>();
    for (const { slot } of held) if (awaitsMove(state, slot)) now.add(slot.key);
    for (const key of this.waiting.keys()) if (!now.has(key)) this.waiting.delete(key);
    for (const key of now)
      if (!this.waiting.has(key))
        this.waiting.set(key, { tick: state.tick, ms: this.activeMs, prompted: false });
  }

  /** The tick at which the job `slotKey` was first asked to act, or null when it is asked nothing (read before applying the action). */
  promptTick(slotKey: string): number | null {
    return this.waiting.get(slotKey)?.tick ?? null;
  }

  /**
   * The held jobs left waiting too long: `prompt` once half the grace time has run (the "your turn" nudge),
   * `bot` once all of it has (a bot makes that move; the job's clock starts again). A job's grace time is
   * `graceMs` times its student's `factor` (the teacher's extra time; 1 for everyone else).
   */
  overdue(
    graceMs: number,
    factor: (slotKey: string) => number = () => 1,
  ): { prompt: string[]; bot: string[] } {
    const out = { prompt: [] as string[], bot: [] as string[] };
    if (graceMs <= 0) return out;
    for (const [key, w] of this.waiting) {
      const waited = this.activeMs - w.ms;
      const grace = graceMs * factor(key);
      if (waited >= grace) {
        out.bot.push(key);
        w.ms = this.activeMs;
        w.prompted = false;
      } else if (!w.prompted && waited >= grace / 2) {
        out.prompt.push(key);
        w.prompted = true;
      }
    }
    return out;
  }

  /** Records an accepted action with the prompt it answered. */
  accepted(seatId: string, state: KernelState, type: string, prompt: number | null, slotKey?: string): void {
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
    // the player acted: their job's wait (and its grace time) starts again from now
    if (slotKey !== undefined) this.waiting.delete(slotKey);
    this.seen.version = '';
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
