// The one i18n module's core: the current UI language (detection, persistence, the 'language-changed'
// event) and namespaces of texts that share it — the game's tables (i18n/index.ts) and the dashboard's
// (dashboard/texts.ts). Kept apart from the tables so the dashboard does not load the game's.
import { LANGS, type Lang } from '../../../shared/kernel/langs.ts';
import { withParticles } from '../../../shared/kernel/josa.ts';

/** The languages Kernel Crew ships, in the order the toggle shows them. */
export const LANGUAGES = LANGS;
/** One of the shipped languages (declared in shared/kernel/limits.ts). */
export type Language = Lang;

/** Each language's own name, shown on the toggle (an endonym, so it never needs translating). */
export const LANGUAGE_NAMES: Record<Language, string> = { ko: '한국어', en: 'English' };

/** The DOM event fired on window after every language switch; scenes listen for it to re-render. */
export const LANGUAGE_CHANGED = 'language-changed';

const STORAGE_KEY = 'kernel-crew.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks the first language the browser prefers that we ship; Korean for ko-*, English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function readStored(): Language | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null; // storage can be blocked (private mode, sandboxed iframes)
  }
}

function initialLanguage(): Language {
  const stored = readStored();
  if (stored) return stored;
  const nav = globalThis.navigator;
  return detectLanguage(nav ? (nav.languages?.length ? nav.languages : [nav.language]) : []);
}

let current: Language = initialLanguage();

/** The language the UI is showing now. */
export function getLanguage(): Language {
  return current;
}

/** Switches the UI language, remembers it, updates <html lang> and tells every listener. */
export function setLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // not persisted; the switch still applies for this visit
  }
  if (language === current) return;
  current = language;
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  globalThis.dispatchEvent?.(new CustomEvent<Language>(LANGUAGE_CHANGED, { detail: language }));
}

/** Subscribes to language switches; returns the function that unsubscribes. */
export function onLanguageChanged(listener: (language: Language) => void): () => void {
  const handler = (event: Event): void => listener((event as CustomEvent<Language>).detail);
  globalThis.addEventListener(LANGUAGE_CHANGED, handler);
  return () => globalThis.removeEventListener(LANGUAGE_CHANGED, handler);
}

/** A namespace: one table per language, looked up in the current language with {placeholders} filled from params. */
export function namespace<K extends string>(
  tables: Record<Language, Record<K, string>>,
): (key: K, params?: Record<string, string | number>, language?: Language) => string {
  return (key, params = {}, language = current) => {
    const template = tables[language][key] ?? key;
    const text = template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
    return language === 'ko' ? withParticles(text) : text;
  };
}
