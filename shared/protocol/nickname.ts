// Nickname rules, shared so the join form can explain a refusal before the server has to.

/** Shortest and longest nickname, counted in characters (a Hangul syllable is one). */
export const NICKNAME_MIN = 2;
export const NICKNAME_MAX = 16;

/** Why a nickname was refused; the client turns these into sentences in the player's language. */
export type NicknameProblem = 'too-short' | 'too-long' | 'bad-characters' | 'blocked' | 'taken';

/** The result of checking a nickname: the cleaned name to use, or the problem. */
export type NicknameCheck = { ok: true; nickname: string } | { ok: false; problem: NicknameProblem };

// Letters of any script (Hangul included), digits, spaces, underscores and hyphens.
const ALLOWED = /^[\p{L}\p{M}\p{N} _-]+$/u;
// Characters that show nothing (the Hangul fillers U+3164, U+115F, U+1160 and U+FFA0 are letters to
// Unicode; zero-width joiners, variation selectors), and marks stacked on one letter (a name that
// bleeds over its neighbours).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const STACKED_MARKS = /\p{M}{3,}/u;

// A deliberately small list. Reserved names may not be used as a whole (they would impersonate staff
// or the game); insults are refused anywhere in the name, so they must be long enough not to hit
// innocent names.
const RESERVED = [
  'admin',
  'administrator',
  'teacher',
  'host',
  'server',
  'system',
  'kernel',
  'bot',
  'moderator',
  'root',
  '선생님',
  '관리자',
  '운영자',
  '교사',
];
const INSULTS = [
  'fuck',
  'shit',
  'bitch',
  'cunt',
  'nigger',
  'faggot',
  'asshole',
  'retard',
  '시발',
  '씨발',
  '병신',
  '개새끼',
  '좆',
  '지랄',
  '새끼',
  '니미',
];

/** Reduces a name to the form used to compare nicknames (case, width, spacing and separators ignored). */
export function nicknameKey(nickname: string): string {
  return nickname
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/**
 * Cleans and checks a nickname; `taken` holds the keys already used in the room, made by `keyOf`
 * (nicknameKey here; the server passes one that also folds look-alike letters, server/game/nickname-skeleton.ts).
 */
export function checkNickname(
  raw: unknown,
  taken: ReadonlySet<string> = new Set(),
  keyOf: (nickname: string) => string = nicknameKey,
): NicknameCheck {
  if (typeof raw !== 'string') return { ok: false, problem: 'bad-characters' };
  const nickname = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const length = [...nickname].length;
  if (length < NICKNAME_MIN) return { ok: false, problem: 'too-short' };
  if (length > NICKNAME_MAX) return { ok: false, problem: 'too-long' };
  if (
    !ALLOWED.test(nickname) ||
    INVISIBLE.test(nickname) ||
    STACKED_MARKS.test(nickname.normalize('NFD').replace(/[\u1100-\u11ff]/g, ''))
  )
    return { ok: false, problem: 'bad-characters' };
  const key = keyOf(nickname);
  if (key.length === 0) return { ok: false, problem: 'bad-characters' };
  if (RESERVED.some((w) => key === keyOf(w))) return { ok: false, problem: 'blocked' };
  if (INSULTS.some((w) => key.includes(keyOf(w)))) return { ok: false, problem: 'blocked' };
  if (taken.has(key)) return { ok: false, problem: 'taken' };
  return { ok: true, nickname };
}
