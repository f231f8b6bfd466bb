// Chooses the database from the environment: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
import path from 'node:path';

/** Where the data lives; built from the environment by databaseConfigFromEnv or by tests directly. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolMax?: number };

/** The default SQLite file, relative to the working directory (the repository root under `npm start`). */
export const DEFAULT_DATABASE_FILE = 'data/kernel-crew.sqlite';

/** Reads DATABASE_URL / DATABASE_FILE so the server and scripts agree on one rule. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  const file = env.DATABASE_FILE?.trim() || DEFAULT_DATABASE_FILE;
  return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
}
