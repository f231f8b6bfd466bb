// The debrief after a level, computed once from the attempt (pure, shared by the server that sends it
// and the tests): the decisive moment in a sentence from the kernel's events, the interview-style
// takeaway of the level's concepts, and the best figure the classic policies (or the bots) reach on
// the same machine — measured by running them through the kernel, never written down.
import {
  createKernel,
  applyActionInPlace,
  describeEvent,
  isFinished,
  kernelLabels,
  tickInPlace,
} from '../kernel/index.ts';
import type { KernelEvent, KernelState, Lang, TimedAction } from '../kernel/index.ts';
import { POLICIES, type PolicyKind } from '../kernel/limits.ts';
import { settleBots, scenarioForPolicy } from '../sim/run.ts';
import { withParticles } from '../kernel/josa.ts';
import { unknownThreadLabel } from '../kernel/labels.ts';
import { Tracker } from './figures.ts';
import type { GoalOp } from './goal.ts';
import { figureWords } from './goal-text.ts';
import type { Level, Texts } from './level.ts';
import { evaluateLevel, type LevelResult } from './play.ts';
import { TAKEAWAYS } from './takeaways.ts';

/** What the result screen says after the table. */
export interface Debrief {
  /** The moment that decided the attempt, or null when nothing stood out. */
  decisive: { tick: number; text: Texts } | null;
  /** The headline figure (the hardest star row's) against the best a classic policy or the bots reach. */
  best: { figure: string; yours: number | null; best: number; by: string; text: Texts } | null;
  /** What to say in an interview, one per concept the level teaches. */
  takeaways: Texts[];
}

const both = (f: (lang: Lang) => string): Texts => ({ ko: withParticles(f('ko')), en: f('en') });

/** The first fault worth a sentence, in the order a teacher would name them. */
const FAULT_ORDER: readonly KernelEvent['type'][] = [
  'lost-update',
  'deadlock',
  'livelock',
  'fault',
  'out-of-order',
  'message-dropped',
  'leak',
  'starvation',
  'interrupt-unhandled',
];

function nameOf(s: KernelState, tid: number): string {
  const t = s.threads[tid];
  const p = t ? s.processes[t.pid] : undefined;
  return p ? `${kernelLabels(s)(tid)} (${p.name})` : unknownThreadLabel(tid);
}

function lostUpdate(
  e: Extract<KernelEvent, { type: 'lost-update' }>,
  events: readonly KernelEvent[],
  s: KernelState,
): Texts {
  const stores = events.filter(
    (x): x is Extract<KernelEvent, { type: 'stored' }> =>
      x.type === 'stored' && x.var === e.var && x.tick <= e.tick,
  );
  const mine = [...stores].reverse().find((x) => x.tid === e.tid);
  const theirs = [...stores].reverse().find((x) => x.tid === e.overwritten);
  const who = nameOf(s, e.tid),
    over = nameOf(s, e.overwritten);
  if (mine && theirs) {
    return both((lang) =>
      lang === 'ko'
        ? `${e.tick}틱에 ${who}이(가) ${e.var} = ${mine.value}을(를) 저장해 ${over}이(가) 저장한 ${theirs.value}을(를) 덮어썼습니다. 둘 다 같은 옛 값을 읽었기 때문에 갱신 하나가 손실되었습니다.`
        : `At tick ${e.tick} ${who} stored ${e.var} = ${mine.value} over ${over}'s ${theirs.value}: both had read the same old value, so one update was lost.`,
    );
  }
  return both((lang) =>
    lang === 'ko'
      ? `${e.tick}틱: ${describeEvent(e, s, 'ko')}`
      : `At tick ${e.tick}: ${describeEvent(e, s, 'en')}`,
  );
}

