// "Predict the machine" checkpoint items: a literal machine, shown in words, and a question about what
// it does next. The machine is run through the pure kernel (bots in every role, FIFO scheduler) and
// the right choice is whatever the kernel did, so an answer is computed, never typed.
import {
  createKernel,
  formatInstr,
  parseScenario,
  tickInPlace,
  type KernelState,
  type Lang,
  type ScenarioInput,
  type Thread,
} from '../kernel/index.ts';
import { remainingWork } from '../bots/index.ts';
import { settleBots } from '../sim/run.ts';
import type { Question, QuestionText } from './questions.ts';
import type { Texts } from './level.ts';

/** What the question asks about the machine after it has run. */
export type Probe =
  | { kind: 'running'; core: number }
  | { kind: 'state'; process: string; thread?: number }
  | { kind: 'var'; process: string; name: string; values: number[] };

/** A prediction item as written: the machine, how far it runs before and after the question, what is asked. */
export interface Prediction {
  id: string;
  /** The note it comes from (file name in shared/seeds/). */
  source: string;
  scenario: ScenarioInput;
  /** Ticks the machine runs before it is shown (0: as it starts). */
  before?: number;
  /** Ticks it runs after it is shown, before the probe reads it (1: "the next tick"). */
  after?: number;
  probe: Probe;
  ask: Texts;
  explain: Texts;
}

const STATE_WORDS: Record<Lang, Record<Thread['state'], string>> = {
  ko: {
    new: '생성 상태',
    ready: '준비 상태',
    running: '실행 상태',
    blocked: '대기 상태',
    terminated: '종료 상태',
  },
  en: { new: 'New', ready: 'Ready', running: 'Running', blocked: 'Blocked', terminated: 'Terminated' },
};

function run(s: KernelState, ticks: number): void {
  const log: never[] = [];
  for (let i = 0; i < ticks; i++) {
    tickInPlace(s);
    settleBots(s, { kind: 'fifo' }, log);
  }
}

function machineAt(p: Prediction): KernelState {
  const sc = parseScenario(p.scenario);
  if (!sc.ok) throw new Error(`prediction ${p.id}: scenario.${sc.error}`);
  const s = createKernel(sc.scenario, 1);
  settleBots(s, { kind: 'fifo' }, []);
  run(s, p.before ?? 0);
  return s;
}

function threadOf(s: KernelState, process: string, k = 0): Thread {
  const proc = Object.values(s.processes).find((x) => x.name === process);
  const t = proc ? s.threads[proc.threads[k]!] : undefined;
  if (!t) throw new Error(`no thread ${k} of ${process}`);
  return t;
}

const ticks = (n: number) => (n === 1 ? '1 tick' : `${n} ticks`);

function threadName(s: KernelState, t: Thread): string {
  const p = s.processes[t.pid]!;
  return p.threads.length > 1 ? `${p.name}·T${p.threads.indexOf(t.tid) + 1}` : p.name;
}

