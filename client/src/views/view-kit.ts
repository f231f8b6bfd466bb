// What every view of the machine is built from: titled frames, pooled text lines, state icons and the
// hatching that marks lost time. Objects are made once and reused, so a patch never churns the scene.
import type Phaser from 'phaser';
import type { Rect } from '../ui/layout.ts';
import type { TextOptions } from '../ui/ui-scene.ts';
import { STATE_STYLE, UI, css, type ProcessStateName, type StateIcon } from '../theme.ts';
import { textScale } from '../ui/display.ts';

/** How a view creates objects: the scene, and its text factory (tracked for the screen-reader mirror). */
export interface Kit {
  scene: Phaser.Scene;
  text(options: TextOptions): Phaser.GameObjects.Text;
}

/** A view of one part of the machine: laid out on resize, updated on each patch. */
export interface MachineViewPart<M> {
  layout(rect: Rect, unit: number): void;
  update(model: M): void;
}

/** Sets a text only when it differs (a Text re-rasterises its texture on every real change). */
export function setText(t: Phaser.GameObjects.Text, value: string): void {
  if (t.text !== value) t.setText(value);
}

/** Sets a text's colour only when it differs. */
export function setColor(t: Phaser.GameObjects.Text, color: number): void {
  const c = css(color);
  if (t.style.color !== c) t.setColor(c);
}

/** Sets a font size only when it differs (times the player's text scale: large text). */
export function setSize(t: Phaser.GameObjects.Text, px: number): void {
  const size = `${Math.max(9, Math.round(px * textScale()))}px`;
  if (t.style.fontSize !== size) t.setFontSize(size);
}

/** A framed box with a title; content goes in `inner`. */
export class Frame {
  readonly box: Phaser.GameObjects.Graphics;
  readonly title: Phaser.GameObjects.Text;
  rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  inner: Rect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(kit: Kit) {
    this.box = kit.scene.add.graphics();
    this.title = kit.text({ size: 16, bold: true, color: UI.muted });
  }

  /** Places the frame and returns the rectangle left for its content. */
  layout(rect: Rect, unit: number): Rect {
    this.rect = rect;
    setSize(this.title, unit * 0.8);
    this.title.setPosition(rect.x + unit * 0.5, rect.y + unit * 0.25);
    this.redraw(false);
    const top = unit * 1.5;
    this.inner = {
      x: rect.x + unit * 0.5,
      y: rect.y + top,
      width: rect.width - unit,
      height: rect.height - top - unit * 0.35,
    };
    return this.inner;
  }

  /** Draws the border; `mine` makes it a thick dashed focus outline (the player's own responsibility). */
  redraw(mine: boolean): void {
    const { x, y, width, height } = this.rect;
    this.box.clear().fillStyle(UI.panel, 1).fillRoundedRect(x, y, width, height, 8);
    if (mine) dashedRect(this.box, x + 1, y + 1, width - 2, height - 2, UI.focus, 3);
    else this.box.lineStyle(1, UI.panelEdge, 1).strokeRoundedRect(x, y, width, height, 8);
  }

  setVisible(visible: boolean): void {
    this.box.setVisible(visible);
    this.title.setVisible(visible);
  }
}

/** A dashed rectangle: the outline that marks what the player is responsible for (shape, not colour). */
export function dashedRect(
  g: Phaser.GameObjects.Graphics,
  x: number,
  y: number,
  w: number,
  h: number,
  color: number,
  width: number,
): void {
  g.lineStyle(width, color, 1);
  const dash = 10;
  const gap = 6;
  const edge = (x1: number, y1: number, x2: number, y2: number): void => {
    const len = Math.hypot(x2 - x1, y2 - y1);
    for (let d = 0; d < len; d += dash + gap) {
      const e = Math.min(len, d + dash);
      g.lineBetween(
        x1 + ((x2 - x1) * d) / len,
        y1 + ((y2 - y1) * d) / len,
        x1 + ((x2 - x1) * e) / len,
        y1 + ((y2 - y1) * e) / len,
      );
    }
  };
  edge(x, y, x + w, y);
  edge(x + w, y, x + w, y + h);
  edge(x + w, y + h, x, y + h);
  edge(x, y + h, x, y);
}

