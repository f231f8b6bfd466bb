// One load-test client: a real SDK client that joins a class room, plays its role like the demo bots
// (client-strategy.ts) and measures action-to-echo latency — from sending an action to the first
// patch that shows its effect (or the server's refusal) — plus the bytes it receives.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client, type Room } from '@colyseus/sdk';
import { crewOf, type MachineState, type SyncedRoomState } from '../../shared/protocol/state.ts';
import { movesFor, type Move } from './client-strategy.ts';

/** Counters shared by every load player of a run. */
export interface LoadCounters {
  /** Action-to-echo latencies in milliseconds (effect seen in a patch). */
  echoes: number[];
  /** Action-to-refusal latencies in milliseconds (the server said no). */
  refusals: number[];
  /** Actions whose effect never showed within ECHO_TIMEOUT_MS. */
  lost: number;
  sent: number;
  bytes: number;
  joinMs: number[];
  joinErrors: number;
  errors: string[];
  /** Connections closed by the server while the player meant to stay. */
  dropped: number;
}

/** A fresh set of counters. */
export function newCounters(): LoadCounters {
  return {
    echoes: [],
    refusals: [],
    lost: 0,
    sent: 0,
    bytes: 0,
    joinMs: [],
    joinErrors: 0,
    errors: [],
    dropped: 0,
  };
}

const ECHO_TIMEOUT_MS = 5000;

type Echo = (m: MachineState) => boolean;
interface Pending {
  type: string;
  key: string;
  sentAt: number;
  echo: Echo;
}

/** What a move's effect looks like in the synced state, judged when the move is sent. */
function echoOf([type, payload]: Move, machine: MachineState, slotTid: number): Echo | null {
  const p = payload as Record<string, number | string>;
  switch (type) {
    case 'dispatch': {
      const core = Number(p.core),
        tid = Number(p.tid);
      return (m) => m.cores.at(core)?.running === tid || m.threads.get(String(tid))?.state !== 'ready';
    }
    case 'handle-interrupt':
      return (m) => !m.interrupts.has(String(p.id));
    case 'deliver': {
      const id = String(p.message);
      return (m) => {
        for (const ch of m.channels.values()) {
          const msg = ch.messages.get(id);
          if (msg) return msg.delivered;
        }
        return true;
      };
    }
    case 'choose': {
      const me = machine.threads.get(String(slotTid));
      if (!me) return null;
      const tid = String(slotTid),
        length = me.program.length;
      return (m) => {
        const t = m.threads.get(tid);
        return !t || t.program.length > length || t.state === 'terminated';
      };
    }
    default:
      return null;
  }
}

/** Settings of one load player. */
export interface LoadPlayerOptions {
  url: string;
  roomId: string;
  code: string;
  nickname: string;
  thinkMs: number;
}

/** A playing client; `stop()` leaves the room. */
export class LoadPlayer {
  room: Room<unknown, SyncedRoomState> | null = null;
  private seat = '';
  private timer: NodeJS.Timeout | null = null;
  private pending: Pending[] = [];
  private leaving = false;
  private lastTick = -1;

  constructor(
    private readonly o: LoadPlayerOptions,
    private readonly c: LoadCounters,
  ) {}

  /** The public seat id the server gave this player ('' before its welcome). */
  get seatId(): string {
    return this.seat;
  }

  /** Joins the room by id with the code; false when the join was refused. */
  async join(): Promise<boolean> {
    const t0 = performance.now();
    try {
      const room = await new Client(this.o.url).joinById<SyncedRoomState>(this.o.roomId, {
        secret: `load-${randomBytes(8).toString('hex')}`,
        nickname: this.o.nickname,
        code: this.o.code,
        lang: 'en',
      });
      this.room = room;
      const onData = room.connection.events.onmessage;
      room.connection.events.onmessage = (ev: MessageEvent) => {
        this.c.bytes += (ev.data as ArrayBuffer).byteLength ?? 0;
        onData?.(ev);
      };
      room.onMessage('welcome', (w: { seat: string }) => {
        this.seat = w.seat;
      });
      room.onMessage('rejected', (r: { type: string }) => this.answered(r.type));
      room.onMessage('error', (e: { code: string; type: string }) => {
        this.answered(e.type);
        if (this.c.errors.length < 50) this.c.errors.push(`error ${e.code} on ${e.type}`);
      });
      room.onMessage('events', () => undefined);
      room.onMessage('summary', () => undefined);
      room.onMessage('your-turn', () => undefined);
      room.onMessage('bot-moved', () => undefined);
      room.onMessage('score', () => undefined);
      room.onStateChange((s) => this.onPatch(s));
      room.onLeave((code) => {
        if (!this.leaving) {
          this.c.dropped++;
          if (this.c.errors.length < 50) this.c.errors.push(`dropped with code ${code}`);
        }
      });
      await new Promise<void>((resolve) => {
        if (room.state?.crews?.size) resolve();
        else room.onStateChange.once(() => resolve());
      });
      this.c.joinMs.push(performance.now() - t0);
      this.timer = setInterval(
        () => this.think(),
        this.o.thinkMs + Math.floor(Math.random() * this.o.thinkMs),
      );
      return true;
    } catch (e) {
      this.c.joinErrors++;
      if (this.c.errors.length < 50) this.c.errors.push(`join: ${(e as Error).message}`);
      return false;
    }
  }

  private think(): void {
    const state = this.room?.state;
    const me = state?.players?.get(this.seat);
    const crew = state ? crewOf(state, this.seat) : undefined;
    const machine = crew?.machine;
    if (!state || !me || !crew || !machine || machine.tick === this.lastTick) return;
    this.lastTick = machine.tick;
    const now = performance.now();
    const slotTid = crew.slots.get(me.slot)?.tid ?? -1;
    for (const move of movesFor(state, this.seat)) {
      const key = `${move[0]}:${JSON.stringify(move[1])}`;
      if (this.pending.some((p) => p.key === key)) continue;
      const echo = echoOf(move, machine, slotTid);
      this.room!.send(move[0], move[1]);
      this.c.sent++;
      if (echo) this.pending.push({ type: move[0], key, sentAt: now, echo });
    }
  }

  private onPatch(state: SyncedRoomState): void {
    const machine = this.pending.length === 0 ? undefined : crewOf(state, this.seat)?.machine;
    if (!machine) return;
    const now = performance.now();
    this.pending = this.pending.filter((p) => {
      if (p.echo(machine)) {
        this.c.echoes.push(now - p.sentAt);
        return false;
      }
      if (now - p.sentAt > ECHO_TIMEOUT_MS) {
        this.c.lost++;
        return false;
      }
      return true;
    });
  }

  private answered(type: string): void {
    const i = this.pending.findIndex((p) => p.type === type);
    if (i < 0) return;
    this.c.refusals.push(performance.now() - this.pending[i]!.sentAt);
    this.pending.splice(i, 1);
  }

  /** Stops playing and leaves the room. */
  async stop(): Promise<void> {
    this.leaving = true;
    if (this.timer) clearInterval(this.timer);
    await this.room?.leave().catch(() => undefined);
  }
}
