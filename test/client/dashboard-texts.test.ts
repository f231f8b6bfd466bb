// The dashboard's Korean and English tables say the same things: same keys, no empty text, same placeholders;
// the live feed describes the same events in both languages.
import { describe, expect, it } from 'vitest';
import { DASHBOARD_TEXTS } from '../../client/src/dashboard/texts.ts';
import { FEED_TABLES } from '../../client/src/dashboard/event-text.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dashboard texts', () => {
  it('has the same keys in Korean and English', () => {
    expect(Object.keys(DASHBOARD_TEXTS.ko).sort()).toEqual(Object.keys(DASHBOARD_TEXTS.en).sort());
  });

  it('has no empty text and the same placeholders in both languages', () => {
    for (const [key, en] of Object.entries(DASHBOARD_TEXTS.en)) {
      const ko = DASHBOARD_TEXTS.ko[key as keyof typeof DASHBOARD_TEXTS.ko];
      expect(en.trim(), key).not.toBe('');
      expect(ko.trim(), key).not.toBe('');
      expect(placeholders(ko), key).toEqual(placeholders(en));
    }
  });

  it('describes the same kernel events in the feed in both languages', () => {
    expect(Object.keys(FEED_TABLES.ko).sort()).toEqual(Object.keys(FEED_TABLES.en).sort());
  });
});
