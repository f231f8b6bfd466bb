// The Ready queue as PCB cards in queue order: pooled cards keyed by thread, sliding when the queue moves,
// shrinking to fit as it grows (64 processes fit), with "+N more" when even small cards do not.
import type Phaser from 'phaser';
import type { Rect } from '../ui/layout.ts';
import { t } from '../i18n/index.ts';
import { UI } from '../theme.ts';
import { PcbCard, SLIDE_MS } from './pcb-card.ts';
import { reducedMotion } from '../ui/motion.ts';
import { Frame, setSize, setText, type Kit } from './view-kit.ts';
import type { MachineModel, ThreadInfo } from './machine-model.ts';

/** Where a card is on screen (world coordinates), for tests and for flying it to a core. */
export interface CardPlace {
  tid: number;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Draws the Ready queue; the scene decides what clicks and drags mean. */
export class ReadyQueueView {
  private readonly frame: Frame;
  private readonly cards: PcbCard[] = [];
  private readonly more: Phaser.GameObjects.Text;
  private readonly empty: Phaser.GameObjects.Text;
  private inner: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private unit = 16;
  /** Where each shown thread's card is now. */
  readonly places = new Map<number, CardPlace>();
  /** The card grid of the last update (size and columns): a card slides only while it stays the same. */
  private lastGrid = '';

  constructor(
    private readonly kit: Kit,
    private readonly onCard: (card: PcbCard) => void,
    private readonly onDispatched: (tid: number, from: CardPlace, core: number) => void = () => undefined,
  ) {
    this.frame = new Frame(kit);
    this.more = kit.text({ size: 14, color: UI.muted });
    this.empty = kit.text({ size: 14, color: UI.muted });
  }

  layout(rect: Rect, unit: number): void {
    this.unit = unit;
    this.inner = this.frame.layout(rect, unit);
    setSize(this.more, unit * 0.75);
    setSize(this.empty, unit * 0.8);
    this.empty.setPosition(this.inner.x, this.inner.y);
    this.places.clear();
    this.lastGrid = '';
    for (const card of this.cards) if (card.tid >= 0) card.root.setPosition(0, 0); // re-placed without sliding
  }

  /** The frame's inside, where the cards go (world coordinates). */
  get area(): Rect {
    return this.inner;
  }

  /** The cards as drawn this frame, mid-slide included (world coordinates; for tests). */
  drawnCards(): CardPlace[] {
    return this.cards
      .filter((c) => c.tid >= 0 && c.root.visible && c.root.alpha > 0.05)
      .map((c) => ({
        tid: c.tid,
        label: this.places.get(c.tid)?.label ?? '',
        x: c.root.x,
        y: c.root.y,
        width: c.width,
        height: c.height,
      }));
  }

  private cardFor(tid: number): PcbCard {
    const held = this.cards.find((c) => c.tid === tid);
    if (held) return held;
    let free = this.cards.find((c) => c.tid < 0);
    if (!free) {
      free = new PcbCard(this.kit);
      this.cards.push(free);
      this.onCard(free);
    }
    return free;
  }

  /** The card size that lets n cards fit the frame (never below a readable minimum). */
  private grid(n: number): { w: number; h: number; cols: number; fit: number } {
    const { width, height } = this.inner;
    const gap = this.unit * 0.4;
    for (const scale of [1, 0.85, 0.7, 0.58, 0.48]) {
      const w = Math.min(width, this.unit * 8 * scale);
      const h = scale >= 0.7 ? this.unit * 3.4 * scale : this.unit * 1.5;
      const cols = Math.max(1, Math.floor((width + gap) / (w + gap)));
      // only whole rows that fit the frame: a row taller than what is left ran over the panel below
      const rows = Math.floor((height + gap) / (h + gap));
      if (rows >= 1 && (cols * rows >= n || scale === 0.48))
        return { w: Math.floor((width - gap * (cols - 1)) / cols), h, cols, fit: cols * rows };
    }
    // not even one row of the smallest cards fits: one row of label-only cards as tall as the frame allows
    const w = Math.min(width, this.unit * 8 * 0.48);
    const cols = Math.max(1, Math.floor((width + gap) / (w + gap)));
    return {
      w: Math.floor((width - gap * (cols - 1)) / cols),
      h: Math.min(this.unit * 1.5, height),
      cols,
      fit: cols,
    };
  }

