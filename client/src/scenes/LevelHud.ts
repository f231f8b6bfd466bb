// The level's goal and the player's job, shown over the Machine scene while a level plays, with the
// clock's controls (pause/resume, step one tick, undo the last tick, retry; Space, S and U); when the
// room's verdict arrives it moves on to the LevelResult scene. A challenge's HUD shows the ticks survived
// and the condition to keep in words; a sandbox's says it has no goal and leads back to its editor.
import Phaser from 'phaser';
import { goalSentences, type Level } from '../../../shared/levels/index.ts';
import { levelSlots } from '../../../shared/roles/level-slots.ts';
import type { RoleSlot } from '../../../shared/roles/types.ts';
import { getLanguage, onLanguageChanged, t } from '../i18n/index.ts';
import { currentPlay, leaveLevel, retryLevel, type LevelPlay } from '../solo/level-room.ts';
import { levelNumber, pick, roleSentence } from '../solo/level-text.ts';
import { bestOf } from '../solo/progress-store.ts';
import { h, required } from '../ui/dom.ts';
import type { Rect } from '../ui/layout.ts';
import { OVERLAY_HEIGHT, OVERLAY_RECT } from '../views/machine-layout.ts';
import '../solo/solo.css';

/** Least time between two Undos: about 12 a second, well under the room's message limit with moves between them. */
const UNDO_GAP_MS = 80;
/** Most Steps waiting their turn: pressing S five times runs five ticks; holding it down runs on for a moment at most. */
const STEPS_QUEUED_MAX = 10;
/** A Step not seen on screen after this long is taken as lost (the next may go). */
const STEP_LOST_MS = 5000;

/** Started (launched over Machine); it shows the play level-room.ts holds (a level, a challenge or a sandbox). */
export type LevelHudData = object;

/** The HUD scene: DOM only, so the machine below stays visible. */
export class LevelHud extends Phaser.Scene {
  private level!: Level;
  private play!: LevelPlay;
  private root!: HTMLElement;
  private tick!: HTMLElement;
  private pause!: HTMLButtonElement;
  private stepButton!: HTMLButtonElement;
  private undoButton!: HTMLButtonElement;
  private lastTick = -1;
  /** When the last Undo went: a held key sends at most one per UNDO_GAP_MS, not a flood the room would close us for. */
  private undoAt = -Infinity;
  /** Steps pressed but not sent yet: one goes each time the last one has shown (one tick per press, in order). */
  private stepsQueued = 0;
  /** The attempt (the room's round) the queued steps were pressed in: a Retry drops them. */
  private stepsRound = -1;
  /** The Step on its way: the tick it left from, and when. */
  private stepInFlight: { tick: number; round: number; at: number } | null = null;
  private jobs: { slot: RoleSlot; button: HTMLButtonElement }[] = [];
  /** A deadlock ended the attempt: the machine stays frozen on screen, its wait-for cycle drawn, until the player asks for the result. */
  private frozen = false;
  private lastJob = '';

  constructor() {
    super('LevelHud');
  }

