// The RoundReportSink the server uses: every finished round of a teacher's room goes into the database
// (metrics, baselines, timeline, each student's role, actions, refusals and response latency), and the
// class session ends when its room closes for good. Rooms created without a teacher are not stored.
import { matchMaker } from '@colyseus/core';
import pRetry from 'p-retry';
import type { Database, RoundPlayer } from '../db/index.ts';
import { ROOM_NAMES, withoutPlainHostKey, type ClassRoomMetadata } from '../rooms/directory.ts';
import type { JournaledEnd, RoundRecord, RoundRef, RoundReportSink } from '../game/round-reports.ts';
import type { RoundPredictions } from '../../shared/roles/prediction.ts';
import type { BaselineJob, BaselineRunner } from '../game/baseline-pool.ts';
import { isUniqueViolation } from '../db/codec.ts';
import type { RoundSummary as SentSummary } from '../../shared/protocol/summary.ts';
import type { TimedAction } from '../../shared/kernel/index.ts';

/** A teacher's open room, as the dashboard shows it (hosting it takes a host pass: the host key is kept by no one). */
export interface LiveRoom {
  roomId: string;
  code: string;
  /** The projector link's read-only key. */
  viewerKey: string;
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
    if (!session || typeof session.settings !== 'object' || session.settings === null) return undefined;
    let settings = session.settings as { viewerKey?: unknown; hostKey?: unknown };
    if (typeof settings.hostKey === 'string') {
      // A row written before host keys were hashed (and not migrated yet): kept as hash and viewer key from now on.
      settings = withoutPlainHostKey(settings);
      await this.db.classSessions.updateSettings(sessionId, teacherId, { ...settings, hostKey: undefined });
    }
    if (typeof settings.viewerKey !== 'string') return undefined;
    return { roomId: room.roomId, code: session.joinCode, viewerKey: settings.viewerKey };
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

  /** Adds a stored round's predictions (teachers' rooms; retried like the report itself). */
  predictions(ref: RoundRef, predictions: RoundPredictions): Promise<void> {
    const session = ref.session;
    if (!session) return Promise.resolve();
    return this.persist(`${session.id}/${ref.round}`, 'store the predictions of', async () => {
      if (!(await this.db.rounds.setPredictions(session.id, ref.round, predictions)))
        throw new Error('the round is not stored yet');
    });
  }

  /** Finished rounds whose write failed (a full disk, a database gone away), retried until stored; /api/health reports them. */
  unsaved(): number {
    return this.failing.size;
  }

  /** Writes that failed and are being retried (a round's journal entry, or its report), by round. */
  private readonly failing = new Set<string>();
  /** Aborted at shutdown (stopRetrying): writes still failing give up instead of retrying forever. */
  private readonly stopping = new AbortController();

  /** At shutdown, before the rooms close: a journal write still failing gives up now (its room then saves no ended snapshot). */
  stopRetrying(): void {
    this.stopping.abort(new Error('the server is stopping'));
  }

  /**
   * One write, retried until it lands: 250 ms after a failure, doubling up to every RETRY_SECONDS, the
   * round counted in unsaved() meanwhile. The one retry rule of both writes a round makes (its journal
   * entry, then its report). Rejects only once the server stops with the write still failing (a write
   * begun after that is tried once).
   */
  private async persist(
    key: string,
    what: string,
    write: () => Promise<unknown>,
    logged = false,
  ): Promise<void> {
    const signal = this.stopping.signal;
    try {
      if (signal.aborted) await this.track(write());
      else
        await pRetry(() => this.track(write()), {
          retries: Infinity,
          factor: 2,
          minTimeout: 250,
          maxTimeout: RETRY_SECONDS * 1000,
          randomize: false,
          signal,
          onFailedAttempt: ({ error, attemptNumber }) => {
            this.failing.add(key);
            if (attemptNumber === 1 && !logged)
              console.error(`[reports] could not ${what} round ${key}: kept and the write retried`, error);
          },
        });
    } finally {
      // stored, or given up at shutdown (the journal keeps what the report needs for the next start)
      this.failing.delete(key);
    }
  }

  /**
   * Journals a finished round of a teacher's room in report_outbox before its end is announced; resolves
   * only once it is stored (retried as persist says): the room tells no one the round ended and saves no
   * ended snapshot until then, so a crash at any moment neither loses the report nor brings back an
   * ended round without it. Rejects only when the server shuts down with the write still failing.
   */
  async journal(record: RoundRecord, job: BaselineJob): Promise<void> {
    if (!record.session) return;
    const round = toFinishedRound(record.session.id, record);
    await this.persist(`${round.sessionId}/${round.roundNumber}`, 'journal', () =>
      this.db.reportOutbox.put({
        sessionId: round.sessionId,
        roundNumber: round.roundNumber,
        round,
        replay: { job, log: record.log },
        summary: record.summary,
      }),
    );
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

  /**
   * Stores a round's report; resolves after the first attempt. A failed one is retried in the background
   * until stored (persist), tried once more at shutdown, and else kept by its journal entry for drain()
   * at the next start.
   */
  private async store(round: StoredRound): Promise<void> {
    const key = `${round.sessionId}/${round.roundNumber}`;
    try {
      await this.track(this.saveOnce(round));
    } catch (error) {
      this.failing.add(key);
      console.error(`[reports] could not store round ${key}: kept and the write retried`, error);
      void this.track(
        this.persist(key, 'store', () => this.saveOnce(round), true).catch(() =>
          this.saveOnce(round).catch((e: unknown) => {
            console.error(
              `[reports] round ${key} could not be stored before shutdown: kept in the journal`,
              e,
            );
          }),
        ),
      );
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

  /** Stops the retries and waits for every write in progress (before the database closes): a report still failing is tried once more. */
  async flush(): Promise<void> {
    this.stopRetrying();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
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

/** The longest wait between two attempts of a write that keeps failing, in seconds. */
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
      crew: p.crew ?? null,
      jobs: p.jobs ?? null,
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
