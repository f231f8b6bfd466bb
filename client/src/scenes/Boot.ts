// First scene: decides where the player is going (a join link goes straight to the Join form) and hands over to the Preloader.
import Phaser from 'phaser';
import { targetFor } from '../start-target.ts';
import { UI } from '../theme.ts';

/** Boots the game; it draws nothing, as no font is loaded yet. */
export class Boot extends Phaser.Scene {
  constructor() {
    super('Boot');
  }

  create(): void {
    this.cameras.main.setBackgroundColor(UI.background);
    this.scene.start('Preloader', targetFor(new URL(window.location.href)));
  }
}
