// The level's goal and the player's job, shown over the Machine scene while a level plays, with the
// clock's controls; when the room's verdict arrives it moves on to the LevelResult scene.
import Phaser from 'phaser';
import { levelById, type Level } from '../../../shared/levels/index.ts';
import { levelSlots } from '../../../shared/roles/level-slots.ts';
import type { RoleSlot } from '../../../shared/roles/types.ts';
import { onLanguageChanged, t } from '../i18n/index.ts';
import { currentPlay, leaveLevel, retryLevel, type LevelPlay } from '../solo/level-room.ts';
import { levelNumber, pick, roleSentence } from '../solo/level-text.ts';
import { h, required } from '../ui/dom.ts';
import type { Rect } from '../ui/layout.ts';
import { OVERLAY_HEIGHT, OVERLAY_RECT } from '../views/machine-layout.ts';
import '../solo/solo.css';

/** Started (launched over Machine) with the level being played. */
export interface LevelHudData {
  levelId?: string;
}

/** The HUD scene: DOM only, so the machine below stays visible. */
export class LevelHud extends Phaser.Scene {
  private level!: Level;
  private play!: LevelPlay;
  private root!: HTMLElement;
  private tick!: HTMLElement;
  private pause!: HTMLButtonElement;
  private lastTick = -1;
  private jobs: { slot: RoleSlot; button: HTMLButtonElement }[] = [];
  private lastJob = '';

  constructor() {
    super('LevelHud');
  }

