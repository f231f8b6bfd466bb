// The 한국어/English switch shown on every scene, and the one way the language is switched.
import {
  getLanguage,
  LANGUAGE_NAMES,
  LANGUAGES,
  languageText,
  onLanguageChanged,
  setLanguage,
  t,
  type Language,
} from '../i18n/index.ts';
import { loadGlyphs } from '../fonts.ts';
import { h, required } from './dom.ts';

/**
 * Loads the target language's glyphs first, then switches, so no scene draws Hangul as tofu. If the
 * font cannot be fetched (offline), it switches anyway: a system font is better than no switch.
 */
export async function switchLanguage(language: Language): Promise<void> {
  try {
    await loadGlyphs(languageText(language));
  } catch (error) {
    console.warn(`Kernel Crew: the ${language} glyphs could not be loaded`, error);
  }
  setLanguage(language);
}

/** Builds the toggle once (it lives outside the scenes, so it is on every scene) and keeps it in sync. */
export function mountLanguageToggle(): void {
  const host = required('lang-toggle');
  const buttons = LANGUAGES.map((lang) => {
    const button = h('button', { type: 'button', lang, 'data-lang': lang }, LANGUAGE_NAMES[lang]);
    button.addEventListener('click', () => {
      if (lang === getLanguage()) return;
      button.disabled = true;
      void switchLanguage(lang).finally(() => {
        button.disabled = false;
      });
    });
    return button;
  });
  host.replaceChildren(...buttons);
  const sync = (): void => {
    host.setAttribute('aria-label', t('lang.group'));
    for (const button of buttons)
      button.setAttribute('aria-pressed', String(button.dataset.lang === getLanguage()));
  };
  sync();
  onLanguageChanged(sync);
}
