// What clicks, drags and keys mean on the Machine scene: pick a Ready card and drop or send it to a
// core, preempt, handle an interrupt, pick from the action bar by number; scroll on phones.
import Phaser from 'phaser';
import { reducedMotion } from '../ui/motion.ts';
import type { Machine } from '../scenes/Machine.ts';
import type { PcbCard } from './pcb-card.ts';

/** Keys that must not act while the player types or a button has focus (Enter would act twice). */
function typing(): boolean {
  const a = document.activeElement;
  return a instanceof HTMLInputElement || a instanceof HTMLTextAreaElement;
}

function isScheduler(scene: Machine): boolean {
  return scene.model?.mine.role === 'scheduler';
}

/** Screen rectangle of a world rectangle (for anchoring refusals). */
function screenOf(
  scene: Machine,
  r: { x: number; y: number; width: number; height: number },
): { x: number; y: number; width: number; height: number } {
  return scene.toScreen(r);
}

function dispatch(
  scene: Machine,
  core: number,
  from: { x: number; y: number; width: number; height: number },
): void {
  if (scene.selected < 0) return;
  scene.act({ type: 'dispatch', payload: { core, tid: scene.selected } }, from);
}

function select(scene: Machine, tid: number): void {
  scene.selected = scene.selected === tid ? -1 : tid;
  scene.invalidate();
}

