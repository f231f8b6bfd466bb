// The process state diagram from the notes (생성 → 준비 ⇄ 실행 → 대기 → 준비, 실행 → 종료), drawn with colour, icon and label.
import Phaser from 'phaser';
import type { MessageKey } from '../i18n/index.ts';
import { STATE_STYLE, UI, type ProcessStateName, type StateIcon } from '../theme.ts';
import type { Rect } from './layout.ts';
import type { TextOptions } from './ui-scene.ts';

type Point = { x: number; y: number };

const STATES: ProcessStateName[] = ['new', 'ready', 'running', 'blocked', 'terminated'];

/** The transitions of the notes' diagram, each with the i18n key of its cause. */
const EDGES: { from: ProcessStateName; to: ProcessStateName; label: MessageKey; bend: number }[] = [
  { from: 'new', to: 'ready', label: 'edge.admit', bend: 0 },
  { from: 'ready', to: 'running', label: 'edge.dispatch', bend: -1 },
  { from: 'running', to: 'ready', label: 'edge.timer', bend: -1 },
  { from: 'running', to: 'blocked', label: 'edge.io_wait', bend: 0 },
  { from: 'blocked', to: 'ready', label: 'edge.io_done', bend: 0 },
  { from: 'running', to: 'terminated', label: 'edge.exit', bend: 0 },
];

/** Node centres as fractions of the drawing area: the textbook layout when wide, turned on its side when tall. */
const WIDE: Record<ProcessStateName, Point> = {
  new: { x: 0.1, y: 0.14 },
  terminated: { x: 0.9, y: 0.14 },
  ready: { x: 0.28, y: 0.5 },
  running: { x: 0.72, y: 0.5 },
  blocked: { x: 0.5, y: 0.88 },
};
const TALL: Record<ProcessStateName, Point> = {
  new: { x: 0.2, y: 0.07 },
  terminated: { x: 0.2, y: 0.93 },
  ready: { x: 0.36, y: 0.3 },
  running: { x: 0.36, y: 0.7 },
  blocked: { x: 0.8, y: 0.5 },
};

/** Draws the five-state diagram into any rectangle; used on the menu to show what the game is about. */
export class StateDiagram {
  private readonly graphics: Phaser.GameObjects.Graphics;
  private readonly caption: Phaser.GameObjects.Text;
  private readonly nodeLabels = new Map<ProcessStateName, Phaser.GameObjects.Text>();
  private readonly edgeLabels: Phaser.GameObjects.Text[] = [];

  constructor(
    scene: Phaser.Scene,
    addText: (options: TextOptions) => Phaser.GameObjects.Text,
    private readonly translate: (key: MessageKey) => string,
  ) {
    this.graphics = scene.add.graphics();
    this.caption = addText({ size: 18, color: UI.muted, bold: true });
    for (const state of STATES)
      this.nodeLabels.set(state, addText({ size: 18, bold: true }).setOrigin(0, 0.5));
    for (let i = 0; i < EDGES.length; i += 1)
      this.edgeLabels.push(
        addText({ size: 14, color: UI.muted, align: 'center', background: UI.background }).setOrigin(0.5),
      );
  }

  /** Fills the labels from the current language. */
  renderTexts(): void {
    this.caption.setText(this.translate('diagram.caption'));
    for (const state of STATES) this.nodeLabels.get(state)?.setText(this.translate(`state.${state}`));
    EDGES.forEach((edge, i) => this.edgeLabels[i]?.setText(this.translate(edge.label)));
  }

