// A room's game session without the network: admits and resumes players, turns validated messages
// into kernel actions or host commands, runs the clock, ends rounds with their report. The Colyseus
// rooms only translate between this and their clients.
import { RoundCountdown, startsCountdown } from './round-countdown.ts';
import { timingSafeEqual } from 'node:crypto';
import { describeRejection, liveEventActions, type KernelEvent } from '../../shared/kernel/index.ts';
import { findSlot, roleSlots } from '../../shared/roles/assign.ts';
import type { ScoreChange } from '../../shared/roles/score.ts';
import { describeScore } from '../../shared/roles/score-texts.ts';
import { kernelLabels } from '../../shared/kernel/presentation.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import { SPECTATOR, type Role } from '../../shared/roles/types.ts';
import { CLOSE_CODES, type EdgeErrorCode, type JoinError } from '../../shared/protocol/errors.ts';
import { joinOptionsSchema } from '../../shared/protocol/join.ts';
import { normalizeJoinCode } from '../../shared/protocol/join-code.ts';
import { scores } from '../../shared/protocol/actions.ts';
import { MODES, type Mode, type ModeName } from './modes.ts';
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
  type Debrief,
  type PlayerResult,
  type RoundEnd,
  type RoundSummary,
} from '../../shared/protocol/summary.ts';
import { classMoments, keyMoments } from '../../shared/roles/class-story.ts';
import { scenarioEntry } from '../scenarios/catalog.ts';
import { Match, type MatchOptions } from './match.ts';
import { ActivityTracker } from './player-activity.ts';
import { rebalance, reassign, roleOf, seatNewcomer } from './roster.ts';
import { playerRef, type RoundReportSink } from './round-reports.ts';
import { runBaselinesHere, type BaselineRunner } from './baseline-pool.ts';
import { Seats, type Seat } from './seats.ts';
import { secretHash } from './seat-secret.ts';
import { Strikes } from './strikes.ts';
import type { Overrides } from '../../shared/roles/assign.ts';

/** How the classroom reaches clients; the Colyseus room implements it. */
export interface RoomIO {
  send<K extends ServerMessageType>(seatId: string, type: K, payload: ServerMessages[K]): void;
  broadcast<K extends ServerMessageType>(type: K, payload: ServerMessages[K]): void;
  disconnect(seatId: string, code: number, reason: string): void;
}

/** A classroom's fixed settings. */
export interface RoomGameOptions {
  kind: ModeName;
  roomId: string;
  code: string;
  hostKey: string | null;
  /** The projector link's read-only key (class rooms), or null. */
  viewerKey?: string | null;
  maxPlayers: number;
  abuseLimit: number;
  match: MatchOptions;
  /** Builds the match instead of a plain one (a solo level's LevelMatch); its slots, if any, are kept. */
  createMatch?: (options: MatchOptions) => Match;
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

/** How many of the round's latest events a player joining or coming back mid-round receives. */
export const RECENT_EVENTS = 30;

/** A class (or solo) session. */
export class RoomGame {
  readonly seats = new Seats();
  readonly match: Match;
  locked = false;
  lateJoin = true;
  lastSummary: RoundSummary | null = null;
  /** The round's latest events, for whoever joins or comes back mid-round (their feed starts with them). */
  private recent: KernelEvent[] = [];
  /** How many of `recent`'s newest events are broadcast but still queued (they go out after the next patch, to a newcomer too). */
  private unsent = 0;
  private overrides: Overrides = {};
  private readonly strikes: Strikes;
  private roundStartedAt = Date.now();
  private readonly saving = new Set<Promise<void>>();
  /** Actions, refusals and response latency per player this round, for the reports. */
  readonly activity = new ActivityTracker();
  /** The role-card countdown between the host's Start and the round's first tick. */
  readonly countdown: RoundCountdown;