/** The wiring, one function per kind of object, called by the views when they create objects. */
export const wireMachineInput = {
  /** A pooled Ready card: click selects (and opens its PCB), a drag dropped on a core dispatches. */
  card(scene: Machine, card: PcbCard): void {
    let dragged = false;
    card.hit.on('pointerdown', () => {
      dragged = false;
    });
    card.hit.on('pointerup', () => {
      if (dragged) {
        dragged = false;
        return;
      }
      const tid = card.tid;
      if (tid < 0) return;
      const wasSelected = scene.selected === tid;
      wireMachineInput.pickThread(scene, tid);
      const pid = scene.model?.threads.get(tid)?.pid ?? -1;
      if (!scene.lay.stacked || wasSelected || !isScheduler(scene)) scene.openPcb(pid);
    });
    card.hit.on('dragstart', () => {
      dragged = false;
    });
    card.hit.on('drag', (pointer: Phaser.Input.Pointer) => {
      if (!isScheduler(scene) || card.tid < 0) return;
      if (!dragged) {
        dragged = true;
        scene.selected = card.tid;
        scene.invalidate();
        card.root.setDepth(10);
      }
      card.root.setPosition(pointer.worldX - card.width / 2, pointer.worldY - card.height / 2);
    });
    card.hit.on('dragend', (pointer: Phaser.Input.Pointer) => {
      card.root.setDepth(0);
      // dropped on a core? (found by position: the dragged card itself is the top object under the pointer)
      const cores = scene.model?.cores ?? [];
      const hit =
        dragged && card.tid >= 0
          ? cores.find((c) => {
              const r = scene.cores.coreRect(c.id);
              return (
                r !== null &&
                pointer.worldX >= r.x &&
                pointer.worldX <= r.x + r.width &&
                pointer.worldY >= r.y &&
                pointer.worldY <= r.y + r.height
              );
            })
          : undefined;
      const rect = hit ? scene.cores.coreRect(hit.id) : null;
      if (hit && rect) {
        scene.target = hit.id;
        dispatch(scene, hit.id, screenOf(scene, rect));
      }
      const place = scene.ready.places.get(card.tid);
      if (place) card.moveTo(scene, place.x, place.y, !reducedMotion());
      scene.invalidate();
    });
  },

  /** A core: click sends the picked card there (or makes it the target); its preempt button preempts. */
  core(scene: Machine, core: number, zone: Phaser.GameObjects.Zone, preempt: Phaser.GameObjects.Text): void {
    zone.setData('core', core);
    zone.on('pointerup', () => wireMachineInput.pressCore(scene, core));
    preempt.on('pointerup', () => {
      scene.target = core;
      scene.act({ type: 'preempt', payload: { core } }, screenOf(scene, preempt.getBounds()));
    });
  },

  /** A scheduler's core pressed (clicked, or Enter in the screen-reader mirror): the target, and the picked card sent there. */
  pressCore(scene: Machine, core: number): void {
    if (!isScheduler(scene)) return;
    scene.target = core;
    const rect = scene.cores.coreRect(core);
    if (scene.selected >= 0) dispatch(scene, core, rect ? screenOf(scene, rect) : scene.anchor);
    scene.invalidate();
  },

  /** A Ready thread picked by a scheduler (a card's click, or Enter in the screen-reader mirror); picked again, let go. */
  pickThread(scene: Machine, tid: number): void {
    if (isScheduler(scene)) select(scene, tid);
  },

  /** A line of the interrupts list: the interrupt handler handles it by clicking. */
  interruptLine(scene: Machine, index: number): void {
    const m = scene.model;
    const irq = m?.interrupts[index];
    if (!m || !irq || m.mine.role !== 'interrupt') return;
    const line = scene.interrupts.lines.line(index);
    scene.act(
      { type: 'handle-interrupt', payload: { id: irq.id } },
      line ? screenOf(scene, line.getBounds()) : scene.anchor,
    );
  },

  /** Keys and scrolling for the whole scene. */
  scene(scene: Machine): void {
    // A plain DOM listener, one call per key press. Phaser's keyboard plugin replays every key event of the
    // current step on each new one, so two keys pressed within a step (a quick "1, Enter") dispatched twice.
    const onKey = (event: KeyboardEvent): void => {
      if (typing() || !scene.model || !scene.sys.isActive()) return;
      const m = scene.model;
      const onButton = document.activeElement instanceof HTMLButtonElement;
      if (event.key === 'Escape') {
        // Escape closes what is open: the PCB, the selection, and the channels' warnings (issue 13).
        scene.channels.dismiss();
        scene.openPcb(-1);
        scene.selected = -1;
        scene.invalidate();
        return;
      }
      const digit = /^[1-9]$/.test(event.key) ? Number(event.key) : 0;
      if (m.mine.role === 'scheduler') {
        const ready = m.ready;
        const at = ready.findIndex((th) => th.tid === scene.selected);
        if (digit > 0 && ready[digit - 1]) {
          scene.selected = ready[digit - 1]!.tid;
          scene.invalidate();
        } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
          const next =
            at < 0
              ? 0
              : (at + (event.key === 'ArrowRight' ? 1 : ready.length - 1)) % Math.max(1, ready.length);
          if (ready[next]) {
            scene.selected = ready[next]!.tid;
            scene.invalidate();
          }
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          const cores = m.mine.cores;
          const i = cores.indexOf(scene.target);
          scene.target =
            cores[(i + (event.key === 'ArrowDown' ? 1 : cores.length - 1)) % Math.max(1, cores.length)] ?? 0;
          scene.invalidate();
        } else if (event.key === 'Enter' && !onButton) {
          const r = scene.cores.coreRect(scene.target);
          if (r) dispatch(scene, scene.target, screenOf(scene, r));
        } else if (event.key.toLowerCase() === 'r' && scene.selected >= 0) {
          const r = scene.cores.coreRect(scene.target);
          scene.act(
            { type: 'replace', payload: { core: scene.target, tid: scene.selected } },
            r ? screenOf(scene, r) : scene.anchor,
          );
        } else if (event.key.toLowerCase() === 'p') {
          const r = scene.cores.coreRect(scene.target);
          scene.act(
            { type: 'preempt', payload: { core: scene.target } },
            r ? screenOf(scene, r) : scene.anchor,
          );
        } else if (event.key.toLowerCase() === 'i' && scene.selected >= 0)
          scene.openPcb(m.threads.get(scene.selected)?.pid ?? -1);
        else return;
        event.preventDefault();
        return;
      }
      if (digit > 0) {
        const entry = scene.bar.entries(m, null)[digit - 1];
        const button = scene.bar.root.querySelectorAll('button')[digit - 1];
        if (entry?.action && button) {
          scene.act(entry.action, button.getBoundingClientRect());
          event.preventDefault();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    scene.events.once(Phaser.Scenes.Events.SHUTDOWN, () => window.removeEventListener('keydown', onKey));
    // phones: the machine is taller than the screen; drag the background or use the wheel to scroll
    const cam = scene.cameras.main;
    let last: number | null = null;
    scene.input.on('pointerdown', (p: Phaser.Input.Pointer, over: Phaser.GameObjects.GameObject[]) => {
      last = over.length === 0 ? p.y : null;
    });
    scene.input.on('pointermove', (p: Phaser.Input.Pointer) => {
      if (last === null || !p.isDown) return;
      scene.scrollBy((last - p.y) / cam.zoom);
      last = p.y;
    });
    scene.input.on('pointerup', () => {
      last = null;
    });
    // the wheel over a list that holds more than it shows (the event feed) scrolls that list, elsewhere the page
    scene.input.on('wheel', (p: Phaser.Input.Pointer, _o: unknown, _dx: number, dy: number) => {
      if (!scene.wheelList(p.worldX, p.worldY, dy)) scene.scrollBy(dy);
    });
  },
};
