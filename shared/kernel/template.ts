// A text in both languages with {name} slots, filled from a parameter table: the one way every
// kernel sentence (refusals, scenario problems) is written and read.
import { withParticles } from './josa.ts';
import type { Lang } from './limits.ts';

/** One sentence per language; {name} is replaced by the parameter of that name. */
export type Template = Record<Lang, string>;

/** Fills the {name} slots of a sentence (a slot with no parameter stays, for a test to find). */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** A template in one language, filled, its Korean particles chosen from the words before them. */
export function render(template: Template, params: Record<string, string | number>, lang: Lang): string {
  const text = fill(template[lang], params);
  return lang === 'ko' ? withParticles(text) : text;
}

/** A template filled in both languages (a refusal a room sends in the player's language, a form's error). */
export function renderBoth(template: Template, params: Record<string, string | number>): Template {
  return { ko: render(template, params, 'ko'), en: render(template, params, 'en') };
}
