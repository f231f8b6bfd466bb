// The kernel's reason for a refused move, shown beside what the player clicked and read aloud. It stays
// until the player dismisses it or makes the next move: a warning that vanishes on a timer is missed.
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import type { Rect } from '../ui/layout.ts';

/** One callout, moved next to the refused control each time. */
export class RefusalCallout {
  readonly root: HTMLElement;
  private readonly message: HTMLElement;
  private readonly dismiss: HTMLButtonElement;
  /** The reason on show ('' when hidden), for tests and the debug hook. */
  text = '';

  constructor() {
    this.message = h('span', { class: 'refusal-text' });
    this.dismiss = h('button', {
      type: 'button',
      class: 'refusal-dismiss',
      'data-action': 'dismiss-refusal',
    });
    this.dismiss.addEventListener('click', () => this.hide());
    this.root = h(
      'p',
      { class: 'refusal overlay-box', role: 'alert', 'data-testid': 'refusal' },
      this.message,
      ' ',
      this.dismiss,
    );
    this.root.hidden = true;
  }

  /** Shows `reason` next to `anchor` (CSS pixels), inside a screen of the given size, until dismissed or the next move. */
  show(reason: string, anchor: Rect, screen: { width: number; height: number }): void {
    this.text = reason;
    this.message.textContent = `⚠ ${reason}`;
    this.dismiss.textContent = `× ${t('machine.close')}`;
    this.dismiss.setAttribute('aria-label', t('machine.close'));
    this.root.hidden = false;
    const width = Math.min(420, screen.width - 16);
    this.root.style.width = `${width}px`;
    const x = Math.min(Math.max(8, anchor.x), screen.width - width - 8);
    const below = anchor.y + anchor.height + 6;
    const height = this.root.offsetHeight || 80;
    const y = below + height < screen.height - 8 ? below : Math.max(8, anchor.y - height - 6);
    this.root.style.left = `${Math.round(x)}px`;
    this.root.style.top = `${Math.round(y)}px`;
  }

  /** Takes the callout away (its button, or the player's next move). */
  hide(): void {
    this.text = '';
    this.root.hidden = true;
  }
}
