// The title block every UI scene shows under the language toggle: the game's name and a line under it.
import type Phaser from 'phaser';
import { UI } from '../theme.ts';
import type { ScreenLayout } from './layout.ts';
import type { TextOptions } from './ui-scene.ts';

/** The game's name and a subtitle, centred in the layout's header box and scaled to the screen. */
export class Header {
  readonly title: Phaser.GameObjects.Text;
  readonly subtitle: Phaser.GameObjects.Text;

  constructor(addText: (options: TextOptions) => Phaser.GameObjects.Text) {
    this.title = addText({ size: 40, bold: true, align: 'center' }).setOrigin(0.5, 0);
    this.subtitle = addText({ size: 20, color: UI.muted, align: 'center' }).setOrigin(0.5, 0);
  }

  /** Sets both lines (already translated). */
  setTexts(title: string, subtitle: string): void {
    this.title.setText(title);
    this.subtitle.setText(subtitle);
  }

  /** Centres the block in the header box, shrinking the title if it would not fit the width. */
  layout(layout: ScreenLayout): void {
    const { header, unit } = layout;
    const cx = header.x + header.width / 2;
    this.title.setFontSize(Math.round(unit * 2.2));
    if (this.title.width > header.width)
      this.title.setFontSize(Math.floor(unit * 2.2 * (header.width / this.title.width)));
    this.title.setPosition(cx, header.y);
    this.subtitle.setFontSize(Math.round(unit * 1.0)).setWordWrapWidth(header.width);
    this.subtitle.setPosition(cx, header.y + this.title.height + unit * 0.2);
  }
}
