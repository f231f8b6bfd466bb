// Korean particles chosen from the word they follow, as Korean UIs do: a template writes the pair
// ("{thread}은(는)", "{pid}와(과)") and `withParticles` picks one from the last syllable the reader
// hears, so "코어 1은", "코어 2는", "메시지를", "P3은", "ls를" — never "을(를)" on screen.
// Hangul syllables go to es-hangul's josa; digits and Latin letters are read as Koreans read them.
import { josa } from 'es-hangul';

// How each digit is read (영 일 이 삼 사 오 육 칠 팔 구): the syllable decides the particle.
const DIGITS = '영일이삼사오육칠팔구';
// Latin letters as Koreans name them: only l, m, n, r end in a consonant (엘, 엠, 엔, 알).
const LATIN_WITH_BATCHIM: Record<string, string> = { l: '엘', m: '엠', n: '엔', r: '알' };
/**
 * The syllable a Latin word ends on for a Korean ear: an abbreviation (ls, wc, PID) by its last
 * letter's name; a word by its last sound — m, n, ng and a stop after a vowel close the syllable
 * (vim 빔, ping 핑, music 뮤직, init 이닛), l is ㄹ (mail 메일), anything else ends on a vowel
 * (bash 배시, fork 포크, hello 헬로).
 */
function latinSyllable(word: string): string {
  const w = word.toLowerCase();
  const last = w[w.length - 1]!;
  const readAsWord = w.length >= 3 && /[aeiouy]/.test(w) && word !== word.toUpperCase();
  if (!readAsWord) return LATIN_WITH_BATCHIM[last] ?? '아';
  if (last === 'l') return '일';
  if (last === 'm' || last === 'n' || w.endsWith('ng')) return '익';
  const before = w[w.length - 2]!;
  if ('kctpb'.includes(last) && ('aeiou'.includes(before) || (last === 'k' && before === 'c'))) return '익';
  return '아';
}

/** The particle pairs a template may write, and the es-hangul pair each one means. */
const PAIRS = {
  '은(는)': '은/는',
  '는(은)': '은/는',
  '이(가)': '이/가',
  '가(이)': '이/가',
  '을(를)': '을/를',
  '를(을)': '을/를',
  '와(과)': '와/과',
  '과(와)': '와/과',
  '(으)로': '으로/로',
  '(이)나': '이나/나',
  '(이)라': '이라/라',
} as const;

type Pair = (typeof PAIRS)[keyof typeof PAIRS];

const PATTERN = new RegExp(
  Object.keys(PAIRS)
    .map((p) => p.replace(/[()]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The syllable a reader hears last in a word ("P3" → 삼, "music" → 직-like, "ls" → 스-like, "코어" → 어), or null when there is none. */
function lastSyllable(text: string): string | null {
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i]!;
    if (ch >= '가' && ch <= '힣') return ch;
    if (ch >= '0' && ch <= '9') return DIGITS[Number(ch)]!;
    if (/[A-Za-z]/.test(ch)) return latinSyllable(/[A-Za-z]+$/.exec(text.slice(0, i + 1))![0]);
    // A parenthetical aside is not what the particle follows ("깊이(최초의 프로세스가 0)이" → 깊이): skip it.
    if (ch === ')') {
      const open = text.lastIndexOf('(', i);
      if (open > 0 && text[open - 1] !== ' ') {
        i = open;
        continue;
      }
      continue;
    }
    // Closing brackets, quotes and the like are not heard: look before them.
    if (/[\]」』"'”’>*_]/.test(ch)) continue;
    return null;
  }
  return null;
}

/** The particle of a pair that follows `word` ("이/가" after "코어 1" → "이"). */
export function particle(word: string, pair: Pair): string {
  const heard = lastSyllable(word) ?? '아';
  return josa.pick(heard, pair);
}

/** Replaces every particle pair in a Korean sentence by the one its preceding word takes. */
export function withParticles(text: string): string {
  return text.replace(PATTERN, (found, offset: number) =>
    particle(text.slice(0, offset), PAIRS[found as keyof typeof PAIRS]),
  );
}

/** Whether a sentence still shows a particle pair (a test's check; none should reach the screen). */
export function hasParticleFallback(text: string): boolean {
  return /[은는이가을를와과]\((은|는|이|가|을|를|와|과)\)|\((으|이)\)[로나라]/.test(text);
}
