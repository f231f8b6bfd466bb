// Saves a live class room for crash recovery as it runs: each save appends only the actions logged
// since the previous one and rewrites the small room document (seats, phase, tick), so saving every
// few seconds stays cheap however long the round. Writes are queued so they land in order.
import type { SnapshotsRepository } from '../db/index.ts';
import type { RoomGame } from '../game/room-game.ts';
import {
  captureRoom,
  savedEntry,
  type RoomDocument,
  type SavedCreateOptions,
  type SavedLogEntry,
} from '../game/room-snapshot.ts';

/** Where snapshots go: the database's repository, or the in-memory one below. */
export type SnapshotStore = SnapshotsRepository;

/** Where a resumed room's saved log stood, so appending continues after it. */
export interface SavedPosition {
  round: number;
  /** How many of each crew's log entries are stored (crew number → entries). */
  logLengths: Record<number, number>;
  chunks: number;
}

let lastErrorLog = 0;
function logRateLimited(message: string, error: unknown): void {
  const now = Date.now();
  if (now - lastErrorLog < 10_000) return;
  lastErrorLog = now;
  console.error(`[snapshots] ${message}`, error);
}

/** Keeps one room's snapshot up to date. */
export class RoomSaver {
  private chain: Promise<void> = Promise.resolve();
  private round: number;
  /** How many of each crew's log entries are stored, by crew number. */
  private logged: Map<number, number>;
  private chunks: number;
  private lastDocument = '';
  private broken = false;

  constructor(
    private readonly store: SnapshotStore,
    private readonly roomId: string,
    private readonly game: RoomGame,
    private create: SavedCreateOptions,
    from: SavedPosition | null = null,
  ) {
    this.round = from?.round ?? game.match.round;
    this.logged = new Map(Object.entries(from?.logLengths ?? {}).map(([n, length]) => [Number(n), length]));
    this.chunks = from?.chunks ?? 0;
  }

  /** Saves what changed since the last save; resolves when it (and every earlier save) is stored. */
  flush(): Promise<void> {
    // A round's end still being journaled is saved by no snapshot before its journal is stored (the
    // class room saves at once then): a crash in between would bring the room back ended without its report.
    if (this.game.journaling > 0) return this.chain;
    const m = this.game.match;
    const crews = this.game.crews;
    // Everything is read now, synchronously, so the document and the appended entries agree. The log
    // is written again from the start after a failed save, in a new round, and when the crews changed.
    const sameCrews =
      crews.length === Math.max(1, this.logged.size) &&
      crews.every((c) => c.match.log.length >= (this.logged.get(c.number) ?? 0));
    const restart = this.broken || m.round !== this.round || !sameCrews;
    if (restart) {
      this.round = m.round;
      this.logged = new Map();
      this.chunks = 0;
      this.lastDocument = '';
      this.broken = false;
    }
    const entries: SavedLogEntry[] = [];
    for (const c of crews) {
      const from = this.logged.get(c.number) ?? 0;
      for (const action of c.match.log.slice(from)) entries.push(savedEntry(c.number, action));
      this.logged.set(c.number, c.match.log.length);
    }
    const seq = this.chunks;
    const doc: RoomDocument = captureRoom(this.game, this.create);
    const text = JSON.stringify(doc);
    const header =
      text === this.lastDocument
        ? null
        : { roomId: this.roomId, scenario: m.options.scenario, seed: m.options.seed, actionLog: doc };
    if (entries.length > 0) this.chunks++;
    this.lastDocument = text;
    const store = this.store;
    const roomId = this.roomId;
    this.chain = this.chain
      .then(async () => {
        if (restart) await store.clearLog(roomId);
        if (entries.length > 0) await store.appendLog(roomId, seq, entries);
        if (header) await store.save(header);
      })
      .catch((e: unknown) => {
        this.broken = true; // the next save rewrites the whole log
        logRateLimited(`could not save room ${roomId}`, e);
      });
    return this.chain;
  }

  /** The room's host key was rotated: later saves (and so a room recovered after a crash) carry the new one's hash and viewer key. */
  rekey(keys: Pick<SavedCreateOptions, 'hostKeyHash' | 'viewerKey'>): Promise<void> {
    this.create = { ...this.create, ...keys };
    return this.flush();
  }

  /** Forgets the room's snapshot (it closed for good), after any save still under way. */
  discard(): Promise<void> {
    this.chain = this.chain
      .then(() => this.store.delete(this.roomId))
      .then(
        () => undefined,
        (e: unknown) => logRateLimited(`could not delete room ${this.roomId}`, e),
      );
    return this.chain;
  }
}

/** Snapshots in memory: for tests and for a server without a database. */
export class MemorySnapshots implements SnapshotStore {
  private readonly rows = new Map<
    string,
    { scenario: unknown; seed: number; actionLog: unknown; savedAt: number }
  >();
  private readonly logs = new Map<string, unknown[][]>();

  async save(s: { roomId: string; scenario: unknown; seed: number; actionLog: unknown }): Promise<void> {
    this.rows.set(
      s.roomId,
      structuredClone({ scenario: s.scenario, seed: s.seed, actionLog: s.actionLog, savedAt: Date.now() }),
    );
  }
  async load(roomId: string) {
    const r = this.rows.get(roomId);
    return r ? { roomId, ...structuredClone(r) } : undefined;
  }
  async list() {
    return [...this.rows]
      .map(([roomId, r]) => ({ roomId, savedAt: r.savedAt }))
      .sort((a, b) => a.savedAt - b.savedAt);
  }
  async delete(roomId: string): Promise<boolean> {
    this.logs.delete(roomId);
    return this.rows.delete(roomId);
  }
  async appendLog(roomId: string, seq: number, entries: unknown[]): Promise<void> {
    const chunks = this.logs.get(roomId) ?? [];
    if (seq !== chunks.length) throw new Error(`chunk ${seq} out of order (have ${chunks.length})`);
    chunks.push(structuredClone(entries));
    this.logs.set(roomId, chunks);
  }
  async readLog(roomId: string) {
    const chunks = this.logs.get(roomId) ?? [];
    return { entries: structuredClone(chunks.flat()), chunks: chunks.length };
  }
  async clearLog(roomId: string): Promise<void> {
    this.logs.delete(roomId);
  }
}
