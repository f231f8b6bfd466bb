// A room's game session without the network: admits and resumes players, turns validated messages
// into kernel actions or host commands, runs the clock, ends rounds with their report. The Colyseus
// rooms only translate between this and their clients.
import { RoundCountdown, startsCountdown } from './round-countdown.ts';
import { timingSafeEqual } from 'node:crypto';
import {
  describeRejection,
  isFinished,
  liveEventActions,
  type KernelAction,
  type KernelEvent,
} from '../../shared/kernel/index.ts';
import { findSlot, roleSlots } from '../../shared/roles/assign.ts';
import {
  CREW_DEFAULTS,
  beatsBaseline,
  crewCount,
  crewPlaces,
  splitCrews,
  smallestCrew,
} from '../../shared/roles/crews.ts';
import type { ScoreChange } from '../../shared/roles/score.ts';
import { describeScore } from '../../shared/roles/score-texts.ts';
import { kernelLabels } from '../../shared/kernel/presentation.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import { SPECTATOR, type Role } from '../../shared/roles/types.ts';
import { CLOSE_CODES, type EdgeErrorCode, type JoinError } from '../../shared/protocol/errors.ts';
import { joinOptionsSchema } from '../../shared/protocol/join.ts';
import { normalizeJoinCode } from '../../shared/protocol/join-code.ts';
import { scores } from '../../shared/protocol/actions.ts';
import { MODES, type Mode } from './modes.ts';
import type { ModeName } from '../../shared/protocol/messages.ts';
import {
  leaderboardMode,
  type LeaderboardMode,
  type LeaderboardSetting,
  type ServerMessageType,
  type ServerMessages,
} from '../../shared/protocol/server-messages.ts';
import { parseClientMessage, type HostCommand, type Sender } from '../../shared/protocol/messages.ts';
import { checkRoomNickname } from './nickname-filter.ts';
import {
  DEBRIEF_MOMENTS,
  type BaselineResult,
  type CrewResult,
  type Debrief,
  type JobSpan,
  type PlayerResult,
  type RoundEnd,
  type RoundSummary,
} from '../../shared/protocol/summary.ts';
import { classMoments, keyMoments } from '../../shared/roles/class-story.ts';
import { scenarioEntry } from '../scenarios/catalog.ts';
import type { Match, MatchOptions, Phase } from './match.ts';
import { Crew, RECENT_EVENTS } from './crew.ts';
import type { EngineFactory } from './engine.ts';
import type { LevelVerdict } from '../../shared/protocol/server-messages.ts';
import type { HeldJob, PlayerActivity } from './player-activity.ts';
import { botMoves } from '../../shared/bots/index.ts';
import { classPolicy } from './bot-driver.ts';
import { reassign, roleOf } from './roster.ts';
import { playerRef, type RoundReportSink } from './round-reports.ts';
import { runBaselinesHere, type BaselineJob, type BaselineRunner } from './baseline-pool.ts';
import { Seats, type Seat } from './seats.ts';
import { secretHash } from './seat-secret.ts';
import { keyHash } from './key-hash.ts';
import { Strikes } from './strikes.ts';
import { RoundPrediction } from './round-prediction.ts';
import { PREDICT_REFUSALS } from '../../shared/roles/prediction.ts';

/** How the classroom reaches clients; the Colyseus room implements it. */
export interface RoomIO {
  send<K extends ServerMessageType>(seatId: string, type: K, payload: ServerMessages[K]): void;
  broadcast<K extends ServerMessageType>(type: K, payload: ServerMessages[K]): void;
  /** To one crew's members, the hosts and the projectors (after the next patch, like broadcast). */
  broadcastCrew<K extends ServerMessageType>(crew: string, type: K, payload: ServerMessages[K]): void;
  disconnect(seatId: string, code: number, reason: string): void;
}

/** A classroom's fixed settings. */
export interface RoomGameOptions {
  kind: ModeName;
  roomId: string;
  code: string;
  /** keyHash of the host key (class rooms), or null: the room never holds the key itself. */
  hostKeyHash: string | null;
  /** The projector link's read-only key (class rooms), or null. */
  viewerKey?: string | null;
  /** The clock host passes expire by (Date.now unless a test moves it). */
  now?: () => number;
  /** Hears that the open host passes changed (one was issued, used or dropped), so the gate learns it. */
  onHostPasses?: () => void;
  maxPlayers: number;
  abuseLimit: number;
  match: MatchOptions;
  /** Makes each round's machine instead of the class machine of `match` (a solo level's LevelEngine); its fixed jobs are kept. */
  engine?: EngineFactory;
  /** Hears each level attempt's verdict once (solo levels). */
  onVerdict?: (v: LevelVerdict) => void;
  /** Students per crew (LIMITS.crewSize), default CREW_DEFAULTS.size; a mode without crews plays one machine. */
  crewSize?: number;
  /** What students see of the ranking (told in `welcome`); true or missing = 'all', false = 'off'. */
  leaderboard?: LeaderboardSetting;
  /** The dashboard class session whose report gets this room's rounds. */
  session?: { id: string; teacherId: string };
  /** Seconds of the role-card countdown before each round (LIMITS.countdown; ROUND_COUNTDOWN_SECONDS when absent). */
  countdownSeconds?: number;
  reports: RoundReportSink;
  /** Where the end-of-round baselines are computed (the server's worker pool; in this thread by default). */
  baselines?: BaselineRunner;
  io: RoomIO;
}

/** The outcome of a join: the seat (new or resumed) or a refusal with its code. */
export type Admission =
  | { ok: true; seat: Seat; resumed: boolean; previousSession: string | null }
  | { ok: false; error: JoinError; message: string };

