// The live connection to a class room as the game scenes see it: the synced state, who I am, the
// event feed, refusals and the round summary. Handlers are registered the moment the room is joined,
// so nothing the server sends in its first frames is missed.
import type { KernelEvent } from '../../../shared/kernel/types.ts';
import type { PredictionMessage, ScoreMessage, Welcome } from '../../../shared/protocol/server-messages.ts';
import { crewOf, type MachineState, type SyncedRoomState } from '../../../shared/protocol/state.ts';
import type { RoundSummary } from '../../../shared/protocol/summary.ts';
import { RoomConnection, type SdkRoom } from './room-connection.ts';
import { forgetSeat } from './seat-resume.ts';
import { CLOSE_CODES, CONSENTED_CLOSE } from '../../../shared/protocol/errors.ts';
import { t } from '../i18n/index.ts';

/**
 * Close codes after which a reload must not rejoin: left on purpose, removed or closed for good. A drop,
 * a server restart (its rooms come back), given-up reconnection or a seat taken over in another tab
 * ("continue here" reloads) keep it.
 */
const FINAL_CLOSES = new Set<number>([
  CONSENTED_CLOSE,
  CLOSE_CODES.kicked,
  CLOSE_CODES.abuse,
  CLOSE_CODES.closed,
  CLOSE_CODES.rekeyed,
]);

/** The room as the game sees it: the typed connection. */
export type GameRoom = RoomConnection;

/** What the server says right after joining (declared with the server's messages). */
export type { Welcome } from '../../../shared/protocol/server-messages.ts';

/** A refused move: the kernel's 'rejected' (with its sentence) or the edge's 'error'. */
export interface Refusal {
  type: string;
  code: string;
  reason: string;
  /** Increases with every refusal, so a view can tell a new one from the last. */
  serial: number;
  /** True for the edge's 'error' (its reason is English detail: views show edgeRefusalText); false for the kernel's sentence. */
  edge: boolean;
}

/** One event kept for the feed, with the tick it was reported at. */
export interface FeedItem {
  serial: number;
  event: KernelEvent;
}

/** A bot's move for a student who left their job waiting past the grace time, for the feed. */
export interface BotNote {
  serial: number;
  nickname: string;
}

/** What changed, for listeners that redraw only their part. */
export type SessionChange =
  'state' | 'events' | 'refusal' | 'summary' | 'welcome' | 'score' | 'prediction' | 'left';

/** How a session is used. */
export interface SessionOptions {
  projector?: boolean;
  routed?: boolean;
}

/** Most events the feed keeps. */
export const FEED_MAX = 40;

/** A joined room plus everything the client learnt from it. */
export class RoomSession {
  welcome: Welcome | null = null;
  summary: RoundSummary | null = null;
  /** The end-of-round prediction as last told (tally, my pick, the answer once revealed), or null. */
  prediction: PredictionMessage | null = null;
  refusal: Refusal | null = null;
  /** My latest score change with its reason (null before the first one, and again each round). */
  score: ScoreMessage | null = null;
  readonly feed: FeedItem[] = [];
  /** The bots' moves for students of this crew (newest last), shown in the feed. */
  readonly botNotes: BotNote[] = [];
  /** Events of the latest batch, for views that animate them (fork, exec…). */
  latest: KernelEvent[] = [];
  /** Whether the latest batch was a replay (the round's latest events re-sent on joining), which replaces what a view kept. */
  replayed = false;
  /** Bumped on every state patch. */
  version = 0;
  /** The close code once the connection is gone (null while connected). */
  leftCode: number | null = null;
  /** True once this page asked to leave (the Leave button): no notice is shown then. */
  leaving = false;
  private serial = 0;
  private readonly listeners = new Set<(change: SessionChange) => void>();

  /** True for a projector (a host that only watches); false for players. */
  readonly projector: boolean;
  /** True when the round router moves this session between Lobby, Machine and Report (class rooms; solo levels route themselves). */
  readonly routed: boolean;

