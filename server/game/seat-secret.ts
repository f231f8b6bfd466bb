// A browser's seat secret as the server keeps it: only its hash, so a snapshot, a log or a report
// reader cannot reclaim a student's seat (the secret itself never leaves that browser and the join).
import { createHash } from 'node:crypto';

/** The hash a seat is found by; the join's secret (shared/protocol/join.ts) is never stored. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(`kernel-crew seat ${secret}`).digest('base64url');
}