const refuse = (error: JoinError, message: string): Admission => ({ ok: false, error, message });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** How many of the round's latest events a player joining or coming back mid-round receives (declared with the crew). */
export { RECENT_EVENTS };

/** A class (or solo) session. */
export class RoomGame {
  readonly seats = new Seats();
  /** The crews, each with its own machine on the same scenario, seed and live events; at least one. */
  crews: Crew[];
  /** Students per crew the teacher asked for. */
  crewSize: number;
  /** The teacher's crew moves for the lobby's split: seat id → crew number. */
  private crewMoves: Record<string, number> = {};
  locked = false;
  lateJoin = true;
  lastSummary: RoundSummary | null = null;
  /** Seconds a job may wait on its student before the "your turn" prompt, then a bot's move (0: never). */
  graceSeconds: number = CREW_DEFAULTS.graceSeconds;
  private readonly strikes: Strikes;
  private roundStartedAt = Date.now();
  /** Seat id → every job the student has held this round (noteJobs), for the report's roles across rounds. */
  private jobsHeld = new Map<string, JobSpan[]>();
  private readonly saving = new Set<Promise<void>>();
  /** Finished rounds whose journal write is under way: the room holds its patches meanwhile (nobody sees "ended" before it is durable). */
  journaling = 0;
  /** Called once a finished round is journaled (the class room saves its snapshot then). */
  onJournaled: ((stored: boolean) => void) | null = null;
  /** The role-card countdown between the host's Start and the round's first tick. */
  readonly countdown: RoundCountdown;
  /** The end-of-round prediction (class rooms whose teacher turned it on): holds the summary until the reveal. */
  readonly prediction: RoundPrediction;

  constructor(readonly options: RoomGameOptions) {
    this.crewSize = options.crewSize ?? CREW_DEFAULTS.size;
    this.crews = [this.newCrew(1)];
    this.strikes = new Strikes(options.abuseLimit);
    this.countdown = new RoundCountdown(options.countdownSeconds);
    this.prediction = new RoundPrediction({
      io: options.io,
      seats: this.seats,
      reveal: (summary) => this.sendSummary(summary),
      store: (round, predictions) => {
        const stored = (
          options.reports.predictions?.(
            { roomId: options.roomId, round, session: options.session },
            predictions,
          ) ?? Promise.resolve()
        ).catch((e: unknown) => console.error("[reports] could not store a round's predictions", e));
        this.saving.add(stored);
        void stored.finally(() => this.saving.delete(stored));
        return stored;
      },
    });
  }

  /** The round's summary goes out (at its end, or at the prediction's reveal), if the room is still at that round's end. */
  private sendSummary(summary: RoundSummary): void {
    if (this.match.round !== summary.round || this.phase !== 'ended') return;
    this.lastSummary = summary;
    this.options.io.broadcast('summary', summary);
  }

  private newCrew(n: number): Crew {
    const crew = new Crew(n, this.options.match, this.options.engine, this.options.onVerdict);
    if (crew.match.slots.length === 0)
      crew.match.slots = roleSlots(this.options.match.scenario, this.mode.slotHumans);
    return crew;
  }

  /** The first crew's round: the room's round number, clock and, with one crew, its machine. */
  get match(): Match {
    return this.crews[0]!.match;
  }

  /** The room's phase: lobby before the round, ended once every crew's machine has ended, paused or running between. */
  get phase(): Phase {
    const phases = this.crews.map((c) => c.match.phase);
    if (phases.every((p) => p === 'ended')) return 'ended';
    if (phases.includes('paused')) return 'paused';
    if (phases.includes('running')) return 'running';
    return phases.includes('lobby') ? 'lobby' : 'ended';
  }

  /** The crew a seat plays in (the first for the host, projectors and a solo player). */
  crewOf(seat: Seat): Crew {
    return this.crews.find((c) => c.key === seat.crew) ?? this.crews[0]!;
  }

  /** Splits the players into crews again (lobby and round start): the teacher's moves, then the smallest crew; each crew deals its jobs. */
  private resplit(): void {
    const players = this.seats.players();
    const count = this.mode.crews ? crewCount(players.length, this.crewSize) : 1;
    this.setCrewCount(count);
    const split = splitCrews(
      players.map((s) => s.id),
      count,
      this.crewMoves,
    );
    for (const s of players) s.crew = this.crews[(split[s.id] ?? 1) - 1]!.key;
    // with late joining open, each crew's jobs leave room for one more student (who joins the smallest crew)
    for (const c of this.crews) {
      c.spare = this.mode.crews && this.lateJoin ? 1 : 0;
      c.rebalance(this.seats);
    }
  }

  /** Exactly `count` crews: new ones like the others, the last ones dropped (a re-split; a room rebuilt after a restart, whose machines are restored next). */
  setCrewCount(count: number): void {
    while (this.crews.length < count) this.crews.push(this.freshLike(this.crews.length + 1));
    if (this.crews.length > count) this.crews.length = count;
  }

  /** A new crew joining in the lobby: the same round number as the others. */
  private freshLike(n: number): Crew {
    const crew = this.newCrew(n);
    crew.match.round = this.match.round;
    crew.match.setSpeed(this.match.clock.ticksPerSecond);
    return crew;
  }

  /** A player arriving mid-round joins the smallest crew and takes a free job there. */
  private seatInSmallestCrew(seat: Seat): void {
    const sizes = this.crews.map((c) => c.players(this.seats).filter((s) => s !== seat).length);
    this.crews[smallestCrew(sizes) - 1]!.seatNewcomer(this.seats, seat);
  }

  /** What the teacher's leaderboard setting lets students see. */
  get board(): LeaderboardMode {
    return leaderboardMode(this.options.leaderboard);
  }

