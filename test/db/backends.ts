// The databases the db suites run against: SQLite always, PostgreSQL when TEST_DATABASE_URL points at a server.
// Each test gets a brand-new database (a temp file, or a CREATE DATABASE on the server) and removes it after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../server/db/index.ts';

/** A fresh, empty database and how to throw it away. */
export interface FreshDatabase {
  config: DatabaseConfig;
  /** Lists the user tables, to check what the migrations created. */
  tables(): Promise<string[]>;
  /** Every row of every user table as JSON text (to search the whole database for a string). */
  dump(): Promise<string>;
  /** Runs one SQL statement outside the server (to set up a database as an older server left it). */
  exec(statement: string): Promise<void>;
  dispose(): Promise<void>;
}

/** One backend under test; `available` is false only for PostgreSQL without TEST_DATABASE_URL. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  fresh(): Promise<FreshDatabase>;
}

const pgUrl = process.env.TEST_DATABASE_URL?.trim();

/** Both backends, for `for (const b of BACKENDS) describe.skipIf(!b.available)(b.name, ...)`. */
export const BACKENDS: Backend[] = [
  { name: 'sqlite', available: true, fresh: freshSqlite },
  { name: 'postgres', available: Boolean(pgUrl), fresh: freshPostgres },
];

async function freshSqlite(): Promise<FreshDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-crew-db-'));
  // A folder that does not exist yet, to prove openDatabase creates it.
  const file = path.join(dir, 'data', 'kernel-crew.sqlite');
  return {
    config: { kind: 'sqlite', file },
    async tables() {
      if (!fs.existsSync(file)) return [];
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        const rows = db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
          )
          .all();
        return rows.map((r) => String(r.name));
      } finally {
        db.close();
      }
    },
    async dump() {
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        const names = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .all()
          .map((r) => String(r.name));
        return JSON.stringify(names.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
      } finally {
        db.close();
      }
    },
    async exec(statement) {
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(file);
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    },
    async dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freshPostgres(): Promise<FreshDatabase> {
  if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `kernel_crew_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolMax: 4 },
    async tables() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
        );
        return rows.map((r) => r.table_name);
      } finally {
        await client.end();
      }
    },
    async dump() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const { rows: names } = await client.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        );
        const out: unknown[] = [];
        for (const { table_name } of names)
          out.push([table_name, (await client.query(`SELECT * FROM "${table_name}"`)).rows]);
        return JSON.stringify(out);
      } finally {
        await client.end();
      }
    },
    async exec(statement) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
