// The end-of-round report: the class's machine next to the same workload under the classic policies.
// Sent to every client when a round ends and kept for the report scene and the dashboard.
import type { MachineMetrics, ProcessMetrics } from '../kernel/index.ts';
import type { Role } from '../roles/types.ts';

/** The classic policies every round is compared with. */
export const BASELINE_POLICIES = ['fifo', 'sjf', 'rr', 'priority'] as const;

/** One of the baseline policies. */
export type BaselinePolicy = (typeof BASELINE_POLICIES)[number];

/** Why a round ended. */
export type RoundEnd = 'host' | 'finished' | 'time-limit';

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
  /** Actions taken during the round (humans, bots and host), for replays. */
  actions: number;
  endedAt: string;
}
