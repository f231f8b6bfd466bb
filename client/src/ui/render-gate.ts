// Draw only what changed: Phaser redraws every object of every scene 60 times a second, which made a still
// menu cost as much as a busy machine (and a school laptop's battery with it). The gate wraps the game's step:
// the scenes still update every frame (timers, tweens, the views reading the synced state), but the renderer
// runs only when the picture would differ — a cheap fingerprint of what the active scenes show (positions,
// sizes, colours, texts, graphics commands, cameras) changed, a tween is running, the screen was resized or a
// font arrived. After a second with nothing to draw the loop is throttled to a quarter of the display's rate,
// and full rate comes back with the first change. One place, so every scene gets it without code of its own.
import Phaser from 'phaser';

/** What the gate has done since the game started; read by tests and the frame benchmark (window.__kcDebug). */
export interface RenderStats {
  /** Animation frames the browser gave the game. */
  frames: number;
  /** Frames in which the scenes were updated (fewer than frames while throttled). */
  steps: number;
  /** Frames the renderer drew. */
  renders: number;
  /** Milliseconds of main-thread time spent in the game's steps (update, fingerprint and, when drawn, render). */
  stepMs: number;
  /** Milliseconds spent in the renderer alone. */
  renderMs: number;
  /** Milliseconds spent taking the scenes' fingerprints (the gate's own cost). */
  printMs: number;
  /** Whether the loop is throttled now (nothing changed for a while). */
  idle: boolean;
  /** Set to draw every frame as Phaser does without the gate (the frame benchmark's comparison). */
  drawEveryFrame: boolean;
}

/** How long nothing must change before the loop is throttled. */
const IDLE_AFTER_MS = 1000;
/** While throttled, the scenes are updated on one animation frame in this many. */
const IDLE_EVERY = 4;

/** A running hash of numbers and strings (FNV-1a over 32 bits): cheap, and equal inputs give equal results. */
class Fingerprint {
  value = 0x811c9dc5;
  num(n: number | undefined): void {
    // numbers are folded through their float bits' two halves, so 0.1 and 0.2 differ
    const x = n ?? -1.5;
    const lo = x | 0;
    const hi = Math.round((x - lo) * 65536);
    this.value = Math.imul(this.value ^ lo, 0x01000193);
    this.value = Math.imul(this.value ^ hi, 0x01000193);
  }
  str(s: string | undefined): void {
    const t = s ?? '';
    this.num(t.length);
    for (let i = 0; i < t.length; i += 1) this.value = Math.imul(this.value ^ t.charCodeAt(i), 0x01000193);
  }
}

type Anything = Record<string, unknown>;
const numberOf = (o: Anything, key: string): number | undefined => {
  const v = o[key];
  return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : undefined;
};
const TRANSFORM = ['x', 'y', 'scaleX', 'scaleY', 'rotation', 'alpha', 'depth', 'width', 'height'] as const;
const SHAPE = ['fillColor', 'fillAlpha', 'strokeColor', 'strokeAlpha', 'lineWidth', 'isFilled', 'isStroked'];
const STYLE = [
  'color',
  'backgroundColor',
  'fontSize',
  'fontStyle',
  'fontFamily',
  'stroke',
  'strokeThickness',
  'align',
  'wordWrapWidth',
  'fixedWidth',
  'fixedHeight',
];

/** Folds one object (and a container's children) into the fingerprint: everything our scenes change that shows. */
function foldObject(f: Fingerprint, o: Phaser.GameObjects.GameObject): void {
  const any = o as unknown as Anything;
  f.str(o.type);
  f.num(any.visible === false ? 0 : 1);
  if (any.visible === false) return;
  for (const key of TRANSFORM) f.num(numberOf(any, key));
  f.num(numberOf(any, 'originX'));
  f.num(numberOf(any, 'originY'));
  f.num(numberOf(any, 'scrollFactorX'));
  f.num(numberOf(any, 'tintTopLeft'));
  f.num(numberOf(any, 'blendMode'));
  if (typeof any._text === 'string') {
    f.str(any._text);
    const style = any.style as Anything | undefined;
    if (style) for (const key of STYLE) f.str(String(style[key] ?? ''));
  }
  if (typeof any.fillColor === 'number') for (const key of SHAPE) f.num(numberOf(any, key));
  const commands = any.commandBuffer;
  if (Array.isArray(commands)) {
    f.num(commands.length);
    for (const c of commands) if (typeof c === 'number') f.num(c);
  }
  const children = any.list;
  if (Array.isArray(children))
    for (const child of children) foldObject(f, child as Phaser.GameObjects.GameObject);
}

