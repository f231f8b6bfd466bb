// Builds the one Kysely query layer over either backend; the repositories never know which one they talk to.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from './config.ts';
import { NodeSqliteDialect } from './node-sqlite.ts';
import type { DatabaseSchema } from './schema.ts';
import { DatabaseStatus } from './status.ts';

const INT8_OID = 20;

/** Opens a Kysely instance for the configured backend (no query runs until first use). */
export function connect(config: DatabaseConfig, status = new DatabaseStatus()): Kysely<DatabaseSchema> {
  if (config.kind === 'sqlite') {
    return new Kysely<DatabaseSchema>({
      dialect: new NodeSqliteDialect(config.file, status),
      log: status.log,
    });
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax ?? 10,
    // Times are bigint columns; pg returns int8 as a string by default. Every int8 here is a millisecond
    // time or a 32-bit seed, far inside Number's safe range, so read them as numbers (and refuse if not).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8_OID && format !== 'binary') return parseSafeInt8;
        return format === 'binary'
          ? pg.types.getTypeParser(oid, 'binary')
          : pg.types.getTypeParser(oid, 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection (server restart, network cut) emits 'error' on the pool; unhandled,
  // that would crash the game server. The pool drops that client and the next query opens a new one.
  pool.on('error', (error) =>
    console.error(`PostgreSQL: idle connection lost (${error.message}); it will be replaced`),
  );
  return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }), log: status.log });
}

function parseSafeInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`int8 value ${text} does not fit in a JavaScript number`);
  return value;
}
