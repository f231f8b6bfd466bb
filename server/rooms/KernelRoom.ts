// What class and solo rooms share: the synced state, the clock, one wildcard handler feeding the
// message table, admissions and reconnection. All game decisions live in RoomGame.
import { Room, ServerError, type Client, type Deferred } from '@colyseus/core';
import { CLOSE_CODES, JOIN_ERRORS } from '../../shared/protocol/errors.ts';
import type { ServerConfig } from '../config.ts';
import { RoomGame, type Admission, type RoomGameOptions } from '../game/room-game.ts';
import type { RoundReportSink } from '../game/round-reports.ts';
import type { BaselineRunner } from '../game/baseline-pool.ts';
import { roleOf } from '../game/roster.ts';
import { legalMoves } from '../../shared/kernel/index.ts';
import { encodeMove, toMessage } from '../../shared/protocol/actions.ts';
import type { ServerMessages, Welcome } from '../../shared/protocol/server-messages.ts';
import { slotThreadId } from '../../shared/roles/slot-thread.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';
import type { CreationGrants } from './directory.ts';
import { roomTimings } from '../metrics.ts';
import type { SnapshotStore } from './room-saver.ts';
import { corkSockets, installFrameGuard } from './colyseus-internals.ts';
import { offences } from './frame-guard.ts';
import {
  RoomState,
  projectMachine,
  projectPlayers,
  projectSlots,
  type RoomStateSchema,
} from './projection.ts';

/** Server-side services every room receives through its registered default options. */
export interface RoomServices {
  config: ServerConfig;
  grants: CreationGrants;
  reports: RoundReportSink;
  /** Where live class rooms are saved for crash recovery (none: rooms are not saved). */
  snapshots?: SnapshotStore;
  /** The worker pool the end-of-round baselines run in (none: in the room's thread). */
  baselines?: BaselineRunner;
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
  /** What the machine view was last projected from; a frame with no message, no tick and no new action skips projectMachine. */
  private projected: { state: unknown; tick: number; log: number; messages: number } = {
    state: null,
    tick: -1,
    log: -1,
    messages: -1,
  };
  private messagesSeen = 0;
  /** Legal moves per held job since the machine was last projected. */
  private readonly moves = new Map<string, string[]>();

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
        disconnect: (seatId, code, reason) => this.clientOf(seatId)?.leave(code, reason),
      },
    });
    this.onMessage('*', (client: Client, type: string | number, payload: unknown) => {
      this.messagesSeen++;
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
    s.phase = c.match.phase;
    s.round = c.match.round;
    s.speed = c.match.clock.ticksPerSecond;
    s.locked = c.locked;
    s.lateJoin = c.lateJoin;
    s.countdown = c.countdown.secondsLeft;
    // The machine changes only through messages (actions, host commands) and ticks (which include the
    // bots' moves); most 50 ms frames have neither, so the full walk over the machine is skipped then.
    const p = this.projected;
    const st = c.match.state;
    if (
      p.state !== st ||
      p.tick !== st.tick ||
      p.log !== c.match.log.length ||
      p.messages !== this.messagesSeen
    ) {
      projectMachine(s.machine, st);
      p.state = st;
      p.tick = st.tick;
      p.log = c.match.log.length;
      p.messages = this.messagesSeen;
      this.moves.clear(); // the machine moved: every job's legal moves are recomputed on demand
    }
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
            role: roleOf(c.match, seat),
            score: seat.score,
            connected: seat.status === 'present',
            host: seat.isHost,
          },
        ]),
    );
    const holders = new Map(c.seats.players().map((seat) => [seat.slot, seat.id]));
    // a job someone present holds (a student, or the solo player who is also the host) shows its legal moves
    const held = new Set(
      c.seats
        .all()
        .filter((seat) => seat.status === 'present')
        .map((seat) => seat.slot),
    );
    projectSlots(
      s,
      c.match.slots.map((slot) => [
        slot.key,
        {
          role: slot.role,
          holder: holders.get(slot.key) ?? '',
          cores: slot.role === 'scheduler' ? slot.cores : [],
          tid: slotThreadId(c.match.state, slot) ?? -1,
          channel: slot.role === 'ipc' ? slot.channel : '',
          moves: held.has(slot.key) ? this.movesOf(slot) : [],
        },
      ]),
    );
  }

  /** A job's legal moves as the synced strings the action bar reads, computed once per machine change. */
  private movesOf(slot: RoleSlot): string[] {
    let out = this.moves.get(slot.key);
    if (out) return out;
    out = [];
    for (const a of legalMoves(this.game.match.state, slot)) {
      const m = toMessage(a);
      if (m) out.push(encodeMove(m));
    }
    this.moves.set(slot.key, out);
    return out;
  }

  override onBeforePatch(): void {
    this.project();
  }

  override broadcastPatch(): boolean {
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
    };
    client.send('welcome', welcome);
    // what happened lately, so a late joiner's (or a returning player's) feed is not empty; `replay`
    // tells the client to replace its feed rather than add to it
    const recent = this.game.recentEvents();
    if (recent.length > 0)
      client.send('events', {
        tick: this.game.match.state.tick,
        events: recent,
        replay: true,
      } satisfies ServerMessages['events']);
    if (this.game.lastSummary && this.game.match.phase === 'ended')
      client.send('summary', this.game.lastSummary);
  }

  override onDrop(client: Client, code?: number): void {
    // An offender closed for abuse gets no seat held for reconnection (Colyseus calls onLeave next).
    if (code === CLOSE_CODES.abuse) return;
    this.game.drop(client.sessionId);
    const deferred = this.allowReconnection(client, this.reconnectSeconds());
    this.held.set(client.sessionId, deferred);
  }

  override onReconnect(client: Client): void {
    this.held.delete(client.sessionId);
    if (!this.game.reconnect(client.sessionId)) {
      client.leave(CLOSE_CODES.kicked, 'this seat is no longer yours');
      return;
    }
    this.welcome(client);
  }

  override onLeave(client: Client): void {
    this.held.delete(client.sessionId);
    this.game.leave(client.sessionId);
  }

  /** Seconds a dropped player's seat is held. */
  protected abstract reconnectSeconds(): number;
}

// Every frame passes the guard before Colyseus decodes it.
installFrameGuard(KernelRoom);
