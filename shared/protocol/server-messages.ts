// Every message the server sends a client, with its payload type: the server sends through these types
// and the game, the dashboard and the tools listen through them (PROTOCOL.md documents each).
import type { Lang } from '../kernel/limits.ts';
import type { KernelEvent, Rejection } from '../kernel/types.ts';
import type { Debrief, LevelResult } from '../levels/index.ts';
import type { EdgeErrorCode } from './errors.ts';
import type { ScoreCode } from '../roles/score.ts';
import type { ScoreMode } from '../roles/types.ts';
import type { CoreRun, RoundEnd, RoundSummary } from './summary.ts';
import type { PredictionAnswer, PredictionPick, PredictionTally } from '../roles/prediction.ts';

/** Sent to a client right after it joins or comes back: who it is in the room. */
export interface Welcome {
  seat: string;
  slot: string;
  host: boolean;
  lang: Lang;
  code: string;
  /** Whether the room shows students any ranking (false when the teacher set the leaderboard off). */
  leaderboard: boolean;
  /** What the teacher's leaderboard setting shows students: no ranks, the crew's figures only, or the crew's and each student's rank. */
  board: LeaderboardMode;
  /** How the room scores: 'no-speed' leaves out every time-based part (the role card then quotes no speed bonus). */
  scoring: ScoreMode;
}

/** The teacher's leaderboard setting (declared once; the dashboard, the API and the screens read it). */
export const LEADERBOARD_MODES = ['off', 'crew', 'all'] as const;
/** One leaderboard setting. */
export type LeaderboardMode = (typeof LEADERBOARD_MODES)[number];
/** The setting as rooms were created before it had three values: true (show) or false (hide) still work. */
export type LeaderboardSetting = LeaderboardMode | boolean;

/** Reads a stored or requested setting: true and a missing one mean 'all', false means 'off'. */
export function leaderboardMode(v: LeaderboardSetting | undefined): LeaderboardMode {
  return v === undefined || v === true ? 'all' : v === false ? 'off' : v;
}

/** A change of the student's own score, with its reason in their language (sent only to them). */
export interface ScoreMessage {
  /** The change: +3, −2 … */
  points: number;
  /** Why, as a code (shared/roles/score.ts) and as a sentence. */
  code: ScoreCode;
  reason: string;
  tick: number;
  /** The student's score this round after the change. */
  total: number;
  /** Their place among the crew's students (1 = best) when the leaderboard shows personal ranks, else null. */
  rank: { place: number; of: number } | null;
}

/** A batch of the kernel's events; `replay` marks the latest events re-sent to a (re)joining client, replacing its feed. */
export interface EventsMessage {
  tick: number;
  events: readonly KernelEvent[];
  replay?: boolean;
  /** The crew whose machine produced them (rooms with crews; the host and projectors hear every crew). */
  crew?: string;
}

/** A move the kernel refused, with its sentence in the player's language. */
export interface RejectedMessage {
  type: string;
  code: Rejection['code'];
  params: Rejection['params'];
  reason: string;
}

/** A message refused at the edge (shape, sender, phase), before the kernel saw it. */
export interface EdgeErrorMessage {
  code: EdgeErrorCode;
  message: string;
  type: string;
}

/** The verdict of one solo attempt, as the room sends it in `level-result`. */
export interface LevelVerdict extends LevelResult {
  level: string;
  attempt: number;
  ticks: number;
  endedBy: RoundEnd;
  /** What the result screen says after the table (shared/levels/debrief.ts). */
  debrief: Debrief;
  /** The attempt's Gantt chart: per core, its runs and switches. */
  timeline: CoreRun[][];
  /**
   * A challenge's attempt (level is the challenge's id): the ticks survived, which are also `score`, and
   * the ticks each star needs; `stars` and `passed` (at least one star) are the challenge's.
   */
  challenge?: { survived: number; starTicks: number[] };
  /** A sandbox run (level "sandbox"): no goal and no stars; it ended because its machine was done. */
  sandbox?: true;
}

/** To a student whose job the machine has waited on for half the grace time: their turn, before a bot moves. */
export interface YourTurnMessage {
  slot: string;
  /** This student's grace time (the room's times their extra time): after it, a bot makes the move. */
  seconds: number;
}

/** To a crew: a bot made the move its student left waiting past the grace time (the student keeps the seat). */
export interface BotMovedMessage {
  seat: string;
  nickname: string;
  slot: string;
  /** How many moves the bot made. */
  moves: number;
  crew?: string;
}

/**
 * The end-of-round prediction (class rounds whose teacher turned it on): sent to everyone when it opens
 * and at each pick (the tally only, never the answer), then once revealed with the answer; each student's
 * copy carries their own pick. The `summary` follows the reveal.
 */
export interface PredictionMessage {
  round: number;
  phase: 'open' | 'revealed';
  /** Seconds left when sent (null: until the teacher reveals). */
  seconds: number | null;
  tally: PredictionTally;
  /** The receiver's own pick (null for the host, a projector or a student who has not picked). */
  mine: PredictionPick | null;
  /** Only once revealed. */
  answer?: PredictionAnswer;
}

/** Message type → payload, for everything the server sends. */
export interface ServerMessages {
  welcome: Welcome;
  events: EventsMessage;
  rejected: RejectedMessage;
  error: EdgeErrorMessage;
  summary: RoundSummary;
  'level-result': LevelVerdict;
  'your-turn': YourTurnMessage;
  'bot-moved': BotMovedMessage;
  score: ScoreMessage;
  prediction: PredictionMessage;
}

/** The name of a server message. */
export type ServerMessageType = keyof ServerMessages;