  constructor(
    readonly room: GameRoom,
    readonly nickname: string,
    readonly code: string,
    options: SessionOptions = {},
  ) {
    this.projector = options.projector ?? false;
    this.routed = options.routed ?? false;
    room.on('welcome', (w: Welcome) => {
      this.welcome = w;
      this.emit('welcome');
    });
    room.on('events', (m) => {
      // the host and projectors hear every crew; the feed follows the crew whose machine is on screen
      if (m.crew !== undefined && m.crew !== this.crewKey()) return;
      // a replay (on joining or coming back) is the round's latest events: it replaces the feed and animates nothing
      if (m.replay) this.feed.length = 0;
      this.latest = m.replay ? [] : [...m.events];
      this.replayed = m.replay === true;
      for (const event of m.events) this.feed.push({ serial: ++this.serial, event });
      if (this.feed.length > FEED_MAX) this.feed.splice(0, this.feed.length - FEED_MAX);
      this.emit('events');
    });
    room.on('rejected', (r) => this.refuse(r.type, r.code, r.reason, false));
    // the machine has waited on my job: the prompt shows where refusals show, beside the controls
    room.on('your-turn', (m) =>
      this.refuse('your-turn', 'your-turn', t('machine.your_turn', { seconds: m.seconds }), false),
    );
    room.on('bot-moved', (m) => {
      if (m.crew !== undefined && m.crew !== this.crewKey()) return;
      this.botNotes.push({ serial: ++this.serial, nickname: m.nickname });
      if (this.botNotes.length > FEED_MAX) this.botNotes.splice(0, this.botNotes.length - FEED_MAX);
      this.emit('events');
    });
    room.on('error', (r) => this.refuse(r.type, r.code, r.message, true));
    room.on('summary', (s: RoundSummary) => {
      this.summary = s;
      this.emit('summary');
    });
    room.on('prediction', (m: PredictionMessage) => {
      this.prediction = m;
      this.emit('prediction');
    });
    room.on('score', (m: ScoreMessage) => {
      this.score = m;
      this.emit('score');
    });
    room.onStateChange(() => {
      this.version++;
      // A new round's lobby: last round's score change is not news any more.
      if (this.score && this.room.state?.phase === 'lobby') this.score = null;
      this.emit('state');
    });
    room.onLeave((code) => {
      this.leftCode = code;
      if (FINAL_CLOSES.has(code)) forgetSeat();
      this.emit('left');
    });
  }

  private refuse(type: string, code: string, reason: string, edge: boolean): void {
    this.refusal = { type, code, reason, serial: ++this.serial, edge };
    this.emit('refusal');
  }

  private emit(change: SessionChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  /** The synced state (decoded by reflection). */
  get state(): SyncedRoomState {
    return this.room.state;
  }

  /**
   * The summary of the round on show, or null while it is still coming: the last round's summary stays
   * in `summary` when the next round ends, and must not be shown as this one's (the report race).
   */
  currentSummary(): RoundSummary | null {
    return this.summary && this.summary.round === this.state?.round ? this.summary : null;
  }

  /** My nickname as the room has it now (the host may have renamed me), or the one I joined with. */
  myNickname(): string {
    const seat = this.seat();
    return (seat ? this.state?.players?.get(seat)?.nickname : undefined) ?? this.nickname;
  }

  /** My seat id: from the welcome, or found by my (unique) nickname until it arrives. */
  seat(): string | null {
    if (this.welcome) return this.welcome.seat;
    for (const [id, p] of this.state?.players?.entries() ?? [])
      if (p.nickname === this.nickname && !p.host) return id;
    return null;
  }

  /** The key of the crew whose machine this client shows (its own; the first for the host and projectors). */
  crewKey(): string | undefined {
    let key: string | undefined;
    if (this.state?.crews)
      this.state.crews.forEach((c, k) => {
        if (c === crewOf(this.state, this.seat())) key = k;
      });
    return key;
  }

  /** The machine this client shows: its crew's. */
  machine(): MachineState | undefined {
    return this.state ? crewOf(this.state, this.seat())?.machine : undefined;
  }

  /** Sends one client message with the payload its type declares (shared/protocol/messages.ts). */
  readonly send: RoomConnection['send'] = (type, ...payload) => this.room.send(type, ...payload);

  /** Listens to changes; returns the function that stops listening. */
  on(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Leaves the room for good. */
  async leave(): Promise<void> {
    this.leaving = true;
    forgetSeat();
    if (current === this) current = null;
    await this.room.leave().catch(() => undefined);
  }
}

let current: RoomSession | null = null;
const openedListeners = new Set<(session: RoomSession) => void>();

/** Wraps a freshly joined room (call in the same task as joinById resolves) and makes it the current session. */
export function openSession(
  room: SdkRoom,
  nickname: string,
  code: string,
  options: SessionOptions = {},
): RoomSession {
  const session = new RoomSession(new RoomConnection(room), nickname, code, options);
  current = session;
  for (const listener of openedListeners) listener(session);
  return session;
}

/** The room this page is in, if any. */
export function currentSession(): RoomSession | null {
  return current;
}

/** Tells the round router about every new session. */
export function onSessionOpened(listener: (session: RoomSession) => void): void {
  openedListeners.add(listener);
}
