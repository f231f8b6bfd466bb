// Small conversions every repository needs: JSON columns, fresh ids and recognising a unique-key clash on both backends.
import { randomUUID } from 'node:crypto';

/** Serialises a value for a JSON text column; refuses values JSON cannot hold instead of storing "undefined". */
export function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} is not JSON-serialisable`);
  return text;
}

/** Parses a JSON text column written by toJson. */
export function fromJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** A new random primary key; ids are unguessable so they can appear in report URLs. */
export function newId(): string {
  return randomUUID();
}

/** True when a write failed because a UNIQUE or PRIMARY KEY constraint was violated (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; errcode?: unknown };
  // PostgreSQL: SQLSTATE 23505 unique_violation.
  if (e.code === '23505') return true;
  // node:sqlite: extended result codes SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
  return e.errcode === 2067 || e.errcode === 1555;
}
