// Who is in the room: one seat per person (host included), found by the hash of the secret a browser
// keeps, by the current connection, or by the public seat id everyone sees. A seat outlives its
// connection for the reconnection window, so a dropped or reloaded player gets back the same role and
// score; after it the seat is freed (its round score stays for the round's report).
import { nicknameSkeleton } from './nickname-skeleton.ts';
import type { Lang } from '../../shared/protocol/messages.ts';
import type { GraceFactor } from '../../shared/kernel/limits.ts';
import { SPECTATOR } from '../../shared/roles/types.ts';

/** present: connected; away: dropped, its slot held for a while; left: gone, its slot released. */
export type SeatStatus = 'present' | 'away' | 'left';

/** One person's place in the room. */
export interface Seat {
  /** Public id, shown to everyone and used by host commands ("p3"). */
  id: string;
  /** Hash (secretHash) of the secret the browser keeps; a returning player proves it with the secret. */
  secretHash: string;
  nickname: string;
  lang: Lang;
  isHost: boolean;
  /** A projector: watches through the viewer key, holds no job and controls nothing. */
  viewer?: boolean;
  slot: string;
  /** The crew the seat plays in (its key, "c1"); unset for the host, projectors and a solo player. */
  crew?: string;
  /** Points over the whole session; `roundScore` counts only the current round. */
  score: number;
  roundScore: number;
  /** Actions the kernel accepted and refused this round. */
  actions: number;
  refused: number;
  sessionId: string | null;
  status: SeatStatus;
  /** Order of first arrival, for fair role assignment and rotation. */
  order: number;
}

/** The room's seats and their indexes. */
export class Seats {
  private readonly seats = new Map<string, Seat>();
  private readonly banned = new Set<string>();
  /** Nickname keys of removed players: a kicked student cannot come back under the same name from a new browser id. */
  private readonly bannedNames = new Set<string>();
  /** Secret hashes of everyone who has held a seat here: a locked room still lets them back. */
  private readonly members = new Set<string>();
  /** Secret hash → the extra time the teacher gave that student (GRACE_FACTORS; absent = 1): kept by browser, so it outlives a dropped or freed seat. */
  private readonly graceFactors = new Map<string, GraceFactor>();
  /** Seats freed this round (gone past the reconnection window, or removed): still in the round's report. */
  private departed: Seat[] = [];
  private next = 1;

  /** Adds a newcomer's seat. */
  add(init: {
    secretHash: string;
    nickname: string;
    lang: Lang;
    isHost: boolean;
    viewer?: boolean;
    sessionId: string;
  }): Seat {
    const seat: Seat = {
      id: `p${this.next}`,
      order: this.next,
      slot: SPECTATOR,
      score: 0,
      roundScore: 0,
      actions: 0,
      refused: 0,
      status: 'present',
      ...init,
    };
    this.next++;
    this.seats.set(seat.id, seat);
    this.members.add(seat.secretHash);
    return seat;
  }

  /** A seat by public id. */
  get(id: string): Seat | undefined {
    return this.seats.get(id);
  }

  /** The seat a browser's secret (as its hash) owns, if any. */
  bySecret(hash: string): Seat | undefined {
    for (const s of this.seats.values()) if (s.secretHash === hash) return s;
    return undefined;
  }

  /** The seat a live connection sits in. */
  bySession(sessionId: string): Seat | undefined {
    for (const s of this.seats.values()) if (s.sessionId === sessionId && s.status === 'present') return s;
    return undefined;
  }

  /** Every seat, in arrival order. */
  all(): Seat[] {
    return [...this.seats.values()].sort((a, b) => a.order - b.order);
  }

  /** Players (not the host) who are connected or briefly away: they keep their roles. */
  players(): Seat[] {
    return this.all().filter((s) => !s.isHost && !s.viewer && s.status !== 'left');
  }

  /** Connected players (not the host): the room's size for capacity. */
  presentPlayers(): number {
    return this.all().filter((s) => !s.isHost && !s.viewer && s.status === 'present').length;
  }

  /** Slots a connected human plays right now; bots play every other slot. */
  humanSlots(): Set<string> {
    return new Set(
      this.all()
        .filter((s) => s.status === 'present' && s.slot !== SPECTATOR)
        .map((s) => s.slot),
    );
  }

