// Loads the font subsets the current language needs (with a real progress bar) before any scene draws text.
import Phaser from 'phaser';
import { loadGlyphs } from '../fonts.ts';
import { getLanguage, languageText, onLanguageChanged, t } from '../i18n/index.ts';
import { h, required } from '../ui/dom.ts';
import { UI } from '../theme.ts';
import { fitCamera, viewSize } from '../ui/pixel-ratio.ts';
import type { BootTarget } from '../start-target.ts';
import { joinForm } from '../ui/join-form.ts';
import { lobbyDataFor } from './Join.ts';

/** Shows loading progress; its label is DOM text (an accessible progressbar) because the canvas font is not ready yet. */
export class Preloader extends Phaser.Scene {
  private progress = 0;

  constructor() {
    super('Preloader');
  }

  create(target: BootTarget): void {
    this.progress = 0;
    const bar = this.add.graphics();
    const label = h('p', { class: 'loading-label', id: 'loading-label' });
    const meter = h('div', {
      role: 'progressbar',
      'aria-labelledby': 'loading-label',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': 0,
    });
    const panel = h('section', { class: 'scene-panel loading', 'data-scene': 'Preloader' }, label, meter);
    required('scene-ui').append(panel);

    // With the join form on show (a join link), loading goes on quietly behind it: no bar over the form.
    panel.hidden = joinForm().showingEarly;
    const draw = (): void => {
      fitCamera(this);
      if (panel.hidden) return;
      const { width, height } = viewSize(this);
      const w = Math.min(480, width * 0.8);
      const x = (width - w) / 2;
      const y = height / 2;
      bar
        .clear()
        .lineStyle(2, UI.panelEdge, 1)
        .strokeRect(x, y - 10, w, 20);
      bar.fillStyle(UI.accent, 1).fillRect(x + 3, y - 7, (w - 6) * this.progress, 14);
      panel.style.top = `${Math.round(y + 24)}px`;
      meter.setAttribute('aria-valuenow', String(Math.round(this.progress * 100)));
    };
    const renderLabel = (): void => {
      label.textContent = t('loading.label');
    };
    renderLabel();
    draw();
    const offLanguage = onLanguageChanged(renderLabel);
    this.scale.on(Phaser.Scale.Events.RESIZE, draw);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      offLanguage();
      this.scale.off(Phaser.Scale.Events.RESIZE, draw);
      panel.remove();
    });

    loadGlyphs(languageText(getLanguage()), (fraction) => {
      this.progress = fraction;
      draw();
    }).then(
      // A reload's rejoin of its seat (main.ts) is waited for, so the student lands back in it, not on the menu.
      () =>
        joinForm()
          .settled()
          .then(() => {
            // A student who joined with the form while the engine loaded (or whose reload rejoined) goes straight to the Lobby;
            // the round router moves them on to the machine when a round is running.
            const early = joinForm().takePending();
            if (early) this.scene.start('Lobby', lobbyDataFor(early));
            else this.scene.start(target.next, target.data);
          }),
      (error: unknown) => {
        console.warn('Kernel Crew: the font could not be loaded', error);
        const reload = h('button', { type: 'button' }, t('loading.reload'));
        reload.addEventListener('click', () => window.location.reload());
        label.textContent = t('loading.failed');
        panel.append(reload);
      },
    );
  }
}
