// Challenges, in the spirit of You're the OS!: a chapter's role under load that keeps rising (each
// arrival comes sooner than the last) until the machine fails its condition, scored by the ticks it
// survived. A challenge is a level with no goal to finish, so it reuses LevelSession; its personal
// best is kept in the solo progress store under the challenge's id, like a level's best score.
// Besides the arriving jobs a machine may hold resident processes, there from the start and never
// cycled: the thread a player steers (a server that forks), or a daemon reading a channel.
import type { ScenarioInput } from '../kernel/index.ts';
import type { ConceptId } from './concepts.ts';
import { goalHolds, parseGoal, type Goal } from './goal.ts';
import { mustParseLevel, type Level, type LevelInput, type PlayerInput, type Texts } from './level.ts';
import { LevelSession, type PlayerScript, type ReplayObserver } from './play.ts';
import { playLevelThinking, THINKING_DELAY } from './proof.ts';

/** A process of a scenario as written (its name, program or threads, variables, …). */
type ProcessInput = NonNullable<ScenarioInput['processes']>[number];

/** A challenge as written: the role, the steady part of the machine, how arrivals speed up, and when it fails. */
export interface ChallengeSpec {
  id: string;
  /** The chapter (1-based, map order) whose role it exercises. */
  chapter: number;
  /** The concepts it exercises (the debrief's takeaways); `dispatch` when not given. */
  concepts?: ConceptId[];
  player: PlayerInput;
  policy?: LevelInput['policy'];
  /** The scenario without its arrivals (cores, quantum, devices, channels, programs, …). */
  machine: Omit<ScenarioInput, 'processes'>;
  /** Processes there from tick 0 and never cycled: the one the player steers, a daemon. Named as given. */
  resident?: ProcessInput[];
  /** The arriving jobs, cycled through in order: a process without its arrival (a program, a length, threads, …), numbered by its round. */
  jobs: Omit<ProcessInput, 'arrival'>[];
  /** Ticks before the second arrival; each next gap is `shrink` times the last (at least 1 tick). */
  firstGap: number;
  shrink: number;
  /** The condition the machine must keep: the challenge ends on the first tick it no longer holds. */
  keep: string;
  /** Survival (ticks) for 1, 2 and 3 stars. */
  starTicks: [number, number, number];
  title: Texts;
  goalText: Texts;
  /** The hint after an attempt; a general one about weighing urgent against long work when not given. */
  hint?: Texts;
}

/** The most arriving jobs a challenge machine holds (well inside the kernel's process limit). */
const MAX_JOBS = 120;
/** The longest a challenge can last: one that reaches it has survived everything. */
export const CHALLENGE_TICK_LIMIT = 2_000;

/** The arrival ticks of a challenge: gaps shrinking geometrically from `firstGap` down to one tick. */
export function arrivalTicks(spec: Pick<ChallengeSpec, 'firstGap' | 'shrink'>, count = MAX_JOBS): number[] {
  const out: number[] = [0];
  let gap = spec.firstGap;
  while (out.length < count) {
    out.push(out[out.length - 1]! + Math.max(1, Math.round(gap)));
    gap *= spec.shrink;
  }
  return out;
}

/** A validated challenge: its machine as a goal-less level, and the condition it must keep. */
export interface Challenge {
  spec: ChallengeSpec;
  level: Level;
  keep: Goal;
}

/** Builds a challenge's level (validated like any level) from its spec. */
export function buildChallenge(spec: ChallengeSpec): Challenge {
  const processes = arrivalTicks(spec).map((arrival, i) => {
    const job = spec.jobs[i % spec.jobs.length]!;
    return { ...job, name: `${job.name}${Math.floor(i / spec.jobs.length) + 1}`, arrival };
  });
  const resident = (spec.resident ?? []).map((p) => ({ ...p, arrival: 0 }));
  const keep = parseGoal(spec.keep);
  if (!keep.ok) throw new Error(`challenge ${spec.id}: keep: ${keep.error}`);
  const level = mustParseLevel({
    id: spec.id,
    order: 100_000 + spec.chapter,
    branch: 'optional',
    concepts: spec.concepts ?? ['dispatch'],
    player: spec.player,
    ...(spec.policy ? { policy: spec.policy } : {}),
    scenario: { ...spec.machine, processes: [...resident, ...processes] },
    goal: spec.keep,
    stars: spec.starTicks.map((t) => `elapsed >= ${t}`),
    tickLimit: CHALLENGE_TICK_LIMIT,
    mustFinish: false,
    title: spec.title,
    goalText: spec.goalText,
    card: {
      ko: [
        spec.goalText.ko,
        '부하는 점점 커집니다. 도착 간격이 갈수록 짧아집니다.',
        '조건이 깨지는 순간 도전이 끝나고, 버틴 틱이 기록됩니다.',
      ],
      en: [
        spec.goalText.en,
        'The load keeps rising: each arrival comes sooner than the last.',
        'The challenge ends the moment the condition breaks; the ticks you lasted are your score.',
      ],
    },
    hints: [
      spec.hint ?? {
        ko: '급한 일과 긴 일을 구분하세요. 과부하는 결국 오지만, 얼마나 늦출지는 여러분의 판단입니다.',
        en: 'Tell urgent work from long work: overload comes in the end, but how late is your call.',
      },
    ],
  });
  return { spec, level, keep: keep.goal };
}

/** Plays a challenge with a scripted player (moves land `delay` ticks late): the ticks survived and the stars. */
export function playChallenge(
  challenge: Challenge,
  script: PlayerScript,
  delay = THINKING_DELAY,
): { score: number; stars: number } {
  const r = playLevelThinking(challenge.level, script, delay, (s) => !goalHolds(challenge.keep, s.figures()));
  const score = r.session.state.tick;
  return { score, stars: challenge.spec.starTicks.filter((t) => score >= t).length };
}

/** Why a room refuses a challenge id it does not know, in both languages. */
export function unknownChallenge(id: string): Texts {
  const shown = id.slice(0, 80);
  return { ko: `"${shown}"라는 도전은 없습니다.`, en: `There is no challenge called "${shown}".` };
}

/** One attempt at a challenge: a LevelSession that ends when the kept condition breaks. */
export class ChallengeSession {
  /** A fresh attempt, or (an undo) the challenge around a session already replayed. */
  constructor(
    readonly challenge: Challenge,
    readonly session: LevelSession = new LevelSession(challenge.level),
  ) {}

  /** True once the kept condition no longer holds: the attempt ends here. */
  broken(): boolean {
    return !goalHolds(this.challenge.keep, this.session.figures());
  }

  /** True once the condition no longer holds, or the machine has nothing left to do, or the limit is reached. */
  over(): boolean {
    return this.broken() || this.session.over();
  }

  /** The last tick taken back (LevelSession.undo), as a new attempt; null when there is nothing to undo. */
  undo(observer?: ReplayObserver): ChallengeSession | null {
    const next = this.session.undo(observer);
    return next ? new ChallengeSession(this.challenge, next) : null;
  }

  /** Ticks survived: the score kept as the personal best. */
  score(): number {
    return this.session.state.tick;
  }

  /** Stars for the survival so far (0–3); an attempt in which the player made no move earns none. */
  stars(): number {
    if (this.session.moves.length === 0) return 0;
    return this.challenge.spec.starTicks.filter((t) => this.score() >= t).length;
  }
}
