// Finished rounds and their players: saved once by the room, read back as reports only by the owning teacher.
import type { Kysely } from 'kysely';
import { fromJson, isUniqueViolation, newId, toJson } from './codec.ts';
import type { DatabaseSchema } from './schema.ts';
import type { JobSpan } from '../../shared/protocol/summary.ts';
import type { RoundPredictions } from '../../shared/roles/prediction.ts';

/** One student's part in a round, as the room measured it. */
export interface RoundPlayer {
  playerId: string;
  nickname: string;
  role: string;
  score: number;
  actionsCount: number;
  refusedCount: number;
  /** Mean time from a prompt to the student's action, or null when they never acted. */
  meanLatencyMs: number | null;
  /** The student's timed actions (JSON). */
  actions: unknown;
  /** The student's crew (rooms with crews; null or absent otherwise). */
  crew?: number | null;
  /** Every job the student held in the round, in order (null or absent in rounds stored before it). */
  jobs?: JobSpan[] | null;
}

/** One student's part in one round of a session: the row of the roles-across-rounds table. */
export interface StudentRound {
  roundNumber: number;
  role: string;
  crew: number | null;
  /** Every job held, in order (null: the round was stored before jobs were kept; `role` is the last one). */
  jobs: JobSpan[] | null;
  score: number;
}

/** One student across a session's rounds (a student is their player id; the nickname is the latest one). */
export interface StudentRoles {
  playerId: string;
  nickname: string;
  rounds: StudentRound[];
}

/** A finished round as the room hands it over; the JSON parts are stored as given and returned parsed. */
export interface FinishedRound {
  sessionId: string;
  roundNumber: number;
  scenarioId: string;
  startedAt: number;
  endedAt: number;
  metrics: unknown;
  /** The same workload replayed under the classic policies, for the side-by-side comparison. */
  baselines: unknown;
  events: unknown;
  /** Gantt chart / timeline data. */
  timeline: unknown;
  players: RoundPlayer[];
}

/** A stored round with everything its report page shows. */
export interface RoundReport extends FinishedRound {
  id: string;
  /** The students' end-of-round predictions (null: the round had none). */
  predictions: RoundPredictions | null;
}

/** A round in a session's list. */
export interface RoundSummary {
  id: string;
  roundNumber: number;
  scenarioId: string;
  startedAt: number;
  endedAt: number;
  playerCount: number;
}

/** The rounds repository. */
export interface RoundsRepository {
  /** Stores a finished round and its players atomically; returns the round's id. Throws if that round number is already stored. */
  save(round: FinishedRound): Promise<string>;
  /** Adds the predictions of a stored round of a session; false when that round is not stored. */
  setPredictions(sessionId: string, roundNumber: number, predictions: RoundPredictions): Promise<boolean>;
  /** A round's full report, only if its session belongs to `teacherId`. */
  getReport(roundId: string, teacherId: string): Promise<RoundReport | undefined>;
  /** The rounds of one of the teacher's sessions in order; empty when the session is not theirs. */
  listForSession(sessionId: string, teacherId: string): Promise<RoundSummary[]>;
  /** Every student of one of the teacher's sessions with their part in each round (in round order); empty when the session is not theirs. */
  rolesForSession(sessionId: string, teacherId: string): Promise<StudentRoles[]>;
}

