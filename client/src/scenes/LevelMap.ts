// The solo campaign's map: every level and checkpoint in order with the player's stars, what is open,
// optional branches marked, locked places with their reason; each chapter's challenge once the chapter
// is open, with the personal best; and the sandbox. Arrow keys move between places.
import {
  CAMPAIGN,
  CHALLENGES,
  CONCEPT_NAMES,
  chaptersOf,
  mapView,
  nextNode,
  type Challenge,
  type ChapterView,
  type MapNodeView,
  type Progress,
} from '../../../shared/levels/index.ts';
import { getLanguage, t } from '../i18n/index.ts';
import { bestOf, localProgress, syncProgress } from '../solo/progress-store.ts';
import {
  levelNumber,
  nodeTitle,
  pick,
  roleName,
  starSymbols,
  starWords,
  titleOf,
} from '../solo/level-text.ts';
import { announce, h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import '../solo/solo.css';

/** The map scene; started from the menu, and after every level and checkpoint. */
export class LevelMap extends UiScene {
  private header!: Header;
  private heading!: HTMLHeadingElement;
  private chapters!: HTMLOListElement;
  private back!: HTMLButtonElement;
  private progress: Progress = {};
  private buttons: HTMLButtonElement[] = [];

  constructor() {
    super('LevelMap');
  }

  protected build(): void {
    this.header = new Header((o) => this.addText(o));
    this.heading = h('h2', { id: 'map-heading', class: 'visually-hidden' });
    this.chapters = h('ol', { class: 'map-chapters', 'aria-labelledby': 'map-heading' });
    this.back = h('button', { type: 'button', class: 'map-back' });
    this.back.addEventListener('click', () => this.scene.start('Menu'));
    this.panel.classList.add('map-panel');
    this.panel.append(this.heading, this.chapters, h('div', { class: 'actions' }, this.back));
    this.panel.addEventListener('keydown', (e) => this.onKey(e));
    this.progress = localProgress();
    void syncProgress().then((p) => {
      if (!this.scene.isActive() || JSON.stringify(p) === JSON.stringify(this.progress)) return;
      this.progress = p;
      this.refresh();
    });
  }

  protected override panelWidth(): number {
    return 1800;
  }

  protected renderTexts(): void {
    const view = mapView(CAMPAIGN, this.progress);
    const levels = view.filter((n) => n.kind === 'level');
    const earned = levels.reduce((sum, n) => sum + n.stars, 0);
    const done = view.filter((n) => n.status === 'done').length;
    this.header.setTexts(
      t('solo.map.title'),
      t('solo.map.summary', { stars: earned, max: levels.length * 3, done, total: view.length }),
    );
    this.heading.textContent = t('solo.map.title');
    this.back.textContent = t('solo.back_menu');
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset.node;
    const next = nextNode(CAMPAIGN, this.progress);
    this.buttons = [];
    const lang = getLanguage();
    this.chapters.replaceChildren(
      ...chaptersOf(view).map((ch) => {
        const list = h(
          'ol',
          { class: 'map-nodes' },
          ...ch.nodes.map((n) => h('li', {}, this.nodeButton(n, n.id === next?.id))),
          ...CHALLENGES.filter((c) => c.spec.chapter === ch.number).map((c) =>
            h('li', {}, this.challengeButton(c, ch)),
          ),
        );
        // A chapter can be previewed before it opens: what it teaches, in the notes' terms.
        const preview = h(
          'p',
          { class: 'map-preview' },
          t('solo.map.preview', { concepts: ch.concepts.map((c) => CONCEPT_NAMES[c][lang]).join(' · ') }),
        );
        const status = ch.status === 'locked' ? h('span', { class: 'badge' }, t('solo.map.locked')) : '';
        return h(
          'li',
          { class: `map-chapter ${ch.status}`, 'data-chapter': ch.number },
          h('h3', {}, t('solo.map.chapter', { n: ch.number }), ' ', status),
          preview,
          list,
        );
      }),
      this.sandboxChapter(),
    );
    const focus = this.buttons.find((b) => b.dataset.node === (focusedId ?? next?.id)) ?? this.buttons[0];
    focus?.focus({ preventScroll: false });
  }

  private nodeButton(n: MapNodeView, isNext: boolean): HTMLButtonElement {
    const status =
      n.status === 'locked'
        ? t('solo.map.locked')
        : n.status === 'done'
          ? t('solo.map.done')
          : t('solo.map.open');
    const icon =
      n.status === 'locked' ? '×' : n.kind === 'checkpoint' ? '?' : n.status === 'done' ? '✓' : '▶';
    const kind =
      n.kind === 'checkpoint' ? t('solo.map.checkpoint') : t('solo.map.level', { n: levelNumber(n.id) });
    const lines: (HTMLElement | string)[] = [
      h(
        'span',
        { class: 'node-top' },
        h('span', { class: 'node-icon', 'aria-hidden': 'true' }, icon),
        h('span', { class: 'node-kind' }, kind),
        n.status === 'locked' ? h('span', { class: 'badge' }, status) : '',
        n.branch === 'optional' ? h('span', { class: 'badge optional' }, t('solo.map.optional')) : '',
      ),
      h('span', { class: 'node-title' }, nodeTitle(n)),
    ];
    if (n.kind === 'level') lines.push(h('span', { class: 'node-role' }, roleName(n.level)));
    if (n.status === 'locked' && n.after)
      lines.push(
        h('span', { class: 'node-reason' }, t('solo.map.locked_reason', { title: titleOf(n.after) })),
      );
    else if (n.kind === 'level')
      lines.push(
        h(
          'span',
          { class: 'node-stars', 'aria-label': starWords(n.stars) },
          `${starSymbols(n.stars)} ${n.stars}/3`,
        ),
      );
    else
      lines.push(
        h(
          'span',
          { class: 'node-stars' },
          n.status === 'done'
            ? t('solo.map.answered')
            : t('solo.map.questions', { count: n.checkpoint.questions.length }),
        ),
      );
    const b = h(
      'button',
      {
        type: 'button',
        class: `map-node ${n.status} ${n.kind} ${n.branch}${isNext ? ' next' : ''}`,
        'data-node': n.id,
        'data-status': n.status,
        'aria-disabled': n.status === 'locked' ? 'true' : undefined,
        'aria-current': isNext ? 'step' : undefined,
        'aria-label': `${kind}: ${nodeTitle(n)}. ${status}.${n.branch === 'optional' ? ` ${t('solo.map.optional')}.` : ''}`,
      },
      ...lines,
    );
    b.addEventListener('click', () => this.open(n));
    this.buttons.push(b);
    return b;
  }

  /** A chapter's challenge: open with its chapter, showing the personal best (ticks survived). */
  private challengeButton(c: Challenge, ch: ChapterView): HTMLButtonElement {
    const locked = ch.status === 'locked';
    const best = bestOf(c.spec.id);
    const kind = t('solo.map.challenge');
    const status = locked ? t('solo.map.locked') : t('solo.map.open');
    const record = best
      ? `${starSymbols(best.stars)} ${t('solo.map.challenge_best', { ticks: best.score })}`
      : t('solo.map.challenge_none');
    const b = h(
      'button',
      {
        type: 'button',
        class: `map-node challenge ${locked ? 'locked' : 'open'}`,
        'data-node': c.spec.id,
        'data-challenge': c.spec.id,
        'data-status': locked ? 'locked' : 'open',
        'data-best': best ? best.score : undefined,
        'aria-disabled': locked ? 'true' : undefined,
        'aria-label': `${kind}: ${pick(c.spec.title)}. ${status}. ${locked ? t('solo.map.challenge_locked') : record}`,
      },
      h(
        'span',
        { class: 'node-top' },
        h('span', { class: 'node-icon', 'aria-hidden': 'true' }, locked ? '×' : '▲'),
        h('span', { class: 'node-kind' }, kind),
        locked ? h('span', { class: 'badge' }, status) : '',
      ),
      h('span', { class: 'node-title' }, pick(c.spec.title)),
      h('span', { class: 'node-role' }, roleName(c.level)),
      locked
        ? h('span', { class: 'node-reason' }, t('solo.map.challenge_locked'))
        : h('span', { class: 'node-stars node-best' }, record),
    );
    b.addEventListener('click', () => {
      if (locked) announce(t('solo.map.challenge_locked'));
      else this.scene.start('ConceptCard', { challengeId: c.spec.id });
    });
    this.buttons.push(b);
    return b;
  }

  /** The sandbox's place at the end of the map: always open. */
  private sandboxChapter(): HTMLLIElement {
    const b = h(
      'button',
      { type: 'button', class: 'map-node sandbox open', 'data-node': 'sandbox', 'data-status': 'open' },
      h(
        'span',
        { class: 'node-top' },
        h('span', { class: 'node-icon', 'aria-hidden': 'true' }, '◆'),
        h('span', { class: 'node-kind' }, t('solo.map.sandbox')),
      ),
      h('span', { class: 'node-title' }, t('solo.map.sandbox_title')),
      h('span', { class: 'node-role' }, t('solo.map.sandbox_hint')),
    );
    b.addEventListener('click', () => this.scene.start('Sandbox'));
    this.buttons.push(b);
    return h(
      'li',
      { class: 'map-chapter sandbox open', 'data-chapter': 'sandbox' },
      h('h3', {}, t('solo.map.sandbox')),
      h('ol', { class: 'map-nodes' }, h('li', {}, b)),
    );
  }

  private open(n: MapNodeView): void {
    if (n.status === 'locked') {
      announce(n.after ? t('solo.map.locked_reason', { title: titleOf(n.after) }) : t('solo.map.locked'));
      return;
    }
    if (n.kind === 'level') this.scene.start('ConceptCard', { levelId: n.id });
    else this.scene.start('Checkpoint', { checkpointId: n.id });
  }

  private onKey(e: KeyboardEvent): void {
    const i = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    const to =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? this.buttons.length - 1
          : step === 0
            ? -1
            : Math.max(0, Math.min(this.buttons.length - 1, i + step));
    if (to < 0) return;
    e.preventDefault();
    this.buttons[to]?.focus();
  }

  protected relayout(layout: ScreenLayout): void {
    this.header.layout(layout);
    const top = layout.header.y + layout.header.height;
    place(this.panel, {
      x: layout.header.x,
      y: top,
      width: layout.header.width,
      height: layout.height - top - 8,
    });
  }
}
