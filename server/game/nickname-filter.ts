// Insults in nicknames, Korean and English, however they are spelled: the maintained Korean list of
// badwords-ko (574 words) plus the common ones it lacks, compared after folding look-alikes
// (nickname-skeleton), dropping digits and symbols between letters (병1신, f.u.c.k) and decomposing
// Hangul into jamo (es-hangul), so 씨ㅂㅏㄹ is 씨발; bare-consonant abbreviations (ㅅㅂ, ㅄ) are refused
// when the name spells them in jamo; English through obscenity's dataset with its leetspeak
// transformers. Server-side only: the lists would weigh on the students' first page load.
import { createRequire } from 'node:module';
import { disassemble } from 'es-hangul';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { checkNickname, type NicknameCheck } from '../../shared/protocol/nickname.ts';
import { nicknameSkeleton } from './nickname-skeleton.ts';

const require = createRequire(import.meta.url);
const { badWords } = require('badwords-ko/src/badwords.ko.config.json') as { badWords: string[] };

/** Common Korean insults badwords-ko lacks (seen in class: 바보, 미친놈…). */
const MORE_KOREAN = [
  '바보',
  '미친놈',
  '미친년',
  '미친',
  '멍청이',
  '병신',
  '븅신',
  '등신',
  '찐따',
  '새끼',
  '씨발',
  '시발',
  '씹',
  '좆',
  '닥쳐',
  '꺼져',
  '엿먹어',
  '애미',
  '애비',
  '느금마',
  '쌍놈',
  '썅',
];
/** Bare-consonant abbreviations, refused when a name writes them as jamo (ㅅㅂ), never matched against syllables (수빈 is not ㅅㅂ). */
const CONSONANT_ABBREVIATIONS = ['ㅅㅂ', 'ㅆㅂ', 'ㅂㅅ', 'ㅄ', 'ㅈㄹ', 'ㅁㅊ', 'ㅈㄴ', 'ㄲㅈ', 'ㅗ'];

/** Letters only (digits, symbols and spaces between them dropped), look-alikes folded, Hangul as jamo. */
function letters(name: string): string {
  return disassemble(nicknameSkeleton(name).replace(/[^\p{L}]/gu, ''));
}

// One-syllable entries of the list would hit ordinary names; the ones that matter are in MORE_KOREAN.
const KOREAN = [...new Set([...badWords, ...MORE_KOREAN].map(letters).filter((w) => [...w].length >= 3))];
const english = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** True when a nickname contains an insult in Korean or English, spelt plainly or with the usual tricks. */
export function isOffensiveNickname(nickname: string): boolean {
  const folded = letters(nickname);
  if (KOREAN.some((w) => folded.includes(w))) return true;
  // (NFKC would turn compatibility jamo into conjoining ones: NFC keeps ㅅ as ㅅ)
  const jamo = [...nickname.normalize('NFC')].filter((c) => /[\u3131-\u318e]/u.test(c)).join('');
  if (CONSONANT_ABBREVIATIONS.some((a) => jamo.includes(a))) return true;
  const latin = nicknameSkeleton(nickname);
  return (
    english.hasMatch(latin) ||
    english.hasMatch(latin.replace(/[^\p{L}\p{N}]/gu, '')) ||
    english.hasMatch(nickname.normalize('NFKC'))
  );
}

/** The room's nickname check: the shared rules (with look-alikes folded for uniqueness), then the insult filter. */
export function checkRoomNickname(raw: unknown, taken: ReadonlySet<string>): NicknameCheck {
  const check = checkNickname(raw, taken, nicknameSkeleton);
  if (check.ok && isOffensiveNickname(check.nickname)) return { ok: false, problem: 'blocked' };
  return check;
}
