// A titled frame of text lines: the shape of most of the machine's smaller views (Blocked, devices,
// interrupts, locks, metrics, the event feed). Lines are pooled; clicking one reports its index.
import type { Rect } from '../ui/layout.ts';
import { Frame, TextLines, setText, type Kit } from './view-kit.ts';

/** One line: a string, or a string with its colour. */
export type Row = string | [string, number];

/** A frame with a title and up to as many lines as fit; the owner supplies the strings. */
export class ListView {
  readonly frame: Frame;
  readonly lines: TextLines;
  private mine = false;

  constructor(kit: Kit, onClick?: (index: number) => void, private readonly scale = 0.78) {
    this.frame = new Frame(kit);
    this.lines = new TextLines(kit, { onClick });
  }

  layout(rect: Rect, unit: number): void {
    const inner = this.frame.layout(rect, unit);
    this.frame.redraw(this.mine);
    this.lines.layout(inner, unit * this.scale);
  }

  /** Sets the title and lines; `mine` outlines the frame as the player's responsibility. */
  update(title: string, rows: readonly Row[], mine = false): void {
    setText(this.frame.title, title);
    if (mine !== this.mine) { this.mine = mine; this.frame.redraw(mine); }
    const fit = this.lines.capacity;
    if (rows.length > fit && fit > 0) this.lines.show([...rows.slice(0, fit - 1), `+${rows.length - fit + 1} …`]);
    else this.lines.show(rows);
  }
}