  /** What this room's mode decides (the MODES table). */
  get mode(): Mode {
    return MODES[this.options.kind];
  }

  /** Decides whether a connection may take a seat, and which. */
  admit(rawOptions: unknown, sessionId: string): Admission {
    const parsed = joinOptionsSchema.safeParse(rawOptions ?? {});
    if (!parsed.success)
      return refuse('bad-options', parsed.error.issues[0]?.message ?? 'invalid join options');
    const o = parsed.data;
    const key = secretHash(o.secret);
    const byCode = this.mode.admission === 'join-code';
    const wantsHost = byCode && (o.hostKey !== undefined || o.hostPass !== undefined);
    if (wantsHost) {
      const refused =
        o.hostPass !== undefined ? this.spendHostPass(o.hostPass) : this.wrongHostKey(o.hostKey!);
      if (refused) return refused;
    }
    if (this.seats.isBanned(key)) return refuse('kicked', 'the host removed you from this room');
    if (byCode && !wantsHost && o.viewerKey !== undefined)
      return this.admitViewer(o.viewerKey, key, o.lang, sessionId);
    if (byCode && !wantsHost && normalizeJoinCode(o.code ?? '') !== this.options.code)
      return refuse('wrong-code', 'this join code does not match the room');

    const existing = this.seats.bySecret(key);
    if (existing && (existing.isHost === wantsHost || !byCode))
      return this.resume(existing, sessionId, o.lang);

    const isHost = wantsHost || !byCode;
    let nickname = o.nickname?.trim() || (isHost ? 'Host' : '');
    if (!isHost) {
      if (this.locked && !this.seats.wasMember(key))
        return refuse('room-locked', 'the host has locked this room');
      if (!this.lateJoin && this.phase !== 'lobby')
        return refuse('late-join-closed', 'the round has started and the host has closed late joining');
      if (this.seats.presentPlayers() >= this.options.maxPlayers)
        return refuse('room-full', `the room is full (${this.options.maxPlayers} players)`);
      const check = checkRoomNickname(o.nickname, this.seats.takenNicknames(key));
      if (!check.ok) return refuse('bad-nickname', check.problem);
      if (this.seats.isBannedName(check.nickname))
        return refuse('kicked', 'the host removed a player with this nickname from this room');
      nickname = check.nickname;
    } else if (byCode && o.nickname !== undefined) {
      // The host's name is shown to the class too: checked like a student's; one that fails is shown as "Host".
      const check = checkRoomNickname(o.nickname, this.seats.takenNicknames(key));
      nickname = check.ok ? check.nickname : 'Host';
    }
    if (isHost && !byCode && this.seats.all().length > 0) {
      return refuse('room-full', 'a solo room has one player');
    }

    const seat = this.seats.add({ secretHash: key, nickname, lang: o.lang, isHost, sessionId });
    this.placeNewSeat(seat, o.role);
    return { ok: true, seat, resumed: false, previousSession: null };
  }

  /**
   * The teacher rotated the host key: from now on only the new keys open the room, and every seat the
   * old ones opened (hosts and projectors, present or held for reconnection) is closed and freed, so
   * neither a copied host key nor a copied projector link keeps working. Students' seats stay.
   */
  rotateHostKey(hostKeyHash: string, viewerKey: string): number {
    this.options.hostKeyHash = hostKeyHash;
    this.options.viewerKey = viewerKey;
    this.hostPasses.clear(); // passes issued for the old key open nothing either
    const keyed = this.seats.all().filter((seat) => seat.isHost || seat.viewer);
    for (const seat of keyed) {
      if (seat.status === 'present')
        this.options.io.disconnect(seat.id, CLOSE_CODES.rekeyed, 'the host key of this room was changed');
      this.seats.free(seat.id);
    }
    return keyed.length;
  }

  /** Open host passes: keyHash of each pass → when it expires (the pass itself is never kept). */
  private readonly hostPasses = new Map<string, number>();

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** The host passes not yet used nor expired, as the reservation gate keeps them. */
  openHostPasses(): Record<string, number> {
    const now = this.now();
    for (const [hash, expires] of this.hostPasses) if (expires <= now) this.hostPasses.delete(hash);
    return Object.fromEntries(this.hostPasses);
  }

  /** Registers a host pass (its hash) that opens the room as its host once, until `expiresAt`. */
  addHostPass(passHash: string, expiresAt: number): void {
    this.hostPasses.set(passHash, expiresAt);
  }

  /** Spends a host pass: null when it was open (it opens nothing again), else the refusal. */
  private spendHostPass(pass: string): Admission | null {
    const hash = keyHash(pass);
    const expires = this.hostPasses.get(hash);
    if (expires === undefined || expires <= this.now()) {
      return refuse('bad-host-key', 'this host pass does not open this room (used, expired or replaced)');
    }
    this.hostPasses.delete(hash);
    this.options.onHostPasses?.();
    return null;
  }

  private wrongHostKey(hostKey: string): Admission | null {
    const stored = this.options.hostKeyHash;
    return stored !== null && sameSecret(keyHash(hostKey), stored)
      ? null
      : refuse('bad-host-key', 'this host key does not open this room');
  }

  /** A projector: the viewer key opens a watching seat (no job, no controls, not counted as a player). */
  private admitViewer(key: string, hash: string, lang: Seat['lang'], sessionId: string): Admission {
    const viewerKey = this.options.viewerKey ?? null;
    if (viewerKey === null || !sameSecret(key, viewerKey))
      return refuse('bad-host-key', 'this projector link does not open this room');
    const existing = this.seats.bySecret(hash);
    if (existing?.viewer) return this.resume(existing, sessionId, lang);
    if (existing) return refuse('bad-options', 'this browser already has a seat in this room');
    const seat = this.seats.add({
      secretHash: hash,
      nickname: 'Projector',
      lang,
      isHost: false,
      viewer: true,
      sessionId,
    });
    return { ok: true, seat, resumed: false, previousSession: null };
  }

