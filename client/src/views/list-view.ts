// A titled frame of text lines: the shape of most of the machine's smaller views (Blocked, devices,
// interrupts, locks, metrics, the event feed). Lines are pooled; clicking one reports its index.
import type { Rect } from '../ui/layout.ts';
import { Frame, TextLines, setText, type Kit } from './view-kit.ts';

/** One line: a string, or a string with its colour. */
export type Row = string | [string, number];

/**
 * A frame with a title and up to as many lines as fit; the owner supplies the strings. Rows that do not
 * fit are not lost: the wheel over the frame scrolls them (`scrollBy`), with ↑/↓ lines saying how many
 * lie above and below.
 */
export class ListView {
  readonly frame: Frame;
  readonly lines: TextLines;
  private mine = false;
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private rows: readonly Row[] = [];
  /** Rows scrolled past at the top (0 shows the first, for the feed the newest). */
  offset = 0;

  constructor(
    kit: Kit,
    onClick?: (index: number) => void,
    private readonly scale = 0.78,
  ) {
    this.frame = new Frame(kit);
    this.lines = new TextLines(kit, { onClick });
  }

  layout(rect: Rect, unit: number): void {
    this.rect = rect;
    const inner = this.frame.layout(rect, unit);
    this.frame.redraw(this.mine);
    this.lines.layout(inner, unit * this.scale);
  }

  /** Sets the title and lines; `mine` outlines the frame as the player's responsibility. */
  update(title: string, rows: readonly Row[], mine = false): void {
    setText(this.frame.title, title);
    if (mine !== this.mine) {
      this.mine = mine;
      this.frame.redraw(mine);
    }
    this.rows = rows;
    this.render();
  }

  /** The frame's rectangle (world coordinates). */
  get area(): Rect {
    return this.rect;
  }

  /** How many rows it holds (shown or scrolled past). */
  get length(): number {
    return this.rows.length;
  }

  /** Whether a point of the world lies on this frame (the wheel scrolls it then, not the page). */
  contains(x: number, y: number): boolean {
    const r = this.rect;
    return x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
  }

  /** Scrolls by whole rows (positive: further down the list); returns whether anything moved. */
  scrollBy(rows: number): boolean {
    const fit = this.lines.capacity;
    const max = Math.max(0, this.rows.length - Math.max(1, fit - 2));
    const next = Math.min(max, Math.max(0, this.offset + rows));
    if (next === this.offset) return false;
    this.offset = next;
    this.render();
    return true;
  }

  private render(): void {
    const rows = this.rows;
    const fit = this.lines.capacity;
    if (rows.length <= fit || fit < 3) {
      this.offset = 0;
      if (rows.length > fit && fit === 1) {
        // one line: the first row itself (for the feed the newest event), not only how many are hidden
        const first = rows[0]!;
        const more = ` (+${rows.length - 1})`;
        this.lines.show([typeof first === 'string' ? `${first}${more}` : [`${first[0]}${more}`, first[1]]]);
      } else if (rows.length > fit && fit > 0)
        this.lines.show([...rows.slice(0, fit - 1), `↓ +${rows.length - fit + 1} …`]);
      else this.lines.show(rows);
      return;
    }
    this.offset = Math.min(this.offset, Math.max(0, rows.length - (fit - 2)));
    const above = this.offset > 0 ? 1 : 0;
    const room = fit - above - 1;
    const shown = rows.slice(this.offset, this.offset + room);
    const below = rows.length - this.offset - shown.length;
    const out: Row[] = [];
    if (above) out.push(`↑ ${this.offset} …`);
    out.push(...shown);
    if (below > 0) out.push(`↓ +${below} …`);
    this.lines.show(out);
  }
}
