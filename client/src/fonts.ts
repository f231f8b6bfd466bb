// Loads the bundled Noto Sans KR subsets a text needs, so Phaser never rasterises Hangul before its font is ready.
// The faces are cut at build time to the glyphs our texts use (build/font-subset.ts) and registered here,
// without any font CSS; the browser fetches a face only when a text needs one of its characters.
import { FONT_FACES, FONT_FAMILY_NAME } from 'virtual:kernel-crew-fonts';

const FAMILY = FONT_FAMILY_NAME;

for (const { url, weight, unicodeRange } of FONT_FACES) {
  document.fonts.add(
    new FontFace(FAMILY, `url(${url}) format('woff2')`, {
      weight: String(weight),
      unicodeRange,
      display: 'swap',
    }),
  );
}

/** The weights Phaser texts may use; DOM text loads its own faces lazily. */
export const FONT_WEIGHTS = [400, 700] as const;

type Range = readonly [number, number];

function parseUnicodeRange(value: string): Range[] {
  return value.split(',').flatMap((part): Range[] => {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m || m[1] === undefined) return [];
    if (m[1].includes('?'))
      return [[parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)]];
    const start = parseInt(m[1], 16);
    return [[start, m[2] === undefined ? start : parseInt(m[2], 16)]];
  });
}

/**
 * Each face's ranges, parsed once and sorted by start: a subset face lists thousands of single code
 * points, and matching every text against them afresh cost a slow laptop a quarter of a second.
 */
const RANGES = new WeakMap<FontFace, Range[]>();
function rangesOf(face: FontFace): Range[] {
  let ranges = RANGES.get(face);
  if (!ranges) {
    ranges = parseUnicodeRange(face.unicodeRange).sort((a, b) => a[0] - b[0]);
    RANGES.set(face, ranges);
  }
  return ranges;
}

/** True when a sorted list of ranges holds cp (a binary search on the last range starting at or before it). */
function covers(ranges: readonly Range[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid];
    if (!range) return false;
    if (range[0] > cp) hi = mid - 1;
    else if (range[1] < cp) lo = mid + 1;
    else return true;
  }
  return false;
}

function codePoints(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp !== undefined && cp > 0x20) set.add(cp);
  }
  return [...set];
}

/** The bundled font faces (one per weight and unicode subset) that cover at least one character of text. */
export function facesFor(text: string, weights: readonly number[] = FONT_WEIGHTS): FontFace[] {
  const points = codePoints(text);
  const faces: FontFace[] = [];
  document.fonts.forEach((face) => {
    if (face.family.replace(/["']/g, '') !== FAMILY || !weights.includes(Number(face.weight))) return;
    const ranges = rangesOf(face);
    if (points.some((cp) => covers(ranges, cp))) faces.push(face);
  });
  return faces;
}

/**
 * Loads every face text needs, reporting progress from 0 to 1; resolves once the font can draw all of it.
 * Rejects if a face fails to load (a network error), so the caller can say so instead of drawing tofu.
 */
export async function loadGlyphs(
  text: string,
  onProgress: (fraction: number) => void = () => {},
): Promise<void> {
  const faces = facesFor(text);
  let done = 0;
  onProgress(faces.length === 0 ? 1 : 0);
  await Promise.all(
    faces.map(async (face) => {
      await face.load();
      done += 1;
      onProgress(done / faces.length);
    }),
  );
  // Belt and braces: the browser's own matcher agrees that each Phaser weight is ready for this text.
  await Promise.all(FONT_WEIGHTS.map((w) => document.fonts.load(`${w} 16px "${FAMILY}"`, text)));
}

/** True when every character of text can be drawn in the bundled font without waiting. */
export function glyphsReady(text: string): boolean {
  return FONT_WEIGHTS.every((w) => document.fonts.check(`${w} 16px "${FAMILY}"`, text));
}
