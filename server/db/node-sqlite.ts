// Adapts Node's built-in node:sqlite (DatabaseSync) to the better-sqlite3-shaped object Kysely's SqliteDialect drives.
// node:sqlite needs no native addon, so it runs on the Node 24 the app uses whatever Node compiled node_modules.
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import { DatabaseStatus } from './status.ts';

/**
 * How long one attempt waits in SQLite for a lock another process holds: node:sqlite waits synchronously,
 * stopping the event loop (every room) meanwhile, so an attempt waits briefly and is retried after a timer.
 */
const BUSY_TIMEOUT_MS = 10;

/** How long a query keeps retrying a held lock (a timer between attempts) before it fails. */
const BUSY_GIVE_UP_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True for SQLite's "database is locked" (SQLITE_BUSY) as node:sqlite reports it. */
export function isBusy(error: unknown): boolean {
  const e = error as { errcode?: number; message?: string } | null;
  return (
    (e?.errcode !== undefined && (e.errcode & 0xff) === 5) || /database is locked/i.test(e?.message ?? '')
  );
}

/**
 * Kysely's SqliteDialect over node:sqlite, with two corrections to Kysely's defaults: transactions start with
 * BEGIN IMMEDIATE (the write lock is taken up front and waits out busy_timeout, instead of failing with
 * SQLITE_BUSY when a reader later tries to write), and migrations run inside one transaction (SQLite's DDL is
 * transactional), so a migration applies wholly or not at all and two processes starting together on one
 * file run it once.
 */
export class NodeSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  readonly #status: DatabaseStatus;

  constructor(file: string, status = new DatabaseStatus()) {
    const config: SqliteDialectConfig = { database: () => openNodeSqlite(file) };
    super(config);
    this.#config = config;
    this.#status = status;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#status);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  /** Queries and transactions take the one connection in turn (an async queue): one waiting out a lock holds up the others, never the event loop. */
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;
  #wrapped: DatabaseConnection | null = null;
  readonly #status: DatabaseStatus;

  constructor(config: SqliteDialectConfig, status: DatabaseStatus) {
    super(config);
    this.#status = status;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((r) => {
      release = r;
    });
    await previous;
    this.#release = release;
    this.#wrapped ??= retryingBusy(await super.acquireConnection(), this.#status);
    return this.#wrapped;
  }

  override async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** The connection with every statement retried after a timer while another process holds the lock. */
function retryingBusy(connection: DatabaseConnection, status: DatabaseStatus): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery) {
      const start = Date.now();
      for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
        try {
          const result = await connection.executeQuery<R>(query);
          status.busySince = null;
          return result;
        } catch (error) {
          if (!isBusy(error) || Date.now() - start > BUSY_GIVE_UP_MS) {
            status.busySince = null;
            throw error;
          }
          status.busySince ??= start;
          await sleep(wait);
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Opens (creating it and its folder if needed) a SQLite file with the pragmas the app relies on. */
async function openNodeSqlite(file: string): Promise<SqliteDatabase> {
  // Loaded lazily so a PostgreSQL deployment never touches node:sqlite.
  const { DatabaseSync } = await import('node:sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true, timeout: BUSY_TIMEOUT_MS });
  if (file !== ':memory:') {
    // WAL: readers never block the writer and a crash mid-write leaves the last commit intact.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  }
  return new NodeSqliteDatabase(db);
}

class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  prepare(sql: string): SqliteStatement {
    return new NodeSqliteStatement(this.#db.prepare(sql));
  }
}

class NodeSqliteStatement implements SqliteStatement {
  readonly #stmt: StatementSync;
  /** A statement that yields columns (SELECT, or anything with RETURNING) is read with all(). */
  readonly reader: boolean;

  constructor(stmt: StatementSync) {
    this.#stmt = stmt;
    this.reader = stmt.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#stmt.all(...toInputs(parameters));
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    const { changes, lastInsertRowid } = this.#stmt.run(...toInputs(parameters));
    return { changes, lastInsertRowid };
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#stmt.iterate(...toInputs(parameters));
  }
}

/** node:sqlite binds null, numbers, bigints, strings and bytes; booleans become 0/1; anything else is a bug. */
function toInputs(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value, index): SQLInputValue => {
    if (value === null || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string')
      return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (ArrayBuffer.isView(value)) return value as NodeJS.ArrayBufferView;
    throw new TypeError(`SQLite parameter ${index + 1} has unsupported type ${typeof value}`);
  });
}