  /** Lays the diagram out inside area, or hides it when the area is too small to read. */
  layoutIn(area: Rect, unit: number): void {
    const visible = area.width >= 300 && area.height >= 300;
    this.setVisible(visible);
    if (!visible) return;
    const g = this.graphics.clear();
    const captionSize = Math.round(unit * 0.95);
    this.caption.setFontSize(captionSize).setPosition(area.x, area.y);
    const top = area.y + captionSize * 2;
    const box: Rect = { x: area.x, y: top, width: area.width, height: area.y + area.height - top };
    const tall = box.height > box.width * 0.9;
    const fractions = tall ? TALL : WIDE;
    const labelSize = Math.round(unit * 0.85);
    const edgeSize = Math.max(12, Math.round(unit * 0.62));
    const nodeH = labelSize * 2.4;
    const centres = new Map<ProcessStateName, Point>();
    const halfWidths = new Map<ProcessStateName, number>();
    for (const state of STATES) {
      const label = this.nodeLabels.get(state);
      if (!label) continue;
      label.setFontSize(labelSize);
      const w = label.width + labelSize * 2.6;
      const f = fractions[state];
      const c = {
        x: box.x + Phaser.Math.Clamp(f.x * box.width, w / 2, box.width - w / 2),
        y: box.y + Phaser.Math.Clamp(f.y * box.height, nodeH / 2, box.height - nodeH / 2),
      };
      centres.set(state, c);
      halfWidths.set(state, w / 2);
    }
    EDGES.forEach((edge, i) => {
      const a = centres.get(edge.from);
      const b = centres.get(edge.to);
      const label = this.edgeLabels[i];
      if (!a || !b || !label) return;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.hypot(dx, dy) || 1;
      const nx = -dy / len;
      const ny = dx / len;
      const offset = edge.bend * labelSize * 0.7;
      const start = this.clip(
        { x: a.x + nx * offset, y: a.y + ny * offset },
        { x: dx, y: dy },
        halfWidths.get(edge.from) ?? 0,
        nodeH / 2,
      );
      const end = this.clip(
        { x: b.x + nx * offset, y: b.y + ny * offset },
        { x: -dx, y: -dy },
        halfWidths.get(edge.to) ?? 0,
        nodeH / 2,
      );
      g.lineStyle(2, UI.muted, 1).lineBetween(start.x, start.y, end.x, end.y);
      this.arrowHead(end, { x: dx / len, y: dy / len }, labelSize * 0.55);
      // The label sits beside its line, on the side away from a partner line, clear of it by its own half-extent.
      label.setFontSize(edgeSize).setWordWrapWidth(Math.max(90, box.width * 0.3));
      const side = edge.bend !== 0 ? Math.sign(offset) : tall ? 1 : -1;
      const clearance = 4 + (Math.abs(nx) * label.width) / 2 + (Math.abs(ny) * label.height) / 2;
      label.setPosition(
        (start.x + end.x) / 2 + nx * clearance * side,
        (start.y + end.y) / 2 + ny * clearance * side,
      );
    });
    for (const state of STATES) {
      const c = centres.get(state);
      const hw = halfWidths.get(state);
      const label = this.nodeLabels.get(state);
      if (!c || hw === undefined || !label) continue;
      const style = STATE_STYLE[state];
      g.fillStyle(UI.panel, 1).fillRoundedRect(c.x - hw, c.y - nodeH / 2, hw * 2, nodeH, nodeH / 4);
      g.lineStyle(3, style.color, 1).strokeRoundedRect(c.x - hw, c.y - nodeH / 2, hw * 2, nodeH, nodeH / 4);
      this.icon(style.icon, style.color, { x: c.x - hw + labelSize * 1.1, y: c.y }, labelSize * 0.5);
      label.setPosition(c.x - hw + labelSize * 2, c.y);
    }
  }

  private setVisible(visible: boolean): void {
    this.graphics.setVisible(visible);
    this.caption.setVisible(visible);
    for (const label of [...this.nodeLabels.values(), ...this.edgeLabels]) label.setVisible(visible);
  }

  /** Moves a point from a node's centre along dir to the border of its rectangle. */
  private clip(centre: Point, dir: Point, hw: number, hh: number): Point {
    const t = Math.min(
      dir.x === 0 ? Infinity : hw / Math.abs(dir.x),
      dir.y === 0 ? Infinity : hh / Math.abs(dir.y),
    );
    return { x: centre.x + dir.x * t, y: centre.y + dir.y * t };
  }

  private arrowHead(tip: Point, dir: Point, size: number): void {
    const back = { x: tip.x - dir.x * size, y: tip.y - dir.y * size };
    const n = { x: -dir.y * size * 0.5, y: dir.x * size * 0.5 };
    this.graphics
      .fillStyle(UI.muted, 1)
      .fillTriangle(tip.x, tip.y, back.x + n.x, back.y + n.y, back.x - n.x, back.y - n.y);
  }

  private icon(icon: StateIcon, color: number, c: Point, r: number): void {
    const g = this.graphics.fillStyle(color, 1);
    switch (icon) {
      case 'circle':
        g.fillCircle(c.x, c.y, r);
        break;
      case 'square':
        g.fillRect(c.x - r * 0.85, c.y - r * 0.85, r * 1.7, r * 1.7);
        break;
      case 'triangle':
        g.fillTriangle(c.x - r * 0.8, c.y - r, c.x - r * 0.8, c.y + r, c.x + r, c.y);
        break;
      case 'diamond':
        g.fillTriangle(c.x, c.y - r, c.x + r, c.y, c.x, c.y + r).fillTriangle(
          c.x,
          c.y - r,
          c.x - r,
          c.y,
          c.x,
          c.y + r,
        );
        break;
      case 'cross':
        g.lineStyle(r * 0.45, color, 1)
          .lineBetween(c.x - r, c.y - r, c.x + r, c.y + r)
          .lineBetween(c.x - r, c.y + r, c.x + r, c.y - r);
        break;
    }
  }
}
