// window.__kcDebug: a read-mostly window into the running game for end-to-end tests and curious teachers.
import Phaser from 'phaser';
import { getLanguage, type Language } from './i18n/index.ts';
import { switchLanguage } from './ui/language-toggle.ts';
import type { RenderStats } from './ui/render-gate.ts';
import { UiScene } from './ui/ui-scene.ts';

/** What the hook offers; tests read it through page.evaluate. */
export interface KernelCrewDebug {
  /** The UI language now showing. */
  language(): Language;
  /** Switches language exactly as the toggle does (fonts first). */
  setLanguage(language: Language): Promise<void>;
  /** Keys of the scenes running now, top last. */
  activeScenes(): string[];
  /** The texts drawn on the canvas by the active scenes (the same list the screen-reader mirror gets). */
  texts(): string[];
  /**
   * Whether the first canvas text containing part is drawn as its font would draw it now: its pixels
   * are compared with a fresh rasterisation. False while a face it needs arrived after it was drawn and
   * it was not redrawn (a nickname's Hangul left blank); null when no visible text contains part.
   */
  textDrawnCurrent(part: string): boolean | null;
  /** How every visible canvas text is drawn now (its font size in px and colour), for the large-text and contrast checks. */
  textStyles(): { text: string; size: number; color: string }[];
  /** The main camera's background colour of the first active scene, as #rrggbb. */
  canvasBackground(): string;
  /** 'WebGL' or 'Canvas': which renderer Phaser chose on this machine. */
  renderer(): string;
  /** What the render gate has drawn and skipped so far (a copy): frames, steps, renders, time spent. */
  renderStats(): RenderStats;
  /** Draws every frame (on) as Phaser does by itself, or only frames that change (off, the default). */
  drawEveryFrame(on: boolean): void;
  /** Starts a scene with data, stopping the others (lets tests reach scenes that need a server). */
  start(key: string, data?: object): void;
}

declare global {
  interface Window {
    __kcDebug?: KernelCrewDebug;
  }
}

/** Installs window.__kcDebug for this game. */
export function installDebugHook(game: Phaser.Game, render: RenderStats): void {
  const active = (): Phaser.Scene[] => game.scene.getScenes(true);
  window.__kcDebug = {
    language: getLanguage,
    setLanguage: switchLanguage,
    activeScenes: () => active().map((scene) => scene.scene.key),
    texts: () => active().flatMap((scene) => (scene instanceof UiScene ? scene.visibleTexts() : [])),
    textStyles: () =>
      active()
        .flatMap((scene) => (scene instanceof UiScene ? scene.visibleTextObjects() : []))
        .map((t) => ({
          text: t.text,
          size: parseFloat(String(t.style.fontSize)),
          color: String(t.style.color),
        })),
    canvasBackground: () => {
      const c = active()[0]?.cameras.main.backgroundColor;
      return c ? `#${c.color.toString(16).padStart(6, '0')}` : '';
    },
    textDrawnCurrent: (part) => {
      const text = active()
        .flatMap((scene) => (scene instanceof UiScene ? scene.visibleTextObjects() : []))
        .find((t) => t.text.includes(part));
      if (!text) return null;
      const pixels = (): Uint8ClampedArray =>
        text.context.getImageData(0, 0, text.canvas.width, text.canvas.height).data;
      const before = pixels();
      text.updateText();
      const after = pixels();
      return before.length === after.length && before.every((v, i) => v === after[i]);
    },
    renderer: () => (game.renderer.type === Phaser.WEBGL ? 'WebGL' : 'Canvas'),
    renderStats: () => ({ ...render }),
    drawEveryFrame: (on) => {
      render.drawEveryFrame = on;
    },
    start: (key, data = {}) => {
      const [current] = active();
      if (current) current.scene.start(key, data);
      else game.scene.start(key, data);
    },
  };
}
