// Password hashing with Node's built-in scrypt (memory-hard), stored as a self-describing string so the
// parameters can be raised later without invalidating existing accounts.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; N·r·128 bytes of memory per hash (here 32 MiB), p parallel lanes. */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

/** Today's parameters: N = 2^15, r = 8, p = 1 — the scrypt paper's interactive-login setting, 32 MiB per hash. */
export const CURRENT_PARAMS: ScryptParams = { logN: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored hash asking for more memory than this is refused rather than allocated (a tampered row cannot exhaust memory). */
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/** Hashes a password into `$scrypt$ln=15,r=8,p=1$<salt b64>$<key b64>` (PHC string format). */
export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return encode(params, salt, await derive(password, salt, params, KEY_BYTES));
}

/** A well-formed hash with random salt and key that no password matches; verifying against it costs exactly one real check. */
export function unmatchableHash(params: ScryptParams = CURRENT_PARAMS): string {
  return encode(params, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));
}

/** Checks a password against a stored hash in constant time; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash uses older parameters than CURRENT_PARAMS and should be replaced at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { logN, r, p } = parsed.params;
  return logN !== CURRENT_PARAMS.logN || r !== CURRENT_PARAMS.r || p !== CURRENT_PARAMS.p;
}

function encode({ logN, r, p }: ScryptParams, salt: Buffer, key: Buffer): string {
  return `$scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match =
    /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+=*)\$([A-Za-z0-9+/]+=*)$/.exec(stored);
  if (!match) return undefined;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (
    params.logN < 1 ||
    params.r < 1 ||
    params.p < 1 ||
    128 * 2 ** params.logN * params.r * params.p > MAX_MEMORY_BYTES
  )
    return undefined;
  const salt = Buffer.from(match[4]!, 'base64');
  const key = Buffer.from(match[5]!, 'base64');
  // scrypt's output for a shorter length is a prefix of the longer one, so a truncated key must not be accepted.
  if (salt.length < SALT_BYTES || key.length !== KEY_BYTES) return undefined;
  return { params, salt, key };
}

function derive(
  password: string,
  salt: Buffer,
  { logN, r, p }: ScryptParams,
  keyLength: number,
): Promise<Buffer> {
  const N = 2 ** logN;
  // scrypt needs 128·N·r bytes; Node's default maxmem is exactly 32 MiB, too tight for N=2^15, r=8, so allow 2×.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r };
  // NFC so the same Korean (or accented) password typed on two keyboards hashes the same.
  const input = password.normalize('NFC');
  return new Promise((resolve, reject) => {
    scrypt(input, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
