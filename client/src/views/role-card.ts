// The student's role card: what the job is, why it matters in the notes' words, the keys and taps,
// what good looks like and how it scores. Drawn from the role (and its slot's cores, thread or
// channel) and from the score rule's own points, so no scenario writes its cards by hand.
import { t, type MessageKey } from '../i18n/index.ts';
import { IDLE_CHARGE_TICKS, IRQ_OK_TICKS, PROMPT_TICKS, SCORE_POINTS } from '../../../shared/roles/score.ts';
import { signedPoints } from '../../../shared/roles/score-texts.ts';
import { h } from '../ui/dom.ts';
import type { ScoreMode } from '../../../shared/roles/types.ts';

/** The roles a card exists for. */
const CARD_ROLES = ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator', 'host'] as const;
type CardRole = (typeof CARD_ROLES)[number];

/** Who the card is for: the role and what its slot names. */
export interface CardSubject {
  role: string;
  cores: readonly number[];
  /** The steered thread's label (P3·T1), '' when none. */
  thread: string;
  channel: string;
  /** How the room scores (the welcome's `scoring`): a room without speed bonus quotes no time in the card. */
  scoring?: ScoreMode;
}

/** The card's five sections as plain text, in the current language (tests read these). */
export function roleCardTexts(subject: CardSubject): {
  title: string;
  sections: Array<{ heading: string; text: string }>;
} {
  const role: CardRole = (CARD_ROLES as readonly string[]).includes(subject.role)
    ? (subject.role as CardRole)
    : 'spectator';
  const p = SCORE_POINTS;
  const cores = subject.cores.map((c) => c + 1).join(', ');
  const params: Record<string, string | number> = {
    cores: t(subject.cores.length === 1 ? 'card.core' : 'card.cores', { cores }),
    thread: subject.thread || t('role.thread'),
    channel: subject.channel,
    fast:
      role === 'scheduler' ? p['core-busy-fast'] : role === 'interrupt' ? p['irq-fast'] : p['delivered-fast'],
    pick: p['pick-like-sjf'],
    first: p['first-run'],
    idle: -p['core-idle'],
    idleTicks: IDLE_CHARGE_TICKS,
    promptTicks: PROMPT_TICKS,
    preempt: signedPoints(p['preempt-cost']),
    ok: p['irq-ok'],
    dispatched: p['core-dispatched'],
    handled: p['irq-handled'],
    delivered: p['message-delivered'],
    okTicks: IRQ_OK_TICKS,
    unhandled: signedPoints(p['irq-unhandled']),
    clean: p['thread-finished'],
    broken: p['thread-finished-broken'],
    lost: signedPoints(p['lost-update']),
    deadlock: signedPoints(p.deadlock),
    fault: signedPoints(p.fault),
    late: p.delivered,
    order: signedPoints(p['out-of-order']),
  };
  const untimed =
    subject.scoring === 'no-speed' && (role === 'scheduler' || role === 'interrupt' || role === 'ipc');
  const part = (k: 'what' | 'why' | 'keys' | 'good' | 'score') => ({
    heading: t(`card.${k}`),
    text: t(
      (k === 'score' && untimed ? `card.${role}.score.no-speed` : `card.${role}.${k}`) as MessageKey,
      params,
    ),
  });
  return {
    title: t('card.title', { role: t(`role.${role}` as MessageKey) }),
    sections: [part('what'), part('why'), part('keys'), part('good'), part('score')],
  };
}

/** The card as an overlay (DOM): shown in the lobby, for a few seconds when a round starts, and one tap away during play. */
export class RoleCard {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly countdown: HTMLElement;
  private readonly close: HTMLButtonElement;
  private timer: ReturnType<typeof setInterval> | undefined;
  private subject: CardSubject | null = null;

  constructor(inline = false) {
    this.body = h('div', { class: 'role-card-body' });
    this.countdown = h('p', { class: 'hint role-card-countdown' });
    this.close = h('button', { type: 'button', 'data-testid': 'role-card-close' });
    this.close.addEventListener('click', () => this.hide());
    this.root = h(
      'section',
      {
        class: `role-card overlay-box${inline ? ' inline' : ''}`,
        'data-testid': 'role-card',
        role: 'dialog',
        'aria-live': 'polite',
      },
      this.body,
      this.countdown,
      this.close,
    );
    this.close.hidden = inline;
    this.root.hidden = !inline;
  }

  /** Draws the card for `subject` (again, after a language change); opens it when asked, with an optional countdown in seconds. */
  show(subject: CardSubject, open = true, seconds = 0): void {
    this.subject = subject;
    this.render();
    if (!open) return;
    this.root.hidden = false;
    clearInterval(this.timer);
    let left = seconds;
    this.countdown.hidden = left <= 0;
    if (left <= 0) return;
    this.countdown.textContent = t('card.starts', { seconds: left });
    this.timer = setInterval(() => {
      left--;
      if (left <= 0) {
        this.hide();
        return;
      }
      this.countdown.textContent = t('card.starts', { seconds: left });
    }, 1000);
  }

  /** Re-words the card in the current language. */
  render(): void {
    if (!this.subject) return;
    const { title, sections } = roleCardTexts(this.subject);
    this.body.replaceChildren(
      h('h2', {}, title),
      ...sections.flatMap((s) => [h('h3', {}, s.heading), h('p', {}, s.text)]),
    );
    this.close.textContent = t('card.close');
  }

  hide(): void {
    clearInterval(this.timer);
    if (!this.root.classList.contains('inline')) this.root.hidden = true;
  }

  /** Whether the card is open now. */
  get open(): boolean {
    return !this.root.hidden;
  }
}
