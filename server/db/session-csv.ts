// The per-session CSV export: one row per student per round, RFC 4180 quoting, safe to open in a spreadsheet.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/** Column names of the export, in order; the first line of every file. */
export const CSV_COLUMNS = [
  'session_id',
  'join_code',
  'round_number',
  'round_id',
  'scenario_id',
  'round_started_at',
  'round_ended_at',
  'player_id',
  'nickname',
  'role',
  'score',
  'actions',
  'refused_actions',
  'mean_response_latency_ms',
] as const;

/** Builds the CSV of one of the teacher's sessions, or undefined when the session is not theirs. */
export async function csvForSession(
  db: Kysely<DatabaseSchema>,
  sessionId: string,
  teacherId: string,
): Promise<string | undefined> {
  const session = await db
    .selectFrom('class_sessions')
    .select(['id', 'join_code'])
    .where('id', '=', sessionId)
    .where('teacher_id', '=', teacherId)
    .executeTakeFirst();
  if (!session) return undefined;
  const rows = await db
    .selectFrom('rounds')
    .innerJoin('round_players', 'round_players.round_id', 'rounds.id')
    .select([
      'rounds.id as round_id',
      'rounds.round_number',
      'rounds.scenario_id',
      'rounds.started_at',
      'rounds.ended_at',
      'round_players.player_id',
      'round_players.nickname',
      'round_players.role',
      'round_players.score',
      'round_players.actions_count',
      'round_players.refused_count',
      'round_players.mean_latency_ms',
    ])
    .where('rounds.session_id', '=', sessionId)
    .orderBy('rounds.round_number')
    .orderBy('round_players.nickname')
    .orderBy('round_players.player_id')
    .execute();
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        session.id,
        session.join_code,
        r.round_number,
        r.round_id,
        r.scenario_id,
        new Date(r.started_at).toISOString(),
        new Date(r.ended_at).toISOString(),
        r.player_id,
        r.nickname,
        r.role,
        r.score,
        r.actions_count,
        r.refused_count,
        r.mean_latency_ms === null ? '' : Math.round(r.mean_latency_ms * 10) / 10,
      ]
        .map(csvField)
        .join(','),
    );
  }
  // A byte-order mark so spreadsheet programs read Korean nicknames as UTF-8; CRLF line ends per RFC 4180.
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Quotes one field per RFC 4180 and defuses spreadsheet formulas in text a student typed (CSV injection). */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
