// Predict, then reveal, on a student's screen and the projector: while the teacher's prediction is open,
// the two questions with the class's tally growing (the projector shows the tally only, never the answer),
// then the reveal: the right answer beside how many picked what, the student's own pick marked.
import { BASELINE_POLICIES } from '../../../shared/protocol/summary.ts';
import { WAIT_BINS, judgePick } from '../../../shared/roles/prediction.ts';
import type { PredictionMessage } from '../../../shared/protocol/server-messages.ts';
import { onSessionOpened, type RoomSession } from '../net/room-session.ts';
import { onLanguageChanged, t, type MessageKey } from '../i18n/index.ts';
import { h } from './dom.ts';

const binLabel = (i: number): string => {
  const b = WAIT_BINS[i]!;
  return b.max === null
    ? t('predict.bin.open', { min: b.min })
    : t('predict.bin', { min: b.min, max: b.max });
};
const policyLabel = (p: string): string => t(`report.policy.${p}` as MessageKey);

/** One choice row: its button (students, while open), its count, and the marks (right, mine) once revealed. */
function choice(
  label: string,
  count: number,
  total: number,
  opts: { mine: boolean; right: boolean; revealed: boolean; pick?: () => void },
): HTMLElement {
  const share = total > 0 ? Math.round((count / total) * 100) : 0;
  const marks = [
    opts.revealed && opts.right ? `✓ ${t('predict.right_answer')}` : '',
    opts.mine ? t('predict.mine') : '',
  ].filter(Boolean);
  const name = opts.pick
    ? h('button', { type: 'button', 'aria-pressed': opts.mine ? 'true' : 'false' }, label)
    : h('span', { class: 'name' }, label);
  if (opts.pick) name.addEventListener('click', opts.pick);
  return h(
    'li',
    { class: 'predict-choice', 'data-right': opts.revealed && opts.right, 'data-mine': opts.mine },
    name,
    h('span', { class: 'bar', style: `--share:${share}%` }),
    h('span', { class: 'count' }, t('predict.count', { n: count })),
    h('span', { class: 'marks' }, marks.join(' · ')),
  );
}

/** Draws the prediction of one session into its panel (or removes the panel when there is none to show). */
function render(session: RoomSession, box: HTMLElement, closed: { round: number }): void {
  const m: PredictionMessage | null = session.prediction;
  const show =
    m && m.round === session.state?.round && session.state?.phase === 'ended' && closed.round !== m.round;
  box.hidden = !show;
  if (!show) return;
  const open = m.phase === 'open';
  const student = open && !session.projector && !session.welcome?.host;
  const mine = m.mine ?? {};
  const judged = m.answer ? judgePick(mine, m.answer) : null;
  const send = (pick: { policy?: string; bin?: number }) => session.send('predict', pick as never);
  const policies = BASELINE_POLICIES.map((p) =>
    choice(policyLabel(p), m.tally.policies[p], m.tally.count, {
      mine: mine.policy === p,
      right: m.answer?.best.includes(p) ?? false,
      revealed: !open,
      ...(student ? { pick: () => send({ policy: p }) } : {}),
    }),
  );
  const bins = WAIT_BINS.map((_, i) =>
    choice(binLabel(i), m.tally.bins[i] ?? 0, m.tally.count, {
      mine: mine.bin === i,
      right: m.answer?.bin === i,
      revealed: !open,
      ...(student ? { pick: () => send({ bin: i }) } : {}),
    }),
  );
  const status = open
    ? m.seconds === null
      ? t('predict.until_reveal', { n: m.tally.count })
      : t('predict.seconds', { seconds: m.seconds, n: m.tally.count })
    : m.answer && m.answer.waiting !== null
      ? t('predict.waiting_was', { waiting: m.answer.waiting })
      : t('predict.waiting_none');
  const verdict =
    judged && !session.projector && !session.welcome?.host
      ? mine.policy === undefined && mine.bin === undefined
        ? t('predict.no_pick')
        : [
            t(judged.policyRight ? 'predict.policy_right' : 'predict.policy_wrong'),
            t(judged.binRight ? 'predict.bin_right' : 'predict.bin_wrong'),
          ].join(' ')
      : '';
  const dismiss = h(
    'button',
    { type: 'button', 'data-action': 'see-comparison' },
    t('predict.see_comparison'),
  );
  dismiss.addEventListener('click', () => {
    closed.round = m.round;
    box.hidden = true;
  });
  box.replaceChildren(
    h('h2', { id: 'predict-title' }, t(open ? 'predict.title' : 'predict.reveal_title')),
    h('p', { class: 'predict-status', role: 'status' }, status),
    h('h3', {}, t('predict.q_policy')),
    h('ul', { class: 'predict-choices', 'data-question': 'policy' }, ...policies),
    h('h3', {}, t('predict.q_waiting')),
    h('ul', { class: 'predict-choices', 'data-question': 'bin' }, ...bins),
    ...(verdict ? [h('p', { class: 'predict-verdict' }, verdict)] : []),
    ...(open ? [] : [h('div', { class: 'actions' }, dismiss)]),
  );
  box.dataset.phase = m.phase;
}

/** Shows every routed session's prediction in a panel over the game, redrawn as the tally and phase change. */
export function installPredictPanel(): void {
  onSessionOpened((session) => {
    if (!session.routed) return;
    const box = h('section', {
      id: 'predict-panel',
      class: 'predict-panel overlay-box',
      'aria-labelledby': 'predict-title',
      hidden: true,
    });
    (document.getElementById('ui') ?? document.body).append(box);
    const closed = { round: -1 };
    const draw = (): void => render(session, box, closed);
    // a patch redraws only when it moves the room to another phase or round (buttons stay under the finger)
    let seen = '';
    const off = session.on((change) => {
      const now = `${session.state?.phase}|${session.state?.round}`;
      if (change === 'left') {
        off();
        box.remove();
      } else if (change === 'prediction' || (change === 'state' && now !== seen)) draw();
      seen = now;
    });
    onLanguageChanged(draw);
  });
}