  private resume(seat: Seat, sessionId: string, lang: Seat['lang']): Admission {
    const previousSession = seat.status === 'present' || seat.status === 'away' ? seat.sessionId : null;
    const wasLeft = seat.status === 'left';
    seat.sessionId = sessionId;
    seat.status = 'present';
    seat.lang = lang;
    if (wasLeft && !seat.isHost && !seat.viewer) this.placeNewSeat(seat, undefined);
    return { ok: true, seat, resumed: true, previousSession };
  }

  private placeNewSeat(seat: Seat, role: string | undefined): void {
    if (!this.mode.rebalances) {
      const slot =
        this.match.slots.find((s) => s.key === role) ??
        this.match.slots.find((s) => s.role === role) ??
        this.match.slots[0];
      seat.slot = slot?.key ?? SPECTATOR;
      return;
    }
    if (seat.isHost) return;
    if (this.phase === 'lobby') this.resplit();
    else this.seatInSmallestCrew(seat);
  }

  /** A connection dropped without leaving: keep the seat and its job (a bot plays it meanwhile). */
  drop(sessionId: string): void {
    const seat = this.seats.bySession(sessionId);
    if (seat) seat.status = 'away';
  }

  /** The dropped connection came back through Colyseus reconnection; false when its seat is gone (kicked). */
  reconnect(sessionId: string): boolean {
    const seat = this.seats.all().find((s) => s.sessionId === sessionId && s.status === 'away');
    if (seat) seat.status = 'present';
    return seat !== undefined;
  }

  /** A connection is gone for good (left, or away past the reconnection window): free its seat unless another connection took it over. */
  leave(sessionId: string): void {
    const seat = this.seats.all().find((s) => s.sessionId === sessionId && s.status !== 'left');
    if (!seat) return;
    this.strikes.clear(seat.id);
    if (this.mode.hostPlays) {
      seat.status = 'left';
      seat.sessionId = null;
      return;
    }
    // Class rooms free the seat (its round score stays in the round's report): leftover seats cost every frame.
    this.seats.free(seat.id);
    delete this.crewMoves[seat.id];
    if (!seat.isHost && !seat.viewer && this.phase === 'lobby') this.resplit();
  }

  /** Handles one client message end to end: edge validation, then the kernel or the host command. */
  receive(sessionId: string, type: string, payload: unknown): void {
    const seat = this.seats.bySession(sessionId);
    if (!seat) return;
    const crew = this.crewOf(seat);
    const slot = findSlot(crew.match.slots, seat.slot) ?? null;
    const sender: Sender = {
      role: roleOf(crew.match, seat),
      slot,
      tid: slot ? slotThreadId(crew.match.state, slot) : null,
      isHost: seat.isHost,
    };
    const parsed = parseClientMessage(type, payload, sender);
    if (!parsed.ok) {
      this.edgeError(seat, parsed.code, parsed.detail, type);
      return;
    }
    if (parsed.kind === 'predict') {
      if (seat.viewer) return this.edgeError(seat, 'not-your-role', `${type} is for students`, type);
      const refusal = this.prediction.pick(seat.id, parsed.pick);
      if (refusal) this.edgeError(seat, refusal, PREDICT_REFUSALS[refusal][seat.lang], type);
      return;
    }
    if (parsed.kind === 'session') {
      seat.lang = parsed.command.lang;
      return;
    }
    if (parsed.kind === 'host') {
      const problem = this.command(parsed.command, seat);
      if (problem) this.edgeError(seat, problem, `${type} is not possible now`, type);
      return;
    }
    const teacher = seat.isHost && sender.role === 'host';
    const phase = teacher ? this.phase : crew.match.phase;
    const pausedPlay = phase === 'paused' && seat.isHost && this.mode.actsWhilePaused;
    if (phase !== 'running' && !pausedPlay && !(teacher && phase !== 'ended')) {
      this.edgeError(seat, 'not-running', `the round is ${phase}`, type);
      return;
    }
    // The teacher's moves on the machine (a core added, a time slice, a kill) reach every crew, as live events do.
    const everywhere = teacher && !this.mode.hostPlays;
    const touched = everywhere ? this.liveCrews() : [crew];
    // Score changes still queued belong to earlier ticks; this move's own come after them.
    for (const c of touched) this.credit(c, c.match.drainScores());
    const result = everywhere ? this.actEverywhere(parsed.action) : this.actInCrew(crew, seat, parsed.action);
    // The teacher's own move earns no one points (its consequences on later ticks still count).
    for (const c of touched) if (c !== crew) c.match.drainScores();
    const changes = crew.match.drainScores();
    if (!result.ok) {
      seat.refused++;
      crew.activity.refused(seat.id, crew.match.state.tick, type);
      this.options.io.send(seat.id, 'rejected', {
        type,
        code: result.rejection.code,
        params: result.rejection.params,
        reason: describeRejection(result.rejection, seat.lang),
      });
      return;
    }
    seat.actions++;
    // The host's steering earns no one points (its consequences on later ticks still count).
    if (scores(parsed.action) && (!seat.isHost || this.mode.hostPlays)) this.credit(crew, changes);
  }