/** Builds the rounds repository over a Kysely instance. */
export function roundsRepository(db: Kysely<DatabaseSchema>): RoundsRepository {
  return {
    async save(round) {
      checkRound(round);
      const id = newId();
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('rounds')
            .values({
              id,
              session_id: round.sessionId,
              round_number: round.roundNumber,
              scenario_id: round.scenarioId,
              started_at: round.startedAt,
              ended_at: round.endedAt,
              metrics_json: toJson(round.metrics, 'metrics'),
              baselines_json: toJson(round.baselines, 'baselines'),
              events_json: toJson(round.events, 'events'),
              timeline_json: toJson(round.timeline, 'timeline'),
            })
            .execute();
          if (round.players.length === 0) return;
          await trx
            .insertInto('round_players')
            .values(
              round.players.map((p) => ({
                round_id: id,
                player_id: p.playerId,
                nickname: p.nickname,
                role: p.role,
                score: p.score,
                actions_count: p.actionsCount,
                refused_count: p.refusedCount,
                mean_latency_ms: p.meanLatencyMs,
                actions_json: toJson(p.actions, `actions of ${p.playerId}`),
                crew: p.crew ?? null,
                jobs_json: p.jobs ? toJson(p.jobs, `jobs of ${p.playerId}`) : null,
              })),
            )
            .execute();
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new Error(
            `Round ${round.roundNumber} of session ${round.sessionId} is already stored (or a player id repeats)`,
            { cause: error },
          );
        }
        throw error;
      }
      return id;
    },

    async setPredictions(sessionId, roundNumber, predictions) {
      const result = await db
        .updateTable('rounds')
        .set({ predictions_json: toJson(predictions, 'predictions') })
        .where('session_id', '=', sessionId)
        .where('round_number', '=', roundNumber)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async getReport(roundId, teacherId) {
      const row = await db
        .selectFrom('rounds')
        .innerJoin('class_sessions', 'class_sessions.id', 'rounds.session_id')
        .selectAll('rounds')
        .where('rounds.id', '=', roundId)
        .where('class_sessions.teacher_id', '=', teacherId)
        .executeTakeFirst();
      if (!row) return undefined;
      const players = await db
        .selectFrom('round_players')
        .selectAll()
        .where('round_id', '=', roundId)
        .orderBy('score', 'desc')
        .orderBy('nickname')
        .orderBy('player_id')
        .execute();
      return {
        id: row.id,
        sessionId: row.session_id,
        roundNumber: row.round_number,
        scenarioId: row.scenario_id,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        metrics: fromJson(row.metrics_json),
        baselines: fromJson(row.baselines_json),
        events: fromJson(row.events_json),
        timeline: fromJson(row.timeline_json),
        predictions:
          row.predictions_json === null ? null : (fromJson(row.predictions_json) as RoundPredictions),
        players: players.map((p) => ({
          playerId: p.player_id,
          nickname: p.nickname,
          role: p.role,
          score: p.score,
          actionsCount: p.actions_count,
          refusedCount: p.refused_count,
          meanLatencyMs: p.mean_latency_ms,
          actions: fromJson(p.actions_json),
          crew: p.crew,
          jobs: p.jobs_json === null ? null : (fromJson(p.jobs_json) as JobSpan[]),
        })),
      };
    },

    async listForSession(sessionId, teacherId) {
      const rows = await db
        .selectFrom('rounds')
        .innerJoin('class_sessions', 'class_sessions.id', 'rounds.session_id')
        .leftJoin('round_players', 'round_players.round_id', 'rounds.id')
        .select([
          'rounds.id',
          'rounds.round_number',
          'rounds.scenario_id',
          'rounds.started_at',
          'rounds.ended_at',
        ])
        .select((eb) => eb.fn.count<number | string>('round_players.player_id').as('player_count'))
        .where('rounds.session_id', '=', sessionId)
        .where('class_sessions.teacher_id', '=', teacherId)
        .groupBy([
          'rounds.id',
          'rounds.round_number',
          'rounds.scenario_id',
          'rounds.started_at',
          'rounds.ended_at',
        ])
        .orderBy('rounds.round_number')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        roundNumber: r.round_number,
        scenarioId: r.scenario_id,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        playerCount: Number(r.player_count),
      }));
    },

    async rolesForSession(sessionId, teacherId) {
      const rows = await db
        .selectFrom('rounds')
        .innerJoin('class_sessions', 'class_sessions.id', 'rounds.session_id')
        .innerJoin('round_players', 'round_players.round_id', 'rounds.id')
        .select([
          'rounds.round_number',
          'round_players.player_id',
          'round_players.nickname',
          'round_players.role',
          'round_players.crew',
          'round_players.jobs_json',
          'round_players.score',
        ])
        .where('rounds.session_id', '=', sessionId)
        .where('class_sessions.teacher_id', '=', teacherId)
        .orderBy('rounds.round_number')
        .orderBy('round_players.player_id')
        .execute();
      const students = new Map<string, StudentRoles>();
      for (const r of rows) {
        const student = students.get(r.player_id) ?? {
          playerId: r.player_id,
          nickname: r.nickname,
          rounds: [],
        };
        student.nickname = r.nickname; // rows come in round order: the latest nickname wins
        student.rounds.push({
          roundNumber: r.round_number,
          role: r.role,
          crew: r.crew,
          jobs: r.jobs_json === null ? null : (fromJson(r.jobs_json) as JobSpan[]),
          score: r.score,
        });
        students.set(r.player_id, student);
      }
      return [...students.values()].sort(
        (a, b) => a.nickname.localeCompare(b.nickname) || a.playerId.localeCompare(b.playerId),
      );
    },
  };
}

/** Refuses numbers the two backends would store differently (SQLite keeps 2.5 in an integer column, PostgreSQL rounds it). */
function checkRound(round: FinishedRound): void {
  const integers: [string, number][] = [
    ['roundNumber', round.roundNumber],
    ['startedAt', round.startedAt],
    ['endedAt', round.endedAt],
  ];
  for (const p of round.players) {
    integers.push(
      [`score of ${p.playerId}`, p.score],
      [`actionsCount of ${p.playerId}`, p.actionsCount],
      [`refusedCount of ${p.playerId}`, p.refusedCount],
    );
    if (p.meanLatencyMs !== null && !Number.isFinite(p.meanLatencyMs))
      throw new RangeError(`meanLatencyMs of ${p.playerId} must be finite or null`);
  }
  for (const [name, value] of integers) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
  }
}
