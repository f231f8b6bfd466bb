// A checkpoint between levels: its questions one at a time, the explanation after each answer (right
// or wrong), then the score; answering every question marks the checkpoint done on the map.
import {
  CAMPAIGN,
  answerQuestion,
  checkpointStars,
  type Checkpoint as CheckpointData,
} from '../../../shared/levels/index.ts';
import { getLanguage, t } from '../i18n/index.ts';
import { recordProgress } from '../solo/progress-store.ts';
import { pick, starSymbols, starWords } from '../solo/level-text.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import '../solo/solo.css';

/** Started with the checkpoint's id. */
export interface CheckpointSceneData {
  checkpointId?: string;
}

/** The checkpoint scene. */
export class Checkpoint extends UiScene {
  private checkpoint!: CheckpointData;
  private header!: Header;
  private body!: HTMLElement;
  private index = 0;
  private chosen: number | null = null;
  private correct = 0;

  constructor() {
    super('Checkpoint');
  }

  protected build(data: CheckpointSceneData): void {
    const node = CAMPAIGN.find((n) => n.id === data.checkpointId);
    if (!node || node.kind !== 'checkpoint') {
      this.scene.start('LevelMap');
      return;
    }
    this.checkpoint = node.checkpoint;
    this.index = 0;
    this.chosen = null;
    this.correct = 0;
    this.header = new Header((o) => this.addText(o));
    this.body = h('article', { class: 'checkpoint panel-body', 'aria-live': 'polite' });
    this.panel.classList.add('card-panel');
    this.panel.append(this.body);
  }

  protected override panelWidth(): number {
    return 760;
  }

  private get done(): boolean {
    return this.index >= this.checkpoint.questions.length;
  }

  protected renderTexts(): void {
    if (!this.checkpoint) return;
    const total = this.checkpoint.questions.length;
    this.header.setTexts(
      t('solo.map.checkpoint'),
      this.done ? t('solo.check.finished') : t('solo.check.progress', { n: this.index + 1, total }),
    );
    if (this.done) return this.renderEnd();
    const q = this.checkpoint.questions[this.index]!;
    const text = pick(q);
    const answered = this.chosen !== null;
    const choices = text.choices.map((c, i) => {
      const mark = !answered ? '' : i === q.answer ? '✓ ' : i === this.chosen ? '✗ ' : '';
      const state = !answered ? '' : i === q.answer ? 'right' : i === this.chosen ? 'wrong' : '';
      const b = h(
        'button',
        {
          type: 'button',
          class: `choice ${state}`,
          'data-choice': i,
          'aria-disabled': answered ? 'true' : undefined,
        },
        `${mark}${String.fromCharCode(65 + i)}. ${c}`,
      );
      b.addEventListener('click', () => this.answer(i));
      return h('li', {}, b);
    });
    const parts: HTMLElement[] = [
      h('h2', {}, pick(this.checkpoint.title)),
      q.interview
        ? h('p', { class: 'badge interview' }, t('solo.check.interview'))
        : q.predict
          ? h('p', { class: 'badge predict' }, t('solo.check.predict'))
          : h('span'),
      h('p', { class: 'question', id: 'question-text' }, text.question),
      text.machine
        ? h(
            'ul',
            { class: 'machine-state', 'aria-label': t('solo.check.machine') },
            ...text.machine.map((line) => h('li', {}, line)),
          )
        : h('span'),
      h('ol', { class: 'choices', 'aria-labelledby': 'question-text' }, ...choices),
    ];
    if (answered) {
      const r = answerQuestion(q, this.chosen!, getLanguage());
      const next = h(
        'button',
        { type: 'button', class: 'primary', 'data-action': 'next-question' },
        this.index + 1 < total ? t('solo.check.next') : t('solo.check.finish'),
      );
      next.addEventListener('click', () => {
        this.index++;
        this.chosen = null;
        this.refresh();
        this.focusFirst();
      });
      parts.push(
        h(
          'div',
          {
            class: `explanation ${r.correct ? 'right' : 'wrong'}`,
            role: 'status',
            'data-correct': String(r.correct),
          },
          h(
            'p',
            { class: 'verdict' },
            r.correct
              ? `✓ ${t('solo.check.right')}`
              : `✗ ${t('solo.check.wrong', { answer: String.fromCharCode(65 + r.answer) })}`,
          ),
          h('p', {}, r.explanation),
        ),
        h('div', { class: 'actions' }, next),
      );
      this.body.replaceChildren(...parts);
      next.focus({ preventScroll: false });
      return;
    }
    this.body.replaceChildren(...parts);
  }

  private renderEnd(): void {
    const total = this.checkpoint.questions.length;
    const stars = checkpointStars(this.correct, total);
    const map = h('button', { type: 'button', class: 'primary', 'data-action': 'map' }, t('solo.back_map'));
    map.addEventListener('click', () => this.scene.start('LevelMap'));
    this.body.replaceChildren(
      h('h2', {}, pick(this.checkpoint.title)),
      h(
        'p',
        { class: 'result-stars', 'aria-label': starWords(stars) },
        h('span', { class: 'big-stars', 'aria-hidden': 'true' }, starSymbols(stars)),
        ' ',
        h('span', {}, starWords(stars)),
      ),
      h('p', {}, t('solo.check.score', { correct: this.correct, total })),
      h('div', { class: 'actions' }, map),
    );
    map.focus({ preventScroll: true });
  }

  private answer(choice: number): void {
    if (this.chosen !== null || this.done) return;
    const q = this.checkpoint.questions[this.index]!;
    this.chosen = choice;
    if (choice === q.answer) this.correct++;
    if (this.index + 1 === this.checkpoint.questions.length) {
      recordProgress(
        this.checkpoint.id,
        checkpointStars(this.correct, this.checkpoint.questions.length),
        this.correct,
      );
    }
    this.refresh();
  }

  private focusFirst(): void {
    (this.body.querySelector('button') as HTMLButtonElement | null)?.focus({ preventScroll: true });
  }

  protected relayout(layout: ScreenLayout): void {
    if (!this.checkpoint) return;
    this.header.layout(layout);
    const top = layout.header.y + layout.header.height;
    const width = Math.min(layout.width - 32, 820);
    place(this.panel, { x: (layout.width - width) / 2, y: top, width, height: layout.height - top - 8 });
  }
}
