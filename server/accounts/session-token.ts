// Session tokens: 32 random bytes handed to the browser, only their SHA-256 kept in the database.
import { createHash, randomBytes } from 'node:crypto';

/** A fresh session token, base64url (43 characters, 256 bits of entropy). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The value stored and looked up for a token; a stolen database does not yield usable tokens. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
