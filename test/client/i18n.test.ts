// Both languages have exactly the same keys, no empty strings and the same {placeholders}; detection and lookup work without a browser.
import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGES, MESSAGES, t } from '../../client/src/i18n/index.ts';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('i18n tables', () => {
  it('Korean and English have exactly the same keys', () => {
    expect(Object.keys(MESSAGES.ko).sort()).toEqual(Object.keys(MESSAGES.en).sort());
  });

  it.each(LANGUAGES)('%s has no empty or blank strings', (lang) => {
    const blank = Object.entries(MESSAGES[lang]).filter(([, value]) => value.trim() === '');
    expect(blank).toEqual([]);
  });

  it('every key uses the same placeholders in both languages', () => {
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      expect(placeholders(MESSAGES.ko[key]), key).toEqual(placeholders(MESSAGES.en[key]));
    }
  });

  it('uses the study notes\u2019 Korean terms', () => {
    const korean = Object.values(MESSAGES.ko).join('\n');
    for (const term of [
      '프로세스 제어 블록(PCB)',
      '문맥 교환',
      '준비',
      '실행',
      '대기',
      '디스패치',
      '타이머 인터럽트',
      '파이프',
      '메시지 큐',
      '공유 메모리',
    ]) {
      expect(korean).toContain(term);
    }
  });
});

describe('language choice and lookup', () => {
  it('picks Korean for any ko-* browser and English otherwise', () => {
    expect(detectLanguage(['ko-KR', 'en-US'])).toBe('ko');
    expect(detectLanguage(['fr-FR', 'ko'])).toBe('ko');
    expect(detectLanguage(['en-GB'])).toBe('en');
    expect(detectLanguage(['de-DE'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('lobby.players', { count: 3 }, 'ko')).toBe('참가자 (3명)');
    expect(t('lobby.players', {}, 'en')).toBe('Players ({count})');
  });
});
