// How the server compares nicknames: the shared key (NFKC, case, spacing) with look-alike letters of
// other scripts folded onto the Latin ones they imitate (the Unicode confusables data, through the
// `confusables` library), so "Мinsu" (a Cyrillic М) is the same name as "Minsu" and "ѕhit" is blocked.
// Server-side only: the data would weigh on the students' first page load.
import { remove } from 'confusables';
import { nicknameKey } from '../../shared/protocol/nickname.ts';

/** The comparison key of a nickname, confusables folded. */
export function nicknameSkeleton(nickname: string): string {
  return nicknameKey(remove(nicknameKey(nickname)));
}
