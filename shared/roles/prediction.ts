// Predict, then reveal (OSTEP's "compute, then check"): at a class round's end every student guesses which
// classic policy did best on the round's workload and in which range the class's average waiting fell,
// before the comparison is shown. What is right is computed here from the summary's own figures, once;
// rooms only collect picks and views only draw them.
import type { Lang } from '../kernel/limits.ts';
import {
  BASELINE_POLICIES,
  type BaselinePolicy,
  type BaselineResult,
  type RoundSummary,
} from '../protocol/summary.ts';

/**
 * The ranges of the class's average waiting (ticks in Ready per finished process), [min, max). Chosen from
 * the catalog's rounds: under the classic policies their averages run from about 3.5 ticks (a short
 * deadlock round under SJF) to 29 (the workshop under round robin), so each range holds some of them.
 */
export const WAIT_BINS = [
  { min: 0, max: 5 },
  { min: 5, max: 10 },
  { min: 10, max: 20 },
  { min: 20, max: null },
] as const satisfies ReadonlyArray<{ min: number; max: number | null }>;

/** The synced state's `predictSeconds` for a prediction without time limit (the teacher reveals). */
export const PREDICT_UNTIL_REVEAL = -1;

/** The prediction lengths the dashboard offers, in seconds (within LIMITS.predictSeconds). */
export const PREDICT_CHOICES = [30, 60, 120] as const;

/** A student's guess; either half may be still missing (a bin is an index into WAIT_BINS). */
export interface PredictionPick {
  policy?: BaselinePolicy;
  bin?: number;
}

/** How many students picked each policy and each range. */
export interface PredictionTally {
  /** Students who picked anything. */
  count: number;
  policies: Record<BaselinePolicy, number>;
  /** One count per WAIT_BINS entry. */
  bins: number[];
}

/** What was right: the best policies (ties all count), the class's average waiting and its range (null: no process finished). */
export interface PredictionAnswer {
  best: BaselinePolicy[];
  waiting: number | null;
  bin: number | null;
}

/** One student's stored prediction, judged. */
export interface StudentPrediction extends PredictionPick {
  seat: string;
  nickname: string;
  policyRight: boolean;
  binRight: boolean;
}

/** A round's predictions as its report keeps them. */
export interface RoundPredictions {
  answer: PredictionAnswer;
  tally: PredictionTally;
  picks: StudentPrediction[];
}

/** What a baseline did: more processes finished is better, then less average waiting. */
function rank(b: BaselineResult): [number, number] {
  return [b.metrics.completed, b.metrics.averages.waiting];
}

/** The policies that did best on the round's workload (most finished, then least waiting; equal ones all best). */
export function bestPolicies(baselines: readonly BaselineResult[]): BaselinePolicy[] {
  let best: BaselineResult[] = [];
  for (const b of baselines) {
    const top = best[0];
    if (!top) best = [b];
    else {
      const [c, w] = rank(b);
      const [tc, tw] = rank(top);
      if (c > tc || (c === tc && w < tw)) best = [b];
      else if (c === tc && w === tw) best.push(b);
    }
  }
  return BASELINE_POLICIES.filter((p) => best.some((b) => b.policy === p));
}

/**
 * The class's average waiting: over every finished process of every crew (each crew's average weighted
 * by the processes it finished), rounded to a tenth; null when no process finished.
 */
export function classWaiting(summary: Pick<RoundSummary, 'class' | 'crews'>): number | null {
  const machines = summary.crews?.map((c) => c.metrics) ?? [summary.class];
  const done = machines.reduce((n, m) => n + m.completed, 0);
  if (done === 0) return null;
  const total = machines.reduce((n, m) => n + m.averages.waiting * m.completed, 0);
  return Math.round((total / done) * 10) / 10;
}

/** The WAIT_BINS range a waiting figure falls in. */
export function waitBin(waiting: number): number {
  const i = WAIT_BINS.findIndex((b) => waiting >= b.min && (b.max === null || waiting < b.max));
  return i < 0 ? 0 : i;
}

