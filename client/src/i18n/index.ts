// The game's texts: its namespace of the one i18n module (language.ts holds the current language).
import { LANGUAGE_NAMES, namespace, type Language } from './language.ts';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type { MessageKey } from './en.ts';
export {
  LANGUAGES,
  LANGUAGE_NAMES,
  LANGUAGE_CHANGED,
  detectLanguage,
  getLanguage,
  setLanguage,
  onLanguageChanged,
  namespace,
  type Language,
} from './language.ts';

/** All message tables, exported so tests can compare their key sets. */
export const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, ko };

/** Looks a key up in the current language and fills {placeholders} from params. */
export const t = namespace(MESSAGES);

/** Every string of one language (plus the toggle's names), so the font loader fetches exactly the glyphs it needs. */
export function languageText(language: Language): string {
  return Object.values(MESSAGES[language]).join('') + Object.values(LANGUAGE_NAMES).join('') + '0123456789';
}
