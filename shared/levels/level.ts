// The level format: what a level file holds (LevelInput), its validation with zod and parseScenario,
// and the validated Level the runner and the map use.
import { z } from 'zod';
import {
  parseScenario,
  problemTexts,
  zodProblem,
  type Scenario,
  type ScenarioInput,
} from '../kernel/index.ts';
import { renderBoth, type Template } from '../kernel/template.ts';
import type { PolicyKind } from '../bots/index.ts';
import { CONCEPT_IDS, type ConceptId } from './concepts.ts';
import { GOAL_OPS, parseGoal, type Expr, type Goal, type GoalInput } from './goal.ts';

/** A text in both languages. */
export interface Texts {
  ko: string;
  en: string;
}

/** The role the player holds in a level, and which part of the machine is theirs. */
export type PlayerInput =
  | { role: 'scheduler'; cores?: number[] }
  | { role: 'interrupt' }
  | { role: 'thread'; threads: { process: string; thread?: number }[] }
  | { role: 'ipc'; channels: string[] };

/** A hint shown after a failed attempt; with `when`, only if that condition holds on the attempt's figures. */
export interface HintInput extends Texts {
  when?: string;
}

/** What a level file holds. */
export interface LevelInput {
  id: string;
  order: number;
  branch: 'main' | 'optional';
  concepts: ConceptId[];
  player: PlayerInput;
  /** The scheduler bot's policy for the cores the player does not hold (FIFO by default). */
  policy?: PolicyKind;
  scenario: ScenarioInput;
  seed?: number;
  goal: GoalInput;
  /** Extra goal figures `peak.NAME`: the highest value each expression reached during the run. */
  track?: Record<string, string>;
  /** 1–3 thresholds, easiest first; star k needs the goal and thresholds 1..k; the last one met earns the rest. */
  stars: GoalInput[];
  tickLimit: number;
  /** When false the machine need not have finished for the goal to count (a server that runs forever). */
  mustFinish?: boolean;
  title: Texts;
  goalText: Texts;
  card: { ko: string[]; en: string[] };
  hints: HintInput[];
}

/** A validated level: the input plus its parsed scenario and goals. */
export interface Level extends Omit<LevelInput, 'goal' | 'stars' | 'track' | 'hints'> {
  scenarioParsed: Scenario;
  goal: Goal;
  stars: Goal[];
  track: Record<string, Expr>;
  hints: { ko: string; en: string; when: Goal | null }[];
  mustFinish: boolean;
  seed: number;
  policy: PolicyKind;
}

const texts = z.strictObject({ ko: z.string().trim().min(1), en: z.string().trim().min(1) });
const clause = z.strictObject({
  metric: z.string().min(1),
  op: z.enum(GOAL_OPS),
  value: z.union([z.number(), z.string().min(1)]),
});
const goalInput = z.union([z.string().min(1), clause, z.array(z.union([z.string().min(1), clause])).min(1)]);
const sentences = z.array(z.string().trim().min(1)).min(3).max(6);

/** The JSON shape of a level, before its scenario and goals are checked. */
export const levelInput = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id'),
  order: z.number().int().min(1),
  branch: z.enum(['main', 'optional']),
  concepts: z.array(z.enum(CONCEPT_IDS)).min(1),
  player: z.discriminatedUnion('role', [
    z.strictObject({
      role: z.literal('scheduler'),
      cores: z.array(z.number().int().min(0)).min(1).optional(),
    }),
    z.strictObject({ role: z.literal('interrupt') }),
    z.strictObject({
      role: z.literal('thread'),
      threads: z
        .array(z.strictObject({ process: z.string().min(1), thread: z.number().int().min(0).optional() }))
        .min(1),
    }),
    z.strictObject({ role: z.literal('ipc'), channels: z.array(z.string().min(1)).min(1) }),
  ]),
  policy: z.enum(['fifo', 'sjf', 'stcf', 'rr', 'priority']).optional(),
  scenario: z.unknown(),
  seed: z.number().int().min(0).optional(),
  goal: goalInput,
  track: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/), z.string().min(1)).optional(),
  stars: z.array(goalInput).min(1).max(3),
  tickLimit: z.number().int().min(1).max(10_000),
  mustFinish: z.boolean().optional(),
  title: texts,
  goalText: texts,
  card: z.strictObject({ ko: sentences, en: sentences }),
  hints: z
    .array(
      z.strictObject({
        ko: z.string().trim().min(1),
        en: z.string().trim().min(1),
        when: z.string().min(1).optional(),
      }),
    )
    .min(1)
    .max(4),
});

/**
 * The outcome of validating a level: the level, or what is wrong with it in both languages (`texts`,
 * naming the field) and for the logs (`error`, in English, naming the level too). The scenario's and
 * the player's problems are a student's in the sandbox; a goal's are only a level author's, in English.
 */
export type LevelResult = { ok: true; level: Level } | { ok: false; error: string; texts: Texts };

