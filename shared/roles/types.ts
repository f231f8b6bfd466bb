// Roles and the seats that hold them: one definition shared by the rooms, the bots driver and the client.

/** Every role a person can have in a room (DESIGN §2). */
export type Role = 'scheduler' | 'interrupt' | 'thread' | 'ipc' | 'spectator' | 'host';

/** A job on the machine that a human or a bot performs; `key` names it stably across rounds. */
export type RoleSlot =
  | { key: string; role: 'scheduler'; cores: number[] }
  | { key: string; role: 'interrupt' }
  | { key: string; role: 'thread'; process: string; thread: number }
  | { key: string; role: 'ipc'; channel: string };

/** The slot key of a player who watches: not a job, so no bot replaces it. */
export const SPECTATOR = 'spectator';

/** Who holds which slot: seat id → slot key (or SPECTATOR). */
export type Assignment = Record<string, string>;

/**
 * How a room scores, declared once (the dashboard, the API and the rooms read it): 'standard' rewards
 * prompt moves; 'no-speed' scores the same decisions the same however long they took (no prompt bonus,
 * no latency, no charge for an idle core or a starving thread), for a class that should not race the clock.
 */
export const SCORE_MODES = ['standard', 'no-speed'] as const;
/** One scoring mode. */
export type ScoreMode = (typeof SCORE_MODES)[number];
