// Entry point: the language switch and, for a join link, the join form first (plain HTML, no engine);
// the game itself (Phaser and the scenes) is loaded in the background and takes over when it arrives.
import './style.css';
import { loadGlyphs } from './fonts.ts';
import { getLanguage, languageText } from './i18n/index.ts';
import { targetFor } from './start-target.ts';
import { joinForm } from './ui/join-form.ts';
import { savedSeat } from './net/seat-resume.ts';
import { mountLanguageToggle } from './ui/language-toggle.ts';
import { mountMotionToggle } from './ui/motion.ts';
import { mountDisplayToggles } from './ui/display.ts';

document.documentElement.lang = getLanguage();
mountLanguageToggle();
mountMotionToggle();
mountDisplayToggles();
const target = targetFor(new URL(window.location.href));
const linkCode =
  target.next === 'Join' && 'code' in target.data && typeof target.data.code === 'string'
    ? target.data.code
    : null;
// A reload of a tab that sat in a class rejoins that seat at once (not for a projector, nor a link to another class).
const saved = target.next === 'Machine' ? null : savedSeat();
if (saved && (linkCode === null || linkCode === saved.code)) joinForm().resume(saved);
else if (linkCode !== null) joinForm().showEarly(linkCode);

// The faces the game's texts need start downloading beside the engine, not after it (the Preloader waits
// for them); both start once the form above has been painted, so a slow laptop shows it first (issue 17).
afterFirstPaint(() => {
  loadGlyphs(languageText(getLanguage())).catch(() => undefined);
  void import('./game.ts').then(({ startGame }) => startGame('game'));
});

/** Runs work once, after the next frame has been drawn, or after a second in a tab that draws no frames (hidden). */
function afterFirstPaint(work: () => void): void {
  let ran = false;
  const once = (): void => {
    if (ran) return;
    ran = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 1000);
}

// The service worker (built by vite-plugin-pwa) keeps the game shell for the next visit and solo play.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .catch((error: unknown) => console.warn('Kernel Crew: no offline copy', error));
  });
}
