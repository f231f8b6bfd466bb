// Adapts Node's built-in node:sqlite (DatabaseSync) to the better-sqlite3-shaped object Kysely's SqliteDialect drives.
// node:sqlite needs no native addon, so it runs on the Node 24 the app uses whatever Node compiled node_modules.
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
  CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver,
  type DatabaseConnection, type DialectAdapter, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement,
} from 'kysely';

/** How long a write waits for a lock held by another process on the same file before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Kysely's SqliteDialect over node:sqlite, with two corrections to Kysely's defaults: transactions start with
 * BEGIN IMMEDIATE (the write lock is taken up front and waits out busy_timeout, instead of failing with
 * SQLITE_BUSY when a reader later tries to write), and migrations run inside one transaction (SQLite's DDL is
 * transactional), so a migration applies wholly or not at all and two processes starting together on one
 * file run it once.
 */
export class NodeSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(file: string) {
    const config: SqliteDialectConfig = { database: () => openNodeSqlite(file) };
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
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
    if (value === null || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (ArrayBuffer.isView(value)) return value as NodeJS.ArrayBufferView;
    throw new TypeError(`SQLite parameter ${index + 1} has unsupported type ${typeof value}`);
  });
}
