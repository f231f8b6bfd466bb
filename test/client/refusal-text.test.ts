// A move refused at the room's edge is explained in the player's language, never with the server's
// English detail ("the round is paused" reached a Korean student once).
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../client/src/i18n/index.ts';
import { edgeRefusalText } from '../../client/src/views/refusal-text.ts';

afterEach(() => setLanguage('en'));

describe('edge refusals', () => {
  it('"the round is paused" reaches a Korean student in Korean, with the phase named as the machine names it', () => {
    setLanguage('ko');
    const text = edgeRefusalText('not-running', 'the round is paused');
    expect(text).toContain('일시 정지');
    expect(text).not.toMatch(/[A-Za-z]/);
    setLanguage('en');
    expect(edgeRefusalText('not-running', 'the round is paused')).toContain('paused');
  });

  it('every edge code has a sentence in both languages, and an unknown one a generic sentence', () => {
    for (const lang of ['ko', 'en'] as const) {
      setLanguage(lang);
      for (const code of [
        'unknown-type',
        'malformed',
        'not-your-role',
        'not-your-core',
        'not-your-channel',
        'no-thread-yet',
        'bad-state',
        'no-such-player',
        'no-such-slot',
        'bad-nickname',
      ]) {
        const text = edgeRefusalText(code, 'some English detail');
        expect(text).not.toContain('English detail');
        expect(text.length).toBeGreaterThan(3);
        if (lang === 'ko') expect(text).toMatch(/[가-힣]/);
      }
      expect(edgeRefusalText('no-such-code', 'x')).toBe(edgeRefusalText('bad-state', 'y'));
    }
  });
});