  /** Adds the score changes of the jobs a crew's students hold to their seats and tells each student why (bots' jobs score no one). */
  private credit(crew: Crew, changes: readonly ScoreChange[]): void {
    if (changes.length === 0) return;
    const holders = new Map<string, Seat>();
    for (const s of this.seats.all()) {
      if (
        s.status === 'present' &&
        s.slot !== SPECTATOR &&
        !s.viewer &&
        (!s.isHost || this.mode.hostPlays) &&
        crew.holds(s)
      )
        holders.set(s.slot, s);
    }
    const nameOf = this.namer(crew);
    for (const c of changes) {
      const seat = holders.get(c.slot);
      if (!seat) continue;
      seat.score += c.points;
      seat.roundScore += c.points;
      this.options.io.send(seat.id, 'score', {
        points: c.points,
        code: c.reason.code,
        reason: describeScore(c.reason, seat.lang, nameOf),
        tick: c.tick,
        total: seat.roundScore,
        rank: this.board === 'all' ? this.rankOf(seat) : null,
      });
    }
  }

  /** Names a thread of a crew's machine by the student steering it (present or away), else by its kernel label. */
  private namer(crew: Crew): (tid: number) => string {
    const label = kernelLabels(crew.match.state);
    const byTid = new Map<number, string>();
    for (const seat of crew.players(this.seats)) {
      const slot = findSlot(crew.match.slots, seat.slot);
      const tid = slot ? slotThreadId(crew.match.state, slot) : null;
      if (tid !== null) byTid.set(tid, seat.nickname);
    }
    return (tid) => byTid.get(tid) ?? label(tid);
  }

  /** The round's debrief: key moments of every crew with who and when (a teacher event once), the scenario's question, the podium. */
  private debrief(players: readonly PlayerResult[]): Debrief {
    const all = this.crews.flatMap((c, i) =>
      classMoments(c.match.story, this.namer(c)).filter((m) => i === 0 || m.kind !== 'teacher'),
    );
    const moments = keyMoments(all).slice(0, DEBRIEF_MOMENTS);
    // the podium is for points earned: a student at 0 or below (nothing done, or a bot's moves) is not on it
    const ranked = players
      .filter((p) => p.slot !== SPECTATOR && p.score > 0)
      .sort((a, b) => b.score - a.score || a.nickname.localeCompare(b.nickname));
    const podium = ranked.slice(0, 3).map((p) => ({
      place: 1 + ranked.filter((q) => q.score > p.score).length,
      nickname: p.nickname,
      role: p.role,
      score: p.score,
    }));
    return { moments, question: scenarioEntry(this.match.options.scenarioName)?.question ?? null, podium };
  }

  /** A student's place among the room's students this round (ties share a place). */
  rankOf(seat: Seat): { place: number; of: number } {
    const players = this.seats.all().filter((s) => !s.isHost && !s.viewer && s.status !== 'left');
    return { place: 1 + players.filter((s) => s.roundScore > seat.roundScore).length, of: players.length };
  }

  /** A player's move on their crew's machine, with the prompt it answered for the reports. */
  private actInCrew(crew: Crew, seat: Seat, action: KernelAction): ReturnType<Match['act']> {
    const prompt = crew.activity.promptTick(seat.slot);
    const result = crew.match.act(action);
    if (result.ok) crew.activity.accepted(seat.id, crew.match.state, action.type, prompt, seat.slot);
    return result;
  }

  /** The crews whose machine has not ended (the teacher's moves and live events reach them all). */
  private liveCrews(): Crew[] {
    return this.crews.filter((c) => c.match.phase !== 'ended');
  }

  /** The teacher's move on every crew's machine that has not ended; the first crew's answer is the teacher's. */
  private actEverywhere(action: KernelAction): ReturnType<Match['act']> {
    const [first, ...rest] = this.liveCrews();
    if (!first) return this.match.act(action);
    const result = first.match.act(action);
    if (result.ok) for (const c of rest) c.match.act(action);
    return result;
  }

  private edgeError(seat: Seat, code: EdgeErrorCode, message: string, type: string): void {
    this.options.io.send(seat.id, 'error', { code, message, type: type.slice(0, 40) });
    const abusive = code === 'malformed' || code === 'unknown-type' || code === 'not-your-role';
    if (abusive && this.strikes.add(seat.id, Date.now())) {
      this.strikes.clear(seat.id);
      this.options.io.disconnect(seat.id, CLOSE_CODES.abuse, 'too many invalid messages');
    }
  }

