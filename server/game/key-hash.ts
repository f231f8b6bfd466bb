// The one hash the server keeps of a room's keys (host key, viewer key, host passes): the reservation
// gate, the room, its snapshot and the session row hold only this, never a host key or pass itself.
import { createHash } from 'node:crypto';

/** SHA-256 of a room key, base64url (the reservation gate's hash since it was built). */
export function keyHash(key: string): string {
  return createHash('sha256').update(`kernel-crew key ${key}`).digest('base64url');
}
