// The nickname filter catches insults however they are spelt, in Korean and English, and lets
// ordinary names through (issue 16: 바보, ㅅㅂ, 미친놈 and 병1신 got in).
import { describe, expect, it } from 'vitest';
import { checkRoomNickname, isOffensiveNickname } from '../../server/game/nickname-filter.ts';

describe('nickname filter', () => {
  it.each([
    '바보',
    'ㅅㅂ',
    '미친놈',
    '병1신',
    '병 신',
    '씨ㅂㅏㄹ',
    '시-발',
    '개새끼',
    '존나좋아',
    '또라이',
    'ㅂㅅ',
    '지1랄',
    '바보민수',
  ])('refuses the Korean %s', (name) => {
    expect(isOffensiveNickname(name)).toBe(true);
    expect(checkRoomNickname(name, new Set())).toEqual({ ok: false, problem: 'blocked' });
  });

  it.each(['fuck', 'Fvck', 'sh1t', 'ѕhit', 'b.i.t.c.h', 'Bitch Kim', 'asshole'])(
    'refuses the English %s',
    (name) => {
      expect(isOffensiveNickname(name)).toBe(true);
    },
  );

  it.each([
    '민준',
    '서연',
    '수빈',
    '지호',
    '하은',
    '시우',
    '서준',
    '도윤',
    '보검',
    '바다',
    'Alex',
    'Cassie',
    'Hana Lee',
    'Minsu',
    '김민수',
    '이수빈',
  ])('lets %s through', (name) => {
    expect(isOffensiveNickname(name)).toBe(false);
    expect(checkRoomNickname(name, new Set())).toMatchObject({ ok: true });
  });
});
