// What class and solo rooms share: the synced state, the clock, one wildcard handler feeding the
// message table, admissions and reconnection. All game decisions live in RoomGame.
import { Room, ServerError, type Client, type Deferred } from '@colyseus/core';
import { CLOSE_CODES, JOIN_ERRORS } from '../../shared/protocol/errors.ts';
import type { ServerConfig } from '../config.ts';
import { RoomGame, type Admission, type RoomGameOptions } from '../game/room-game.ts';
import type { RoundReportSink } from '../game/round-reports.ts';
import type { BaselineRunner } from '../game/baseline-pool.ts';
import { roleOf } from '../game/roster.ts';
import { isFinished, legalMoves } from '../../shared/kernel/index.ts';
import { encodeMove, toMessage } from '../../shared/protocol/actions.ts';
import type { ServerMessages, Welcome } from '../../shared/protocol/server-messages.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { CreationGrants } from './directory.ts';
import { roomTimings } from '../metrics.ts';
import type { SnapshotStore } from './room-saver.ts';
import { corkSockets, installFrameGuard, skipEmptyPatches } from './colyseus-internals.ts';
import { offences } from './frame-guard.ts';
import {
  RoomState,
  crewView,
  dropCrews,
  projectPlaces,
  projectMachine,
  projectPlayers,
  projectSlots,
  projectStanding,
  type RoomStateSchema,
} from './projection.ts';
import type { Crew } from '../game/crew.ts';
import { CrewViews } from './crew-views.ts';
import { PREDICT_UNTIL_REVEAL } from '../../shared/roles/prediction.ts';

/** Server-side services every room receives through its registered default options. */
export interface RoomServices {
  config: ServerConfig;
  grants: CreationGrants;
  reports: RoundReportSink;
  /** Where live class rooms are saved for crash recovery (none: rooms are not saved). */
  snapshots?: SnapshotStore;
  /** The worker pool the end-of-round baselines run in (none: in the room's thread). */
  baselines?: BaselineRunner;
  /** The clock host passes expire by (Date.now unless a test moves it). */
  now?: () => number;
}

/** Edge errors that are offences (an honest client never sends them), logged rate-limited. */
const OFFENCES = new Set(['malformed', 'unknown-type', 'not-your-role']);

/** Milliseconds between simulation steps and between patches (20 Hz). */
const FRAME_MS = 50;

/** The base room: subclasses decide how the classroom is created and who may join. */
export abstract class KernelRoom<Meta = unknown> extends Room<{ state: RoomStateSchema; metadata: Meta }> {
  override state = new RoomState();
  override patchRate = FRAME_MS;
  /** The room's game session (public so tests and tools can inspect the authoritative machine). */
  game!: RoomGame;
  private readonly held = new Map<string, Deferred<Client>>();
  /** What each crew's machine view was last projected from; a frame with no message, no tick and no new action skips projectMachine. */
  private readonly projected = new Map<string, { state: unknown; tick: number; log: number }>();
  /** The crews a student's message reached since the last projection (a student's message changes only its own crew's machine). */
  private readonly touched = new Set<string>();
  /** A message from anyone else (the host, a projector, a seat not placed yet) since the last projection: every crew is projected. */
  private touchedAll = true;
  /** Legal moves per crew and held job since the crew's machine was last projected. */
  private readonly moves = new Map<string, Map<string, string[]>>();
  /** Who receives which crew's machine: a student its own crew's, everyone else every crew's. */
  private readonly views = new CrewViews();

  /** Builds the classroom and wires messages, the clock and the projection. */
  protected setup(
    services: RoomServices,
    options: Omit<RoomGameOptions, 'io' | 'reports' | 'abuseLimit' | 'roomId'>,
  ): void {
    this.maxMessagesPerSecond = services.config.maxMessagesPerSecond;
    this.game = new RoomGame({
      ...options,
      roomId: this.roomId,
      abuseLimit: services.config.abuseLimit,
      reports: services.reports,
      baselines: services.baselines,
      io: {
        send: (seatId, type, payload) => {
          if (type === 'error') {
            const e = payload as ServerMessages['error'];
            if (OFFENCES.has(e.code)) offences.note(this.roomId, `seat ${seatId}`, `${e.code}: ${e.message}`);
          }
          this.clientOf(seatId)?.send(type, payload);
        },
        broadcast: (type, payload) => this.broadcast(type, payload, { afterNextPatch: true }),
        broadcastCrew: (crew, type, payload) => {
          // one encoding for everyone, minus the clients of other crews (none in a room of one crew)
          let except: Client[] | undefined;
          if (this.game.crews.length > 1) {
            const others = new Set(
              this.game.seats
                .all()
                .filter((seat) => seat.status === 'present' && seat.crew !== undefined && seat.crew !== crew)
                .map((seat) => seat.sessionId),
            );
            except = this.clients.filter((client) => others.has(client.sessionId));
          }
          this.broadcast(type, payload, {
            afterNextPatch: true,
            ...(except && except.length > 0 ? { except } : {}),
          });
        },
        disconnect: (seatId, code, reason) => this.clientOf(seatId)?.leave(code, reason),
      },
    });
    this.onMessage('*', (client: Client, type: string | number, payload: unknown) => {
      const seat = this.game.seats.bySession(client.sessionId);
      if (seat && !seat.isHost && !seat.viewer && seat.crew !== undefined) this.touched.add(seat.crew);
      else this.touchedAll = true;
      this.game.receive(client.sessionId, String(type), payload);
    });
    this.setTimestep((elapsed) => {
      const t0 = performance.now();
      this.game.update(elapsed);
      roomTimings.step.record(performance.now() - t0);
    }, FRAME_MS);
    this.project();
  }

