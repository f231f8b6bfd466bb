// A round's report: the Gantt chart, the class's figures against FIFO, SJF, round robin and priority,
// the moments worth discussing, each student's part, and the session's CSV.
import type { RoundReportBody } from '../../../shared/protocol/http.ts';
import { api } from './api.ts';
import { fill, h, num } from './dom.ts';
import { ganttChart } from './gantt.ts';
import { predictionsSection } from './predictions-view.ts';
import { lang, t, type TextKey } from './texts.ts';

type Metrics = RoundReportBody['metrics']['class'];
type Report = RoundReportBody;

// Figures that are not defined yet (no process finished, no interrupt handled) are NaN here: shown as "—" and never "best".
const shown = (v: number | null): number => v ?? NaN;

const ROWS: [TextKey, (m: Metrics) => number, 'lower' | 'higher', (v: number) => string][] = [
  ['metrics.utilization', (m) => m.utilization, 'higher', (v) => `${Math.round(v * 100)}%`],
  ['metrics.throughput', (m) => m.throughput, 'higher', (v) => num(v, 2)],
  ['metrics.completed', (m) => m.completed, 'higher', (v) => num(v)],
  ['metrics.response', (m) => shown(m.comparable.response), 'lower', (v) => num(v)],
  ['metrics.turnaround', (m) => shown(m.comparable.turnaround), 'lower', (v) => num(v)],
  ['metrics.waiting', (m) => shown(m.comparable.waiting), 'lower', (v) => num(v)],
  ['metrics.switches', (m) => m.contextSwitches, 'lower', (v) => num(v)],
  ['metrics.switch_ticks', (m) => m.switchTicks, 'lower', (v) => num(v)],
  ['metrics.irq_latency', (m) => shown(m.comparable.interruptLatency), 'lower', (v) => num(v)],
];

function policyName(policy: string): string {
  return ['fifo', 'sjf', 'rr', 'priority'].includes(policy) ? t(`policy.${policy}` as TextKey) : policy;
}

function compareTable(report: Report): HTMLElement {
  const columns: [string, Metrics][] = [
    [t('report.class'), report.metrics.class],
    ...report.baselines.map((b): [string, Metrics] => [policyName(b.policy), b.metrics]),
  ];
  return h(
    'table',
    { class: 'table compare' },
    h('caption', {}, t('report.compare')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        ...columns.map(([name], i) => h('th', { scope: 'col', class: i === 0 ? 'class-col' : '' }, name)),
      ),
    ),
    h(
      'tbody',
      {},
      ...ROWS.map(([key, get, better, show]) => {
        const values = columns.map(([, m]) => get(m));
        const finite = values.filter((v) => Number.isFinite(v));
        // No "best" when every column ties.
        const best =
          finite.length && new Set(finite).size > 1
            ? better === 'lower'
              ? Math.min(...finite)
              : Math.max(...finite)
            : NaN;
        return h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            t(key),
            h('small', { class: 'hint' }, ` (${t(better === 'lower' ? 'report.lower' : 'report.higher')})`),
          ),
          ...values.map((v, i) =>
            h(
              'td',
              { class: `num${i === 0 ? ' class-col' : ''}${v === best ? ' best' : ''}` },
              Number.isFinite(v) ? show(v) : '—',
              v === best ? h('span', { class: 'best-mark' }, ` ★ ${t('report.best')}`) : null,
            ),
          ),
        );
      }),
    ),
  );
}

/** Renders the report of one stored round. */
export async function reportView(root: HTMLElement, roundId: string): Promise<void> {
  const report: Report = (await api.report(roundId)).report;
  const why = ['host', 'finished', 'time-limit', 'deadlock'].includes(report.metrics.endedBy)
    ? t(`report.why.${report.metrics.endedBy}` as TextKey)
    : report.metrics.endedBy;
  const players = h(
    'table',
    { class: 'table' },
    h('caption', {}, t('report.players')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...(
          [
            'roster.nickname',
            'roster.role',
            'roster.score',
            'roster.actions',
            'report.refused',
            'report.latency',
          ] as const
        ).map((k) => h('th', { scope: 'col' }, t(k))),
      ),
    ),
    h(
      'tbody',
      {},
      ...report.players.map((p) =>
        h(
          'tr',
          {},
          h('td', {}, p.nickname),
          h(
            'td',
            {},
            ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator'].includes(p.role)
              ? t(`role.${p.role}` as TextKey)
              : p.role,
          ),
          h('td', { class: 'num' }, p.score),
          h('td', { class: 'num' }, p.actionsCount),
          h('td', { class: 'num' }, p.refusedCount),
          h(
            'td',
            { class: 'num' },
            p.meanLatencyMs === null ? '—' : `${(p.meanLatencyMs / 1000).toFixed(1)} s`,
          ),
        ),
      ),
    ),
  );
  const notable =
    report.events.length === 0
      ? null
      : h(
          'section',
          { 'aria-labelledby': 'notable-h' },
          h('h3', { id: 'notable-h' }, t('report.notable')),
          h(
            'ul',
            {},
            ...report.events.map((e) =>
              h('li', {}, h('span', { class: 'mono' }, `t${e.tick}`), ' ', e.text ? e.text[lang()] : e.type),
            ),
          ),
        );
  fill(
    root,
    h(
      'article',
      { class: 'card report', 'aria-labelledby': 'report-h' },
      h(
        'h2',
        { id: 'report-h' },
        t('report.heading', { n: report.roundNumber, scenario: report.scenarioId }),
      ),
      h(
        'p',
        {},
        t('report.ended_by', {
          why,
          ticks: report.metrics.ticks,
          date: new Date(report.endedAt).toLocaleString(lang()),
        }),
      ),
      h(
        'p',
        { class: 'actions' },
        h('a', { href: `#/session/${report.sessionId}` }, t('report.back')),
        h(
          'a',
          {
            href: api.csvUrl(report.sessionId, lang() === 'ko' ? 'ko' : 'en'),
            download: '',
            class: 'button',
          },
          t('session.csv'),
        ),
      ),
      h('h3', {}, t('report.gantt')),
      ganttChart(report.timeline.cores ?? [], report.timeline.ticks ?? report.metrics.ticks),
      predictionsSection(report.predictions),
      compareTable(report),
      notable,
      players,
    ),
  );
}
