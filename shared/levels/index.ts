// The solo campaign's public face: the levels and checkpoints, the map, and how to play and judge a
// level. A Phaser scene needs only this module (see docs/LEVELS.md).
import { CHECKPOINTS } from './data/checkpoints.ts';
import { LEVEL_INPUTS } from './data/index.ts';
import { mustParseLevel, type Level } from './level.ts';
import { buildMap, type MapNode } from './map.ts';
import type { Challenge } from './challenge.ts';
import { CHALLENGES } from './data/challenges.ts';

export { CONCEPT_IDS, CONCEPT_NAMES, type ConceptId } from './concepts.ts';
export {
  parseGoal,
  goalHolds,
  GOAL_OPS,
  type Goal,
  type GoalInput,
  type GoalClauseInput,
  type GoalOp,
} from './goal.ts';
export { stateFigures, memoryInUse, zombies, Tracker, type Figures } from './figures.ts';
export {
  parseLevel,
  mustParseLevel,
  levelInput,
  type Level,
  type LevelInput,
  type PlayerInput,
  type Texts,
} from './level.ts';
export {
  evaluateLevel,
  hintsFor,
  playLevel,
  playerJobs,
  LevelSession,
  type LevelResult,
  type PlayerScript,
  type PlayRejection,
} from './play.ts';
export { playLevelThinking, THINKING_DELAY } from './proof.ts';
export { clauseSentence, figureWords, goalLine, goalSentences, knowsFigure } from './goal-text.ts';
export { bestFigure, botRun, decisiveMoment, headlineFigure, levelDebrief, type Debrief } from './debrief.ts';
export { TAKEAWAYS } from './takeaways.ts';
export {
  arrivalTicks,
  buildChallenge,
  playChallenge,
  ChallengeSession,
  CHALLENGE_TICK_LIMIT,
  unknownChallenge,
  type Challenge,
  type ChallengeSpec,
} from './challenge.ts';
export { CHALLENGES } from './data/challenges.ts';
export {
  decodeSandbox,
  encodeSandbox,
  parseSandbox,
  parseSandboxText,
  parseSandboxOption,
  sandboxFromLevel,
  SANDBOX_TICK_LIMIT,
  type SandboxResult,
  type SandboxSetup,
} from './sandbox.ts';
export {
  buildMap,
  chaptersOf,
  mapView,
  isUnlocked,
  isDone,
  nextNode,
  type ChapterView,
  type MapNode,
  type MapNodeView,
  type Progress,
} from './map.ts';
export {
  answerQuestion,
  checkpointStars,
  questionProblems,
  type Checkpoint,
  type Question,
  type QuestionText,
} from './questions.ts';
export { CHECKPOINTS } from './data/checkpoints.ts';

/** Every level of the campaign, validated once, in map order. */
export const LEVELS: readonly Level[] = LEVEL_INPUTS.map(mustParseLevel).sort((a, b) => a.order - b.order);

/** The campaign map: levels and checkpoints in order, with the optional branches. */
export const CAMPAIGN: readonly MapNode[] = buildMap(LEVELS, CHECKPOINTS);

/** A level by id (undefined for an unknown id, e.g. from an old progress record). */
export function levelById(id: string): Level | undefined {
  return LEVELS.find((l) => l.id === id);
}

/** A challenge by id (undefined for an unknown id). */
export function challengeById(id: string): Challenge | undefined {
  return CHALLENGES.find((c) => c.spec.id === id);
}
