// Large text and high contrast (accommodations, issue 15), two switches beside "Less motion". Large text
// is off until pressed; high contrast follows the operating system's `prefers-contrast: more` until
// pressed. Each choice is kept in this browser. Large text scales the overlay's rem unit and every canvas
// text; high contrast swaps the canvas palette (theme.ts) and the overlay's colours (style.css reads the
// root's data-contrast). Nothing is told by colour alone either way: states keep their icons and labels.
import { onLanguageChanged, t, type MessageKey } from '../i18n/index.ts';
import { setHighContrast } from '../theme.ts';
import { required } from './dom.ts';

/** How much larger every text is with large text on (the overlay's rem and the canvas texts). */
export const LARGE_TEXT_SCALE = 1.25;

/** One stored switch: its key in localStorage, its two stored values, and what it follows until pressed. */
interface Pref {
  key: string;
  on: string;
  off: string;
  /** The operating system's media query it follows until pressed, or null (off until pressed). */
  media: string | null;
  /** The choice made on this page, for a browser whose storage is blocked. */
  page: boolean | null;
}

const LARGE: Pref = { key: 'kernel-crew.large-text', on: 'large', off: 'normal', media: null, page: null };
const CONTRAST: Pref = {
  key: 'kernel-crew.contrast',
  on: 'more',
  off: 'normal',
  media: '(prefers-contrast: more)',
  page: null,
};
/** Hears each change with the canvas colours it replaced (old → new), for texts already drawn. */
type Listener = (swaps: ReadonlyMap<number, number>) => void;
const listeners = new Set<Listener>();

function isOn(p: Pref): boolean {
  try {
    const v = localStorage.getItem(p.key);
    if (v === p.on || v === p.off) return v === p.on;
  } catch {
    // storage blocked: the choice made on this page, if any
  }
  if (p.page !== null) return p.page;
  return p.media !== null && typeof matchMedia === 'function' && matchMedia(p.media).matches;
}

function set(p: Pref, on: boolean): void {
  p.page = on;
  try {
    localStorage.setItem(p.key, on ? p.on : p.off);
  } catch {
    // storage blocked: the choice lasts for this page
  }
  apply();
}

/** True when texts are drawn large (the player's choice; off by default). */
export function largeText(): boolean {
  return isOn(LARGE);
}

/** True when the game is drawn in high contrast (the player's choice, else the operating system's). */
export function highContrast(): boolean {
  return isOn(CONTRAST);
}

/** The factor every text size is multiplied by now. */
export function textScale(): number {
  return largeText() ? LARGE_TEXT_SCALE : 1;
}

/** Calls `f` whenever either setting changes (a switch, or the operating system's contrast setting). */
export function onDisplayChanged(f: Listener): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** Puts both settings on the page (the root's data attributes, the canvas palette) and tells the listeners. */
function apply(): void {
  const root = document.documentElement;
  root.dataset.largeText = String(largeText());
  root.dataset.contrast = highContrast() ? 'more' : 'normal';
  const swaps = setHighContrast(highContrast());
  for (const f of listeners) f(swaps);
}

/** Builds the two switches once (beside the motion switch, on every scene) and keeps them in sync. */
export function mountDisplayToggles(): void {
  const toggles: [string, Pref, MessageKey, MessageKey][] = [
    ['text-toggle', LARGE, 'display.large', 'display.large.hint'],
    ['contrast-toggle', CONTRAST, 'display.contrast', 'display.contrast.hint'],
  ];
  const sync = (): void => {
    for (const [id, pref, label, hint] of toggles) {
      const button = required(id);
      button.textContent = t(label);
      button.title = t(hint);
      button.setAttribute('aria-pressed', String(isOn(pref)));
    }
  };
  for (const [id, pref] of toggles) required(id).addEventListener('click', () => set(pref, !isOn(pref)));
  listeners.add(sync);
  onLanguageChanged(sync);
  if (CONTRAST.media && typeof matchMedia === 'function')
    matchMedia(CONTRAST.media).addEventListener('change', apply);
  apply();
}
