// What /api/health says of the database without asking it anything (a question would queue behind a
// write waiting out another process's lock): whether a query is waiting for a lock, and whether the
// latest query failed, kept as the queries run.
import type { LogEvent } from 'kysely';
import { isUniqueViolation } from './codec.ts';

/** The database as the dashboard's health line shows it. */
export type DatabaseState = 'ok' | 'busy' | 'failing';

/** How long a query must wait for a lock before the database counts as busy. */
const BUSY_AFTER_MS = 1000;

/** Watches the queries of one database. */
export class DatabaseStatus {
  /** When a query started waiting for a lock another process holds (null: none waits). */
  busySince: number | null = null;
  private lastError: { at: number; message: string } | null = null;
  private lastOk = 0;

  /** Kysely's log hook: every query's outcome (a refused duplicate is an answer, not a failure). */
  readonly log = (event: LogEvent): void => {
    if (event.level === 'error' && !isUniqueViolation(event.error)) {
      this.lastError = { at: Date.now(), message: (event.error as Error)?.message ?? String(event.error) };
    } else if (event.level === 'query') this.lastOk = Date.now();
  };

  /** The state now, with the latest error while it is failing. */
  now(at = Date.now()): { state: DatabaseState; detail?: string } {
    if (this.lastError && this.lastError.at >= this.lastOk)
      return { state: 'failing', detail: this.lastError.message };
    if (this.busySince !== null && at - this.busySince >= BUSY_AFTER_MS)
      return { state: 'busy', detail: `a query has waited ${at - this.busySince} ms for a lock` };
    return { state: 'ok' };
  }
}