  /** Shows the queue; `selected` and `mine` are thread ids to mark. */
  update(model: MachineModel, selected: number, mineTid: number): void {
    const title = `${t('machine.ready')} (${model.ready.length})`;
    setText(this.frame.title, title);
    setText(this.empty, model.ready.length === 0 ? t('machine.ready.empty') : '');
    const { w, h, cols, fit } = this.grid(model.ready.length);
    const shown = model.ready.length > fit ? fit - 1 : model.ready.length;
    const gap = this.unit * 0.4;
    const keep = new Set(model.ready.slice(0, shown).map((th) => th.tid));
    for (const card of this.cards) {
      if (card.tid < 0 || keep.has(card.tid)) continue;
      const place = this.places.get(card.tid);
      const core = model.threads.get(card.tid)?.core ?? -1;
      if (place && core >= 0) this.onDispatched(card.tid, place, core); // it went to a core: the scene flies a copy there
      card.release();
    }
    this.places.clear(); // rebuilt below from what is drawn now, so no stale place survives
    // Cards slide only when the grid keeps its size and a card stays in its row: a card that resized at once
    // while sliding from its old place, or crossed rows diagonally, overlapped its neighbours mid-slide.
    const grid = `${w}x${h}x${cols}`;
    const sameGrid = grid === this.lastGrid;
    this.lastGrid = grid;
    // cards put straight in their place (new in view, or moving to another row), to fade in if others slide
    const jumping: PcbCard[] = [];
    let sliding = false;
    model.ready.slice(0, shown).forEach((th: ThreadInfo, i) => {
      const card = this.cardFor(th.tid);
      const x = this.inner.x + (i % cols) * (w + gap);
      const y = this.inner.y + Math.floor(i / cols) * (h + gap);
      card.show(
        th,
        {
          selected: th.tid === selected,
          mine: th.tid === mineTid,
          key: i < 9 ? i + 1 : 0,
          mineWord: t('machine.yours'),
          compact: h < this.unit * 2,
          detail: t('machine.card.detail', { work: th.work, prio: th.priority, waited: th.readyTicks }),
        },
        w,
        h,
      );
      // a long queue jumps too: dozens of slides at once read as noise
      const fresh = card.root.x === 0 && card.root.y === 0;
      const moves = Math.abs(card.root.x - x) >= 1 || Math.abs(card.root.y - y) >= 1;
      // with reduced motion (the player's or the system's setting) every card is put straight into place
      const slide =
        !reducedMotion() && sameGrid && model.ready.length <= 24 && !fresh && Math.abs(card.root.y - y) < 1;
      if (slide && moves) sliding = true;
      if (!slide && (fresh || moves)) jumping.push(card);
      card.moveTo(this.kit.scene, x, y, slide);
      this.places.set(th.tid, { tid: th.tid, label: th.label, x, y, width: w, height: h });
    });
    // a card put in its place while others slide waits for them: its place may be one they are leaving
    if (sliding) for (const card of jumping) card.fadeIn(this.kit.scene, SLIDE_MS);
    const hidden = model.ready.length - shown;
    setText(this.more, hidden > 0 ? t('machine.ready.more', { count: hidden }) : '');
    const i = shown;
    this.more.setPosition(
      this.inner.x + (i % cols) * (w + gap) + 6,
      this.inner.y + Math.floor(i / cols) * (h + gap) + h * 0.3,
    );
  }
}
