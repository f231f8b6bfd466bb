// The RoundReportSink the server uses: every finished round of a teacher's room goes into the database
// (metrics, baselines, timeline, each student's role, actions, refusals and response latency), and the
// class session ends when its room closes. Rooms created without a teacher are not stored.
import type { Database, RoundPlayer } from '../db/index.ts';
import type { RoundRecord, RoundReportSink } from '../game/round-reports.ts';

/** What the sink knows of a teacher's live room. */
export interface LiveRoom {
  sessionId: string;
  teacherId: string;
  roomId: string;
  code: string;
  /** Kept in memory only, so the teacher's dashboard can take the room back after a reload. */
  hostKey: string;
}

/** Stores the rounds of teachers' rooms. */
export class DatabaseRoundReports implements RoundReportSink {
  private readonly rooms = new Map<string, LiveRoom>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly db: Database) {}

  /** Links a new room to its class session so its rounds are stored there. */
  bind(room: LiveRoom): void {
    this.rooms.set(room.roomId, room);
  }

  /** The open room of one of the teacher's sessions, if it is still open. */
  liveRoom(sessionId: string, teacherId: string): LiveRoom | undefined {
    for (const r of this.rooms.values()) if (r.sessionId === sessionId && r.teacherId === teacherId) return r;
    return undefined;
  }

  /** Stores a finished round when its room belongs to a teacher. */
  save(record: RoundRecord): Promise<void> {
    const room = this.rooms.get(record.roomId);
    if (!room) return Promise.resolve();
    return this.track(this.db.rounds.save(toFinishedRound(room.sessionId, record)).then(() => undefined));
  }

  /** Ends the class session of a room that closed. */
  roomClosed(roomId: string): Promise<void> {
    const room = this.rooms.get(roomId);
    if (!room) return Promise.resolve();
    this.rooms.delete(roomId);
    return this.track(this.db.classSessions.end(room.sessionId, room.teacherId).then(() => undefined));
  }

  /** Waits for every write in progress (before the database closes). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => { this.pending.delete(p); };
    p.then(done, done);
    return p;
  }
}

/** The stored form of a round: the summary's figures plus each student's part. */
export function toFinishedRound(sessionId: string, record: RoundRecord): Parameters<Database['rounds']['save']>[0] {
  const s = record.summary;
  // The Gantt chart and notable events travel in the summary (CoreRun[][] and NotableEvent[]).
  const extra = s as unknown as { timeline?: unknown; notable?: unknown };
  const players: RoundPlayer[] = [];
  const seen = new Set<string>();
  for (const p of s.players) {
    const playerId = record.playerIds[p.seat];
    if (!playerId || seen.has(playerId)) continue;
    seen.add(playerId);
    const a = record.activity?.[p.seat];
    players.push({
      playerId, nickname: p.nickname, role: p.role, score: Math.round(p.score),
      actionsCount: a?.actions ?? 0, refusedCount: a?.refused ?? 0, meanLatencyMs: a?.meanLatencyMs ?? null,
      actions: { slot: p.slot, seat: p.seat, log: a?.log ?? [] },
    });
  }
  return {
    sessionId,
    roundNumber: s.round,
    scenarioId: s.scenario,
    startedAt: Math.round(record.startedAt),
    endedAt: Math.round(record.endedAt),
    metrics: { class: s.class, processes: s.processes, finished: s.finished, ticks: s.ticks, endedBy: s.endedBy, seed: s.seed, actions: s.actions },
    baselines: s.baselines,
    events: extra.notable ?? [],
    timeline: { ticks: s.ticks, cores: extra.timeline ?? [] },
    players,
  };
}