  /** Runs a host command sent from seat `by` (if any); returns why it is not possible, or null. */
  command(c: HostCommand, by?: Seat): EdgeErrorCode | null {
    if (!this.mode.commands.has(c.type)) return c.type === 'take-job' ? 'no-such-slot' : 'bad-state';
    const all = (f: (m: Match) => boolean): EdgeErrorCode | null =>
      this.crews.map((crew) => f(crew.match)).some(Boolean) ? null : 'bad-state';
    switch (c.type) {
      case 'start':
        if (this.phase !== 'lobby') return 'bad-state';
        if (this.mode.rebalances) this.resplit();
        // The first Start opens the role-card countdown; a second one (or the countdown running out) starts.
        if (startsCountdown(this.mode, this.countdown)) return null;
        return this.startNow();
      case 'pause':
        return all((m) => m.pause());
      case 'resume':
        return all((m) => m.resume());
      case 'end-round':
        if (all((m) => m.end()) !== null) return 'bad-state';
        this.finishRound('host');
        return null;
      case 'restart':
        this.countdown.cancel();
        this.freshMachine();
        for (const crew of this.crews) crew.overrides = {};
        if (this.mode.rebalances) this.resplit();
        return null;
      case 'retry':
        // Solo: the same scenario again from tick 0, paused when the mode says so (think before the first tick).
        this.freshMachine();
        this.beginRound();
        if (!this.match.start()) return 'bad-state';
        if (this.mode.retryPaused) this.match.pause();
        return null;
      case 'step': {
        // Solo, paused: exactly one tick, bots included; the events go out with the next update.
        const crew = this.crews[0]!;
        if (crew.match.phase !== 'paused') return 'bad-state';
        const ended = crew.match.stepOnce(crew.humanSlots(this.seats));
        if (ended) this.finishRound(ended);
        return null;
      }
      case 'undo': {
        // Solo, paused: the last tick taken back (the level is replayed without it). The feed is rewound
        // with it: the replayed machine's latest events replace what the clients show.
        const crew = this.crews[0]!;
        const events = crew.match.phase === 'paused' ? crew.match.undo() : null;
        if (!events) return 'bad-state';
        crew.recent = events.slice(-RECENT_EVENTS);
        crew.unsent = 0;
        this.options.io.broadcastCrew(crew.key, 'events', {
          tick: crew.match.state.tick,
          events: crew.recent,
          replay: true,
        });
        return null;
      }
      case 'take-job': {
        // Solo: the player moves to another of the room's jobs (a level with two threads or channels).
        const seat = this.seats.all()[0];
        if (!seat || !this.match.slots.some((s) => s.key === c.slot)) return 'no-such-slot';
        seat.slot = c.slot;
        return null;
      }
      case 'speed':
        for (const crew of this.crews) crew.match.setSpeed(c.ticksPerSecond);
        return null;
      case 'lock':
        this.locked = c.locked;
        return null;
      case 'late-join':
        this.lateJoin = c.allowed;
        return null;
      case 'assign': {
        const seat = this.seats.get(c.player);
        const crew = seat ? this.crewOf(seat) : this.crews[0]!;
        return reassign(
          this.seats,
          crew.players(this.seats),
          crew.match,
          crew.overrides,
          c.player,
          c.slot,
          crew.spare,
        );
      }
      case 'rename': {
        const seat = this.seats.get(c.player);
        // Any seat but one's own: a second host (someone who got hold of the host key) or a projector too.
        if (!seat || seat.id === by?.id || seat.status === 'left') return 'no-such-player';
        const check = checkRoomNickname(c.nickname, this.seats.takenNicknames(seat.secretHash));
        if (!check.ok) return 'bad-nickname';
        seat.nickname = check.nickname;
        return null;
      }
      case 'rotate': {
        // Inside each crew, every job moves to the next player in join order (the last player's to the first).
        for (const crew of this.crews) {
          const players = crew.players(this.seats);
          const slots = players.map((s) => s.slot);
          players.forEach((s, i) => {
            const slot = slots[(i + players.length - 1) % players.length]!;
            if (crew.match.phase === 'lobby') crew.overrides[s.id] = slot;
            else s.slot = slot;
          });
          if (crew.match.phase === 'lobby') crew.rebalance(this.seats);
        }
        return null;
      }
      case 'crew-size':
        // The split follows at once in the lobby, else at the next round.
        this.crewSize = c.size;
        if (this.phase === 'lobby') this.resplit();
        return null;
      case 'move-crew':
        return this.moveToCrew(c.player, c.crew);
      case 'grace':
        this.graceSeconds = c.seconds;
        return null;
      case 'predict-time':
        this.prediction.seconds = c.seconds;
        return null;
      case 'reveal':
        return this.prediction.reveal() ? null : 'bad-state';
      case 'extra-time': {
        const seat = this.seats.get(c.player);
        if (!seat || seat.isHost || seat.viewer || seat.status === 'left') return 'no-such-player';
        this.seats.setGraceFactor(seat, c.factor);
        return null;
      }
      case 'live-event': {
        // The same event on every crew's machine that is still running, so crews race on the same workload.
        const live = this.liveCrews();
        if (live.length === 0) return 'bad-state';
        for (const crew of live) {
          const planned = liveEventActions(crew.match.state, c.event);
          if (!planned.ok) return 'bad-state';
          for (const a of planned.actions) if (!crew.match.act(a).ok) return 'bad-state';
        }
        return null;
      }
      case 'kick': {
        const seat = this.seats.get(c.player);
        // Any seat but one's own: a second host (someone who got hold of the host key) or a projector too.
        if (!seat || seat.id === by?.id || seat.status === 'left') return 'no-such-player';
        // told before the seat is freed (the connection is found through the seat)
        if (seat.status === 'present')
          this.options.io.disconnect(seat.id, CLOSE_CODES.kicked, 'removed by the host');
        this.seats.ban(seat.id);
        if (this.phase === 'lobby') this.resplit();
        return null;
      }
    }
  }

  /** The teacher moves a student to crew `n`: in the lobby the split keeps it; mid-round the student takes a free job there (a bot takes theirs). */
  private moveToCrew(player: string, n: number): EdgeErrorCode | null {
    const seat = this.seats.get(player);
    if (!seat || seat.isHost || seat.viewer || seat.status === 'left') return 'no-such-player';
    const crew = this.crews[n - 1];
    if (
      !this.mode.crews ||
      (this.phase !== 'lobby' && !crew) ||
      n > crewCount(this.seats.players().length, this.crewSize) + 1
    )
      return 'no-such-crew';
    this.crewMoves[seat.id] = n;
    if (this.phase === 'lobby') {
      // a move to one crew past the split opens it
      if (!crew) this.crews.push(this.freshLike(n));
      this.resplit();
      return null;
    }
    if (seat.crew !== crew!.key) crew!.seatNewcomer(this.seats, seat);
    return null;
  }