  private clientOf(seatId: string): Client | undefined {
    const sessionId = this.game.seats.get(seatId)?.sessionId;
    return sessionId ? this.clients.getById(sessionId) : undefined;
  }

  /** Copies the classroom into the synced state; runs once per patch. */
  protected project(): void {
    const c = this.game;
    const s = this.state;
    s.phase = c.phase;
    s.round = c.match.round;
    s.speed = c.match.clock.ticksPerSecond;
    s.locked = c.locked;
    s.lateJoin = c.lateJoin;
    s.countdown = c.countdown.secondsLeft;
    s.crewSize = c.mode.crews ? c.crewSize : 0;
    s.graceSeconds = c.mode.graceMoves ? c.graceSeconds : 0;
    s.predictSeconds = c.prediction.seconds === 'until-reveal' ? PREDICT_UNTIL_REVEAL : c.prediction.seconds;
    for (const crew of c.crews) this.projectCrew(crew, this.touchedAll || this.touched.has(crew.key));
    this.touched.clear();
    this.touchedAll = false;
    if (s.crews.size !== c.crews.length) dropCrews(s, new Set(c.crews.map((crew) => crew.key)));
    const present = new Map(
      c.seats
        .all()
        .filter((seat) => seat.status === 'present' && seat.sessionId)
        .map((seat) => [seat.sessionId!, seat]),
    );
    this.views.assign(
      s,
      this.clients.map((client) => {
        const seat = present.get(client.sessionId);
        const own = c.mode.crews && seat && !seat.isHost && !seat.viewer ? seat.crew : undefined;
        return { client, crew: own };
      }),
    );
    projectPlaces(s);
    projectPlayers(
      s,
      c.seats
        .all()
        .filter((seat) => seat.status !== 'left' && !seat.viewer)
        .map((seat) => [
          seat.id,
          {
            nickname: seat.nickname,
            slot: seat.slot,
            role: roleOf(c.crewOf(seat).match, seat),
            score: seat.score,
            connected: seat.status === 'present',
            host: seat.isHost,
            crew: c.mode.crews && !seat.isHost ? (seat.crew ?? '') : '',
            graceFactor: c.seats.graceFactor(seat),
          },
        ]),
    );
  }

  /** One crew's machine, standing and jobs (`touched`: a message since the last projection may have changed its machine). */
  private projectCrew(crew: Crew, touched: boolean): void {
    const c = this.game;
    const view = crewView(this.state, crew.key, crew.number);
    // The machine changes only through messages (actions, host commands) and ticks (which include the
    // bots' moves); most 50 ms frames have neither, so the full walk over the machine is skipped then.
    const st = crew.match.state;
    const p = this.projected.get(crew.key);
    const adopt = this.views.adopter(crew.key);
    if (!p || touched || p.state !== st || p.tick !== st.tick || p.log !== crew.match.log.length) {
      projectMachine(view.machine, st, adopt);
      projectStanding(view, st, isFinished(st));
      this.projected.set(crew.key, { state: st, tick: st.tick, log: crew.match.log.length });
      this.moves.delete(crew.key); // the machine moved: every job's legal moves are recomputed on demand
    }
    const members = crew.players(c.seats);
    const holders = new Map(members.map((seat) => [seat.slot, seat.id]));
    // a job someone present holds (a student, or the solo player who is also the host) shows its legal moves
    const held = new Set(
      c.seats
        .all()
        .filter((seat) => seat.status === 'present' && crew.holds(seat))
        .map((seat) => seat.slot),
    );
    projectSlots(
      view,
      crew.match.slots.map((slot) => [
        slot.key,
        {
          role: slot.role,
          holder:
            holders.get(slot.key) ??
            (c.mode.hostPlays ? (c.seats.all().find((seat) => seat.slot === slot.key)?.id ?? '') : ''),
          cores: slot.role === 'scheduler' ? slot.cores : [],
          tid: slotThreadId(st, slot) ?? -1,
          channel: slot.role === 'ipc' ? slot.channel : '',
          moves: held.has(slot.key) ? this.movesOf(crew, slot) : [],
        },
      ]),
      adopt,
    );
  }

