// The RoundReportSink the server uses: every finished round of a teacher's room goes into the database
// (metrics, baselines, timeline, each student's role, actions, refusals and response latency), and the
// class session ends when its room closes for good. Rooms created without a teacher are not stored.
import { matchMaker } from '@colyseus/core';
import type { Database, RoundPlayer } from '../db/index.ts';
import { ROOM_NAMES, type ClassRoomMetadata } from '../rooms/directory.ts';
import type { JournaledEnd, RoundRecord, RoundReportSink } from '../game/round-reports.ts';
import type { BaselineJob, BaselineRunner } from '../game/baseline-pool.ts';
import { isUniqueViolation } from '../db/codec.ts';
import type { RoundSummary as SentSummary } from '../../shared/protocol/summary.ts';
import type { TimedAction } from '../../shared/kernel/index.ts';

/** A teacher's open room, as the dashboard needs it to host it again after a reload. */
export interface LiveRoom {
  roomId: string;
  code: string;
  hostKey: string;
}

/** Stores the rounds of teachers' rooms (each room carries its class session, so any process and a recovered room store correctly). */
export class DatabaseRoundReports implements RoundReportSink {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly db: Database) {}

  /** The open room of one of the teacher's sessions (found through the matchmaker, on any process), or undefined. */
  async liveRoom(sessionId: string, teacherId: string): Promise<LiveRoom | undefined> {
    const rooms = await matchMaker.query({ name: ROOM_NAMES.class });
    const room = rooms.find((r) => (r.metadata as ClassRoomMetadata | undefined)?.sessionId === sessionId);
    if (!room) return undefined;
    const session = await this.db.classSessions.get(sessionId, teacherId);
    const hostKey = (session?.settings as { hostKey?: unknown } | null)?.hostKey;
    if (!session || typeof hostKey !== 'string') return undefined;
    return { roomId: room.roomId, code: session.joinCode, hostKey };
  }

  /** The ids of the teacher's sessions whose rooms are open. */
  async liveSessionIds(): Promise<Set<string>> {
    const rooms = await matchMaker.query({ name: ROOM_NAMES.class });
    return new Set(
      rooms
        .map((r) => (r.metadata as ClassRoomMetadata | undefined)?.sessionId)
        .filter((id): id is string => typeof id === 'string'),
    );
  }

  /** Stores a finished round when its room belongs to a teacher's session. */
  save(record: RoundRecord): Promise<void> {
    if (!record.session) return Promise.resolve();
    return this.track(this.store(toFinishedRound(record.session.id, record)));
  }

  /** Finished rounds whose write failed (a full disk, a database gone away), retried until stored; /api/health reports them. */
  unsaved(): number {
    return this.outbox.length + this.unjournaled.size;
  }

  /** Rounds whose journal write failed and is being retried (their room holds the end meanwhile). */
  private readonly unjournaled = new Set<string>();
  /** Set at shutdown (stopRetrying): journal writes still failing give up instead of retrying forever. */
  private closing = false;
  /** Wakes the journal retries that are waiting (shutdown). */
  private readonly wakers = new Set<() => void>();

  /** At shutdown, before the rooms close: a journal write still failing gives up now (its room then saves no ended snapshot). */
  stopRetrying(): void {
    this.closing = true;
    for (const wake of this.wakers) wake();
  }

  /**
   * Journals a finished round of a teacher's room in report_outbox before its end is announced; resolves
   * only once it is stored. A failed write (a full disk) is retried, 250 ms then doubling up to every
   * RETRY_SECONDS, counted in unsaved() meanwhile: the room tells no one the round ended and saves no
   * ended snapshot until then, so a crash at any moment neither loses the report nor brings back an
   * ended round without it. Rejects only when the server shuts down with the write still failing.
   */
  async journal(record: RoundRecord, job: BaselineJob): Promise<void> {
    if (!record.session) return;
    const round = toFinishedRound(record.session.id, record);
    const key = `${round.sessionId}/${round.roundNumber}`;
    const entry = {
      sessionId: round.sessionId,
      roundNumber: round.roundNumber,
      round,
      replay: { job, log: record.log },
      summary: record.summary,
    };
    for (let attempt = 0, wait = 250; ; attempt++) {
      try {
        await this.track(this.db.reportOutbox.put(entry));
        if (attempt > 0)
          console.error(
            `[reports] round ${round.roundNumber} of session ${round.sessionId} journaled after ${attempt} retries`,
          );
        this.unjournaled.delete(key);
        return;
      } catch (error) {
        this.unjournaled.add(key);
        if (this.closing) throw error;
        if (attempt === 0)
          console.error(
            `[reports] could not journal round ${round.roundNumber} of session ${round.sessionId}: its end is held and the write retried`,
            error,
          );
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.wakers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, wait);
          this.wakers.add(wake);
        });
        wait = Math.min(wait * 2, RETRY_SECONDS * 1000);
      }
    }
  }

  /** A session's journaled round (its summary and log), for a room recovered after a crash. */
  async journaled(sessionId: string, round: number): Promise<JournaledEnd | undefined> {
    const entry = await this.db.reportOutbox.find(sessionId, round);
    if (!entry) return undefined;
    const { log } = entry.replay as { log: TimedAction[] };
    return { summary: entry.summary as SentSummary, log };
  }

  /**
   * At start-up: stores every journaled round whose report a crash kept from the database (its
   * baselines computed now); a round that was stored already is only marked so. Returns how many.
   */
  async drain(runBaselines: BaselineRunner): Promise<number> {
    let stored = 0;
    for (const entry of await this.db.reportOutbox.unstored()) {
      const { job } = entry.replay as { job: BaselineJob };
      const baselines = await runBaselines(job).catch((e: unknown) => {
        console.error('[reports] could not compute the baselines of a journaled round', e);
        return [];
      });
      await this.store({ ...(entry.round as StoredRound), baselines });
      stored++;
    }
    return stored;
  }

  private readonly outbox: StoredRound[] = [];
  private retryTimer: NodeJS.Timeout | null = null;

  private async store(round: StoredRound): Promise<void> {
    try {
      await this.saveOnce(round);
    } catch (error) {
      console.error(
        `[reports] could not store round ${round.roundNumber} of session ${round.sessionId}: kept and retried every ${RETRY_SECONDS} s`,
        error,
      );
      this.outbox.push(round);
      this.retryTimer ??= setInterval(() => {
        void this.retry();
      }, RETRY_SECONDS * 1000);
      this.retryTimer.unref();
    }
  }

  /** Tries the outbox again, oldest first; stops at the first failure. */
  async retry(): Promise<void> {
    while (this.outbox.length > 0) {
      try {
        await this.saveOnce(this.outbox[0]!);
      } catch {
        return;
      }
      this.outbox.shift();
    }
    if (this.retryTimer) {
      clearInterval(this.retryTimer);
      this.retryTimer = null;
    }
  }

  /** Stores a round (once: a round already stored counts as stored) and marks its journal entry stored. */
  private async saveOnce(round: StoredRound): Promise<void> {
    try {
      await this.db.rounds.save(round);
    } catch (error) {
      if (!isUniqueViolation((error as { cause?: unknown }).cause)) throw error;
    }
    await this.db.reportOutbox.markStored(round.sessionId, round.roundNumber);
    this.unjournaled.delete(`${round.sessionId}/${round.roundNumber}`);
  }

  /** Ends the class session of a room that closed for good (its journal is no longer needed). */
  roomClosed(_roomId: string, session?: { id: string; teacherId: string }): Promise<void> {
    if (!session) return Promise.resolve();
    return this.track(
      Promise.all([
        this.db.classSessions.end(session.id, session.teacherId),
        this.db.reportOutbox.removeSession(session.id),
      ]).then(() => undefined),
    );
  }

  /** Waits for every write in progress (before the database closes), and tries the outbox once more. */
  async flush(): Promise<void> {
    this.stopRetrying();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await this.retry();
    if (this.outbox.length > 0)
      console.error(`[reports] ${this.outbox.length} finished rounds could not be stored before shutdown`);
    if (this.retryTimer) {
      clearInterval(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => {
      this.pending.delete(p);
    };
    p.then(done, done);
    return p;
  }
}

/** Seconds between attempts to store rounds whose write failed. */
const RETRY_SECONDS = 10;

type StoredRound = Parameters<Database['rounds']['save']>[0];

/** The stored form of a round: the summary's figures plus each student's part. */
export function toFinishedRound(sessionId: string, record: RoundRecord): StoredRound {
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
      playerId,
      nickname: p.nickname,
      role: p.role,
      score: Math.round(p.score),
      actionsCount: a?.actions ?? 0,
      refusedCount: a?.refused ?? 0,
      meanLatencyMs: a?.meanLatencyMs ?? null,
      actions: { slot: p.slot, seat: p.seat, log: a?.log ?? [] },
    });
  }
  return {
    sessionId,
    roundNumber: s.round,
    scenarioId: s.scenario,
    startedAt: Math.round(record.startedAt),
    endedAt: Math.round(record.endedAt),
    metrics: {
      class: s.class,
      processes: s.processes,
      finished: s.finished,
      ticks: s.ticks,
      endedBy: s.endedBy,
      seed: s.seed,
      actions: s.actions,
    },
    baselines: s.baselines,
    events: extra.notable ?? [],
    timeline: { ticks: s.ticks, cores: extra.timeline ?? [] },
    players,
  };
}
