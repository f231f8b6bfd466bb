// Chooses the database from the environment: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the data lives; built from the environment by databaseConfigFromEnv or by tests directly. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolMax?: number };

/** The default SQLite file, relative to the repository root (like every path in server/config.ts). */
export const DEFAULT_DATABASE_FILE = 'data/kernel-crew.sqlite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Reads DATABASE_URL / DATABASE_FILE from the environment the server config passes in (server/ reads process.env in one place). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  const file = env.DATABASE_FILE?.trim() || DEFAULT_DATABASE_FILE;
  return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(root, file) };
}
