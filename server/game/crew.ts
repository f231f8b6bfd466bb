// One crew of a class: its own round and machine on the room's scenario and seed, its jobs' overrides,
// its players' activity and its latest events. A room of one crew is the classic game.
import type { KernelEvent } from '../../shared/kernel/index.ts';
import { findSlot, slotForLateJoiner, type Overrides } from '../../shared/roles/assign.ts';
import { crewKey } from '../../shared/roles/crews.ts';
import { SPECTATOR } from '../../shared/roles/types.ts';
import { Match, type MatchOptions } from './match.ts';
import type { EngineFactory } from './engine.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
import { ActivityTracker } from './player-activity.ts';
import { rebalance } from './roster.ts';
import type { Seat, Seats } from './seats.ts';

/** How many of the round's latest events a player joining or coming back mid-round receives. */
export const RECENT_EVENTS = 30;

/** A crew and its machine. */
export class Crew {
  readonly key: string;
  readonly match: Match;
  /** The host's job choices for this crew's lobby: seat id → slot key. */
  overrides: Overrides = {};
  /** Actions, refusals and response latency per player this round, for the reports and the grace prompts. */
  readonly activity = new ActivityTracker();
  /** The round's latest events, for whoever joins or comes back mid-round (their feed starts with them). */
  recent: KernelEvent[] = [];
  /** How many of `recent`'s newest events are broadcast but still queued (they go out after the next patch, to a newcomer too). */
  unsent = 0;

  constructor(
    readonly number: number,
    options: MatchOptions,
    engine?: EngineFactory,
    onVerdict?: (v: LevelVerdict) => void,
  ) {
    this.key = crewKey(number);
    this.match = new Match(options, engine, onVerdict);
  }

  /** The crew's players (not the host, not projectors), present or briefly away. */
  players(seats: Seats): Seat[] {
    return seats.players().filter((s) => this.holds(s));
  }

  /** Jobs a connected member plays right now; bots play every other job of the crew. */
  humanSlots(seats: Seats): Set<string> {
    return new Set(
      seats
        .all()
        .filter((s) => s.status === 'present' && s.slot !== SPECTATOR && this.holds(s))
        .map((s) => s.slot),
    );
  }

  /** True when the seat plays in this crew (a solo player, whose seat names no crew, plays in the only one). */
  holds(seat: Seat): boolean {
    return seat.crew === this.key || (seat.crew === undefined && this.number === 1);
  }

  /** Players more than the crew has that its jobs are laid out for (a late joiner's job, played by a bot until then). */
  spare = 0;

  /** Deals the crew's jobs to its players again (lobby, round start). */
  rebalance(seats: Seats): void {
    rebalance(this.players(seats), this.match, this.overrides, this.spare);
  }

  /** Seats a player who arrives mid-round (or is moved here) in the first job no member holds, else as a spectator. */
  seatNewcomer(seats: Seats, seat: Seat): void {
    const held = new Set(
      this.players(seats)
        .filter((s) => s !== seat && s.slot !== SPECTATOR)
        .map((s) => s.slot),
    );
    seat.crew = this.key;
    seat.slot = slotForLateJoiner(this.match.slots, held);
  }

  /** Takes a batch of events for the feed; returns it. */
  remember(events: readonly KernelEvent[]): void {
    this.recent.push(...events);
    this.unsent += events.length;
    if (this.recent.length > RECENT_EVENTS) this.recent.splice(0, this.recent.length - RECENT_EVENTS);
    this.unsent = Math.min(this.unsent, this.recent.length);
  }

  /** The round's latest events already on the wire (at most RECENT_EVENTS), oldest first: the queued ones reach a newcomer anyway. */
  recentEvents(): readonly KernelEvent[] {
    return this.recent.slice(0, this.recent.length - this.unsent);
  }

  /** True when `key` names a job of this crew. */
  hasSlot(key: string): boolean {
    return findSlot(this.match.slots, key) !== undefined;
  }
}
