// Signed solo tokens: a browser's solo progress is written only with the token issued for its id, an
// HMAC under a server secret (SOLO_TOKEN_SECRET, or one made once and kept in server_secrets).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from './codec.ts';
import type { DatabaseSchema } from './schema.ts';

/** Issues and checks solo tokens. */
export interface SoloTokensRepository {
  /** The token for a browser id never claimed before (it is claimed now), or null when it was claimed already. */
  claim(browserId: string): Promise<string | null>;
  /** True when `token` is the one issued for `browserId`. */
  verify(browserId: string, token: string): Promise<boolean>;
}

/** Builds the repository; `configured` is SOLO_TOKEN_SECRET when set. */
export function soloTokensRepository(db: Kysely<DatabaseSchema>, configured?: string): SoloTokensRepository {
  let secret: Promise<string> | null = configured ? Promise.resolve(configured) : null;
  const key = (): Promise<string> =>
    (secret ??= (async () => {
      const made = randomBytes(32).toString('base64url');
      await db
        .insertInto('server_secrets')
        .values({ name: 'solo-token', value: made })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db
        .selectFrom('server_secrets')
        .select('value')
        .where('name', '=', 'solo-token')
        .executeTakeFirstOrThrow();
      return row.value;
    })());
  const sign = async (browserId: string) =>
    createHmac('sha256', await key())
      .update(`kernel-crew solo ${browserId}`)
      .digest('base64url');
  return {
    async claim(browserId) {
      try {
        await db
          .insertInto('solo_claims')
          .values({ browser_id: browserId, claimed_at: Date.now() })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
      return sign(browserId);
    },
    async verify(browserId, token) {
      const a = Buffer.from(await sign(browserId));
      const b = Buffer.from(token);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
