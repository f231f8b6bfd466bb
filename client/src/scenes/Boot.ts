// First scene: decides where the player is going (a join link goes straight to the Join form) and hands over to the Preloader.
import Phaser from 'phaser';
import { codeFromUrl } from '../net/join-code.ts';
import { projectorFromUrl } from '../net/projector-link.ts';
import { UI } from '../theme.ts';

/** Where the Preloader should go once everything is loaded. */
export interface BootTarget {
  next: string;
  data: object;
}

/** The first scene to show for a URL: Join with the code pre-filled for a join link, the Menu otherwise. */
export function targetFor(url: URL): BootTarget {
  const projector = projectorFromUrl(url);
  if (projector) return { next: 'Machine', data: { projector } };
  const code = codeFromUrl(url);
  return code ? { next: 'Join', data: { code } } : { next: 'Menu', data: {} };
}

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
