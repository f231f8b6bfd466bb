// Colour-blind-safe colours (Okabe–Ito) and fonts shared by Phaser scenes and the DOM overlay.

/** The Okabe–Ito palette: eight colours distinguishable under the common colour-vision deficiencies. */
export const OKABE_ITO = {
  black: 0x000000,
  orange: 0xe69f00,
  skyBlue: 0x56b4e9,
  bluishGreen: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  reddishPurple: 0xcc79a7,
} as const;

/** The UI's surface and text colours, by role. */
export interface Palette {
  background: number;
  panel: number;
  panelEdge: number;
  text: number;
  muted: number;
  focus: number;
  accent: number;
}

/** Surface and text colours of the UI, chosen for contrast on a projector (text ≥ 7:1 on the background). */
const STANDARD: Palette = {
  background: 0x11151c,
  panel: 0x1c2430,
  panelEdge: 0x3a4658,
  text: 0xf4f6f8,
  muted: 0xb7c0cc,
  focus: OKABE_ITO.yellow,
  accent: OKABE_ITO.skyBlue,
};

/** High contrast (the player's switch, or `prefers-contrast: more`): white on black, white edges, no grey below 15:1. */
const HIGH: Palette = {
  background: 0x000000,
  panel: 0x000000,
  panelEdge: 0xffffff,
  text: 0xffffff,
  muted: 0xe6e9ed,
  focus: OKABE_ITO.yellow,
  accent: OKABE_ITO.skyBlue,
};

/** The palette every view draws with now: the standard one, or the high-contrast one (setHighContrast). */
export const UI: Readonly<Palette> = { ...STANDARD };

/** Switches the palette in place (views read UI when they draw); returns the colours it replaced, by the new ones. */
export function setHighContrast(high: boolean): Map<number, number> {
  const next = high ? HIGH : STANDARD;
  const swaps = new Map<number, number>();
  for (const k of Object.keys(next) as (keyof Palette)[]) if (UI[k] !== next[k]) swaps.set(UI[k], next[k]);
  Object.assign(UI, next);
  STATE_STYLE.terminated.color = UI.muted;
  return swaps;
}

/** The font every text uses; Noto Sans KR is bundled so Hangul renders on machines without a Korean font. */
export const FONT_FAMILY = '"Noto Sans KR", system-ui, sans-serif';

/** The shapes drawn next to a state's label so that no state is told apart by colour alone. */
export type StateIcon = 'diamond' | 'circle' | 'triangle' | 'square' | 'cross';

/** A process or thread state as the kernel names it. */
export type ProcessStateName = 'new' | 'ready' | 'running' | 'blocked' | 'terminated';

/** How each state looks everywhere in the game: a colour, an icon and (from i18n) a label. */
export const STATE_STYLE: Record<ProcessStateName, { color: number; icon: StateIcon }> = {
  new: { color: OKABE_ITO.reddishPurple, icon: 'diamond' },
  ready: { color: OKABE_ITO.skyBlue, icon: 'circle' },
  running: { color: OKABE_ITO.bluishGreen, icon: 'triangle' },
  blocked: { color: OKABE_ITO.orange, icon: 'square' },
  terminated: { color: UI.muted, icon: 'cross' },
};

/** Formats a 0xRRGGBB number as a CSS colour string for Phaser text styles and the DOM. */
export function css(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}