/** Replays the attempt's log and notes, before each tick, who waits in Ready and who runs. */
function readySamples(
  level: Level,
  log: readonly TimedAction[],
  until: number,
): { tick: number; ready: number[]; running: number[] }[] {
  const s = createKernel(level.scenarioParsed, level.seed);
  const out: { tick: number; ready: number[]; running: number[] }[] = [];
  let k = 0;
  for (let guard = 0; guard <= until + 1; guard++) {
    while (k < log.length && log[k]!.tick <= s.tick) applyActionInPlace(s, log[k++]!.action);
    if (s.tick >= until || isFinished(s)) break;
    out.push({
      tick: s.tick,
      ready: [...s.readyQueue],
      running: s.cores.flatMap((c) => (c.running === null ? [] : [c.running])),
    });
    tickInPlace(s);
  }
  return out;
}

/** The decisive moment of an attempt, from its events (and, for scheduling, its replayed Ready queue). */
export function decisiveMoment(
  level: Level,
  log: readonly TimedAction[],
  events: readonly KernelEvent[],
  final: KernelState,
): Debrief['decisive'] {
  for (const type of FAULT_ORDER) {
    const e = events.find((x) => x.type === type);
    if (!e) continue;
    if (e.type === 'lost-update') return { tick: e.tick, text: lostUpdate(e, events, final) };
    return {
      tick: e.tick,
      text: both((lang) =>
        lang === 'ko'
          ? `${e.tick}틱: ${describeEvent(e, final, 'ko')}`
          : `At tick ${e.tick}: ${describeEvent(e, final, 'en')}`,
      ),
    };
  }
  let late: Extract<KernelEvent, { type: 'interrupt-handled' }> | null = null;
  for (const e of events)
    if (e.type === 'interrupt-handled' && e.latency > 0 && (!late || e.latency > late.latency)) late = e;
  if (late) {
    const e = late;
    return {
      tick: e.tick,
      text: both((lang) =>
        lang === 'ko'
          ? `${e.tick}틱에 인터럽트 #${e.id}을(를) ${e.latency}틱 늦게 처리했습니다. 그동안 그 스레드는 할 일 없이 기다렸습니다(인터럽트 지연).`
          : `At tick ${e.tick} interrupt #${e.id} was handled ${e.latency} ticks late: its thread waited for nothing meanwhile (interrupt latency).`,
      ),
    };
  }
  // Scheduling: the tick where the most threads waited in Ready at once, i.e. where waiting grew fastest.
  const labels = new Map<number, string>();
  for (const tid of Object.keys(final.threads)) labels.set(Number(tid), nameOf(final, Number(tid)));
  let peak: { tick: number; ready: number[]; running: number[] } | null = null;
  for (const x of readySamples(level, log, final.tick))
    if (x.ready.length >= 2 && (!peak || x.ready.length > peak.ready.length))
      peak = { tick: x.tick, ready: x.ready, running: x.running };
  if (!peak) return null;
  const p = peak;
  const waiting = p.ready.map((tid) => labels.get(tid) ?? unknownThreadLabel(tid)).join(', ');
  const running = p.running.map((tid) => labels.get(tid) ?? unknownThreadLabel(tid)).join(', ');
  return {
    tick: p.tick,
    text: both((lang) =>
      lang === 'ko'
        ? `${p.tick}틱에 ${p.ready.length}개가 함께 준비 상태에서 기다렸습니다(${waiting})${running ? `. 코어에서는 ${running}이(가) 실행 중이었습니다` : ''}. 이때 대기 시간이 가장 빨리 늘었습니다.`
        : `At tick ${p.tick}, ${p.ready.length} waited in Ready at once (${waiting})${running ? ` while ${running} ran` : ''}: waiting grew fastest here.`,
    ),
  };
}

/** The figure a level is judged on: the first figure-against-number condition of its hardest star row. */
export function headlineFigure(level: Level): { figure: string; op: GoalOp } | null {
  for (const row of [...level.stars].reverse()) {
    for (const c of row) {
      if (
        c.left.length === 1 &&
        typeof c.left[0]!.term === 'string' &&
        c.right.length === 1 &&
        typeof c.right[0]!.term === 'number' &&
        c.op !== '!='
      ) {
        return { figure: c.left[0]!.term, op: c.op };
      }
    }
  }
  return null;
}