  constructor(readonly options: RoomGameOptions) {
    this.match = options.createMatch?.(options.match) ?? new Match(options.match);
    this.strikes = new Strikes(options.abuseLimit);
    this.countdown = new RoundCountdown(options.countdownSeconds);
    if (this.match.slots.length === 0)
      this.match.slots = roleSlots(options.match.scenario, this.mode.slotHumans);
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
    const { kind, hostKey } = this.options;
    const wantsHost = kind === 'class' && o.hostKey !== undefined;
    if (wantsHost && (hostKey === null || !sameSecret(o.hostKey!, hostKey)))
      return refuse('bad-host-key', 'this host key does not open this room');
    if (this.seats.isBanned(key)) return refuse('kicked', 'the host removed you from this room');
    if (kind === 'class' && !wantsHost && o.viewerKey !== undefined)
      return this.admitViewer(o.viewerKey, key, o.lang, sessionId);
    if (kind === 'class' && !wantsHost && normalizeJoinCode(o.code ?? '') !== this.options.code)
      return refuse('wrong-code', 'this join code does not match the room');

    const existing = this.seats.bySecret(key);
    if (existing && (existing.isHost === wantsHost || kind === 'solo'))
      return this.resume(existing, sessionId, o.lang);

    const isHost = wantsHost || kind === 'solo';
    let nickname = o.nickname?.trim() || (isHost ? 'Host' : '');
    if (!isHost) {
      if (this.locked && !this.seats.wasMember(key))
        return refuse('room-locked', 'the host has locked this room');
      if (!this.lateJoin && this.match.phase !== 'lobby')
        return refuse('late-join-closed', 'the round has started and the host has closed late joining');
      if (this.seats.presentPlayers() >= this.options.maxPlayers)
        return refuse('room-full', `the room is full (${this.options.maxPlayers} players)`);
      const check = checkRoomNickname(o.nickname, this.seats.takenNicknames(key));
      if (!check.ok) return refuse('bad-nickname', check.problem);
      if (this.seats.isBannedName(check.nickname))
        return refuse('kicked', 'the host removed a player with this nickname from this room');
      nickname = check.nickname;
    } else if (kind === 'class' && o.nickname !== undefined) {
      // The host's name is shown to the class too: checked like a student's; one that fails is shown as "Host".
      const check = checkRoomNickname(o.nickname, this.seats.takenNicknames(key));
      nickname = check.ok ? check.nickname : 'Host';
    }
    if (isHost && kind === 'solo' && this.seats.all().length > 0) {
      return refuse('room-full', 'a solo room has one player');
    }

    const seat = this.seats.add({ secretHash: key, nickname, lang: o.lang, isHost, sessionId });
    this.placeNewSeat(seat, o.role);
    return { ok: true, seat, resumed: false, previousSession: null };
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
    if (this.options.kind === 'solo') {
      const slot =
        this.match.slots.find((s) => s.key === role) ??
        this.match.slots.find((s) => s.role === role) ??
        this.match.slots[0];
      seat.slot = slot?.key ?? SPECTATOR;
      return;
    }
    if (seat.isHost) return;
    if (this.match.phase === 'lobby') rebalance(this.seats, this.match, this.overrides);
    else seatNewcomer(this.seats, this.match, seat);
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
    if (!seat.isHost && !seat.viewer && this.match.phase === 'lobby')
      rebalance(this.seats, this.match, this.overrides);
  }

