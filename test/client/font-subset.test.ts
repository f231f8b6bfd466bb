// The subset Noto Sans KR covers every character of every text the game, the levels, the challenges,
// the questions, the kernel's sentences and the dashboard show, in both languages, and every other
// Hangul syllable and jamo (a nickname's) in lazy names faces; anything else (an emoji) is left to
// the system font. Reads the built woff2 files back, so it checks what the browser gets.
import { readFileSync } from 'node:fs';
import fontverter from 'fontverter';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildFaces,
  fontCodePoints,
  NAMES_SPAN,
  SLICES,
  SYSTEM_FONT_ONLY,
  unicodeRange,
  type BuiltFace,
} from '../../build/font-subset.ts';
import { LANGUAGE_NAMES, MESSAGES } from '../../client/src/i18n/index.ts';
import { DASHBOARD_TEXTS } from '../../client/src/dashboard/texts.ts';
import { REJECTIONS } from '../../shared/kernel/texts.ts';
import { CHALLENGES, CHECKPOINTS, CONCEPT_NAMES, LEVELS } from '../../shared/levels/index.ts';

/** Every string inside a value (objects, arrays, functions' results are not followed). */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

const TEXTS: Record<string, unknown> = {
  'game (client/src/i18n)': MESSAGES,
  'language names': LANGUAGE_NAMES,
  dashboard: DASHBOARD_TEXTS,
  'kernel refusals': REJECTIONS,
  concepts: CONCEPT_NAMES,
  levels: LEVELS,
  challenges: CHALLENGES.map((c) => c.level),
  'checkpoint questions': CHECKPOINTS,
};

let faces: BuiltFace[];
/** What each built file really holds, read back from its woff2. */
let fileCoverage: Map<BuiltFace, Set<number>>;

beforeAll(async () => {
  faces = await buildFaces();
  fileCoverage = new Map();
  for (const face of faces)
    fileCoverage.set(face, fontCodePoints(await fontverter.convert(readFileSync(face.file), 'truetype')));
}, 180_000);

const covered = (weight: number): Set<number> =>
  new Set(faces.filter((f) => f.weight === weight).flatMap((f) => [...(fileCoverage.get(f) ?? [])]));

describe('the subset font', () => {
  it.each(Object.keys(TEXTS))('draws every character of the %s texts, in both weights', (name) => {
    const chars = new Set(
      [...stringsIn(TEXTS[name]).join('')].filter((ch) => !/\s/u.test(ch) && !SYSTEM_FONT_ONLY.has(ch)),
    );
    expect(chars.size).toBeGreaterThan(5);
    for (const weight of [400, 700]) {
      const has = covered(weight);
      const missing = [...chars].filter((ch) => !has.has(ch.codePointAt(0) ?? 0));
      expect(missing, `${name}, weight ${weight}: not in the subset`).toEqual([]);
    }
  });

  it('has each face hold exactly the characters its unicode-range claims, and no two faces claim the same one', () => {
    for (const face of faces) {
      const inFile = [...(fileCoverage.get(face) ?? [])].sort((a, b) => a - b);
      expect(inFile, `${face.slice} ${face.weight}`).toEqual(face.codePoints);
      expect(unicodeRange(inFile)).toBe(face.unicodeRange);
    }
    for (const weight of [400, 700]) {
      const all = faces.filter((f) => f.weight === weight).flatMap((f) => f.codePoints);
      expect(new Set(all).size).toBe(all.length);
      const slices = faces.filter((f) => f.weight === weight).map((f) => f.slice);
      expect(slices.slice(0, SLICES.length)).toEqual([...SLICES]);
      expect(slices.slice(SLICES.length)).toEqual(slices.slice(SLICES.length).map((_, i) => `names-${i}`));
    }
  });

  it('draws every Hangul syllable and jamo in both weights, so no nickname shows a blank', () => {
    for (const weight of [400, 700]) {
      const has = covered(weight);
      const missing: string[] = [];
      for (let cp = 0xac00; cp <= 0xd7a3; cp += 1) if (!has.has(cp)) missing.push(String.fromCodePoint(cp));
      for (let cp = 0x3131; cp <= 0x318e; cp += 1) if (!has.has(cp)) missing.push(String.fromCodePoint(cp));
      expect(missing, `weight ${weight}`).toEqual([]);
    }
  });

  it('keeps Hangul no text uses out of the texts faces: a nickname like 뷁똠 costs only a small names face', () => {
    const textFaces = faces.filter((f) => f.weight === 400 && !f.slice.startsWith('names-'));
    const inTexts = new Set(textFaces.flatMap((f) => f.codePoints));
    for (const ch of '뷁똠혜') expect(inTexts.has(ch.codePointAt(0) ?? 0), ch).toBe(false);
    expect(inTexts.has('커'.codePointAt(0) ?? 0)).toBe(true);
    // each names face spans at most NAMES_SPAN code points, so their ranges cost the script little
    const names = faces.filter((f) => f.slice.startsWith('names-'));
    for (const face of names) {
      const span = (face.codePoints.at(-1) ?? 0) - (face.codePoints[0] ?? 0);
      if ((face.codePoints[0] ?? 0) >= 0xac00) expect(span, face.slice).toBeLessThan(NAMES_SPAN);
    }
    const rangeBytes = new Set(names.map((f) => f.unicodeRange)).values().reduce((n, r) => n + r.length, 0);
    expect(rangeBytes).toBeLessThan(8_000);
  });

  it('puts the language names in the face every language loads', () => {
    const core = faces.find((f) => f.slice === 'core' && f.weight === 400);
    for (const ch of Object.values(LANGUAGE_NAMES).join(''))
      expect(core?.codePoints).toContain(ch.codePointAt(0));
  });

  it('marks as system-font-only only characters Noto Sans KR really lacks', async () => {
    const source = faces.length > 0 ? covered(400) : new Set<number>();
    for (const ch of SYSTEM_FONT_ONLY) expect(source.has(ch.codePointAt(0) ?? 0)).toBe(false);
  });
});
