// Where each view of the machine goes: three columns on a projector or laptop, one scrolling column
// on a phone held upright. Pure arithmetic on the screen size, so every screen is laid out the same way.
import type { Rect } from '../ui/layout.ts';
import { CoresView } from './cores-view.ts';

/** Game registry keys: the height a panel over the machine asks for (set by it), and the rectangle it gets (set by the Machine scene). */
export const OVERLAY_HEIGHT = 'machine.overlayHeight';
export const OVERLAY_RECT = 'machine.overlayRect';

/** The parts of the Machine scene that get a rectangle. */
export type Part =
  | 'cores'
  | 'ready'
  | 'blocked'
  | 'devices'
  | 'interrupts'
  | 'channels'
  | 'sync'
  | 'processes'
  | 'metrics'
  | 'feed';

/** Rectangles in world coordinates (CSS pixels; the world scrolls on phones). */
export interface MachineLayout {
  unit: number;
  stacked: boolean;
  width: number;
  height: number;
  /** How tall the world is; more than the screen on phones. */
  worldHeight: number;
  header: Rect;
  parts: Record<Part, Rect>;
  /** The right-hand column (PCB detail and the projector's join panel go over it). */
  side: Rect;
  /** Where a panel shown over the machine (a solo level's goal and clock) goes, kept clear of every part; its height is the one asked for. */
  overlay: Rect;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The part that shows a role's own job, where it is not among the first parts anyway. */
export function ownPart(role: string): Part | null {
  return role === 'interrupt' ? 'interrupts' : role === 'ipc' ? 'channels' : null;
}

/**
 * Lays the machine out for a screen, leaving `bottom` pixels free for the action bar. On a phone the
 * player's `own` part comes right after the cores, so the interrupt handler and the channel see
 * what they act on without scrolling. `overlay` is the height of a panel shown over the machine (a
 * solo level's goal and clock): on a phone it sits under the top bar and the machine starts below
 * it; on wider screens it heads the right-hand column, whose parts start below it.
 */
export function machineLayout(
  width: number,
  height: number,
  cores: number,
  bottom: number,
  own: Part | null = null,
  overlay = 0,
): MachineLayout {
  const stacked = width < 820 || width / height < 1.05;
  const m = 8;
  if (stacked) {
    const unit = Math.round(clamp(width / 28, 12, 16));
    const w = width - 2 * m;
    const overlayRect: Rect = { x: m, y: 52, width: w, height: overlay };
    const header: Rect = { x: m, y: 52 + (overlay > 0 ? overlay + m : 0), width: w, height: unit * 3.2 };
    const heights: [Part, number][] = [
      ['cores', CoresView.heightFor(cores, w - unit, unit) + unit * 2.2],
      ['ready', unit * 13],
      ['blocked', unit * 5],
      ['interrupts', unit * 5],
      ['devices', unit * 5],
      ['channels', unit * 7],
      ['sync', unit * 5.5],
      ['processes', unit * 16],
      ['metrics', unit * 8],
      ['feed', unit * 14],
    ];
    const at = own ? heights.findIndex(([part]) => part === own) : -1;
    if (at > 1) heights.splice(1, 0, ...heights.splice(at, 1));
    let y = header.y + header.height + unit * 0.4;
    const parts = {} as Record<Part, Rect>;
    for (const [part, h] of heights) {
      parts[part] = { x: m, y, width: w, height: h };
      y += h + unit * 0.5;
    }
    return {
      unit,
      stacked,
      width,
      height,
      worldHeight: y + bottom + m,
      header,
      parts,
      side: { x: m, y: header.y, width: w, height: height - header.y - bottom - m },
      overlay: overlayRect,
    };
  }
  const unit = Math.round(clamp(Math.min(width / 74, height / 42), 11, 26));
  const gap = Math.round(unit * 0.5);
  const header: Rect = { x: m, y: m, width: width - 2 * m - 230, height: unit * 2.2 };
  const top = header.y + header.height + gap;
  const bodyH = height - top - bottom - m - gap;
  const inner = width - 2 * m - 2 * gap;
  const w1 = Math.round(inner * 0.42);
  const w2 = Math.round(inner * 0.26);
  const w3 = inner - w1 - w2;
  const x2 = m + w1 + gap;
  const x3 = x2 + w2 + gap;
  // the overlay heads the right-hand column, leaving the panels under it at least 38 % of the body; a
  // taller overlay gets that much and scrolls (it never covers them: seen at 1280×800, issue 13)
  const overlayShown = overlay > 0 ? Math.min(overlay, Math.round(bodyH * 0.62)) : 0;
  const below = overlay > 0 ? overlayShown + gap : 0;
  const col = (x: number, w: number, shares: [Part, number][], below = 0): [Part, Rect][] => {
    let y = top + below;
    const free = bodyH - below - gap * (shares.length - 1);
    return shares.map(([part, share]) => {
      const h = Math.round(free * share);
      const r: [Part, Rect] = [part, { x, y, width: w, height: h }];
      y += h + gap;
      return r;
    });
  };
  const coreShare = clamp((CoresView.heightFor(cores, w1 - unit, unit) + unit * 1.8) / bodyH, 0.25, 0.5);
  // Under an overlay (a solo level, whose stars are the metrics) the right-hand column keeps room for
  // every line of the metrics; when what is left under the overlay is too short for three panels (a
  // laptop with the code panel open), the feed moves to the foot of the left-hand column and the
  // processes to the foot of the middle one, and the metrics have the column to themselves.
  const feedLeft = below > 0 && bodyH - below < unit * 24;
  const rest = 1 - coreShare;
  const parts = Object.fromEntries([
    ...col(
      m,
      w1,
      feedLeft
        ? [
            ['cores', coreShare],
            ['ready', rest * 0.42],
            ['blocked', rest * 0.24],
            ['feed', rest * 0.34],
          ]
        : [
            ['cores', coreShare],
            ['ready', rest * 0.62],
            ['blocked', rest * 0.38],
          ],
    ),
    ...col(
      x2,
      w2,
      feedLeft
        ? [
            ['interrupts', 0.16],
            ['devices', 0.17],
            ['channels', 0.25],
            ['sync', 0.2],
            ['processes', 0.22],
          ]
        : [
            ['interrupts', 0.2],
            ['devices', 0.22],
            ['channels', 0.33],
            ['sync', 0.25],
          ],
    ),
    ...col(
      x3,
      w3,
      feedLeft
        ? [['metrics', 1]]
        : below > 0
          ? [
              ['processes', 0.36],
              ['metrics', 0.36],
              ['feed', 0.28],
            ]
          : [
              ['processes', 0.44],
              ['metrics', 0.24],
              ['feed', 0.32],
            ],
      below,
    ),
  ]) as Record<Part, Rect>;
  return {
    unit,
    stacked,
    width,
    height,
    worldHeight: height,
    header,
    parts,
    side: { x: x3, y: top + below, width: w3, height: bodyH - below },
    overlay: { x: x3, y: top, width: w3, height: overlayShown },
  };
}
