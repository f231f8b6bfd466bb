// The concept card before a level: what the notes say (ko/en), the player's job, the goal and what each
// star asks for; then Start opens the level's solo room and hands over to the Machine scene. A
// challenge's card shows the condition to keep in words, the ticks each star needs and the personal best.
import {
  CHALLENGE_TICK_LIMIT,
  challengeById,
  goalLine,
  goalSentences,
  levelById,
  type Challenge,
  type Level,
} from '../../../shared/levels/index.ts';
import { getLanguage, t } from '../i18n/index.ts';
import { speedFromUrl, startPlay } from '../solo/level-room.ts';
import { bestOf } from '../solo/progress-store.ts';
import { levelNumber, pick, roleName, roleSentence, starSymbols } from '../solo/level-text.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import '../solo/solo.css';

/** Started with the level to introduce. */
export interface ConceptCardData {
  levelId?: string;
  /** A challenge to introduce instead of a level. */
  challengeId?: string;
}

/** The concept card scene. */
export class ConceptCard extends UiScene {
  private level!: Level;
  private challenge: Challenge | null = null;
  private header!: Header;
  private body!: HTMLElement;
  private start!: HTMLButtonElement;
  private back!: HTMLButtonElement;
  private status!: HTMLElement;
  private busy = false;

  constructor() {
    super('ConceptCard');
  }

  protected build(data: ConceptCardData): void {
    const challenge = data.challengeId ? (challengeById(data.challengeId) ?? null) : null;
    const level = challenge ? challenge.level : data.levelId ? levelById(data.levelId) : undefined;
    if (!level) {
      this.scene.start('LevelMap');
      return;
    }
    this.level = level;
    this.challenge = challenge;
    this.busy = false;
    this.header = new Header((o) => this.addText(o));
    this.body = h('article', { class: 'concept-card panel-body', 'aria-labelledby': 'concept-title' });
    this.start = h('button', { type: 'button', class: 'primary', 'data-action': 'start-level' });
    this.back = h('button', { type: 'button' });
    this.status = h('p', { class: 'form-error', role: 'alert' });
    this.start.addEventListener('click', () => void this.begin());
    this.back.addEventListener('click', () => this.scene.start('LevelMap'));
    this.panel.classList.add('card-panel');
    this.panel.append(this.body, this.status, h('div', { class: 'actions' }, this.back, this.start));
    this.start.focus({ preventScroll: true });
  }

  protected override panelWidth(): number {
    return 760;
  }

  protected renderTexts(): void {
    if (!this.level) return;
    if (this.challenge) {
      this.renderChallenge(this.challenge);
      return;
    }
    const level = this.level;
    this.header.setTexts(t('solo.map.level', { n: levelNumber(level.id) }), roleName(level));
    const stars = level.stars.map((goal, i) =>
      h(
        'li',
        {},
        h(
          'span',
          { class: 'star-mark', 'aria-label': t('solo.stars', { stars: i + 1, max: 3 }) },
          starSymbols(i + 1),
        ),
        ' ',
        h('span', { class: 'star-row' }, goalLine(goal, level, getLanguage())),
      ),
    );
    this.body.replaceChildren(
      h('h2', { id: 'concept-title' }, pick(level.title)),
      h('ul', { class: 'concept-lines' }, ...pick(level.card).map((line) => h('li', {}, line))),
      h('h3', {}, t('solo.card.job')),
      h('p', { class: 'concept-role' }, roleSentence(level)),
      h('h3', {}, t('solo.card.goal')),
      h('p', { class: 'concept-goal' }, pick(level.goalText)),
      h('h3', {}, t('solo.card.stars')),
      h('ul', { class: 'concept-stars' }, ...stars),
      h('p', { class: 'hint' }, t('solo.card.limit', { ticks: level.tickLimit })),
    );
    this.start.textContent = this.busy ? t('solo.card.connecting') : t('solo.card.start');
    this.back.textContent = t('solo.back_map');
  }

  /** A challenge's card: the rising load, the condition in words, the ticks for each star, the best so far. */
  private renderChallenge(c: Challenge): void {
    const level = c.level;
    const lang = getLanguage();
    this.header.setTexts(t('solo.map.challenge'), roleName(level));
    const best = bestOf(c.spec.id);
    this.body.replaceChildren(
      h('h2', { id: 'concept-title' }, pick(level.title)),
      h('ul', { class: 'concept-lines' }, ...pick(level.card).map((line) => h('li', {}, line))),
      h('h3', {}, t('solo.card.job')),
      h('p', { class: 'concept-role' }, roleSentence(level)),
      h('h3', {}, t('solo.card.condition')),
      h(
        'ul',
        { class: 'concept-condition' },
        ...goalSentences(c.keep, level, lang).map((line) => h('li', {}, line)),
      ),
      h('h3', {}, t('solo.card.stars')),
      h(
        'ul',
        { class: 'concept-stars' },
        ...c.spec.starTicks.map((ticks, i) =>
          h(
            'li',
            {},
            h(
              'span',
              { class: 'star-mark', 'aria-label': t('solo.stars', { stars: i + 1, max: 3 }) },
              starSymbols(i + 1),
            ),
            ' ',
            h('span', { class: 'star-row' }, t('solo.challenge.star_row', { ticks })),
          ),
        ),
      ),
      h('h3', {}, t('solo.card.best')),
      h(
        'p',
        { class: 'concept-best', 'data-best': best ? best.score : undefined },
        best
          ? `${starSymbols(best.stars)} ${t('solo.map.challenge_best', { ticks: best.score })}`
          : t('solo.map.challenge_none'),
      ),
      h('p', { class: 'hint' }, t('solo.card.challenge_limit', { ticks: CHALLENGE_TICK_LIMIT })),
    );
    this.start.textContent = this.busy ? t('solo.card.connecting') : t('solo.card.start_challenge');
    this.back.textContent = t('solo.back_map');
  }

  protected relayout(layout: ScreenLayout): void {
    if (!this.level) return;
    this.header.layout(layout);
    const top = layout.header.y + layout.header.height;
    const width = Math.min(layout.width - 32, 820);
    place(this.panel, { x: (layout.width - width) / 2, y: top, width, height: layout.height - top - 8 });
  }

  private async begin(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.start.disabled = true;
    this.status.textContent = '';
    this.refresh();
    try {
      const target = this.challenge
        ? ({ kind: 'challenge', id: this.challenge.spec.id } as const)
        : ({ kind: 'level', id: this.level.id } as const);
      await startPlay(target, speedFromUrl());
      if (!this.scene.isActive()) return;
      this.scene.start('Machine');
      this.scene.launch('LevelHud', {});
    } catch (error) {
      console.warn('Kernel Crew: the level could not start', error);
      this.busy = false;
      this.start.disabled = false;
      this.status.textContent = t('solo.card.failed');
      this.refresh();
    }
  }
}