/** The machine in words, one line per thread, then the shared data: what the player reads before answering. */
export function describeMachine(s: KernelState, lang: Lang): string[] {
  const ko = lang === 'ko';
  const lines: string[] = [];
  const q = s.scenario.quantum;
  for (const t of Object.values(s.threads).sort((a, b) => a.tid - b.tid)) {
    const next = t.program.slice(t.pc).map(formatInstr).join(', ') || (ko ? '없음' : 'none');
    let where = STATE_WORDS[lang][t.state];
    if (t.state === 'running' && t.core !== null) {
      const slice =
        q > 0
          ? ko
            ? `, 타임 슬라이스 ${q}틱 중 ${s.cores[t.core]!.sliceUsed}틱 사용`
            : `, ${s.cores[t.core]!.sliceUsed} of its ${q}-tick time slice used`
          : '';
      where += ko ? ` (코어 ${t.core}${slice})` : ` (core ${t.core}${slice})`;
    }
    if (t.state === 'blocked' && t.blocked) where += ` (${t.blocked.on})`;
    const work = remainingWork(s, t);
    const reg = t.loaded
      ? ko
        ? ` · 레지스터 ${t.reg} (${t.loaded.var}에서 읽음)`
        : ` · register ${t.reg} (read from ${t.loaded.var})`
      : '';
    const current = t.owed > 0 && t.pc > 0 ? formatInstr(t.program[t.pc - 1]!) : null;
    const inProgress =
      current === null
        ? ''
        : ko
          ? `${current} 진행 중(${t.owed}틱 남음), `
          : `${current} in progress (${ticks(t.owed)} left), then `;
    lines.push(
      ko
        ? `${threadName(s, t)}: ${where} · 남은 일 ${work}틱${reg} · ${inProgress}다음 명령: ${next}`
        : `${threadName(s, t)}: ${where} · ${ticks(work)} of work left${reg} · ${inProgress}next: ${next}`,
    );
  }
  for (const p of Object.values(s.processes)) {
    for (const [v, val] of Object.entries(p.vars)) lines.push(`${p.name}.${v} = ${val}`);
  }
  for (const [name, l] of Object.entries(s.locks)) {
    const owner = l.owner === null ? (ko ? '없음' : 'nobody') : threadName(s, s.threads[l.owner]!);
    lines.push(ko ? `락 ${name}: 가진 스레드 ${owner}` : `lock ${name}: held by ${owner}`);
  }
  for (const [name, sem] of Object.entries(s.semaphores))
    lines.push(ko ? `세마포어 ${name} = ${sem.value}` : `semaphore ${name} = ${sem.value}`);
  lines.push(
    ko ? '스케줄러: FIFO (준비 큐의 맨 앞부터)' : 'Scheduler: FIFO (the head of the Ready queue first)',
  );
  return lines;
}

function choicesOf(p: Prediction, s: KernelState, lang: Lang): { keys: string[]; labels: string[] } {
  const probe = p.probe;
  if (probe.kind === 'state') {
    const keys: Thread['state'][] = ['ready', 'running', 'blocked', 'terminated'];
    return { keys, labels: keys.map((k) => STATE_WORDS[lang][k]) };
  }
  if (probe.kind === 'var')
    return { keys: probe.values.map(String), labels: probe.values.map((v) => `${probe.name} = ${v}`) };
  const names = [...new Set(Object.values(s.processes).map((x) => x.name))];
  return {
    keys: [...names, 'idle'],
    labels: [
      ...names.map((n) => (lang === 'ko' ? `${n} 실행` : `${n} runs`)),
      lang === 'ko' ? '코어가 쉼' : 'core idles',
    ],
  };
}

function probeKey(p: Prediction, s: KernelState): string {
  const probe = p.probe;
  switch (probe.kind) {
    case 'state':
      return threadOf(s, probe.process, probe.thread).state;
    case 'var': {
      const proc = Object.values(s.processes).find((x) => x.name === probe.process);
      return String(proc?.vars[probe.name]);
    }
    case 'running': {
      const tid = s.cores[probe.core]?.running ?? null;
      return tid === null ? 'idle' : s.processes[s.threads[tid]!.pid]!.name;
    }
  }
}

/** Turns a prediction into a checkpoint question: the machine described, the kernel run, the answer read off it. */
export function predictionQuestion(p: Prediction): Question {
  const shown = machineAt(p);
  const after = structuredClone(shown);
  run(after, p.after ?? 1);
  const key = probeKey(p, after);
  const side = (lang: Lang): QuestionText => {
    const { labels } = choicesOf(p, shown, lang);
    return {
      question: p.ask[lang],
      machine: describeMachine(shown, lang),
      choices: labels,
      explanation: p.explain[lang],
    };
  };
  const answer = choicesOf(p, shown, 'en').keys.indexOf(key);
  if (answer < 0)
    throw new Error(`prediction ${p.id}: the machine ended at "${key}", which is not among the choices`);
  return { id: p.id, source: p.source, answer, predict: true, ko: side('ko'), en: side('en') };
}