  /** Every crew's machine from tick 0 again, with nothing of the last round's feed or summary. */
  private freshMachine(): void {
    for (const crew of this.crews) {
      crew.match.restart();
      crew.recent = [];
      crew.unsent = 0;
    }
    this.lastSummary = null;
    this.prediction.reset();
  }

  private beginRound(): void {
    this.roundStartedAt = Date.now();
    this.seats.forgetDeparted();
    for (const s of this.seats.all()) {
      s.roundScore = 0;
      s.actions = 0;
      s.refused = 0;
    }
    for (const crew of this.crews) crew.activity.reset(crew.match.state, this.heldJobs(crew));
    this.jobsHeld.clear();
    this.noteJobs();
  }

  /** Adds a span to each student's jobs of the round when their job (or crew) is not the one last noted. */
  private noteJobs(): void {
    for (const seat of this.seats.all()) {
      if (seat.viewer || (seat.isHost && !this.mode.hostPlays) || seat.status !== 'present') continue;
      const crew = this.crewOf(seat);
      const spans = this.jobsHeld.get(seat.id) ?? [];
      const last = spans[spans.length - 1];
      const crewNumber = this.mode.crews ? crew.number : undefined;
      if (last && last.slot === seat.slot && last.crew === crewNumber) continue;
      spans.push({
        slot: seat.slot,
        ...(crewNumber !== undefined ? { crew: crewNumber } : {}),
        fromTick: crew.match.state.tick,
      });
      this.jobsHeld.set(seat.id, spans);
    }
  }

  /** The round's latest events of the seat's crew already on the wire (at most RECENT_EVENTS), oldest first. */
  recentEvents(seat?: Seat): readonly KernelEvent[] {
    return (seat ? this.crewOf(seat) : this.crews[0]!).recentEvents();
  }

  /** The room sent its patch and the events queued behind it. */
  eventsSent(): void {
    for (const crew of this.crews) crew.unsent = 0;
  }

  /** Resolves once every round report handed to the sink is stored (a shutdown waits for this). */
  async settled(): Promise<void> {
    while (this.saving.size > 0) await Promise.all([...this.saving]);
  }

  /** Starts every crew's clock (the countdown, if any, is over or skipped). */
  private startNow(): EdgeErrorCode | null {
    this.countdown.cancel();
    this.beginRound();
    return this.crews.map((c) => c.match.start()).some(Boolean) ? null : 'bad-state';
  }

  /** Advances every crew's machine by elapsed wall time and sends each crew what happened in it. */
  update(elapsedMs: number): void {
    if (this.countdown.advance(elapsedMs) && this.phase === 'lobby') this.startNow();
    this.prediction.advance(elapsedMs);
    if (this.phase === 'ended') return;
    let ended: RoundEnd | null = null;
    for (const crew of this.crews) {
      const m = crew.match;
      const running = m.phase === 'running';
      const r = m.step(elapsedMs, crew.humanSlots(this.seats));
      this.credit(crew, m.drainScores());
      const held = this.heldJobs(crew);
      crew.activity.observe(
        m.state,
        running ? elapsedMs : 0,
        held,
        `${m.log.length}|${held.map((j) => `${j.seat}=${j.slot.key}`).join(',')}`,
      );
      if (running && m.phase === 'running') this.nudge(crew, held);
      const events = m.drainEvents();
      if (events.length > 0) {
        this.options.io.broadcastCrew(crew.key, 'events', {
          tick: m.state.tick,
          events,
          ...(this.mode.crews ? { crew: crew.key } : {}),
        });
        crew.remember(events);
      }
      if (r.ended) ended = r.ended;
    }
    if (this.phase !== 'lobby') this.noteJobs();
    // The round ends when the last crew's machine has: finished when every crew finished its work.
    if (ended !== null && this.crews.every((c) => c.match.phase === 'ended'))
      this.finishRound(this.crews.every((c) => isFinished(c.match.state)) ? 'finished' : 'time-limit');
  }

  /** The crew's jobs its present students hold (a solo player's too: no grace moves there, but the latency counts). */
  private heldJobs(crew: Crew): HeldJob[] {
    const out: HeldJob[] = [];
    for (const seat of this.seats.all()) {
      if (seat.status !== 'present' || seat.slot === SPECTATOR || !crew.holds(seat)) continue;
      const slot = findSlot(crew.match.slots, seat.slot);
      if (slot) out.push({ slot, seat: seat.id });
    }
    return out;
  }

  /**
   * No one freezes the class: a job the machine has waited on for half the grace time gets a "your turn"
   * prompt; after the whole grace time a bot makes that move, says so to the crew, and the student keeps the seat.
   */
  private nudge(crew: Crew, held: readonly HeldJob[]): void {
    if (!this.mode.graceMoves || this.graceSeconds <= 0) return;
    // each job's grace time is the room's times its student's extra time
    const factor = (key: string): number => {
      const seat = this.seats.get(held.find((j) => j.slot.key === key)?.seat ?? '');
      return seat ? this.seats.graceFactor(seat) : 1;
    };
    const due = crew.activity.overdue(this.graceSeconds * 1000, factor);
    for (const key of due.prompt) {
      const job = held.find((j) => j.slot.key === key);
      if (job)
        this.options.io.send(job.seat, 'your-turn', { slot: key, seconds: this.graceSeconds * factor(key) });
    }
    for (const key of due.bot) {
      const job = held.find((j) => j.slot.key === key);
      const seat = job ? this.seats.get(job.seat) : undefined;
      if (!job || !seat) continue;
      let moves = 0;
      this.credit(crew, crew.match.drainScores());
      for (const action of botMoves(crew.match.state, job.slot, classPolicy(crew.match.state)))
        if (crew.match.act(action).ok) moves++;
      // the bot's move scores nothing for the student who left it waiting (others' changes it caused still count)
      this.credit(
        crew,
        crew.match.drainScores().filter((c) => c.slot !== key),
      );
      if (moves > 0)
        this.options.io.broadcastCrew(crew.key, 'bot-moved', {
          seat: seat.id,
          nickname: seat.nickname,
          slot: key,
          moves,
          ...(this.mode.crews ? { crew: crew.key } : {}),
        });
    }
  }

