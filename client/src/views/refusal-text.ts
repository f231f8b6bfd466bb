// The sentence for a move refused at the room's edge, in the player's language: the server's `error`
// message carries a stable code (shared/protocol/errors.ts) and an English detail for logs only.
import type { EdgeErrorCode } from '../../../shared/protocol/errors.ts';
import { t, type MessageKey } from '../i18n/index.ts';

const PHASES: Record<string, MessageKey> = {
  lobby: 'machine.phase.lobby',
  running: 'machine.phase.running',
  paused: 'machine.phase.paused',
  ended: 'machine.phase.ended',
};

/** Refusals the room already words in the player's language (shared/roles/prediction.ts PREDICT_REFUSALS). */
const WORDED: ReadonlySet<string> = new Set<EdgeErrorCode>(['prediction-not-open', 'prediction-closed']);

const EDGE: Record<Exclude<EdgeErrorCode, 'prediction-not-open' | 'prediction-closed'>, MessageKey> = {
  'unknown-type': 'refusal.unknown-type',
  malformed: 'refusal.malformed',
  'not-your-role': 'refusal.not-your-role',
  'not-your-core': 'refusal.not-your-core',
  'not-your-channel': 'refusal.not-your-channel',
  'no-thread-yet': 'refusal.no-thread-yet',
  'not-running': 'refusal.not-running',
  'bad-state': 'refusal.bad-state',
  'no-such-player': 'refusal.no-such-player',
  'no-such-slot': 'refusal.no-such-slot',
  'no-such-crew': 'refusal.no-such-crew',
  'bad-nickname': 'refusal.bad-nickname',
};

/** The current language's sentence for an edge refusal ("the round is paused" → "라운드가 일시 정지 상태입니다…"). */
export function edgeRefusalText(code: string, message: string): string {
  if (WORDED.has(code)) return message;
  if (!Object.hasOwn(EDGE, code)) return t('refusal.bad-state');
  const phase = /the round is (\w+)/.exec(message)?.[1] ?? '';
  return t(EDGE[code as keyof typeof EDGE], {
    phase: Object.hasOwn(PHASES, phase) ? t(PHASES[phase]!) : phase,
  });
}