/** Diagonal hatching over a rectangle: time lost to a context switch. */
export function hatch(
  g: Phaser.GameObjects.Graphics,
  x: number,
  y: number,
  w: number,
  h: number,
  color: number,
  step = 6,
): void {
  g.lineStyle(1.5, color, 1);
  for (let d = step / 2; d < w + h; d += step) {
    // the 45° line from (x + d, y) down-left, clipped to the rectangle
    const s0 = Math.max(0, d - w);
    const s1 = Math.min(h, d);
    if (s0 < s1) g.lineBetween(x + d - s0, y + s0, x + d - s1, y + s1);
  }
}

/** Draws a state's icon (shape beside colour, for colour-blind players). */
export function drawIcon(
  g: Phaser.GameObjects.Graphics,
  icon: StateIcon,
  cx: number,
  cy: number,
  r: number,
  color: number,
): void {
  g.fillStyle(color, 1);
  switch (icon) {
    case 'circle':
      g.fillCircle(cx, cy, r);
      break;
    case 'square':
      g.fillRect(cx - r, cy - r, r * 2, r * 2);
      break;
    case 'triangle':
      g.fillTriangle(cx - r, cy + r, cx + r, cy + r, cx, cy - r);
      break;
    case 'diamond':
      g.fillTriangle(cx, cy - r, cx + r, cy, cx - r, cy).fillTriangle(cx, cy + r, cx + r, cy, cx - r, cy);
      break;
    case 'cross':
      g.lineStyle(2, color, 1)
        .lineBetween(cx - r, cy - r, cx + r, cy + r)
        .lineBetween(cx - r, cy + r, cx + r, cy - r);
      break;
  }
}

/** The style of a thread state name, muted for anything unknown. */
export function stateStyle(state: string): { color: number; icon: StateIcon } {
  return STATE_STYLE[state as ProcessStateName] ?? STATE_STYLE.terminated;
}

/** A fixed set of text lines reused across patches: shows up to `capacity` strings, hides the rest. */
export class TextLines {
  private readonly lines: Phaser.GameObjects.Text[] = [];
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private lineHeight = 16;

  constructor(
    private readonly kit: Kit,
    private readonly options: { color?: number; bold?: boolean; onClick?: (index: number) => void } = {},
  ) {}

  /** The text object of line i, if it exists (for anchoring a refusal beside it). */
  line(i: number): Phaser.GameObjects.Text | undefined {
    return this.lines[i];
  }

  /** Places the lines in a rectangle at a font size; returns how many lines fit. */
  layout(rect: Rect, px: number): number {
    this.rect = rect;
    this.lineHeight = Math.round(px * 1.35);
    const fit = Math.max(0, Math.floor(rect.height / this.lineHeight));
    while (this.lines.length < fit) {
      const line = this.kit.text({ size: px, color: this.options.color, bold: this.options.bold });
      const index = this.lines.length;
      const onClick = this.options.onClick;
      if (onClick) line.setInteractive({ useHandCursor: true }).on('pointerup', () => onClick(index));
      this.lines.push(line);
    }
    this.lines.forEach((t, i) => {
      setSize(t, px);
      t.setPosition(rect.x, rect.y + i * this.lineHeight);
    });
    return fit;
  }

  /** The strings showing now, top first (for the debug hook). */
  shown(): string[] {
    return this.lines.filter((t) => t.visible).map((t) => t.text);
  }

  /** How many lines fit now. */
  get capacity(): number {
    return Math.max(0, Math.floor(this.rect.height / this.lineHeight));
  }

  /** Shows these strings (clipped to what fits), each with an optional colour. */
  show(values: readonly (string | [string, number])[]): void {
    const fit = this.capacity;
    this.lines.forEach((t, i) => {
      const v = i < fit ? values[i] : undefined;
      if (v === undefined) {
        t.setVisible(false);
        return;
      }
      const [s, color] = typeof v === 'string' ? [v, this.options.color ?? UI.text] : v;
      setText(t, fitWidth(t, s, this.rect.width));
      setColor(t, color);
      t.setVisible(true);
    });
  }
}

/** Shortens a string with an ellipsis so a text at its current size fits `width` (estimated, no measuring per frame). */
export function fitWidth(t: Phaser.GameObjects.Text, s: string, width: number): string {
  const px = parseFloat(String(t.style.fontSize)) || 16;
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    w += s.charCodeAt(i) > 0x2e80 ? px : px * 0.56;
    if (w > width) return `${s.slice(0, Math.max(1, i - 1))}…`;
  }
  return s;
}