/** The level played by bots alone under one policy (the player's role too): its judged result. */
export function botRun(level: Level, kind: PolicyKind): LevelResult {
  const scenario =
    kind === 'rr' && level.scenarioParsed.quantum === 0
      ? scenarioForPolicy(level.scenarioParsed, 'rr')
      : level.scenarioParsed;
  const s = createKernel(scenario, level.seed);
  const tracker = new Tracker(level.track);
  const log: TimedAction[] = [];
  tracker.observe(s, []);
  for (let guard = 0; guard <= level.tickLimit; guard++) {
    const batch: KernelEvent[] = [];
    settleBots(s, { kind }, log, (e) => batch.push(e));
    tracker.observe(s, batch);
    if (isFinished(s) || s.tick >= level.tickLimit) break;
    tracker.observe(s, tickInPlace(s));
  }
  return evaluateLevel(level, s, tracker.figures());
}

const POLICY_NAMES: Record<PolicyKind, Texts> = {
  fifo: { ko: 'FIFO', en: 'FIFO' },
  sjf: { ko: 'SJF', en: 'SJF' },
  stcf: { ko: 'STCF', en: 'STCF' },
  rr: { ko: '라운드 로빈', en: 'round robin' },
  priority: { ko: '우선순위', en: 'priority' },
};

/** The best the classic policies reach on the level's headline figure (a scheduling level), or the bots' own play (any other role); only runs that pass count. */
export function bestFigure(level: Level, yours: LevelResult): Debrief['best'] {
  const head = headlineFigure(level);
  if (!head) return null;
  const kinds: readonly PolicyKind[] = level.player.role === 'scheduler' ? POLICIES : [level.policy];
  const lower = head.op === '<=' || head.op === '<' || head.op === '==';
  let best: { kind: PolicyKind; value: number } | null = null;
  for (const kind of kinds) {
    const run = botRun(level, kind);
    const v = run.figures[head.figure];
    if (v === undefined || !run.passed) continue; // a run that misses the goal is no yardstick
    if (!best || (lower ? v < best.value : v > best.value)) best = { kind, value: v };
  }
  if (!best) return null;
  const b = best;
  const mine = yours.figures[head.figure] ?? null;
  const by = level.player.role === 'scheduler' ? POLICY_NAMES[b.kind] : { ko: '봇', en: 'the bots' };
  return {
    figure: head.figure,
    yours: mine,
    best: b.value,
    by: by.en,
    text: both((lang) => {
      const bestWords = figureWords(head.figure, b.value, level, lang);
      const mineWords = figureWords(head.figure, mine ?? undefined, level, lang);
      const missed = yours.passed ? '' : lang === 'ko' ? ' (목표 미달성)' : ' (goal not met)';
      return lang === 'ko'
        ? `비교: ${level.player.role === 'scheduler' ? `고전 정책 중 가장 좋은 ${by.ko}` : '봇이 맡았을 때'} — ${bestWords}. 내 결과 — ${mineWords}${missed}.`
        : `For comparison: ${level.player.role === 'scheduler' ? `the best classic policy, ${by.en}` : 'the bots playing your role'} — ${bestWords}. Yours — ${mineWords}${missed}.`;
    }),
  };
}

/** The whole debrief of one attempt. */
export function levelDebrief(
  level: Level,
  attempt: { log: readonly TimedAction[]; events: readonly KernelEvent[]; state: KernelState },
  result: LevelResult,
  /** False for a challenge or a sandbox: no classic policy plays toward its goal, so nothing to compare with. */
  compare = true,
): Debrief {
  return {
    decisive: decisiveMoment(level, attempt.log, attempt.events, attempt.state),
    best: compare ? bestFigure(level, result) : null,
    takeaways: level.concepts.map((c) => TAKEAWAYS[c]),
  };
}