/** Why the player's role has no place in the level's machine, in both languages. */
export const ROLE_PROBLEMS = {
  'no-core': {
    en: 'player.cores: the machine has no core {core}',
    ko: 'player.cores: 이 컴퓨터에는 코어 {core}이(가) 없습니다.',
  },
  'interrupt-auto': {
    en: 'player: the interrupt role needs "auto": { "interrupts": false }',
    ko: 'player: 인터럽트 처리 역할에는 "auto": { "interrupts": false } 설정이 필요합니다.',
  },
  'no-thread': {
    en: 'player.threads: no thread {thread} in a process named "{process}"',
    ko: 'player.threads: "{process}"(이)라는 프로세스에 스레드 {thread}이(가) 없습니다.',
  },
  'not-steered': {
    en: 'player.threads: thread {thread} of "{process}" is not steered',
    ko: 'player.threads: "{process}"의 스레드 {thread}은(는) 명령어를 고를 수 있는 스레드("steered": true)가 아닙니다.',
  },
  'ipc-auto': {
    en: 'player: the channel role needs "auto": { "delivery": false }',
    ko: 'player: 채널 역할에는 "auto": { "delivery": false } 설정이 필요합니다.',
  },
  'no-channel': {
    en: 'player.channels: no channel named "{channel}"',
    ko: 'player.channels: "{channel}"(이)라는 채널이 없습니다.',
  },
} satisfies Record<string, Template>;

/** A problem of a level's player or goals: its texts, thrown by the checks and caught by parseLevel. */
class LevelProblem extends Error {
  constructor(readonly texts: Texts) {
    super(texts.en);
  }
}

const role = (code: keyof typeof ROLE_PROBLEMS, params: Record<string, string | number> = {}) =>
  new LevelProblem(renderBoth(ROLE_PROBLEMS[code], params));

/** A level author's problem (a goal that does not parse): English only, since no student writes goals. */
const authors = (en: string) => new LevelProblem({ ko: en, en });

function goalOf(g: GoalInput, where: string): Goal {
  const r = parseGoal(g);
  if (!r.ok) throw authors(`${where}: ${r.error}`);
  return r.goal;
}

/** Validates a level file: its shape, its scenario, its goals, and that the player's part exists. */
export function parseLevel(json: unknown): LevelResult {
  const parsed = levelInput.safeParse(json);
  if (!parsed.success) {
    const p = zodProblem(parsed.error.issues[0]!, json);
    const problem = { ...p, path: p.path || 'level' };
    const texts = problemTexts(problem);
    return { ok: false, error: texts.en, texts };
  }
  const input = parsed.data;
  const at = `level ${input.id}`;
  const sc = parseScenario(input.scenario);
  if (!sc.ok) {
    const path = sc.problem.path ? `scenario.${sc.problem.path}` : 'scenario';
    const problem = { ...sc.problem, path };
    const texts = problemTexts(problem);
    return { ok: false, error: `${at}: ${texts.en}`, texts };
  }
  const s = sc.scenario;
  try {
    const p = input.player;
    if (p.role === 'scheduler') {
      for (const c of p.cores ?? []) if (c >= s.cores) throw role('no-core', { core: c });
    } else if (p.role === 'interrupt') {
      if (s.auto.interrupts) throw role('interrupt-auto');
    } else if (p.role === 'thread') {
      for (const t of p.threads) {
        const spec = s.processes.find((x) => x.name === t.process);
        const th = spec?.threads[t.thread ?? 0];
        if (!th) throw role('no-thread', { thread: t.thread ?? 0, process: t.process });
        if (!th.steered) throw role('not-steered', { thread: t.thread ?? 0, process: t.process });
      }
    } else {
      if (s.auto.delivery) throw role('ipc-auto');
      for (const c of p.channels)
        if (!s.channels.some((x) => x.name === c)) throw role('no-channel', { channel: c });
    }
    const track: Record<string, Expr> = {};
    for (const [name, text] of Object.entries(input.track ?? {})) {
      const g = goalOf(`${text} == 0`, `track.${name}`);
      track[name] = g[0]!.left;
    }
    const level: Level = {
      ...input,
      player: input.player as PlayerInput,
      scenario: input.scenario as ScenarioInput,
      scenarioParsed: s,
      goal: goalOf(input.goal as GoalInput, 'goal'),
      stars: input.stars.map((g, i) => goalOf(g as GoalInput, `stars[${i}]`)),
      track,
      hints: input.hints.map((h, i) => ({
        ko: h.ko,
        en: h.en,
        when: h.when ? goalOf(h.when, `hints[${i}].when`) : null,
      })),
      mustFinish: input.mustFinish ?? true,
      seed: input.seed ?? 1,
      policy: input.policy ?? 'fifo',
    };
    return { ok: true, level };
  } catch (e) {
    if (e instanceof LevelProblem) return { ok: false, error: `${at}: ${e.texts.en}`, texts: e.texts };
    throw e;
  }
}

/** Validates a level that must be valid (the campaign's own data): throws with the reason otherwise. */
export function mustParseLevel(json: LevelInput): Level {
  const r = parseLevel(json);
  if (!r.ok) throw new Error(r.error);
  return r.level;
}
