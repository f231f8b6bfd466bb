// The per-session CSV export: one row per student per round, RFC 4180 quoting, safe to open in a spreadsheet.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';
import { fromJson } from './codec.ts';
import type { JobSpan } from '../../shared/protocol/summary.ts';

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
  'crew',
  'jobs',
] as const;

/** The column names in Korean, for a teacher whose dashboard is in Korean (the notes' terms). */
const KO_COLUMNS: Record<(typeof CSV_COLUMNS)[number], string> = {
  session_id: '세션 ID',
  join_code: '참가 코드',
  round_number: '라운드',
  round_id: '라운드 ID',
  scenario_id: '시나리오',
  round_started_at: '라운드 시작 시각',
  round_ended_at: '라운드 종료 시각',
  player_id: '학생 ID',
  nickname: '닉네임',
  role: '역할',
  score: '점수',
  actions: '행동 수',
  refused_actions: '거부된 행동 수',
  mean_response_latency_ms: '평균 반응 시간(ms)',
  crew: '크루',
  jobs: '맡은 일(시작 틱)',
};

/** How the export is written: the header's language and the time zone its times are in (UTC, ISO 8601, when none). */
export interface CsvOptions {
  lang?: 'ko' | 'en';
  /** An IANA time zone from the teacher's browser (Asia/Seoul); the time columns' header names it. */
  timeZone?: string;
}

/** True when the runtime knows this IANA time zone. */
export function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The header line: English column names (or Korean ones), with the time zone beside the time columns. */
export function csvHeader(options: CsvOptions = {}): string {
  return CSV_COLUMNS.map((c) => {
    const name = options.lang === 'ko' ? KO_COLUMNS[c] : c;
    return options.timeZone && (c === 'round_started_at' || c === 'round_ended_at')
      ? `${name} (${options.timeZone})`
      : name;
  })
    .map(csvField)
    .join(',');
}

/** A time as ISO 8601 UTC, or as "YYYY-MM-DD HH:mm:ss" local time in the given zone. */
export function csvTime(ms: number, timeZone?: string): string {
  if (!timeZone) return new Date(ms).toISOString();
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Builds the CSV of one of the teacher's sessions, or undefined when the session is not theirs. */
export async function csvForSession(
  db: Kysely<DatabaseSchema>,
  sessionId: string,
  teacherId: string,
  options: CsvOptions = {},
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
      'round_players.crew',
      'round_players.jobs_json',
    ])
    .where('rounds.session_id', '=', sessionId)
    .orderBy('rounds.round_number')
    .orderBy('round_players.nickname')
    .orderBy('round_players.player_id')
    .execute();
  const lines = [csvHeader(options)];
  for (const r of rows) {
    lines.push(
      [
        session.id,
        session.join_code,
        r.round_number,
        r.round_id,
        r.scenario_id,
        csvTime(r.started_at, options.timeZone),
        csvTime(r.ended_at, options.timeZone),
        r.player_id,
        r.nickname,
        r.role,
        r.score,
        r.actions_count,
        r.refused_count,
        r.mean_latency_ms === null ? '' : Math.round(r.mean_latency_ms * 10) / 10,
        r.crew ?? '',
        r.jobs_json === null ? '' : jobsField(fromJson(r.jobs_json) as JobSpan[]),
      ]
        .map(csvField)
        .join(','),
    );
  }
  // A byte-order mark so spreadsheet programs read Korean nicknames as UTF-8; CRLF line ends per RFC 4180.
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Every job a student held in a round, in order, each with the tick it began: "scheduler:0 @0 → thread:counter:1 @14". */
export function jobsField(jobs: readonly JobSpan[]): string {
  return jobs.map((j) => `${j.slot} @${j.fromTick}`).join(' → ');
}

/** Quotes one field per RFC 4180 and defuses spreadsheet formulas in text a student typed (CSV injection). */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