  create(_data: LevelHudData = {}): void {
    const play = currentPlay();
    const level = play?.level;
    if (!level || !play) {
      this.scene.stop('Machine');
      this.scene.start('LevelMap');
      return;
    }
    this.level = level;
    this.play = play;
    // the scene object outlives an attempt: steps pressed for the last one (S mashed before Retry or at its end) are not this one's
    this.stepsQueued = 0;
    this.stepInFlight = null;
    this.frozen = false;
    this.scene.bringToTop();
    this.root = h('aside', {
      class: 'level-hud',
      'data-level': level.id,
      'data-kind': play.target.kind,
      'aria-label': pick(level.title),
    });
    this.tick = h('span', { class: 'hud-tick', 'aria-live': 'off' });
    this.pause = h('button', { type: 'button', 'data-action': 'pause', 'aria-keyshortcuts': 'Space' });
    this.stepButton = h('button', { type: 'button', 'data-action': 'step', 'aria-keyshortcuts': 'S' });
    this.undoButton = h('button', { type: 'button', 'data-action': 'undo', 'aria-keyshortcuts': 'U' });
    required('ui').append(this.root);
    this.render();
    const offLanguage = onLanguageChanged(() => this.render());
    play.onVerdict = () => this.finish();
    const offSession = play.session.on((change) => {
      if (change === 'left') this.toMap();
    });
    // The clock's keys, wherever the focus is but in a text field (the buttons give focus back at once,
    // so Enter stays the machine's: dispatch, as its legend says).
    const onKey = (event: KeyboardEvent): void => {
      const at = document.activeElement;
      if (
        at instanceof HTMLInputElement ||
        at instanceof HTMLTextAreaElement ||
        event.altKey ||
        event.metaKey
      )
        return;
      const key = event.key.toLowerCase();
      if (event.ctrlKey && key !== 'z') return;
      if (key === ' ') this.togglePause();
      else if (key === 's' && !event.ctrlKey) this.stepOnce();
      else if (key === 'u' || (event.ctrlKey && key === 'z')) this.undo();
      else return;
      event.preventDefault(); // Space must not also press a focused button
    };
    document.addEventListener('keydown', onKey, true);
    // The Machine scene keeps a place clear for the HUD (under the top bar on a phone, heading the
    // right-hand column on wider screens): the HUD tells it how tall it is and goes where it is put.
    const onRect = (_parent: unknown, key: string): void => {
      if (key === OVERLAY_RECT) this.placeSelf();
    };
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
      document.removeEventListener('keydown', onKey, true);
      if (this.play.onVerdict) this.play.onVerdict = null;
      this.root.remove();
    });
    if (play.verdict) this.finish();
  }

  /** Space and the pause button: pause a running clock, resume (or start) a paused one. */
  private togglePause(): void {
    const phase = this.play.session.state.phase;
    if (phase === 'paused') this.play.session.send('host:resume');
    else if (phase === 'running') this.play.session.send('host:pause');
  }

  /** S and the step button: exactly one tick while paused; a running clock is paused first, with no tick. */
  private stepOnce(): void {
    const phase = this.play.session.state.phase;
    if (phase === 'paused') {
      const round = this.play.session.state.round;
      if (round !== this.stepsRound) this.stepsQueued = 0;
      this.stepsRound = round;
      this.stepsQueued = Math.min(STEPS_QUEUED_MAX, this.stepsQueued + 1);
      this.pumpSteps();
    } else if (phase === 'running') this.play.session.send('host:pause');
  }

  /** Sends the next queued Step once the last one has shown (so a burst of presses never floods the room). */
  private pumpSteps(): void {
    const state = this.play.session.state;
    const machine = this.play.session.machine();
    if (state.phase !== 'paused' || !machine || state.round !== this.stepsRound) {
      this.stepsQueued = 0;
      this.stepInFlight = null;
      return;
    }
    const now = performance.now();
    const f = this.stepInFlight;
    if (f && f.tick === machine.tick && f.round === state.round && now - f.at < STEP_LOST_MS) return;
    this.stepInFlight = null;
    if (this.stepsQueued === 0) return;
    this.stepsQueued--;
    this.stepInFlight = { tick: machine.tick, round: state.round, at: now };
    this.play.session.send('solo:step');
  }

  /** U and the undo button: the last tick taken back (the clock pauses first if it runs). */
  private undo(): void {
    const state = this.play.session.state;
    const machine = this.play.session.machine();
    const now = performance.now();
    if (!machine || machine.tick === 0 || this.stepInFlight || now - this.undoAt < UNDO_GAP_MS) return;
    this.undoAt = now;
    this.stepsQueued = 0;
    if (state.phase === 'running') this.play.session.send('host:pause');
    if (state.phase === 'running' || state.phase === 'paused') this.play.session.send('solo:undo');
  }

  /** Moves the HUD to the place the Machine scene keeps for it. */
  private placeSelf(): void {
    const r = this.registry.get(OVERLAY_RECT) as Rect | undefined;
    if (!r) return;
    Object.assign(this.root.style, {
      left: `${Math.round(r.x)}px`,
      top: `${Math.round(r.y)}px`,
      width: `${Math.round(r.width)}px`,
      right: 'auto',
      // the place kept for it (never over the panels under it); what does not fit scrolls
      maxHeight: r.height > 0 ? `${Math.round(r.height)}px` : '',
      overflowY: 'auto',
    });
  }

  private render(): void {
    const level = this.level;
    const retry = h('button', { type: 'button', 'data-action': 'retry' }, t('solo.hud.retry'));
    const map = h('button', { type: 'button', 'data-action': 'map' }, t('solo.back_map'));
    retry.addEventListener('click', () => {
      retry.blur();
      this.stepsQueued = 0; // not one more Step between this Retry and the new attempt's first patch
      if (this.frozen) {
        this.frozen = false;
        this.render();
      }
      void retryLevel(this.play).catch(() => this.toMap());
    });
    map.addEventListener('click', () => this.toMap());
    // Each control gives the focus back at once, so the machine's keys (1–9, arrows, Enter) work again.
    this.pause.onclick = () => {
      this.togglePause();
      this.pause.blur();
    };
    this.stepButton.onclick = () => {
      this.stepOnce();
      this.stepButton.blur();
    };
    this.undoButton.onclick = () => {
      this.undo();
      this.undoButton.blur();
    };
    this.stepButton.textContent = t('solo.hud.step');
    this.undoButton.textContent = t('solo.hud.undo');
    // A level with two jobs (both ends of a channel, two threads) lets the player switch between them.
    const slots = levelSlots(level);
    this.jobs =
      slots.length < 2
        ? []
        : slots.map((slot) => {
            const button = h(
              'button',
              { type: 'button', 'data-job': slot.key, 'aria-pressed': 'false' },
              jobName(slot),
            );
            button.addEventListener('click', () => {
              this.play.session.send('solo:job', { slot: slot.key });
              button.blur();
            });
            return { slot, button };
          });
    const frozen: HTMLElement[] = [];
    if (this.frozen) {
      const result = h(
        'button',
        { type: 'button', class: 'primary', 'data-action': 'result' },
        t('solo.hud.see_result'),
      );
      result.addEventListener('click', () => this.showResult());
      frozen.push(
        h('p', { class: 'hud-frozen', role: 'alert' }, t('solo.hud.deadlock')),
        h('div', { class: 'hud-controls' }, result),
      );
    }
    const kind = this.play.target.kind;
    const badge =
      kind === 'challenge'
        ? t('solo.map.challenge')
        : kind === 'sandbox'
          ? t('solo.map.sandbox')
          : t('solo.map.level', { n: levelNumber(level.id) });
    const goal =
      this.play.challenge !== null
        ? h(
            'p',
            { class: 'hud-line hud-condition' },
            h('strong', {}, `${t('solo.card.condition')}: `),
            goalSentences(this.play.challenge.keep, level, getLanguage()).join(
              getLanguage() === 'ko' ? ' · ' : '; ',
            ),
          )
        : kind === 'sandbox'
          ? h('p', { class: 'hud-line' }, t('solo.hud.no_goal'))
          : h('p', { class: 'hud-line' }, h('strong', {}, `${t('solo.card.goal')}: `), pick(level.goalText));
    if (kind === 'sandbox') map.textContent = t('solo.hud.edit');
    this.root.replaceChildren(
      h('p', { class: 'hud-title' }, h('span', { class: 'badge' }, badge), ' ', pick(level.title)),
      // the goal and job scroll when the HUD's place is too short for them; title and footer stay in view.
      // The goal comes first: on a laptop with the code open only its first lines may show, and the action
      // bar already names the role. A frozen attempt is over: what happened (in the footer) takes their place.
      ...(this.frozen
        ? []
        : [
            h(
              'div',
              { class: 'hud-texts' },
              goal,
              h('p', { class: 'hud-line' }, h('strong', {}, `${t('solo.card.job')}: `), roleSentence(level)),
            ),
          ]),
      h(
        'div',
        { class: 'hud-footer' },
        // a frozen attempt says so where the controls are, always in view
        ...frozen,
        ...(this.jobs.length
          ? [
              h(
                'div',
                { class: 'hud-controls', role: 'group', 'aria-label': t('solo.hud.jobs') },
                h('span', {}, t('solo.hud.jobs')),
                ...this.jobs.map((j) => j.button),
              ),
            ]
          : []),
        h(
          'div',
          { class: 'hud-controls' },
          this.tick,
          this.pause,
          this.stepButton,
          this.undoButton,
          retry,
          map,
        ),
        h('p', { class: 'hint hud-keys' }, t('solo.hud.keys')),
      ),
    );
    this.lastTick = -1;
    this.lastJob = '';
    this.update();
  }

  override update(): void {
    const state = this.play?.session.state;
    const machine = this.play?.session.machine();
    if (!state || !machine) return;
    if (this.stepsQueued > 0 || this.stepInFlight) this.pumpSteps();
    this.markJob();
    const tick = machine.tick;
    const paused = state.phase === 'paused';
    const key = tick * 2 + (paused ? 1 : 0);
    if (key === this.lastTick) return;
    this.lastTick = key;
    this.tick.textContent = this.tickText(tick);
    this.pause.textContent = paused
      ? tick === 0
        ? t('solo.hud.start')
        : t('solo.hud.resume')
      : t('solo.hud.pause');
    this.pause.classList.toggle('primary', paused);
    this.pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
    const live = paused || state.phase === 'running';
    this.pause.disabled = !live;
    this.stepButton.disabled = !paused;
    this.undoButton.disabled = !live || tick === 0;
  }

  /** The clock's figure: a level's tick of its limit, a challenge's ticks survived (and the best), a sandbox's tick. */
  private tickText(tick: number): string {
    const challenge = this.play.challenge;
    if (challenge) {
      const best = bestOf(challenge.spec.id);
      const survived = t('solo.hud.survived', { ticks: tick });
      return best ? `${survived} · ${t('solo.hud.best', { ticks: best.score })}` : survived;
    }
    if (this.play.target.kind === 'sandbox') return t('solo.hud.sandbox_tick', { tick });
    return t('solo.hud.tick', { tick, limit: this.level.tickLimit });
  }

  /** Marks the job the player steers now (pressed, and a ▶ so it is not shown by colour alone). */
  private markJob(): void {
    if (this.jobs.length === 0) return;
    const seat = this.play.session.seat();
    const current = seat ? (this.play.session.state.players?.get(seat)?.slot ?? '') : '';
    if (current === this.lastJob) return;
    this.lastJob = current;
    for (const { slot, button } of this.jobs) {
      const on = slot.key === current;
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.classList.toggle('primary', on);
      button.textContent = `${on ? '▶ ' : ''}${jobName(slot)}`;
    }
  }

  /**
   * The attempt's verdict arrived. A deadlock ends it frozen: the machine stays on screen with the
   * wait-for cycle drawn and the HUD says so, and the result opens when the player asks (issue 13:
   * consequences where they happen). Any other end opens the result at once.
   */
  private finish(): void {
    const verdict = this.play.verdict;
    if (!verdict) return;
    if (verdict.endedBy === 'deadlock') {
      if (!this.frozen) {
        this.frozen = true;
        this.stepsQueued = 0;
        this.render();
        this.root.querySelector<HTMLButtonElement>('[data-action="result"]')?.focus();
      }
      return;
    }
    this.showResult();
  }

  private showResult(): void {
    if (!this.play.verdict) return;
    this.frozen = false;
    this.play.onVerdict = null;
    this.scene.stop('Machine');
    this.scene.start('LevelResult', {});
  }

  /** Leaves the play: to the map, or a sandbox's editor with its setup. */
  private toMap(): void {
    this.play.onVerdict = null;
    void leaveLevel();
    this.scene.stop('Machine');
    const target = this.play.target;
    if (target.kind === 'sandbox') this.scene.start('Sandbox', { setup: target.setup });
    else this.scene.start('LevelMap');
  }
}

/** How a job is named on its switch button. */
function jobName(slot: RoleSlot): string {
  if (slot.role === 'thread') return t('solo.hud.job.thread', { n: slot.thread + 1, process: slot.process });
  if (slot.role === 'ipc') return t('solo.hud.job.channel', { channel: slot.channel });
  return slot.key;
}
