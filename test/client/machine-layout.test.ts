// The Machine scene's layout as arithmetic: every part gets a rectangle inside the world, none overlaps
// another, on a phone the player's own part (interrupts, channels) comes right after the cores, and a
// panel shown over the machine gets a place of its own.
import { describe, expect, it } from 'vitest';
import {
  machineLayout,
  ownPart,
  type MachineLayout,
  type Part,
} from '../../client/src/views/machine-layout.ts';
import type { Rect } from '../../client/src/ui/layout.ts';

const SCREENS = { projector: [1920, 1080], laptop: [1366, 768], phone: [390, 844] } as const;
const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const order = (lay: MachineLayout): Part[] =>
  (Object.entries(lay.parts) as [Part, Rect][])
    .sort((a, b) => a[1].y - b[1].y || a[1].x - b[1].x)
    .map(([p]) => p);

describe('machine layout', () => {
  for (const [name, [w, h]] of Object.entries(SCREENS)) {
    for (const own of [null, 'interrupts', 'channels'] as const) {
      it(`${name}, own part ${own ?? 'none'}: ten parts inside the world, none overlapping`, () => {
        const lay = machineLayout(w, h, 4, 120, own);
        const rects = Object.values(lay.parts);
        expect(rects).toHaveLength(10);
        for (const r of rects) {
          expect(r.width).toBeGreaterThan(0);
          expect(r.height).toBeGreaterThan(0);
          expect(r.x + r.width).toBeLessThanOrEqual(w);
          expect(r.y + r.height).toBeLessThanOrEqual(lay.worldHeight);
        }
        for (let i = 0; i < rects.length; i++)
          for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i]!, rects[j]!)).toBe(false);
      });
    }
  }

  it('on a phone the own part follows the cores and the rest keep their order', () => {
    const plain = order(machineLayout(390, 844, 2, 120));
    expect(plain.slice(0, 3)).toEqual(['cores', 'ready', 'blocked']);
    for (const own of ['interrupts', 'channels'] as const) {
      const moved = order(machineLayout(390, 844, 2, 120, own));
      expect(moved.slice(0, 2)).toEqual(['cores', own]);
      expect(moved.filter((p) => p !== own)).toEqual(plain.filter((p) => p !== own));
    }
    // the world's height does not change, only the order
    expect(machineLayout(390, 844, 2, 120, 'channels').worldHeight).toBe(
      machineLayout(390, 844, 2, 120).worldHeight,
    );
  });

  it('on wide screens the own part stays where it is (it is on screen already)', () => {
    for (const [w, h] of [SCREENS.projector, SCREENS.laptop]) {
      expect(machineLayout(w, h, 2, 120, 'channels').parts).toEqual(machineLayout(w, h, 2, 120).parts);
    }
  });

  it('keeps the place asked for by a panel over the machine (a solo level) clear of every part', () => {
    for (const [w, h] of Object.values(SCREENS)) {
      for (const asked of [120, 260]) {
        const lay = machineLayout(w, h, 2, 120, null, asked);
        expect(lay.overlay.height).toBe(asked);
        expect(lay.overlay.x + lay.overlay.width).toBeLessThanOrEqual(w);
        for (const r of Object.values(lay.parts)) expect(overlap(r, lay.overlay)).toBe(false);
        expect(overlap(lay.header, lay.overlay)).toBe(false);
        // the cores are never pushed off a screen without scrolling
        expect(lay.parts.cores.y).toBeLessThan(h / 2);
      }
    }
    // without an overlay nothing moves
    expect(machineLayout(1366, 768, 2, 120, null, 0).parts).toEqual(machineLayout(1366, 768, 2, 120).parts);
  });

  it('gives a taller panel over the machine a capped place (it scrolls) and still covers no part', () => {
    // a level's HUD with a long goal at 1280×800 was 290 px tall and covered the processes panel
    for (const [w, h] of [
      [1280, 800],
      [1366, 768],
      [1920, 1080],
    ] as const) {
      const lay = machineLayout(w, h, 2, 120, null, 600);
      expect(lay.overlay.height).toBeGreaterThan(0);
      expect(lay.overlay.height).toBeLessThan(600);
      for (const r of Object.values(lay.parts)) expect(overlap(r, lay.overlay)).toBe(false);
      expect(lay.parts.processes.height).toBeGreaterThan(0);
    }
  });

  it("moves the feed to the left-hand column when the room under a level's panel is short", () => {
    // 1280×800 with the code panel open (290 px) and a long goal: three panels under the HUD were 45–58 px
    // each, and the metrics (the level's stars) showed one line of five
    const short = machineLayout(1280, 800, 2, 290, null, 600);
    expect(short.parts.feed.x).toBe(short.parts.cores.x);
    expect(short.parts.metrics.x).toBe(short.overlay.x);
    expect(short.parts.processes.x).toBe(short.parts.sync.x);
    expect(short.parts.metrics.height).toBeGreaterThan(short.unit * 7);
    const rects = Object.values(short.parts);
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i]!, rects[j]!)).toBe(false);
    for (const r of rects) expect(overlap(r, short.overlay)).toBe(false);
    // with room to spare (a projector, no code panel) the feed stays under the metrics
    const roomy = machineLayout(1920, 1080, 2, 120, null, 200);
    expect(roomy.parts.feed.x).toBe(roomy.overlay.x);
  });

  it('maps roles to their own parts', () => {
    expect(ownPart('interrupt')).toBe('interrupts');
    expect(ownPart('ipc')).toBe('channels');
    for (const role of ['scheduler', 'thread', 'spectator', 'host', '']) expect(ownPart(role)).toBeNull();
  });
});
