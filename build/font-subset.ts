// Noto Sans KR cut down to the glyphs Kernel Crew shows. Every text the game draws is in its sources
// (client/src, shared/), so the build reads their characters, subsets the full font (both weights)
// with harfbuzz's hb-subset and hands the browser three small faces per weight, by unicode-range:
// core (Latin, symbols, the language names), ui (the Hangul of the game's own screens) and content
// (the Hangul only levels, questions, kernel sentences and the teachers' dashboard use), each downloaded only when a text needs it.
// Every other Hangul syllable and jamo (a nickname's) is in the names faces, small slices fetched only
// when a name on screen uses one of theirs; anything else (an emoji, an accented letter) falls back to
// the system font. A text character the font cannot draw at all fails the build, unless it is listed in
// SYSTEM_FONT_ONLY.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontverter from 'fontverter';
import * as hb from 'harfbuzzjs';
import subsetFont from 'subset-font';
import type { Plugin } from 'vite';

/** The family name the CSS and Phaser ask for. */
export const FAMILY = 'Noto Sans KR';
/** The weights we build: regular text and bold labels (600 in the CSS maps to 700). */
export const WEIGHTS = [400, 700] as const;
/** The three faces per weight cut to the game's own texts, in the order the browser should try them. */
export const SLICES = ['core', 'ui', 'content'] as const;
/** A slice: one of SLICES, or `names-N`, the Hangul no text uses, for nicknames. */
export type Slice = (typeof SLICES)[number] | `names-${number}`;
/**
 * How many code points of the Hangul syllables block a names face spans (about 14 kB a weight). The
 * spans are contiguous, so the faces' unicode-ranges, which the game's script carries, stay a few
 * hundred bytes; sets scattered over the block (KS X 1001's common syllables) cost 19 kB of script.
 */
export const NAMES_SPAN = 256;
/** Characters a text uses that Noto Sans KR has no glyph for: DOM-only marks the system font draws. */
export const SYSTEM_FONT_ONLY = new Set(['✗']);

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const SOURCE_FONT: Record<(typeof WEIGHTS)[number], string> = {
  400: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  700: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf',
};
// Kerning is all the layout Hangul and Latin need here; keeping every feature triples the Latin face.
const SUBSET_OPTIONS = { keepFeatures: ['kern'], noHinting: true } as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const isHangul = (cp: number): boolean =>
  (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f);

function charsOf(files: string[]): Set<number> {
  const set = new Set<number>();
  for (const file of files) {
    for (const ch of readFileSync(file, 'utf8')) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0x7e && cp !== 0xfeff && !/\s/u.test(ch)) set.add(cp);
    }
  }
  return set;
}

/**
 * The names faces' characters: every compatibility jamo (ㅋ, ㅠ) and Hangul syllable that the game's
 * texts (`used`) do not already put in a face, the syllables in spans of NAMES_SPAN code points.
 */
export function nameSlices(used: ReadonlySet<number>): number[][] {
  const free = (from: number, to: number): number[] => {
    const out: number[] = [];
    for (let cp = from; cp <= to; cp += 1) if (!used.has(cp)) out.push(cp);
    return out;
  };
  const spans: number[][] = [free(0x3131, 0x318e)];
  for (let start = 0xac00; start <= 0xd7a3; start += NAMES_SPAN)
    spans.push(free(start, Math.min(0xd7a3, start + NAMES_SPAN - 1)));
  return spans.filter((span) => span.length > 0);
}

/** Which characters go into which slice, read from the sources under root. */
export function collectSlices(
  root = ROOT,
): Record<(typeof SLICES)[number], number[]> & Record<string, number[]> {
  const ts = (dir: string): string[] =>
    filesUnder(path.join(root, dir)).filter((f) => /\.(ts|json)$/.test(f));
  // The teachers' dashboard is a page of its own: its Hangul goes with the content, not the students' screens.
  const isDashboard = (f: string): boolean => f.includes(`${path.sep}dashboard${path.sep}`);
  const screens = ts('client/src').filter((f) => !isDashboard(f));
  const rest = [...ts('shared'), ...ts('client/src').filter(isDashboard)];
  const languageNames = path.join(root, 'client/src/i18n/language.ts');
  const core = new Set<number>();
  for (let cp = 0x20; cp <= 0x7e; cp += 1) core.add(cp);
  for (const cp of charsOf([...screens, ...rest])) if (!isHangul(cp)) core.add(cp);
  for (const cp of charsOf([languageNames])) core.add(cp);
  const ui = [...charsOf(screens)].filter((cp) => !core.has(cp));
  const uiSet = new Set(ui);
  const content = [...charsOf(rest)].filter((cp) => !core.has(cp) && !uiSet.has(cp));
  const sorted = (s: Iterable<number>): number[] => [...s].sort((a, b) => a - b);
  const texts = { core: sorted(core), ui: sorted(ui), content: sorted(content) };
  const names = nameSlices(new Set([...core, ...ui, ...content]));
  return { ...texts, ...Object.fromEntries(names.map((c, i) => [`names-${i}`, c])) };
}