  /** Slots held by players who are present or briefly away (not free for a newcomer). */
  heldSlots(): Set<string> {
    return new Set(
      this.players()
        .filter((s) => s.slot !== SPECTATOR)
        .map((s) => s.slot),
    );
  }

  /** Nickname keys (nicknameSkeleton) in use, except by the given browser (a returning player keeps theirs). */
  takenNicknames(exceptSecretHash: string): Set<string> {
    return new Set(
      this.all()
        .filter((s) => s.status !== 'left' && s.secretHash !== exceptSecretHash)
        .map((s) => nicknameSkeleton(s.nickname)),
    );
  }

  /** Removes a seat for good and refuses its browser's secret and its nickname from then on. */
  ban(id: string): Seat | undefined {
    const seat = this.seats.get(id);
    if (!seat) return undefined;
    this.banned.add(seat.secretHash);
    this.graceFactors.delete(seat.secretHash);
    if (!seat.isHost && !seat.viewer) this.bannedNames.add(nicknameSkeleton(seat.nickname));
    this.free(id);
    return seat;
  }

  /** Frees a seat whose player is gone for good; its round score stays in `reported()` until the next round. */
  free(id: string): void {
    const seat = this.seats.get(id);
    if (!seat) return;
    seat.status = 'left';
    seat.sessionId = null;
    seat.slot = SPECTATOR;
    this.seats.delete(id);
    if (!seat.isHost && !seat.viewer) this.departed.push(seat);
  }

  /** The seats a round's report lists: everyone still seated, then those freed during the round. */
  reported(): Seat[] {
    return [...this.all(), ...this.departed];
  }

  /** A new round: the seats freed during the last one are no longer reported. */
  forgetDeparted(): void {
    this.departed = [];
  }

  /** The student's grace multiplier: their job waits `graceSeconds` × this before the prompt (at half) and a bot's move. */
  graceFactor(seat: Seat): GraceFactor {
    return this.graceFactors.get(seat.secretHash) ?? 1;
  }

  /** The teacher gives a student extra time (1 takes it back). */
  setGraceFactor(seat: Seat, factor: GraceFactor): void {
    if (factor === 1) this.graceFactors.delete(seat.secretHash);
    else this.graceFactors.set(seat.secretHash, factor);
  }

  /** True when this browser (its secret hash) has held a seat in this room before. */
  wasMember(hash: string): boolean {
    return this.members.has(hash);
  }

  /** True when the host removed the browser with this secret hash. */
  isBanned(hash: string): boolean {
    return this.banned.has(hash);
  }

  /** True when the host removed a player with this nickname (compared as nicknames are: nicknameSkeleton). */
  isBannedName(nickname: string): boolean {
    return this.bannedNames.has(nicknameSkeleton(nickname));
  }

  /** Every seat and ban as plain data, for the crash-recovery snapshot (server/game/room-snapshot.ts): hashes only, no secret. */
  dump(): SeatsDump {
    return {
      seats: this.all().map((s) => ({ ...s })),
      banned: [...this.banned],
      bannedNames: [...this.bannedNames],
      members: [...this.members],
      graceFactors: Object.fromEntries(this.graceFactors),
      next: this.next,
    };
  }

  /** Replaces the seats with a dump's (a room rebuilt after a restart): every seat is away until its player returns. */
  load(dump: SeatsDump): void {
    this.seats.clear();
    this.banned.clear();
    for (const s of dump.seats)
      if (s.status !== 'left') this.seats.set(s.id, { ...s, sessionId: null, status: 'away' });
    this.bannedNames.clear();
    for (const b of dump.banned) this.banned.add(b);
    for (const n of dump.bannedNames ?? []) this.bannedNames.add(n);
    this.members.clear();
    for (const m of dump.members ?? dump.seats.map((s) => s.secretHash)) this.members.add(m);
    this.graceFactors.clear();
    for (const [hash, f] of Object.entries(dump.graceFactors ?? {})) this.graceFactors.set(hash, f);
    this.next = dump.next;
  }
}

/** The seats as plain data. */
export interface SeatsDump {
  seats: Seat[];
  banned: string[];
  bannedNames?: string[];
  members?: string[];
  /** Secret hash → grace multiplier (absent in dumps saved before extra time existed). */
  graceFactors?: Record<string, GraceFactor>;
  next: number;
}
