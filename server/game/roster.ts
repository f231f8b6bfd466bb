// Keeps seats and jobs matched: before a round everyone is (re)assigned by the shared role rules,
// during a round newcomers take a free job, and the host can move a player to any job.
import {
  assignRoles,
  findSlot,
  roleSlots,
  slotForLateJoiner,
  type Overrides,
} from '../../shared/roles/assign.ts';
import { SPECTATOR, type Role } from '../../shared/roles/types.ts';
import type { EdgeErrorCode } from '../../shared/protocol/errors.ts';
import type { Match } from './match.ts';
import type { Seat, Seats } from './seats.ts';

/** Recomputes the jobs for the current class size and assigns every player (used in the lobby and between rounds). */
export function rebalance(seats: Seats, match: Match, overrides: Overrides): void {
  const players = seats.players();
  match.slots = roleSlots(match.options.scenario, players.length);
  const assignment = assignRoles(
    match.slots,
    players.map((s) => s.id),
    match.round - 1,
    overrides,
  );
  for (const s of players) s.slot = assignment[s.id] ?? SPECTATOR;
}

/** Gives a player who arrives mid-round the first job no player holds. */
export function seatNewcomer(seats: Seats, match: Match, seat: Seat): void {
  seat.slot = slotForLateJoiner(match.slots, seats.heldSlots());
}

/** Moves a player to a job: in the lobby as an override kept until the round starts, mid-round by swapping with its holder. */
export function reassign(
  seats: Seats,
  match: Match,
  overrides: Overrides,
  seatId: string,
  slotKey: string,
): EdgeErrorCode | null {
  const seat = seats.get(seatId);
  if (!seat || seat.isHost || seat.status === 'left') return 'no-such-player';
  if (slotKey !== SPECTATOR && !findSlot(match.slots, slotKey)) return 'no-such-slot';
  if (match.phase === 'lobby') {
    overrides[seatId] = slotKey;
    rebalance(seats, match, overrides);
    return null;
  }
  const holder = slotKey === SPECTATOR ? undefined : seats.players().find((s) => s.slot === slotKey);
  if (holder) holder.slot = seat.slot;
  seat.slot = slotKey;
  return null;
}

/** The role a seat plays (host and spectators included). */
export function roleOf(match: Match, seat: Seat): Role {
  if (seat.isHost && seat.slot === SPECTATOR) return 'host';
  return findSlot(match.slots, seat.slot)?.role ?? 'spectator';
}
