// A level attempt's result: stars, each condition with the figure the machine measured, hints after a
// failure, and the way on: retry at once in the same room, the next place on the map, or the map. A
// challenge's result gives the ticks survived, its stars and whether this is a new personal best; a
// sandbox's says why the run ended and leads back to its editor.
import {
  CAMPAIGN,
  figureWords,
  goalHolds,
  goalSentences,
  hintsFor,
  isUnlocked,
  nextNode,
  type Goal,
  type Level,
} from '../../../shared/levels/index.ts';
import { getLanguage, t } from '../i18n/index.ts';
import {
  currentPlay,
  leaveLevel,
  retryLevel,
  type LevelPlay,
  type LevelVerdict,
} from '../solo/level-room.ts';
import { bestOf, localProgress, recordProgress } from '../solo/progress-store.ts';
import { levelNumber, pick, starSymbols, starWords } from '../solo/level-text.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import { GanttView } from '../views/gantt-view.ts';
import '../solo/solo.css';

/** Started once the current play (level-room.ts) holds a verdict. */
export type LevelResultData = object;

/** Each attempt recorded once (a language switch or a resize rebuilds nothing), with the best it was measured against. */
const recorded = new Map<string, { before: number | null }>();

/** The level result scene. */
export class LevelResult extends UiScene {
  private level!: Level;
  private play!: LevelPlay;
  private verdict!: LevelVerdict;
  /** A challenge's best before this attempt (null: its first), to tell a new personal best. */
  private bestBefore: number | null = null;
  private header!: Header;
  private gantt!: GanttView;
  private body!: HTMLElement;
  private buttons!: { retry: HTMLButtonElement; next: HTMLButtonElement; map: HTMLButtonElement };

  constructor() {
    super('LevelResult');
  }

  protected build(_data: LevelResultData = {}): void {
    const play = currentPlay();
    const verdict = play?.verdict;
    if (!play || !verdict) {
      this.scene.start('LevelMap');
      return;
    }
    const level = play.level;
    this.level = level;
    this.play = play;
    this.verdict = verdict;
    const key = `${play.session.room.roomId}:${verdict.attempt}`;
    let entry = recorded.get(key);
    if (!entry) {
      entry = { before: bestOf(level.id)?.score ?? null };
      recorded.set(key, entry);
      // a sandbox has no goal and no stars: nothing to keep
      if (!verdict.sandbox) recordProgress(level.id, verdict.stars, verdict.score, verdict.undos ?? 0);
    }
    this.bestBefore = entry.before;
    this.header = new Header((o) => this.addText(o));
    this.gantt = new GanttView({ scene: this, text: (o) => this.addText(o) });
    this.body = h('article', {
      class: 'level-result panel-body',
      'data-passed': String(verdict.passed),
      'data-stars': verdict.stars,
    });
    const retry = h('button', {
      type: 'button',
      'data-action': 'retry',
      class: verdict.passed ? '' : 'primary',
    });
    const next = h('button', {
      type: 'button',
      'data-action': 'next',
      class: verdict.passed ? 'primary' : '',
    });
    const map = h('button', { type: 'button', 'data-action': 'map' });
    retry.addEventListener('click', () => void this.retry());
    next.addEventListener('click', () => this.next());
    map.addEventListener('click', () => {
      void leaveLevel();
      const target = this.play.target;
      if (target.kind === 'sandbox') this.scene.start('Sandbox', { setup: target.setup });
      else this.scene.start('LevelMap');
    });
    this.buttons = { retry, next, map };
    this.panel.classList.add('card-panel', 'result-panel');
    this.panel.append(this.body, h('div', { class: 'actions' }, map, retry, next));
    // The result itself takes focus, not a button: an Enter meant for the machine must not skip it.
    this.body.tabIndex = -1;
    this.body.focus({ preventScroll: true });
  }

  protected override panelWidth(): number {
    return 760;
  }

