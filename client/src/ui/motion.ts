// Reduced motion (an accommodation, issue 15): cards are put in place instead of sliding, a dispatched
// card does not fly to its core, and nothing fades in. It follows the operating system's setting
// (prefers-reduced-motion) until the player presses the switch beside the language toggle; that choice is
// kept in this browser. Nothing the game says is carried by motion alone: the same moves, feed lines and
// marks show either way.
import { onLanguageChanged, t } from '../i18n/index.ts';
import { required } from './dom.ts';

const KEY = 'kernel-crew.motion';
const listeners = new Set<() => void>();
/** The choice made on this page, for a browser whose storage is blocked. */
let pageChoice: 'reduce' | 'full' | null = null;

/** The player's own choice in this browser, or null to follow the operating system. */
function choice(): 'reduce' | 'full' | null {
  try {
    const v = localStorage.getItem(KEY);
    if (v === 'reduce' || v === 'full') return v;
  } catch {
    // storage blocked: the choice made on this page, if any
  }
  return pageChoice;
}

function systemReduces(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** True when the game should not animate (the player's choice, else the operating system's). */
export function reducedMotion(): boolean {
  const c = choice();
  return c === null ? systemReduces() : c === 'reduce';
}

/** Sets the player's choice (kept in this browser) and tells the listeners. */
export function setReducedMotion(reduce: boolean): void {
  pageChoice = reduce ? 'reduce' : 'full';
  try {
    localStorage.setItem(KEY, pageChoice);
  } catch {
    // storage blocked: the choice lasts for this page
  }
  for (const f of listeners) f();
}

/** Calls `f` whenever the setting changes (the switch, or the operating system's setting). */
export function onMotionChanged(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** Builds the switch once (beside the language toggle, on every scene) and keeps it in sync. */
export function mountMotionToggle(): void {
  const button = required('motion-toggle');
  button.addEventListener('click', () => setReducedMotion(!reducedMotion()));
  const sync = (): void => {
    button.textContent = t('motion.reduce');
    button.setAttribute('aria-pressed', String(reducedMotion()));
    button.title = t('motion.hint');
  };
  sync();
  onLanguageChanged(sync);
  onMotionChanged(sync);
  if (typeof matchMedia === 'function')
    matchMedia('(prefers-reduced-motion: reduce)').addEventListener('change', () => {
      for (const f of listeners) f();
    });
}
