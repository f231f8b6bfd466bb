// A round report's predictions: what the class predicted before the reveal (how many picked each policy and
// each waiting range, the right ones marked) and each student's pick, judged when the round was revealed.
import type { RoundReportBody } from '../../../shared/protocol/http.ts';
import { BASELINE_POLICIES } from '../../../shared/protocol/summary.ts';
import { WAIT_BINS } from '../../../shared/roles/prediction.ts';
import { h, num } from './dom.ts';
import { t, type TextKey } from './texts.ts';

type Predictions = NonNullable<RoundReportBody['predictions']>;

const policyName = (p: string): string => t(`policy.${p}` as TextKey);
const binName = (i: number | undefined): string => {
  const b = i === undefined ? undefined : WAIT_BINS[i];
  if (!b) return '—';
  return b.max === null
    ? t('report.predictions.bin_open', { min: b.min })
    : t('report.predictions.bin_label', { min: b.min, max: b.max });
};

function countTable(head: TextKey, rows: [string, number, boolean][]): HTMLElement {
  return h(
    'table',
    { class: 'table predictions' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t(head)),
        h('th', { scope: 'col' }, t('report.predictions.count')),
        h('th', { scope: 'col' }, t('report.predictions.right')),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map(([name, n, right]) =>
        h(
          'tr',
          { class: right ? 'best' : '' },
          h('td', {}, name),
          h('td', {}, num(n)),
          h('td', {}, right ? '✓' : ''),
        ),
      ),
    ),
  );
}

/** The predictions section of a round report, or null when the round had none. */
export function predictionsSection(p: Predictions | null | undefined): HTMLElement | null {
  if (!p) return null;
  const yes = (b: boolean) => t(b ? 'report.predictions.yes' : 'report.predictions.no');
  return h(
    'section',
    { 'aria-labelledby': 'predictions-h', class: 'predictions' },
    h('h3', { id: 'predictions-h' }, t('report.predictions')),
    h(
      'p',
      {},
      t('report.predictions.answer', {
        best: p.answer.best.map(policyName).join(', '),
        waiting:
          p.answer.waiting === null
            ? '—'
            : `${num(p.answer.waiting)} (${binName(p.answer.bin ?? undefined)})`,
      }),
    ),
    countTable(
      'report.predictions.policy',
      BASELINE_POLICIES.map((k) => [policyName(k), p.tally.policies[k] ?? 0, p.answer.best.includes(k)]),
    ),
    countTable(
      'report.predictions.bin',
      WAIT_BINS.map((_, i) => [binName(i), p.tally.bins[i] ?? 0, p.answer.bin === i]),
    ),
    h(
      'table',
      { class: 'table predictions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('report.predictions.student')),
          h('th', { scope: 'col' }, t('report.predictions.policy')),
          h('th', { scope: 'col' }, t('report.predictions.bin')),
        ),
      ),
      h(
        'tbody',
        {},
        ...p.picks.map((s) =>
          h(
            'tr',
            {},
            h('td', {}, s.nickname),
            h('td', {}, s.policy ? `${policyName(s.policy)} (${yes(s.policyRight)})` : '—'),
            h('td', {}, s.bin !== undefined ? `${binName(s.bin)} (${yes(s.binRight)})` : '—'),
          ),
        ),
      ),
    ),
  );
}
