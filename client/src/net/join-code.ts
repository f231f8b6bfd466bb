// Class codes and nicknames as the Join form sees them: read from the URL, checked with the shared protocol rules.
import { isWellFormedJoinCode, normalizeJoinCode } from '../../../shared/protocol/join-code.ts';
import { checkNickname, NICKNAME_MAX, type NicknameProblem } from '../../../shared/protocol/nickname.ts';
import type { MessageKey } from '../i18n/index.ts';

export { NICKNAME_MAX };

/** Uppercases a typed or pasted code and drops spaces and dashes ("abc-123" → "ABC123"), as the server does. */
export const normalizeCode = normalizeJoinCode;

/**
 * Finds a class code in a join link, /join/ABC123 or ?code=ABC123. Anything code-like is returned
 * (normalised) so the form can show it and explain a typo, rather than silently dropping it.
 */
export function codeFromUrl(url: URL): string | null {
  const path = /^\/join\/([^/]+)\/?$/i.exec(url.pathname);
  const raw = path?.[1] !== undefined ? decodeURIComponent(path[1]) : url.searchParams.get('code');
  if (raw === null) return null;
  const code = normalizeCode(raw);
  return /^[A-Z0-9]{1,16}$/.test(code) ? code : null;
}

/** The shareable link for a class code, the one encoded in the lobby's QR code. */
export function joinUrl(origin: string, code: string): string {
  return `${origin}/join/${encodeURIComponent(code)}`;
}

/** Why a code is refused, as an i18n key, or null if the server could have issued it. */
export function codeError(code: string): MessageKey | null {
  return isWellFormedJoinCode(code) ? null : 'join.error.code';
}

const NICKNAME_PROBLEMS: Record<NicknameProblem, MessageKey> = {
  'too-short': 'join.error.nickname_short',
  'too-long': 'join.error.nickname_long',
  'bad-characters': 'join.error.nickname_chars',
  blocked: 'join.error.nickname_blocked',
  taken: 'join.error.nickname_taken',
};

/** The sentence for a nickname problem the server named (a refusal's message ends with it); the generic one for any other. */
export function nicknameProblemKey(problem: string): MessageKey {
  return Object.hasOwn(NICKNAME_PROBLEMS, problem)
    ? NICKNAME_PROBLEMS[problem as NicknameProblem]
    : 'join.error.nickname_chars';
}

/** The server's nickname check, run before sending: the cleaned name, or the i18n key of the problem. */
export function checkNicknameInput(
  raw: string,
): { ok: true; nickname: string } | { ok: false; error: MessageKey } {
  const check = checkNickname(raw);
  return check.ok ? check : { ok: false, error: NICKNAME_PROBLEMS[check.problem] };
}
