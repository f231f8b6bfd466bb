// One PCB card (a thread in the Ready queue, or flying to a core): made once, reused for any thread, redrawn
// only when what it shows changes. Selected and "yours" are outlines plus words, never colour alone.
import type Phaser from 'phaser';
import { UI } from '../theme.ts';
import {
  dashedRect,
  drawIcon,
  fitWidth,
  setColor,
  setSize,
  setText,
  stateStyle,
  type Kit,
} from './view-kit.ts';
import type { ThreadInfo } from './machine-model.ts';

/** What a card shows besides its thread. */
export interface CardMarks {
  selected: boolean;
  mine: boolean;
  /** The number key that selects it (1–9), or 0 for none. */
  key: number;
  /** The second line (already translated), e.g. "prio 1 · waited 4". */
  detail: string;
  /** A short word shown for "yours" (translated). */
  mineWord: string;
  /** Small cards show the label only. */
  compact: boolean;
}

/** How long a card takes to slide to its new place in the queue. */
export const SLIDE_MS = 260;

/** A pooled card; `tid` is the thread it shows now (-1 when free). */
export class PcbCard {
  readonly root: Phaser.GameObjects.Container;
  readonly hit: Phaser.GameObjects.Rectangle;
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly label: Phaser.GameObjects.Text;
  private readonly detail: Phaser.GameObjects.Text;
  private readonly key: Phaser.GameObjects.Text;
  tid = -1;
  /** Where the card is going (or is): null while it is free. */
  private goal: { x: number; y: number } | null = null;
  width = 0;
  height = 0;
  private drawn = '';

  constructor(kit: Kit) {
    const scene = kit.scene;
    this.hit = scene.add.rectangle(0, 0, 10, 10, UI.background, 1).setOrigin(0, 0);
    this.g = scene.add.graphics();
    this.label = kit.text({ size: 16, bold: true });
    this.detail = kit.text({ size: 12, color: UI.muted });
    this.key = kit.text({ size: 12, bold: true, color: UI.text });
    this.root = scene.add.container(0, 0, [this.hit, this.g, this.label, this.detail, this.key]);
    this.hit.setInteractive({ useHandCursor: true, draggable: true });
    this.root.setVisible(false);
  }

  /** Shows a thread at a size; everything is redrawn only if something visible changed. */
  show(t: ThreadInfo, marks: CardMarks, width: number, height: number): void {
    this.tid = t.tid;
    this.root.setVisible(true);
    const compact = marks.compact;
    const sig = `${t.state}|${marks.selected}|${marks.mine}|${width}|${height}|${marks.key}|${compact}`;
    if (sig !== this.drawn) {
      this.drawn = sig;
      this.width = width;
      this.height = height;
      this.hit.setSize(width, height);
      this.hit.input?.hitArea.setTo(0, 0, width, height);
      const style = stateStyle(t.state);
      const g = this.g.clear();
      g.fillStyle(UI.panel, 1).fillRect(0, 0, width, height); // plain rectangles: cheap to draw 64 times a frame
      g.fillStyle(style.color, 1).fillRect(0, 4, 5, height - 8);
      if (marks.selected) g.lineStyle(4, UI.focus, 1).strokeRect(2, 2, width - 4, height - 4);
      else if (marks.mine) dashedRect(g, 1, 1, width - 2, height - 2, UI.focus, 3);
      else g.lineStyle(1, UI.panelEdge, 1).strokeRect(0, 0, width, height);
      const r = Math.min(6, height / 6);
      drawIcon(g, style.icon, width - r - 6, r + 6, r, style.color);
      const px = compact ? height * 0.48 : Math.min(height * 0.34, width * 0.16);
      setSize(this.label, px);
      setSize(this.detail, Math.max(10, px * 0.72));
      setSize(this.key, Math.max(10, px * 0.7));
      this.label.setPosition(10, compact ? (height - px * 1.25) / 2 : height * 0.1);
      this.detail.setPosition(10, height * 0.1 + px * 1.3);
      this.key.setPosition(width - px * 0.9 - 4, height - px * 1.15);
    }
    const tag = marks.selected ? '▶ ' : '';
    setText(
      this.label,
      fitWidth(
        this.label,
        `${tag}${t.label}${t.name ? ` ${t.name}` : ''}${marks.mine && compact ? ` · ${marks.mineWord}` : ''}`,
        width - 30,
      ),
    );
    setText(
      this.detail,
      compact
        ? ''
        : fitWidth(
            this.detail,
            marks.mine ? `${marks.mineWord} · ${marks.detail}` : marks.detail,
            width - 34,
          ),
    );
    setText(this.key, marks.key > 0 && !compact ? String(marks.key) : '');
    this.detail.setVisible(this.detail.text !== ''); // an empty text still costs a draw call
    this.key.setVisible(this.key.text !== '');
    setColor(this.label, UI.text);
  }

  /** Moves the card, sliding there when it was already on screen (and `animate`). */
  moveTo(scene: Phaser.Scene, x: number, y: number, animate: boolean): void {
    // already there, or already sliding there: a redraw mid-slide must not restart the slide (it made a
    // slide last as long as redraws kept coming, and cards that waited for it appear on top of it)
    const goal = this.goal;
    const there = Math.abs(this.root.x - x) < 1 && Math.abs(this.root.y - y) < 1;
    if (
      goal &&
      Math.abs(goal.x - x) < 1 &&
      Math.abs(goal.y - y) < 1 &&
      (there || scene.tweens.isTweening(this.root))
    )
      return;
    this.goal = { x, y };
    if (!animate || (this.root.x === 0 && this.root.y === 0)) {
      scene.tweens.killTweensOf(this.root);
      this.root.setPosition(x, y).setAlpha(1);
      return;
    }
    scene.tweens.killTweensOf(this.root);
    this.root.setAlpha(1);
    scene.tweens.add({ targets: this.root, x, y, duration: SLIDE_MS, ease: 'Cubic.easeOut' });
  }

  /** Shows the card only after `delay` ms, fading in (it is placed where another card is still sliding away). */
  fadeIn(scene: Phaser.Scene, delay: number): void {
    this.root.setAlpha(0);
    scene.tweens.add({ targets: this.root, alpha: 1, delay, duration: 120 });
  }

  /** Frees the card for another thread. */
  release(): void {
    this.tid = -1;
    this.goal = null;
    this.root.setVisible(false).setAlpha(1).setPosition(0, 0);
  }
}