  protected renderTexts(): void {
    if (!this.level) return;
    const { level, verdict } = this;
    this.buttons.retry.textContent = t('solo.hud.retry');
    this.buttons.next.textContent = t('solo.result.next');
    this.buttons.map.textContent = t('solo.back_map');
    if (verdict.challenge) {
      this.renderChallenge(verdict.challenge);
      return;
    }
    if (verdict.sandbox) {
      this.renderSandbox();
      return;
    }
    this.header.setTexts(
      t('solo.map.level', { n: levelNumber(level.id) }),
      verdict.passed ? t('solo.result.passed') : t('solo.result.failed'),
    );
    const rows = [
      this.condition(t('solo.card.goal'), level.goal),
      ...level.stars.map((g, i) => this.condition(`${starSymbols(i + 1)} ${starWords(i + 1)}`, g)),
    ];
    const parts: HTMLElement[] = [
      h('h2', {}, pick(level.title)),
      starsLine(verdict.stars),
      h(
        'p',
        { class: 'result-verdict' },
        verdict.passed
          ? `✓ ${t('solo.result.passed_line', { ticks: verdict.ticks })}`
          : `✗ ${t('solo.result.failed_line', { ticks: verdict.ticks })}`,
      ),
      undosLine(verdict.undos ?? 0),
      ...(verdict.idle ? [h('p', { class: 'result-idle', role: 'status' }, t('solo.result.idle'))] : []),
      ...this.debrief(),
      ...figuresTable(rows),
    ];
    if (!verdict.passed || verdict.stars < 3) {
      parts.push(
        h('h3', {}, t('solo.result.hints')),
        h(
          'ul',
          { class: 'result-hints' },
          ...hintsFor(level, verdict, getLanguage()).map((hint) => h('li', {}, hint)),
        ),
      );
    }
    this.body.replaceChildren(...parts);
    this.buttons.next.hidden = !verdict.passed;
  }

  /** A challenge's result: ticks survived, stars, a new personal best or the best to beat, the condition in words. */
  private renderChallenge(c: NonNullable<LevelVerdict['challenge']>): void {
    const { level, verdict } = this;
    const newBest = this.bestBefore === null || c.survived > this.bestBefore;
    this.header.setTexts(t('solo.map.challenge'), t('solo.result.challenge_over'));
    const why =
      verdict.endedBy === 'broken'
        ? t('solo.result.broken', { tick: verdict.ticks })
        : verdict.endedBy === 'finished'
          ? t('solo.result.machine_done', { tick: verdict.ticks })
          : t('solo.result.survived_all');
    const goal = this.play.challenge?.keep ?? level.goal;
    const stars = c.starTicks.map((ticks, i) =>
      h(
        'tr',
        { 'data-met': String(c.survived >= ticks) },
        h('td', {}, `${starSymbols(i + 1)} ${starWords(i + 1)}`),
        h('td', {}, t('solo.challenge.star_row', { ticks })),
        h('td', {}, t('solo.hud.survived', { ticks: c.survived })),
        h('td', {}, c.survived >= ticks ? `✓ ${t('solo.result.yes')}` : `✗ ${t('solo.result.no')}`),
      ),
    );
    this.body.setAttribute('data-survived', String(c.survived));
    this.body.setAttribute('data-new-best', String(newBest));
    this.body.replaceChildren(
      h('h2', {}, pick(level.title)),
      starsLine(verdict.stars),
      h('p', { class: 'result-survived' }, t('solo.result.survived', { ticks: c.survived })),
      h(
        'p',
        { class: `result-best-record${newBest ? ' new-best' : ''}`, role: 'status' },
        newBest
          ? `★ ${t('solo.result.new_best')}`
          : t('solo.result.best_was', { ticks: this.bestBefore ?? 0 }),
      ),
      h('p', { class: 'result-verdict' }, why),
      undosLine(verdict.undos ?? 0),
      ...this.debrief(),
      ...figuresTable([this.condition(t('solo.card.condition'), goal), ...stars]),
      h('h3', {}, t('solo.result.hints')),
      h(
        'ul',
        { class: 'result-hints' },
        ...hintsFor(level, verdict, getLanguage()).map((hint) => h('li', {}, hint)),
      ),
    );
    this.buttons.next.hidden = true;
  }

  /** A sandbox's result: when and why the run ended (no goal, no stars); the map button leads back to the editor. */
  private renderSandbox(): void {
    const { level, verdict } = this;
    this.header.setTexts(t('solo.map.sandbox'), t('solo.result.sandbox_over'));
    this.body.replaceChildren(
      h('h2', {}, pick(level.title)),
      h(
        'p',
        { class: 'result-verdict' },
        t('solo.result.sandbox_line', {
          ticks: verdict.ticks,
          why: t(`report.ended.${verdict.endedBy}`),
        }),
      ),
      ...this.debrief(),
    );
    this.buttons.next.hidden = true;
    this.buttons.map.textContent = t('solo.hud.edit');
  }

  /** The debrief: the decisive moment, the best figure for comparison and the interview takeaways, in the current language. */
  private debrief(): HTMLElement[] {
    const d = this.verdict.debrief;
    if (!d) return [];
    const lang = getLanguage();
    const out: HTMLElement[] = [h('h3', {}, t('solo.result.debrief'))];
    if (d.decisive)
      out.push(
        h(
          'p',
          { class: 'result-decisive', 'data-tick': d.decisive.tick },
          h('strong', {}, `${t('solo.result.decisive')}: `),
          d.decisive.text[lang],
        ),
      );
    if (d.best)
      out.push(
        h('p', { class: 'result-best' }, h('strong', {}, `${t('solo.result.best')}: `), d.best.text[lang]),
      );
    out.push(
      h('h3', {}, t('solo.result.takeaway')),
      h('ul', { class: 'result-takeaways' }, ...d.takeaways.map((x) => h('li', {}, x[lang]))),
    );
    return out;
  }

