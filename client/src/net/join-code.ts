// Class codes and nicknames as the Join form sees them: reading them from the URL and checking them before sending.
import type { MessageKey } from '../i18n/index.ts';

/** A class code: six capital letters or digits, what the teacher projects and the QR code carries. */
export const CODE_PATTERN = /^[A-Z0-9]{6}$/;
/** The longest nickname, in characters (Hangul syllables count as one). */
export const NICKNAME_MAX = 16;

/** Uppercases a typed or pasted code and drops spaces and dashes ("abc-123" → "ABC123"). */
export function normalizeCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

/** Finds a class code in a join link: /join/ABC123 or ?code=ABC123 (the QR code and the teacher's link). */
export function codeFromUrl(url: URL): string | null {
  const path = /^\/join\/([^/]+)\/?$/i.exec(url.pathname);
  const raw = path?.[1] !== undefined ? decodeURIComponent(path[1]) : url.searchParams.get('code');
  if (raw === null) return null;
  const code = normalizeCode(raw);
  return CODE_PATTERN.test(code) ? code : null;
}

/** The shareable link for a class code, the one encoded in the lobby's QR code. */
export function joinUrl(origin: string, code: string): string {
  return `${origin}/join/${encodeURIComponent(code)}`;
}

/** Why a code is refused, as an i18n key, or null if it is well formed. */
export function codeError(code: string): MessageKey | null {
  return CODE_PATTERN.test(code) ? null : 'join.error.code';
}

/** Trims a nickname and folds it to one Unicode form so "한" typed two ways is the same name. */
export function normalizeNickname(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Why a nickname is refused, as an i18n key, or null if it may be sent (the server checks again). */
export function nicknameError(nickname: string): MessageKey | null {
  if (nickname.length === 0) return 'join.error.nickname_empty';
  if ([...nickname].length > NICKNAME_MAX) return 'join.error.nickname_long';
  if (!/^[\p{L}\p{N} _-]+$/u.test(nickname)) return 'join.error.nickname_chars';
  return null;
}