  private finishRound(endedBy: RoundEnd): void {
    // The projector's watching seat is nobody's part in the round.
    const seats = this.seats.reported().filter((s) => !s.viewer && (!s.isHost || this.mode.hostPlays));
    this.noteJobs();
    const players = seats.map((s): PlayerResult => {
      const crew = this.crewOf(s);
      const jobs = this.jobsHeld.get(s.id);
      return {
        seat: s.id,
        nickname: s.nickname,
        slot: s.slot,
        role: roleOf(crew.match, s) as Role,
        score: s.roundScore,
        ...(this.mode.crews ? { crew: crew.number } : {}),
        ...(jobs && jobs.length > 0 ? { jobs } : {}),
      };
    });
    // Everything but the baselines is taken now, from the machines as the round left them; the baselines
    // come back from the worker pool (one job per distinct workload: crews that saw the same live events
    // at the same ticks share it), then the summary goes out and the report is stored.
    const round = this.match.round;
    const jobs = this.crews.map((c) => c.match.baselineJob());
    const keys = jobs.map((j) => JSON.stringify([j.hostEvents, j.tickLimit]));
    const distinct = new Map<string, BaselineJob>();
    keys.forEach((k, i) => {
      if (!distinct.has(k)) distinct.set(k, jobs[i]!);
    });
    const now = new Date();
    const partial = {
      ...this.match.summary(this.options.code, endedBy, players, now, []),
      debrief: this.debrief(players),
    };
    const activity: Record<string, PlayerActivity> = {};
    for (const crew of this.crews) Object.assign(activity, crew.activity.report());
    const record = {
      roomId: this.options.roomId,
      startedAt: this.roundStartedAt,
      endedAt: Date.now(),
      playerIds: Object.fromEntries(seats.map((s) => [s.id, playerRef(s.secretHash)])),
      log: this.match.log.slice(),
      activity,
      session: this.options.session,
    };
    const crewParts = this.crews.map((c) => c.match.summary(this.options.code, endedBy, [], now, []));
    const runner = this.options.baselines ?? runBaselinesHere;
    // The round's end is journaled first, durably; patches wait for it (KernelRoom.broadcastPatch). The
    // journal keeps the first crew's baseline job: a recovered report has its baselines, not the crews' race.
    this.journaling++;
    const journaled = (
      this.options.reports.journal?.({ ...record, summary: { ...partial, baselines: [] } }, jobs[0]!) ??
      Promise.resolve()
    )
      .then(
        () => true,
        (e: unknown) => {
          console.error("[reports] could not journal a round's end (the server is stopping)", e);
          return false;
        },
      )
      .then((stored) => {
        this.journaling--;
        this.onJournaled?.(stored);
      });
    const results = new Map<string, Promise<BaselineResult[]>>(
      [...distinct].map(([k, job]) => [k, runner(job)]),
    );
    const baselines = Promise.all(keys.map((k) => results.get(k)!)).catch((e: unknown) => {
      console.error("[baselines] could not compute a round's baselines", e);
      return keys.map(() => [] as BaselineResult[]);
    });
    const saving = Promise.all([baselines, journaled])
      .then(([perCrew]) => {
        const crews: CrewResult[] | undefined = this.mode.crews
          ? rankedCrews(
              this.crews.map((c, i) => ({
                crew: c.number,
                finished: crewParts[i]!.finished,
                ticks: crewParts[i]!.ticks,
                metrics: crewParts[i]!.class,
                baselines: perCrew[i] ?? [],
                seats: players.filter((p) => p.crew === c.number).map((p) => p.seat),
                actions: crewParts[i]!.actions,
              })),
            )
          : undefined;
        const summary: RoundSummary = {
          ...partial,
          baselines: perCrew[0] ?? [],
          ...(crews ? { crews } : {}),
        };
        // A host who restarted meanwhile has moved the screens on: the report is still stored. With
        // predictions on, the summary waits for the reveal (the predictions are stored after the report).
        const saved = this.options.reports.save({ ...record, summary });
        const current = this.match.round === round && this.phase === 'ended';
        if (current && !this.prediction.begin(summary, saved)) this.sendSummary(summary);
        return saved;
      })
      .catch((e: unknown) => console.error('[reports] could not save a round', e));
    this.saving.add(saving);
    void saving.finally(() => this.saving.delete(saving));
  }
}

/** The crews' results with their place in the race and the classic policies each beat (the debrief's crew lines). */
export function rankedCrews(crews: readonly CrewResult[]): CrewResult[] {
  const faults = (m: CrewResult['metrics']): number =>
    Object.values(m.faults).reduce((n: number, v) => n + (typeof v === 'number' ? v : 0), 0);
  const places = crewPlaces(
    crews.map((c) => ({
      number: c.crew,
      completed: c.metrics.completed,
      finished: c.finished,
      tick: c.ticks,
      utilization: c.metrics.utilization,
      faults: faults(c.metrics),
    })),
  );
  const result = (m: CrewResult['metrics']) => ({ completed: m.completed, waiting: m.averages.waiting });
  return crews.map((c) => ({
    ...c,
    place: places.get(c.crew) ?? 1,
    beats: c.baselines
      .filter((b) => beatsBaseline(result(c.metrics), result(b.metrics)))
      .map((b) => b.policy),
  }));
}