  /** A job's legal moves as the synced strings the action bar reads, computed once per machine change. */
  private movesOf(crew: Crew, slot: RoleSlot): string[] {
    let byCrew = this.moves.get(crew.key);
    if (!byCrew) {
      byCrew = new Map();
      this.moves.set(crew.key, byCrew);
    }
    let out = byCrew.get(slot.key);
    if (out) return out;
    out = [];
    for (const a of legalMoves(crew.match.state, slot)) {
      const m = toMessage(a);
      if (m) out.push(encodeMove(m));
    }
    byCrew.set(slot.key, out);
    return out;
  }

  override onBeforePatch(): void {
    this.project();
  }

  override broadcastPatch(): boolean {
    // A round that just ended is told to no one before its report is journaled (a few ms): the
    // changes wait in the state and go out with the next patch.
    if (this.game.journaling > 0) return false;
    const t0 = performance.now();
    // Each client's patch and the 'events' message queued after it leave in one write (one writev per
    // client per frame instead of one per frame and message): the sends were most of a patch's cost.
    const corked = corkSockets(this.clients);
    let changed: boolean;
    try {
      changed = super.broadcastPatch();
      this.game.eventsSent(); // the 'events' queued behind the patch went out with it
    } finally {
      for (const socket of corked) socket.uncork();
    }
    roomTimings.patch.record(performance.now() - t0);
    return changed;
  }

  override onAuth(client: Client, options: unknown): Admission & { ok: true } {
    const admission = this.game.admit(options, client.sessionId);
    if (!admission.ok)
      throw new ServerError(JOIN_ERRORS[admission.error], `${admission.error}: ${admission.message}`);
    return admission;
  }

  override onJoin(client: Client): void {
    skipEmptyPatches(client);
    const admission = client.auth as Admission & { ok: true };
    const previous = admission.previousSession;
    if (previous && previous !== client.sessionId) {
      // The same player came back in a new connection: release the old one's held seat or close it.
      const pending = this.held.get(previous);
      if (pending) {
        this.held.delete(previous);
        pending.reject(new Error('resumed in a new connection'));
      }
      this.clients.getById(previous)?.leave(CLOSE_CODES.replaced, 'opened elsewhere');
    }
    this.project();
    this.welcome(client);
  }

  private welcome(client: Client): void {
    const seat = this.game.seats.bySession(client.sessionId);
    if (!seat) return;
    const welcome: Welcome = {
      seat: seat.id,
      slot: seat.slot,
      host: seat.isHost,
      lang: seat.lang,
      code: this.game.options.code,
      leaderboard: this.game.board !== 'off',
      board: this.game.board,
      scoring: this.game.options.match.scoring ?? 'standard',
    };
    client.send('welcome', welcome);
    // what happened lately, so a late joiner's (or a returning player's) feed is not empty; `replay`
    // tells the client to replace its feed rather than add to it
    const recent = this.game.recentEvents(seat);
    const crew = this.game.crewOf(seat);
    if (recent.length > 0)
      client.send('events', {
        tick: crew.match.state.tick,
        events: recent,
        replay: true,
        ...(this.game.mode.crews ? { crew: crew.key } : {}),
      } satisfies ServerMessages['events']);
    if (this.game.lastSummary && this.game.phase === 'ended') client.send('summary', this.game.lastSummary);
    const prediction = this.game.prediction.messageFor(seat.id);
    if (prediction) client.send('prediction', prediction);
  }

  override onDrop(client: Client, code?: number): void {
    // An offender closed for abuse gets no seat held for reconnection (Colyseus calls onLeave next).
    if (code === CLOSE_CODES.abuse) return;
    this.game.drop(client.sessionId);
    const deferred = this.allowReconnection(client, this.reconnectSeconds());
    this.held.set(client.sessionId, deferred);
  }

  override onReconnect(client: Client): void {
    skipEmptyPatches(client);
    this.held.delete(client.sessionId);
    if (!this.game.reconnect(client.sessionId)) {
      client.leave(CLOSE_CODES.kicked, 'this seat is no longer yours');
      return;
    }
    this.project();
    this.welcome(client);
  }

  override onLeave(client: Client): void {
    this.held.delete(client.sessionId);
    this.views.forget(client);
    this.game.leave(client.sessionId);
  }

  /** Seconds a dropped player's seat is held. */
  protected abstract reconnectSeconds(): number;
}

// Every frame passes the guard before Colyseus decodes it.
installFrameGuard(KernelRoom);
