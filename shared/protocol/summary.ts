// The end-of-round report: the class's machines (one a crew) next to the same workload under the classic policies.
// Sent to every client when a round ends and kept for the report scene and the dashboard.
import type { KernelEventType, MachineMetrics, ProcessMetrics } from '../kernel/index.ts';
import type { Moment } from '../roles/class-story.ts';
import type { Role } from '../roles/types.ts';

/** The classic policies every round is compared with. */
export const BASELINE_POLICIES = ['fifo', 'sjf', 'rr', 'priority'] as const;

/** One of the baseline policies. */
export type BaselinePolicy = (typeof BASELINE_POLICIES)[number];

/** Most notable events a summary carries, so a pathological round cannot bloat the report. */
export const NOTABLE_MAX = 60;

/** Why a round ended ('broken': a solo challenge's kept condition no longer held). */
export type RoundEnd = 'host' | 'finished' | 'time-limit' | 'deadlock' | 'broken';

/** The same workload run by bots under one policy. */
export interface BaselineResult {
  policy: BaselinePolicy;
  finished: boolean;
  metrics: MachineMetrics;
}

/** One player's part in the round. */
export interface PlayerResult {
  seat: string;
  nickname: string;
  slot: string;
  role: Role;
  score: number;
  /** The crew's number (rooms with crews). */
  crew?: number;
  /** Every job the student held in the round, in order, from the tick each began (a teacher's reassignment or a crew move mid-round adds one; absent in reports stored before it). */
  jobs?: JobSpan[];
}

/** One job a student held in a round: its slot key, the crew (rooms with crews) and the tick the student took it. */
export interface JobSpan {
  slot: string;
  crew?: number;
  fromTick: number;
}

/** One crew's machine at the round's end, beside the same workload under the classic policies. */
export interface CrewResult {
  crew: number;
  finished: boolean;
  ticks: number;
  metrics: MachineMetrics;
  baselines: BaselineResult[];
  /** The crew's seats. */
  seats: string[];
  actions: number;
  /** The crew's place in the race (shared/roles/crews.ts crewPlaces; ties share a place; absent in reports stored before it). */
  place?: number;
  /** The classic policies this crew beat on its own workload (beatsBaseline: as many finished, less waiting). */
  beats?: BaselinePolicy[];
}

/** One stretch of a core's time for the Gantt chart: ticks [from, to) running `label` (a thread label such as P3·T2, or 'switch'); idle time has no run. */
export interface CoreRun {
  from: number;
  to: number;
  label: string;
}

/** A moment worth discussing after the round (a race, a deadlock, starvation, a leak …), already told in both languages. */
export interface NotableEvent {
  tick: number;
  type: KernelEventType;
  text: { ko: string; en: string };
}

/** The report of one round. */
export interface RoundSummary {
  roomCode: string;
  round: number;
  scenario: string;
  seed: number;
  endedBy: RoundEnd;
  finished: boolean;
  ticks: number;
  class: MachineMetrics;
  processes: ProcessMetrics[];
  baselines: BaselineResult[];
  players: PlayerResult[];
  /** What each core did over the round, one list of runs per core (the Gantt chart). */
  timeline: CoreRun[][];
  /** The round's notable events in order (at most NOTABLE_MAX, the first ones kept). */
  notable: NotableEvent[];
  /** Actions taken during the round (humans, bots and host), for replays. */
  actions: number;
  endedAt: string;
  /** Every crew's result (rooms with crews; the fields above are crew 1's machine). */
  crews?: CrewResult[];
  /** What the whole class discusses after the round (absent in reports stored before it existed). */
  debrief?: Debrief;
}

/** The debrief after a round: its key moments (races and deadlocks first, with who and when, repeats grouped), one question, the podium. */
export interface Debrief {
  moments: Moment[];
  /** The scenario's discussion question, or null for a custom scenario. */
  question: { ko: string; en: string } | null;
  /** The round's three best students who earned points (score above 0; ties share a place). */
  podium: Array<{ place: number; nickname: string; role: Role; score: number }>;
}

/** Most moments a debrief lists. */
export const DEBRIEF_MOMENTS = 12;
