// Base class for every scene with UI: owns its DOM panel, re-renders on language switches and re-lays out on resize.
import Phaser from 'phaser';
import { onLanguageChanged } from '../i18n/index.ts';
import { FONT_FAMILY, UI, css } from '../theme.ts';
import { h, required } from './dom.ts';
import { computeLayout, type ScreenLayout } from './layout.ts';
import { onDisplayChanged, textScale } from './display.ts';
import { fitCamera, pixelRatio, viewSize } from './pixel-ratio.ts';

/** Options for a Phaser text drawn in the UI font. */
export interface TextOptions {
  size: number;
  color?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  wrapWidth?: number;
  /** A solid backdrop, for labels drawn across lines. */
  background?: number;
}

/**
 * A scene in three steps: build() creates objects once, renderTexts() fills every language-dependent
 * string, relayout() positions everything for the current screen. The base class calls them in that
 * order on create, renderTexts()+relayout() on each language switch, and relayout() on each resize.
 */
export abstract class UiScene extends Phaser.Scene {
  /** This scene's part of the HTML overlay; removed when the scene shuts down. */
  protected panel!: HTMLElement;
  private texts: Phaser.GameObjects.Text[] = [];

  /** Creates the scene's objects and DOM controls (called once per start). */
  protected abstract build(data: object): void;
  /** Sets every translated string from the current language. */
  protected abstract renderTexts(): void;
  /** Positions everything for the given screen. */
  protected abstract relayout(layout: ScreenLayout): void;

  /** The widest the scene's panel may be; forms want it narrower than menus. */
  protected panelWidth(): number {
    return 460;
  }

  create(data: object = {}): void {
    this.texts = [];
    this.cameras.main.setBackgroundColor(UI.background);
    fitCamera(this);
    this.panel = h('section', { class: 'scene-panel', 'data-scene': this.scene.key });
    required('scene-ui').append(this.panel);
    this.build(data);
    this.refresh();

    const offLanguage = onLanguageChanged(() => this.refresh());
    // large text or high contrast switched: texts already drawn take the new colours, then sizes follow the relayout
    const offDisplay = onDisplayChanged((swaps) => {
      this.cameras.main.setBackgroundColor(UI.background);
      for (const text of this.texts) {
        const now = swaps.get(Number.parseInt(String(text.style.color).slice(1), 16));
        if (now !== undefined) text.setColor(css(now));
        const back = swaps.get(Number.parseInt(String(text.style.backgroundColor).slice(1), 16));
        if (back !== undefined) text.setBackgroundColor(css(back));
      }
      this.refresh();
    });
    const onResize = (): void => {
      fitCamera(this);
      this.relayout(this.layout());
      this.mirror();
    };
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      offLanguage();
      offDisplay();
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      this.panel.remove();
      this.texts = [];
    });
  }

  /** The layout for the current canvas size; also scales the overlay's rem unit with the screen. */
  protected layout(): ScreenLayout {
    const { width, height } = viewSize(this);
    const layout = computeLayout(width, height, this.panelWidth());
    const rem = Math.min(22, Math.max(16, layout.unit * 0.85)) * textScale();
    document.documentElement.style.fontSize = `${Math.round(rem)}px`;
    return layout;
  }

  /** Re-renders strings, then re-lays out (string widths change with the language) and mirrors the texts. */
  protected refresh(): void {
    this.renderTexts();
    this.relayout(this.layout());
    this.mirror();
  }

  /** Adds a Phaser text in the bundled font, crisp on high-DPI screens, and tracks it for the mirror. */
  protected addText(options: TextOptions): Phaser.GameObjects.Text {
    const text = this.add.text(0, 0, '', {
      fontFamily: FONT_FAMILY,
      fontSize: `${Math.round(options.size * textScale())}px`,
      fontStyle: options.bold ? 'bold' : 'normal',
      color: css(options.color ?? UI.text),
      align: options.align ?? 'left',
      resolution: pixelRatio(),
      ...(options.wrapWidth ? { wordWrap: { width: options.wrapWidth, useAdvancedWrap: true } } : {}),
      ...(options.background !== undefined
        ? { backgroundColor: css(options.background), padding: { x: 4, y: 2 } }
        : {}),
    });
    this.texts.push(text);
    return text;
  }

  /** The canvas texts a player can see right now, in creation order (for the screen-reader mirror and tests). */
  visibleTexts(): string[] {
    return this.visibleTextObjects().map((text) => text.text);
  }

  /** The canvas text objects behind visibleTexts (the debug hook checks how they are drawn). */
  visibleTextObjects(): Phaser.GameObjects.Text[] {
    return this.texts.filter((text) => text.active && text.visible && text.text !== '');
  }

  /** Copies the canvas texts into a visually hidden region so screen readers can read what the canvas shows. */
  protected mirror(): void {
    const region = required('scene-mirror');
    region.replaceChildren(...this.visibleTexts().map((line) => h('p', {}, line)));
  }
}
