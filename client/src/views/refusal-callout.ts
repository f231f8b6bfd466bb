// The kernel's reason for a refused move, shown beside what the player clicked and read aloud.
import { h } from '../ui/dom.ts';
import type { Rect } from '../ui/layout.ts';

/** One callout, moved next to the refused control each time. */
export class RefusalCallout {
  readonly root: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The reason on show ('' when hidden), for tests and the debug hook. */
  text = '';

  constructor() {
    this.root = h('p', { class: 'refusal overlay-box', role: 'alert', 'data-testid': 'refusal' });
    this.root.hidden = true;
  }

  /** Shows `reason` next to `anchor` (CSS pixels), inside a screen of the given size, until the next move or 15 seconds. */
  show(reason: string, anchor: Rect, screen: { width: number; height: number }): void {
    this.text = reason;
    this.root.textContent = `⚠ ${reason}`;
    this.root.hidden = false;
    const width = Math.min(420, screen.width - 16);
    this.root.style.width = `${width}px`;
    const x = Math.min(Math.max(8, anchor.x), screen.width - width - 8);
    const below = anchor.y + anchor.height + 6;
    const height = this.root.offsetHeight || 80;
    const y = below + height < screen.height - 8 ? below : Math.max(8, anchor.y - height - 6);
    this.root.style.left = `${Math.round(x)}px`;
    this.root.style.top = `${Math.round(y)}px`;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), 15_000);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.text = '';
    this.root.hidden = true;
  }
}
