// The student's live score beside their controls: the round total, their rank when the teacher shows
// ranks, and the latest change with its reason ("+2: core 1 busy again within 1 tick"), plus the
// button that opens the role card. Every figure and sentence comes from the server's score message.
import { t } from '../i18n/index.ts';
import type { LeaderboardMode, ScoreMessage } from '../../../shared/protocol/server-messages.ts';
import { signedPoints } from '../../../shared/roles/score-texts.ts';
import { h } from '../ui/dom.ts';

/** One line above the action bar. */
export class ScoreStrip {
  readonly root: HTMLElement;
  private readonly total: HTMLElement;
  private readonly rank: HTMLElement;
  private readonly change: HTMLElement;
  readonly cardButton: HTMLButtonElement;

  constructor(openCard: () => void) {
    this.total = h('strong', { class: 'score-total', 'data-testid': 'score-total' });
    this.rank = h('span', { class: 'score-rank', 'data-testid': 'score-rank' });
    this.change = h('span', { class: 'score-change', 'data-testid': 'score-change', role: 'status' });
    this.cardButton = h('button', {
      type: 'button',
      class: 'role-card-button',
      'data-testid': 'role-card-open',
    });
    this.cardButton.addEventListener('click', openCard);
    this.root = h(
      'div',
      { class: 'score-strip', 'data-testid': 'score-strip' },
      this.total,
      this.rank,
      this.change,
      this.cardButton,
    );
  }

  /** Draws the latest score message (or none yet) under the room's leaderboard setting. */
  update(score: ScoreMessage | null, board: LeaderboardMode, player: boolean): void {
    this.root.hidden = !player;
    this.total.textContent = t('score.label', { total: score?.total ?? 0 });
    this.rank.textContent = board === 'all' && score?.rank ? t('score.rank', score.rank) : '';
    this.rank.hidden = board !== 'all' || !score?.rank;
    this.change.textContent = score ? `${signedPoints(score.points)}: ${score.reason}` : t('score.none');
    this.change.dataset.sign = score
      ? score.points > 0
        ? 'up'
        : score.points < 0
          ? 'down'
          : 'zero'
      : 'zero';
    this.cardButton.textContent = `ⓘ ${t('card.open')}`;
  }
}