/** What was right in a round, from its summary. */
export function roundAnswer(summary: Pick<RoundSummary, 'class' | 'crews' | 'baselines'>): PredictionAnswer {
  const waiting = classWaiting(summary);
  return { best: bestPolicies(summary.baselines), waiting, bin: waiting === null ? null : waitBin(waiting) };
}

/** Counts the picks. */
export function tallyPicks(picks: Iterable<PredictionPick>): PredictionTally {
  const tally: PredictionTally = {
    count: 0,
    policies: Object.fromEntries(BASELINE_POLICIES.map((p) => [p, 0])) as Record<BaselinePolicy, number>,
    bins: WAIT_BINS.map(() => 0),
  };
  for (const p of picks) {
    if (p.policy === undefined && p.bin === undefined) continue;
    tally.count++;
    if (p.policy !== undefined) tally.policies[p.policy]++;
    if (p.bin !== undefined) tally.bins[p.bin] = (tally.bins[p.bin] ?? 0) + 1;
  }
  return tally;
}

/** Whether each half of a pick was right. */
export function judgePick(
  pick: PredictionPick,
  answer: PredictionAnswer,
): { policyRight: boolean; binRight: boolean } {
  return {
    policyRight: pick.policy !== undefined && answer.best.includes(pick.policy),
    binRight: pick.bin !== undefined && answer.bin !== null && pick.bin === answer.bin,
  };
}

/** Why a prediction was refused (sent as the `error` message's code). */
export type PredictRefusal = 'prediction-not-open' | 'prediction-closed';

/** The refusal's sentence in each language. */
export const PREDICT_REFUSALS: Record<PredictRefusal, Record<Lang, string>> = {
  'prediction-not-open': {
    ko: '아직 예측할 때가 아닙니다: 라운드가 끝나고 선생님이 예측을 열면 고를 수 있어요.',
    en: 'Not the time to predict yet: you can pick once the round has ended and the teacher opens predictions.',
  },
  'prediction-closed': {
    ko: '예측 시간이 끝났습니다: 정답이 이미 공개되었어요.',
    en: 'Predictions are closed: the answer has already been revealed.',
  },
};

/** A prediction phase: the picks so far and the time left (null: until the teacher reveals). */
export interface PredictionPhase {
  round: number;
  leftMs: number | null;
  picks: Record<string, PredictionPick>;
  revealed: boolean;
}

/** Opens a round's prediction phase for `seconds` ('until-reveal': no time limit). */
export function openPrediction(round: number, seconds: number | 'until-reveal'): PredictionPhase {
  return { round, leftMs: seconds === 'until-reveal' ? null : seconds * 1000, picks: {}, revealed: false };
}

/** A student's pick merged into the phase (halves not given are kept), or why it is refused. */
export function predict(
  phase: PredictionPhase | null,
  seat: string,
  pick: PredictionPick,
): { ok: true; phase: PredictionPhase } | { ok: false; refusal: PredictRefusal } {
  if (!phase) return { ok: false, refusal: 'prediction-not-open' };
  if (phase.revealed) return { ok: false, refusal: 'prediction-closed' };
  const merged = { ...phase.picks[seat], ...pick };
  return { ok: true, phase: { ...phase, picks: { ...phase.picks, [seat]: merged } } };
}

/** The phase after `ms` of wall time; `due` once its time ran out (never for an untimed one). */
export function advancePrediction(
  phase: PredictionPhase,
  ms: number,
): { phase: PredictionPhase; due: boolean } {
  if (phase.revealed || phase.leftMs === null) return { phase, due: false };
  const leftMs = Math.max(0, phase.leftMs - ms);
  return { phase: { ...phase, leftMs }, due: leftMs === 0 };
}

/** The phase's record for the round's report, judged against the answer (nicknames by seat). */
export function predictionRecord(
  phase: PredictionPhase,
  answer: PredictionAnswer,
  nickname: (seat: string) => string,
): RoundPredictions {
  const picks = Object.entries(phase.picks).map(([seat, p]) => ({
    seat,
    nickname: nickname(seat),
    ...p,
    ...judgePick(p, answer),
  }));
  return { answer, tally: tallyPicks(Object.values(phase.picks)), picks };
}