  create(data: LevelHudData): void {
    const level = data.levelId ? levelById(data.levelId) : undefined;
    const play = currentPlay();
    if (!level || !play) {
      this.scene.stop('Machine');
      this.scene.start('LevelMap');
      return;
    }
    this.level = level;
    this.play = play;
    this.scene.bringToTop();
    this.root = h('aside', { class: 'level-hud', 'data-level': level.id, 'aria-label': pick(level.title) });
    this.tick = h('span', { class: 'hud-tick', 'aria-live': 'off' });
    this.pause = h('button', { type: 'button', 'data-action': 'pause' });
    required('ui').append(this.root);
    this.render();
    const offLanguage = onLanguageChanged(() => this.render());
    play.onVerdict = () => this.finish();
    const offSession = play.session.on((change) => { if (change === 'left') this.toMap(); });
    // The Machine scene keeps a place clear for the HUD (under the top bar on a phone, heading the
    // right-hand column on wider screens): the HUD tells it how tall it is and goes where it is put.
    const onRect = (_parent: unknown, key: string): void => { if (key === OVERLAY_RECT) this.placeSelf(); };
    this.registry.events.on(Phaser.Data.Events.SET_DATA, onRect);
    this.registry.events.on(Phaser.Data.Events.CHANGE_DATA, onRect);
    const measure = new ResizeObserver(() => {
      const height = Math.ceil(this.root.offsetHeight);
      if (height !== this.registry.get(OVERLAY_HEIGHT)) this.registry.set(OVERLAY_HEIGHT, height);
    });
    measure.observe(this.root);
    this.placeSelf();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      measure.disconnect();
      this.registry.events.off(Phaser.Data.Events.SET_DATA, onRect);
      this.registry.events.off(Phaser.Data.Events.CHANGE_DATA, onRect);
      this.registry.set(OVERLAY_HEIGHT, 0);
      offLanguage();
      offSession();
      if (this.play.onVerdict) this.play.onVerdict = null;
      this.root.remove();
    });
    if (play.verdict) this.finish();
    else if (play.session.state.phase === 'paused') this.pause.focus({ preventScroll: true });
  }

  /** Moves the HUD to the place the Machine scene keeps for it. */
  private placeSelf(): void {
    const r = this.registry.get(OVERLAY_RECT) as Rect | undefined;
    if (!r) return;
    Object.assign(this.root.style, { left: `${Math.round(r.x)}px`, top: `${Math.round(r.y)}px`, width: `${Math.round(r.width)}px`, right: 'auto' });
  }

  private render(): void {
    const level = this.level;
    const retry = h('button', { type: 'button', 'data-action': 'retry' }, t('solo.hud.retry'));
    const map = h('button', { type: 'button', 'data-action': 'map' }, t('solo.back_map'));
    retry.addEventListener('click', () => void retryLevel(this.play).catch(() => this.toMap()));
    map.addEventListener('click', () => this.toMap());
    this.pause.onclick = () => {
      this.play.session.send(this.play.session.state.phase === 'paused' ? 'host:resume' : 'host:pause');
      this.pause.blur(); // the machine's keys (1–9, arrows, Enter) work again at once
    };
    // A level with two jobs (both ends of a channel, two threads) lets the player switch between them.
    const slots = levelSlots(level);
    this.jobs = slots.length < 2 ? [] : slots.map((slot) => {
      const button = h('button', { type: 'button', 'data-job': slot.key, 'aria-pressed': 'false' }, jobName(slot));
      button.addEventListener('click', () => {
        this.play.session.send('solo:job', { slot: slot.key });
        button.blur();
      });
      return { slot, button };
    });
    this.root.replaceChildren(
      h('p', { class: 'hud-title' }, h('span', { class: 'badge' }, t('solo.map.level', { n: levelNumber(level.id) })), ' ', pick(level.title)),
      h('p', { class: 'hud-line' }, h('strong', {}, `${t('solo.card.job')}: `), roleSentence(level)),
      h('p', { class: 'hud-line' }, h('strong', {}, `${t('solo.card.goal')}: `), pick(level.goalText)),
      ...(this.jobs.length ? [h('div', { class: 'hud-controls', role: 'group', 'aria-label': t('solo.hud.jobs') }, h('span', {}, t('solo.hud.jobs')), ...this.jobs.map((j) => j.button))] : []),
      h('div', { class: 'hud-controls' }, this.tick, this.pause, retry, map),
    );
    this.lastTick = -1;
    this.lastJob = '';
    this.update();
  }

  override update(): void {
    const state = this.play?.session.state;
    const machine = this.play?.session.machine();
    if (!state || !machine) return;
    this.markJob();
    const tick = machine.tick;
    const paused = state.phase === 'paused';
    const key = tick * 2 + (paused ? 1 : 0);
    if (key === this.lastTick) return;
    this.lastTick = key;
    this.tick.textContent = t('solo.hud.tick', { tick, limit: this.level.tickLimit });
    this.pause.textContent = paused ? (tick === 0 ? t('solo.hud.start') : t('solo.hud.resume')) : t('solo.hud.pause');
    this.pause.classList.toggle('primary', paused);
    this.pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
  }

  /** Marks the job the player steers now (pressed, and a ▶ so it is not shown by colour alone). */
  private markJob(): void {
    if (this.jobs.length === 0) return;
    const seat = this.play.session.seat();
    const current = seat ? this.play.session.state.players?.get(seat)?.slot ?? '' : '';
    if (current === this.lastJob) return;
    this.lastJob = current;
    for (const { slot, button } of this.jobs) {
      const on = slot.key === current;
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.classList.toggle('primary', on);
      button.textContent = `${on ? '▶ ' : ''}${jobName(slot)}`;
    }
  }

  private finish(): void {
    const verdict = this.play.verdict;
    if (!verdict) return;
    this.play.onVerdict = null;
    this.scene.stop('Machine');
    this.scene.start('LevelResult', { levelId: this.level.id });
  }

  private toMap(): void {
    this.play.onVerdict = null;
    void leaveLevel();
    this.scene.stop('Machine');
    this.scene.start('LevelMap');
  }
}

/** How a job is named on its switch button. */
function jobName(slot: RoleSlot): string {
  if (slot.role === 'thread') return t('solo.hud.job.thread', { n: slot.thread + 1, process: slot.process });
  if (slot.role === 'ipc') return t('solo.hud.job.channel', { channel: slot.channel });
  return slot.key;
}