/** The fingerprint of everything the visible scenes would draw now. */
function sceneFingerprint(game: Phaser.Game): number {
  const f = new Fingerprint();
  for (const scene of game.scene.getScenes(true)) {
    f.str(scene.scene.key);
    if (!scene.sys.settings.visible) continue;
    for (const cam of scene.cameras.cameras) {
      f.num(cam.scrollX);
      f.num(cam.scrollY);
      f.num(cam.zoom);
      f.num(cam.x);
      f.num(cam.y);
      f.num(cam.width);
      f.num(cam.height);
      f.num(cam.backgroundColor.color32);
    }
    for (const o of scene.children.list) foldObject(f, o);
  }
  return f.value;
}

/** Whether any active scene has a tween playing (its objects move every frame, so every frame is drawn). */
function tweening(game: Phaser.Game): boolean {
  return game.scene.getScenes(true).some((scene) => scene.tweens.getTweens().some((tw) => tw.isPlaying()));
}

/** Wraps game.step so that frames are drawn only when something shows a change; returns the live stats (and its one switch). */
export function installRenderGate(game: Phaser.Game): RenderStats {
  const stats: RenderStats = {
    frames: 0,
    steps: 0,
    renders: 0,
    stepMs: 0,
    renderMs: 0,
    printMs: 0,
    idle: false,
    drawEveryFrame: false,
  };
  let forced = true;
  let lastPrint = Number.NaN;
  let lastChange = 0;
  let skipped = 0;
  let carried = 0;
  const force = (): void => {
    forced = true;
  };
  game.scale.on(Phaser.Scale.Events.RESIZE, force);
  document.fonts?.addEventListener('loadingdone', force);
  document.addEventListener('visibilitychange', force);
  // Input is answered on the very next frame, even while throttled.
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const)
    window.addEventListener(type, force, { passive: true, capture: true });
  game.events.on(Phaser.Core.Events.VISIBLE, force);
  game.events.once(Phaser.Core.Events.READY, () =>
    game.canvas.addEventListener('webglcontextrestored', force),
  );

  const original = game.step.bind(game);
  const events = game.events;
  game.step = (time: number, delta: number): void => {
    stats.frames += 1;
    if ((game as unknown as { pendingDestroy: boolean }).pendingDestroy || game.isPaused) {
      original(time, delta);
      return;
    }
    // Throttled: skip this frame's update, and hand its time to the next one so clocks and tweens keep pace.
    if (stats.idle && !forced && (skipped += 1) < IDLE_EVERY) {
      carried += delta;
      return;
    }
    skipped = 0;
    const dt = delta + carried;
    carried = 0;
    const start = performance.now();
    stats.steps += 1;
    events.emit(Phaser.Core.Events.PRE_STEP, time, dt);
    events.emit(Phaser.Core.Events.STEP, time, dt);
    game.scene.update(time, dt);
    events.emit(Phaser.Core.Events.POST_STEP, time, dt);
    const p0 = performance.now();
    const print = sceneFingerprint(game);
    const moving = tweening(game);
    stats.printMs += performance.now() - p0;
    if (forced || moving || print !== lastPrint || stats.drawEveryFrame) {
      forced = false;
      lastPrint = print;
      lastChange = time;
      stats.idle = false;
      const r0 = performance.now();
      const renderer = game.renderer;
      renderer.preRender();
      events.emit(Phaser.Core.Events.PRE_RENDER, renderer, time, dt);
      game.scene.render(renderer);
      renderer.postRender();
      events.emit(Phaser.Core.Events.POST_RENDER, renderer, time, dt);
      stats.renders += 1;
      stats.renderMs += performance.now() - r0;
    } else {
      // SceneManager.update sets isProcessing and only its render clears it; while it stays set, a scene
      // started from outside the step (a room's reply, a click) is queued, and the next processQueue
      // re-queues that same operation forever: the page hangs in one step. Clear it as render would.
      (game.scene as unknown as { isProcessing: boolean }).isProcessing = false;
      if (time - lastChange > IDLE_AFTER_MS) stats.idle = true;
    }
    stats.stepMs += performance.now() - start;
  };
  return stats;
}
