// Signed solo tokens (issue 14): the server's signing secret, kept so tokens outlive a restart, and the
// solo browser ids a token was issued for (each id is claimed once).
import type { Kysely } from 'kysely';

/** Creates server_secrets and solo_claims. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('solo_claims')
    .addColumn('browser_id', 'text', (c) => c.primaryKey())
    .addColumn('claimed_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Drops both. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('solo_claims').execute();
  await db.schema.dropTable('server_secrets').execute();
}
