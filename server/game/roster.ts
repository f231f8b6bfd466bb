// Keeps seats and jobs matched: before a round everyone is (re)assigned by the shared role rules,
// during a round newcomers take a free job (crew.ts), and the host can move a player to any job.
import { assignRoles, findSlot, roleSlots, type Overrides } from '../../shared/roles/assign.ts';
import { SPECTATOR, type Role } from '../../shared/roles/types.ts';
import type { EdgeErrorCode } from '../../shared/protocol/errors.ts';
import type { Match } from './match.ts';
import type { Seat, Seats } from './seats.ts';

/** Recomputes the jobs for the players of one machine (a crew), with room for `spare` more, and assigns each of them (used in the lobby and between rounds). */
export function rebalance(players: readonly Seat[], match: Match, overrides: Overrides, spare = 0): void {
  match.slots = roleSlots(match.options.scenario, players.length + spare);
  const assignment = assignRoles(
    match.slots,
    players.map((s) => s.id),
    match.round - 1,
    overrides,
  );
  for (const s of players) s.slot = assignment[s.id] ?? SPECTATOR;
}

/** Moves a player to a job of their machine (`players`: its players): in the lobby as an override kept until the round starts, mid-round by swapping with its holder. */
export function reassign(
  seats: Seats,
  players: readonly Seat[],
  match: Match,
  overrides: Overrides,
  seatId: string,
  slotKey: string,
  spare = 0,
): EdgeErrorCode | null {
  const seat = seats.get(seatId);
  if (!seat || seat.isHost || seat.status === 'left') return 'no-such-player';
  if (slotKey !== SPECTATOR && !findSlot(match.slots, slotKey)) return 'no-such-slot';
  if (match.phase === 'lobby') {
    overrides[seatId] = slotKey;
    rebalance(players, match, overrides, spare);
    return null;
  }
  const holder = slotKey === SPECTATOR ? undefined : players.find((s) => s.slot === slotKey);
  if (holder) holder.slot = seat.slot;
  seat.slot = slotKey;
  return null;
}

/** The role a seat plays (host and spectators included). */
export function roleOf(match: Match, seat: Seat): Role {
  if (seat.isHost && seat.slot === SPECTATOR) return 'host';
  return findSlot(match.slots, seat.slot)?.role ?? 'spectator';
}
