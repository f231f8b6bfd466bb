// What the screen-reader mirror's live region says, and when: the kernel's own sentences grouped into
// at most one announcement per tick (and per second), a sentence repeated in a batch said once with
// "×3", warnings first, a busy tick cut to a few sentences and "and N more"; the player's own move's
// result (the kernel's sentence for it, or the refusal's reason) said at once. Plain data, no DOM.
import type { KernelEvent } from '../../../shared/kernel/types.ts';
import { answersMove } from '../../../shared/protocol/move-results.ts';
import { t } from '../i18n/index.ts';
import type { PlayerAction } from './action-bar-model.ts';

/** Most sentences in one announcement (the rest are counted). */
export const SAY_MAX = 4;
/** Most moves waiting for their answer (an answer that never comes, as after a reconnection, is forgotten in time). */
const PENDING_MAX = 4;
/** Least time between two announcements of the machine's events, ms (the player's own result waits for none). */
export const SAY_GAP_MS = 1000;

interface Heard {
  text: string;
  notable: boolean;
  tick: number;
}

/** Collects what happened; `take` says what to announce now. */
export class Announcer {
  private heard: Heard[] = [];
  /** Moves sent and not answered yet, oldest first (a refusal comes at once, the kernel's events with the next patch). */
  private moves: { action: PlayerAction; tid: number }[] = [];
  private own: string[] = [];
  private saidTick = -1;
  private saidAt = -Infinity;

  /** The player sent a move (by the job whose thread is `tid`, -1 for none): its answer is listened for. */
  sent(action: PlayerAction, tid: number): void {
    this.moves.push({ action, tid });
    if (this.moves.length > PENDING_MAX) this.moves.shift();
  }

  /** A batch of the kernel's events, with their sentences. */
  events(
    events: readonly KernelEvent[],
    sentence: (e: KernelEvent) => string,
    notable: (e: KernelEvent) => boolean,
  ): void {
    for (const e of events) {
      const text = sentence(e);
      const mine = this.moves.findIndex((m) => answersMove(m.action, e, m.tid));
      if (mine >= 0) {
        this.moves.splice(mine, 1);
        this.own.push(t('sr.your_move', { what: text }));
      } else this.heard.push({ text, notable: notable(e), tick: e.tick });
    }
  }

  /** A move of this type was refused, for this reason (in the player's language); 'your-turn' is the machine's prompt. */
  refused(type: string, reason: string): void {
    if (type === 'your-turn') {
      this.own.push(reason);
      return;
    }
    const at = this.moves.findIndex((m) => m.action.type === type);
    if (at >= 0) this.moves.splice(at, 1);
    this.own.push(t('sr.refused', { reason }));
  }

  /** Forgets everything heard (a replayed feed, a new round). */
  clear(): void {
    this.heard = [];
    this.moves = [];
    this.own = [];
  }

  /**
   * What to announce at `now` (ms): the text, or how long to wait before asking again (0: nothing to say).
   * The machine's events are said once a tick at most, and not sooner than SAY_GAP_MS after the last.
   */
  take(now: number): { text: string } | { waitMs: number } {
    const tick = Math.max(-1, ...this.heard.map((h) => h.tick));
    const events = this.heard.length > 0 && tick !== this.saidTick;
    const own = this.own.length > 0;
    if (!own && !events) return { waitMs: 0 };
    if (!own && now - this.saidAt < SAY_GAP_MS) return { waitMs: SAY_GAP_MS - (now - this.saidAt) };
    const parts = [...this.own, ...grouped(this.heard)];
    this.own = [];
    this.heard = [];
    this.saidTick = Math.max(this.saidTick, tick);
    this.saidAt = now;
    return parts.length > 0 ? { text: parts.join(' · ') } : { waitMs: 0 };
  }
}

/** The sentences heard, warnings first, each said once with its count, at most SAY_MAX and the rest counted. */
function grouped(heard: readonly Heard[]): string[] {
  const counts = new Map<string, { n: number; notable: boolean }>();
  for (const h of heard) {
    const c = counts.get(h.text) ?? { n: 0, notable: h.notable };
    c.n++;
    counts.set(h.text, c);
  }
  const lines = [...counts.entries()]
    .sort((a, b) => Number(b[1].notable) - Number(a[1].notable))
    .map(([text, c]) => `${c.notable ? '⚠ ' : ''}${text}${c.n > 1 ? ` ×${c.n}` : ''}`);
  if (lines.length <= SAY_MAX) return lines;
  return [...lines.slice(0, SAY_MAX), t('sr.more', { count: lines.length - SAY_MAX })];
}