  /** Handles one client message end to end: edge validation, then the kernel or the host command. */
  receive(sessionId: string, type: string, payload: unknown): void {
    const seat = this.seats.bySession(sessionId);
    if (!seat) return;
    const slot = findSlot(this.match.slots, seat.slot) ?? null;
    const sender: Sender = {
      role: roleOf(this.match, seat),
      slot,
      tid: slot ? slotThreadId(this.match.state, slot) : null,
      isHost: seat.isHost,
    };
    const parsed = parseClientMessage(type, payload, sender);
    if (!parsed.ok) {
      this.edgeError(seat, parsed.code, parsed.detail, type);
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
    const phase = this.match.phase;
    const pausedPlay = phase === 'paused' && seat.isHost && this.mode.actsWhilePaused;
    if (phase !== 'running' && !pausedPlay && !(seat.isHost && sender.role === 'host' && phase !== 'ended')) {
      this.edgeError(seat, 'not-running', `the round is ${phase}`, type);
      return;
    }
    const prompt = this.activity.promptTick(this.match.state, parsed.action);
    // Score changes still queued belong to earlier ticks; this move's own come after them.
    this.credit(this.match.drainScores());
    const result = this.match.act(parsed.action);
    const changes = this.match.drainScores();
    if (!result.ok) {
      seat.refused++;
      this.activity.refused(seat.id, this.match.state.tick, type);
      this.options.io.send(seat.id, 'rejected', {
        type,
        code: result.rejection.code,
        params: result.rejection.params,
        reason: describeRejection(result.rejection, seat.lang),
      });
      return;
    }
    seat.actions++;
    this.activity.accepted(seat.id, this.match.state, type, prompt);
    // The host's steering earns no one points (its consequences on later ticks still count).
    if (scores(parsed.action) && (!seat.isHost || this.mode.hostPlays)) this.credit(changes);
  }

  /** Adds the score changes of the jobs students hold to their seats and tells each student why (bots' jobs score no one). */
  private credit(changes: readonly ScoreChange[]): void {
    if (changes.length === 0) return;
    const holders = new Map<string, Seat>();
    for (const s of this.seats.all()) {
      if (s.status === 'present' && s.slot !== SPECTATOR && !s.viewer && (!s.isHost || this.mode.hostPlays))
        holders.set(s.slot, s);
    }
    const nameOf = this.namer();
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

  /** Names a thread by the student steering it (present or away), else by its kernel label. */
  private namer(): (tid: number) => string {
    const label = kernelLabels(this.match.state);
    const byTid = new Map<number, string>();
    for (const seat of this.seats.players()) {
      const slot = findSlot(this.match.slots, seat.slot);
      const tid = slot ? slotThreadId(this.match.state, slot) : null;
      if (tid !== null) byTid.set(tid, seat.nickname);
    }
    return (tid) => byTid.get(tid) ?? label(tid);
  }

  /** The round's debrief: key moments with who and when, the scenario's question, the podium. */
  private debrief(players: readonly PlayerResult[]): Debrief {
    const moments = keyMoments(classMoments(this.match.story, this.namer())).slice(0, DEBRIEF_MOMENTS);
    const ranked = players
      .filter((p) => p.slot !== SPECTATOR)
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
    const m = this.match;
    if (!this.mode.commands.has(c.type)) return c.type === 'take-job' ? 'no-such-slot' : 'bad-state';
    switch (c.type) {
      case 'start':
        if (m.phase !== 'lobby') return 'bad-state';
        if (this.mode.rebalances) rebalance(this.seats, m, this.overrides);
        // The first Start opens the role-card countdown; a second one (or the countdown running out) starts.
        if (startsCountdown(this.mode, this.countdown)) return null;
        return this.startNow();
      case 'pause':
        return m.pause() ? null : 'bad-state';
      case 'resume':
        return m.resume() ? null : 'bad-state';
      case 'end-round':
        if (!m.end()) return 'bad-state';
        this.finishRound('host');
        return null;
      case 'restart':
        this.countdown.cancel();
        this.freshMachine();
        this.overrides = {};
        if (this.mode.rebalances) rebalance(this.seats, m, this.overrides);
        return null;
      case 'retry':
        // Solo: the same scenario again from tick 0, paused when the mode says so (think before the first tick).
        this.freshMachine();
        this.beginRound();
        if (!m.start()) return 'bad-state';
        if (this.mode.retryPaused) m.pause();
        return null;
      case 'step': {
        // Solo, paused: exactly one tick, bots included; the events go out with the next update.
        if (m.phase !== 'paused') return 'bad-state';
        const ended = m.stepOnce(this.seats.humanSlots());
        if (ended) this.finishRound(ended);
        return null;
      }
      case 'undo':
        // Solo, paused: the last tick taken back (the level is replayed without it); the feed starts afresh.
        if (m.phase !== 'paused' || !m.undo()) return 'bad-state';
        this.recent = [];
        this.unsent = 0;
        return null;
      case 'take-job': {
        // Solo: the player moves to another of the room's jobs (a level with two threads or channels).
        const seat = this.seats.all()[0];
        if (!seat || !m.slots.some((s) => s.key === c.slot)) return 'no-such-slot';
        seat.slot = c.slot;
        return null;
      }
      case 'speed':
        m.setSpeed(c.ticksPerSecond);
        return null;
      case 'lock':
        this.locked = c.locked;
        return null;
      case 'late-join':
        this.lateJoin = c.allowed;
        return null;
      case 'assign':
        return reassign(this.seats, m, this.overrides, c.player, c.slot);
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
        // Every job moves to the next player in join order (the last player's to the first).
        const players = this.seats.players();
        const slots = players.map((s) => s.slot);
        players.forEach((s, i) => {
          const slot = slots[(i + players.length - 1) % players.length]!;
          if (m.phase === 'lobby') this.overrides[s.id] = slot;
          else s.slot = slot;
        });
        if (m.phase === 'lobby') rebalance(this.seats, m, this.overrides);
        return null;
      }
      case 'live-event': {
        if (m.phase === 'ended') return 'bad-state';
        const planned = liveEventActions(m.state, c.event);
        if (!planned.ok) return 'bad-state';
        for (const a of planned.actions) if (!m.act(a).ok) return 'bad-state';
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
        if (m.phase === 'lobby') rebalance(this.seats, m, this.overrides);
        return null;
      }
    }
  }

  /** The scenario's machine from tick 0 again, with nothing of the last round's feed or summary. */
  private freshMachine(): void {
    this.match.restart();
    this.recent = [];
    this.unsent = 0;
    this.lastSummary = null;
  }

  private beginRound(): void {
    this.roundStartedAt = Date.now();
    this.seats.forgetDeparted();
    for (const s of this.seats.all()) {
      s.roundScore = 0;
      s.actions = 0;
      s.refused = 0;
    }
    this.activity.reset(this.match.state);
  }

  /** The round's latest events already on the wire (at most RECENT_EVENTS), oldest first: the queued ones reach a newcomer anyway. */
  recentEvents(): readonly KernelEvent[] {
    return this.recent.slice(0, this.recent.length - this.unsent);
  }

  /** The room sent its patch and the events queued behind it. */
  eventsSent(): void {
    this.unsent = 0;
  }

  /** Resolves once every round report handed to the sink is stored (a shutdown waits for this). */
  async settled(): Promise<void> {
    while (this.saving.size > 0) await Promise.all([...this.saving]);
  }

  /** Starts the round's clock (the countdown, if any, is over or skipped). */
  private startNow(): EdgeErrorCode | null {
    this.countdown.cancel();
    this.beginRound();
    return this.match.start() ? null : 'bad-state';
  }

  /** Advances the machine by elapsed wall time and sends what happened. */
  update(elapsedMs: number): void {
    if (this.countdown.advance(elapsedMs) && this.match.phase === 'lobby') this.startNow();
    const running = this.match.phase === 'running';
    const r = this.match.step(elapsedMs, this.seats.humanSlots());
    this.activity.observe(this.match.state, running ? elapsedMs : 0);
    this.credit(this.match.drainScores());
    const events = this.match.drainEvents();
    if (events.length > 0) {
      this.options.io.broadcast('events', { tick: this.match.state.tick, events });
      this.recent.push(...events);
      this.unsent += events.length;
      if (this.recent.length > RECENT_EVENTS) this.recent.splice(0, this.recent.length - RECENT_EVENTS);
      this.unsent = Math.min(this.unsent, this.recent.length);
    }
    if (r.ended) this.finishRound(r.ended);
  }

  private finishRound(endedBy: RoundEnd): void {
    // The projector's watching seat is nobody's part in the round.
    const seats = this.seats.reported().filter((s) => !s.viewer && (!s.isHost || this.mode.hostPlays));
    const players = seats.map((s) => ({
      seat: s.id,
      nickname: s.nickname,
      slot: s.slot,
      role: roleOf(this.match, s) as Role,
      score: s.roundScore,
    }));
    // Everything but the baselines is taken now, from the machine as the round left it; the baselines
    // come back from a worker, then the summary goes out and the report is stored.
    const round = this.match.round;
    const job = this.match.baselineJob();
    const partial = {
      ...this.match.summary(this.options.code, endedBy, players, new Date(), []),
      debrief: this.debrief(players),
    };
    const record = {
      roomId: this.options.roomId,
      startedAt: this.roundStartedAt,
      endedAt: Date.now(),
      playerIds: Object.fromEntries(seats.map((s) => [s.id, playerRef(s.secretHash)])),
      log: this.match.log,
      activity: this.activity.report(),
      session: this.options.session,
    };
    const runner = this.options.baselines ?? runBaselinesHere;
    const saving = runner(job)
      .catch((e: unknown) => {
        console.error("[baselines] could not compute a round's baselines", e);
        return [];
      })
      .then((baselines) => {
        const summary: RoundSummary = { ...partial, baselines };
        // A host who restarted meanwhile has moved the screens on: the report is still stored.
        if (this.match.round === round && this.match.phase === 'ended') {
          this.lastSummary = summary;
          this.options.io.broadcast('summary', summary);
        }
        return this.options.reports.save({ ...record, summary });
      })
      .catch((e: unknown) => console.error('[reports] could not save a round', e));
    this.saving.add(saving);
    void saving.finally(() => this.saving.delete(saving));
  }
}
