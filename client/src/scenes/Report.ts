// End of round: the Gantt chart per core, the class's figures beside FIFO, SJF, RR and priority on the
// same workload, and the round's notable events. Everything comes from the summary the server sent.
import type { MachineMetrics } from '../../../shared/kernel/metrics.ts';
import type { RoundSummary } from '../../../shared/protocol/summary.ts';
import { momentLine } from '../../../shared/roles/class-story.ts';
import { getLanguage, t, type MessageKey } from '../i18n/index.ts';
import { currentSession, type RoomSession } from '../net/room-session.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import { GanttView } from '../views/gantt-view.ts';
import { installReportHook } from '../views/kc-hook.ts';
import { formatFigure } from '../views/machine-rows.ts';
import '../views/machine.css';

type Figure = [MessageKey, (m: MachineMetrics) => string];

const FIGURES: Figure[] = [
  ['report.row.completed', (m) => String(m.completed)],
  ['report.row.utilization', (m) => `${Math.round(m.utilization * 100)}%`],
  ['report.row.throughput', (m) => formatFigure(m.throughput)],
  ['report.row.response', (m) => formatFigure(m.comparable.response)],
  ['report.row.turnaround', (m) => formatFigure(m.comparable.turnaround)],
  ['report.row.waiting', (m) => formatFigure(m.comparable.waiting)],
  ['report.row.switches', (m) => String(m.contextSwitches)],
  ['report.row.latency', (m) => formatFigure(m.comparable.interruptLatency)],
];

/** The Report scene. */
export class Report extends UiScene {
  private header!: Header;
  private gantt!: GanttView;
  private session: RoomSession | null = null;
  private summary: RoundSummary | null = null;
  private body!: HTMLElement;
  private leave!: HTMLButtonElement;

  constructor() {
    super('Report');
  }

  protected override panelWidth(): number {
    return 620;
  }

  protected build(): void {
    this.session = currentSession();
    this.summary = this.session?.currentSummary() ?? null;
    // a summary that arrives while the report shows (a late one, or the next round's) redraws it
    const off = this.session?.on((change) => {
      if (change === 'summary' && this.session?.currentSummary() !== this.summary) this.scene.restart();
    });
    if (off) this.events.once('shutdown', off);
    this.header = new Header((o) => this.addText(o));
    this.gantt = new GanttView({ scene: this, text: (o) => this.addText(o) });
    this.body = h('div', { class: 'report-body' });
    this.leave = h('button', { type: 'button' });
    this.leave.addEventListener('click', () => {
      void this.session?.leave();
      this.scene.start('Menu');
    });
    this.panel.classList.add('report-panel');
    this.panel.append(this.body, h('div', { class: 'actions' }, this.leave));
    installReportHook({
      ganttCores: () => this.gantt.lanes,
      ganttRuns: () => this.gantt.runs,
      baselines: () => this.summary?.baselines.map((b) => b.policy) ?? [],
    });
  }