  /** One condition row: its sentences, the figures it reads as measured (in words), and whether it holds. */
  private condition(what: string, goal: Goal): HTMLElement {
    const figures = this.verdict.figures;
    const lang = getLanguage();
    const names = [
      ...new Set(
        goal
          .flatMap((c) => [...c.left, ...c.right])
          .map((x) => x.term)
          .filter((x): x is string => typeof x === 'string'),
      ),
    ];
    const measured = names.map((n) => h('li', {}, figureWords(n, figures[n], this.level, lang)));
    const sentences = goalSentences(goal, this.level, lang).map((s) => h('li', {}, s));
    const met = goalHolds(goal, figures);
    return h(
      'tr',
      { 'data-met': String(met) },
      h('td', {}, what),
      h('td', {}, h('ul', { class: 'result-sentences' }, ...sentences)),
      h('td', {}, h('ul', { class: 'result-measured' }, ...measured)),
      h('td', {}, met ? `✓ ${t('solo.result.yes')}` : `✗ ${t('solo.result.no')}`),
    );
  }

  protected relayout(layout: ScreenLayout): void {
    if (!this.level) return;
    this.header.layout(layout);
    const top = layout.header.y + layout.header.height;
    const width = Math.min(layout.width - 32, 900);
    const x = (layout.width - width) / 2;
    // The Gantt chart of the attempt above the result; the panel scrolls under it with Retry and Next pinned in view.
    const lanes = Math.max(1, this.verdict.timeline?.length ?? 1);
    const unit = Math.min(layout.unit, 15);
    const gh = Math.min(layout.height * 0.28, unit * (4.6 + 2.4 * lanes));
    this.gantt.layout({ x, y: top, width, height: gh }, unit);
    this.gantt.update(this.verdict.timeline ?? [], this.verdict.ticks);
    place(this.panel, { x, y: top + gh + 4, width, height: layout.height - top - gh - 12 });
  }

  private async retry(): Promise<void> {
    const play = currentPlay();
    if (!play) {
      this.backToStart();
      return;
    }
    this.buttons.retry.disabled = true;
    try {
      await retryLevel(play);
      this.scene.start('Machine');
      this.scene.launch('LevelHud', {});
    } catch {
      this.backToStart();
    }
  }

  /** Where a retry without a room starts again: the card (a level's, a challenge's) or the sandbox's editor. */
  private backToStart(): void {
    const target = this.play.target;
    if (target.kind === 'sandbox') this.scene.start('Sandbox', { setup: target.setup });
    else if (target.kind === 'challenge') this.scene.start('ConceptCard', { challengeId: target.id });
    else this.scene.start('ConceptCard', { levelId: target.id });
  }

  private next(): void {
    void leaveLevel();
    const progress = localProgress();
    const at = CAMPAIGN.findIndex((n) => n.id === this.level.id);
    const node =
      CAMPAIGN.slice(at + 1).find((n) => n.branch === 'main' && isUnlocked(CAMPAIGN, progress, n.id)) ??
      nextNode(CAMPAIGN, progress);
    if (!node) this.scene.start('LevelMap');
    else if (node.kind === 'level') this.scene.start('ConceptCard', { levelId: node.id });
    else this.scene.start('Checkpoint', { checkpointId: node.id });
  }
}

/** The stars earned, as symbols and in words. */
function starsLine(stars: number): HTMLElement {
  return h(
    'p',
    { class: 'result-stars', 'aria-label': starWords(stars) },
    h('span', { class: 'big-stars', 'aria-hidden': 'true' }, starSymbols(stars)),
    ' ',
    h('span', {}, starWords(stars)),
  );
}

/** Whether the attempt used undo, and how often. */
function undosLine(undos: number): HTMLElement {
  return h(
    'p',
    { class: 'result-undos', 'data-undos': String(undos) },
    undos > 0 ? t('solo.result.undos', { count: undos }) : t('solo.result.no_undos'),
  );
}

/** The figures table: a row per condition (what, the condition, the measured figure, met or not). */
function figuresTable(rows: HTMLElement[]): HTMLElement[] {
  return [
    h('h3', {}, t('solo.result.figures')),
    h(
      'table',
      { class: 'result-figures' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('solo.result.what')),
          h('th', {}, t('solo.result.condition')),
          h('th', {}, t('solo.result.measured')),
          h('th', {}, t('solo.result.met')),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  ];
}