/** CSS unicode-range for a sorted list of code points, runs folded (U+20-7E,U+B7,...). */
export function unicodeRange(points: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < points.length;) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === (points[j] ?? 0) + 1) j += 1;
    const a = (points[i] ?? 0).toString(16).toUpperCase();
    const b = (points[j] ?? 0).toString(16).toUpperCase();
    parts.push(i === j ? `U+${a}` : `U+${a}-${b}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The code points a font file (TTF/OTF) has glyphs for. */
export function fontCodePoints(sfnt: Uint8Array): Set<number> {
  const blob = new hb.Blob(sfnt);
  const face = new hb.Face(blob, 0);
  return new Set(face.collectUnicodes());
}

/** One built face: its weight, slice, the woff2 file on disk and the code points it covers. */
export interface BuiltFace {
  weight: number;
  slice: Slice;
  file: string;
  codePoints: number[];
  unicodeRange: string;
}

/**
 * Subsets both weights into their slices (cached under node_modules/.cache by the character lists);
 * throws when a text character is in no glyph of the source font and not in SYSTEM_FONT_ONLY.
 */
export async function buildFaces(root = ROOT): Promise<BuiltFace[]> {
  const slices = collectSlices(root);
  const cacheKey = createHash('sha256')
    .update(JSON.stringify({ slices, SUBSET_OPTIONS, SOURCE_FONT, v: 3 }))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(root, 'node_modules', '.cache', 'kernel-crew-fonts', cacheKey);
  mkdirSync(dir, { recursive: true });
  const faces: BuiltFace[] = [];
  for (const weight of WEIGHTS) {
    let source: Buffer | null = null;
    let has: Set<number> | null = null;
    for (const [slice, points] of Object.entries(slices) as [Slice, number[]][]) {
      const file = path.join(dir, `noto-sans-kr-${slice}-${weight}.woff2`);
      const meta = `${file}.json`;
      if (!existsSync(file) || !existsSync(meta)) {
        source ??= readFileSync(require.resolve(SOURCE_FONT[weight]));
        has ??= fontCodePoints(source);
        // A names face holds what the font has; only the game's own texts must all be drawable.
        const missing = slice.startsWith('names-')
          ? []
          : points.filter((cp) => !has?.has(cp) && !SYSTEM_FONT_ONLY.has(String.fromCodePoint(cp)));
        if (missing.length > 0) {
          throw new Error(
            `Noto Sans KR ${weight} has no glyph for ${missing.map((cp) => `${String.fromCodePoint(cp)} (U+${cp.toString(16).toUpperCase()})`).join(', ')}: use another character, or add it to SYSTEM_FONT_ONLY in build/font-subset.ts if the system font may draw it (DOM text only)`,
          );
        }
        const wanted = points.filter((cp) => has?.has(cp));
        const sfnt = await subsetFont(source, String.fromCodePoint(...wanted), {
          targetFormat: 'truetype',
          ...SUBSET_OPTIONS,
        });
        writeFileSync(file, await fontverter.convert(sfnt, 'woff2'));
        // The unicode-range is what the file really maps (hb-subset may keep a companion such as U+00A0 for the space).
        writeFileSync(meta, JSON.stringify([...fontCodePoints(sfnt)].sort((a, b) => a - b)));
      }
      const codePoints = JSON.parse(readFileSync(meta, 'utf8')) as number[];
      faces.push({ weight, slice, file, codePoints, unicodeRange: unicodeRange(codePoints) });
    }
  }
  return faces;
}

const VIRTUAL = 'virtual:kernel-crew-fonts';
const RESOLVED = '\0' + VIRTUAL;

/**
 * The Vite side: `import { FONT_FACES } from 'virtual:kernel-crew-fonts'` gives the faces with their
 * hashed asset URLs, so the font costs no CSS at all and each file is fetched only when needed.
 */
export function subsetFonts(): Plugin {
  let built: Promise<BuiltFace[]> | null = null;
  return {
    name: 'kernel-crew:font-subset',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    async load(id) {
      if (id !== RESOLVED) return null;
      built ??= buildFaces();
      const faces = await built;
      const ranges = [...new Set(faces.map((f) => f.unicodeRange))];
      const imports = faces.map((f, i) => `import url${i} from ${JSON.stringify(`${f.file}?url`)};`);
      const list = faces.map(
        (f, i) =>
          `{ weight: ${f.weight}, slice: ${JSON.stringify(f.slice)}, url: url${i}, unicodeRange: RANGES[${ranges.indexOf(f.unicodeRange)}] }`,
      );
      return [
        ...imports,
        `const RANGES = ${JSON.stringify(ranges)};`,
        `export const FONT_FAMILY_NAME = ${JSON.stringify(FAMILY)};`,
        `export const FONT_FACES = [${list.join(', ')}];`,
      ].join('\n');
    },
  };
}