  protected renderTexts(): void {
    const s = this.summary;
    this.header.setTexts(
      t('report.heading'),
      s
        ? t('report.subtitle', {
            round: s.round,
            ticks: s.ticks,
            ended: t(`report.ended.${s.endedBy}` as MessageKey),
          })
        : '',
    );
    this.leave.textContent = t('report.leave');
    if (!s) {
      this.body.replaceChildren(h('p', {}, t('machine.ended')));
      return;
    }
    const policies = s.baselines;
    const table = h(
      'table',
      { class: 'report-table' },
      h('caption', { class: 'visually-hidden' }, t('report.compare')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('report.figure')),
          h('th', { scope: 'col', class: 'class-col' }, t('report.class')),
          ...policies.map((b) => h('th', { scope: 'col' }, t(`report.policy.${b.policy}` as MessageKey))),
        ),
      ),
      h(
        'tbody',
        {},
        ...FIGURES.map(([key, get]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, t(key)),
            h('td', { class: 'class-col' }, get(s.class)),
            ...policies.map((b) => h('td', {}, get(b.metrics))),
          ),
        ),
      ),
    );
    const lang = getLanguage();
    const notable = s.notable ?? [];
    const events =
      notable.length > 0
        ? h(
            'ul',
            { class: 'report-notable' },
            ...notable.map((e) => h('li', {}, `${e.tick}: ${e.text[lang]}`)),
          )
        : h('p', { class: 'hint' }, t('report.notable.none'));
    const seat = this.session?.seat();
    const me = s.players.find((p) => p.seat === seat);
    this.body.replaceChildren(
      ...(me ? [h('p', { class: 'report-score' }, t('report.score', { score: me.score }))] : []),
      ...this.debrief(s, lang),
      h('h2', {}, t('report.compare')),
      table,
      h('h2', {}, t('report.notable')),
      events,
      h('p', { class: 'hint' }, t('report.next')),
    );
  }

  /** The debrief for the whole class: the question, the key moments (races and deadlocks first, grouped), the podium when ranks are shown. */
  private debrief(s: RoundSummary, lang: 'ko' | 'en'): HTMLElement[] {
    const d = s.debrief;
    if (!d) return [];
    const moments =
      d.moments.length > 0
        ? h(
            'ol',
            { class: 'report-moments', 'data-testid': 'report-moments' },
            ...d.moments.map((m) => h('li', { 'data-kind': m.kind }, `${m.tick}: ${momentLine(m, lang)}`)),
          )
        : h('p', { class: 'hint' }, t('report.moments.none'));
    const board = this.session?.welcome?.board ?? 'all';
    const podium =
      board === 'all' && d.podium.length > 0
        ? [
            h('h2', {}, t('report.podium')),
            h(
              'ol',
              { class: 'report-podium', 'data-testid': 'report-podium' },
              ...d.podium.map((p) =>
                h(
                  'li',
                  {},
                  t('report.podium.entry', {
                    place: p.place,
                    nickname: p.nickname,
                    role: t(`role.${p.role}` as MessageKey),
                    score: p.score,
                  }),
                ),
              ),
            ),
          ]
        : [];
    // crews vs each other and the classic policies: place, figures, and which policies each crew beat
    const crews = [...(s.crews ?? [])].sort((a, b) => (a.place ?? 0) - (b.place ?? 0) || a.crew - b.crew);
    const race =
      crews.length > 1
        ? [
            h('h3', {}, t('report.crews')),
            h(
              'ol',
              { class: 'report-crews', 'data-testid': 'report-crews' },
              ...crews.map((c) =>
                h(
                  'li',
                  { 'data-crew': c.crew, 'data-place': c.place ?? 0 },
                  t('report.crew.entry', {
                    place: c.place ?? '?',
                    n: c.crew,
                    done: c.metrics.completed,
                    waiting: c.metrics.averages.waiting,
                    util: Math.round(c.metrics.utilization * 100),
                  }),
                  ' ',
                  c.beats && c.beats.length > 0
                    ? t('report.crew.beats', {
                        policies: c.beats.map((p) => t(`report.policy.${p}` as MessageKey)).join(', '),
                      })
                    : t('report.crew.beats_none'),
                ),
              ),
            ),
          ]
        : [];
    return [
      h('h2', {}, t('report.debrief')),
      ...race,
      ...(d.question
        ? [
            h(
              'p',
              { class: 'report-question', 'data-testid': 'report-question' },
              t('report.question', { question: d.question[lang] }),
            ),
          ]
        : []),
      h('h3', {}, t('report.moments')),
      moments,
      ...podium,
    ];
  }

  protected relayout(layout: ScreenLayout): void {
    this.header.layout(layout);
    const { unit } = layout;
    const top = layout.header.y + layout.header.height;
    if (layout.stacked) {
      const gh = Math.max(
        unit * 10,
        Math.min(layout.height * 0.36, unit * (5 + 3 * (this.summary?.timeline.length ?? 2))),
      );
      this.gantt.layout({ x: 12, y: top, width: layout.width - 24, height: gh }, Math.min(unit, 15));
      place(this.panel, {
        x: 12,
        y: top + gh + 8,
        width: layout.width - 24,
        height: layout.height - top - gh - 16,
      });
    } else {
      const gw = layout.width * 0.56;
      this.gantt.layout({ x: 24, y: top, width: gw - 24, height: layout.height - top - 24 }, unit * 0.85);
      place(this.panel, {
        x: gw + 16,
        y: top,
        width: layout.width - gw - 40,
        height: layout.height - top - 16,
      });
    }
    this.gantt.update(this.summary?.timeline ?? [], this.summary?.ticks ?? 0);
  }
}
