// The CPU cores: the running thread with its PC and current instruction, the time slice running down,
// context switches as hatched lost time, and a strip of the last ticks so a too-short quantum shows.
import type Phaser from 'phaser';
import type { Rect } from '../ui/layout.ts';
import { t } from '../i18n/index.ts';
import { OKABE_ITO, STATE_STYLE, UI } from '../theme.ts';
import { dashedRect, fitWidth, hatch, setSize, setText, type Kit } from './view-kit.ts';
import type { CoreInfo, MachineModel } from './machine-model.ts';

const HISTORY = 32;

interface CoreBox {
  g: Phaser.GameObjects.Graphics;
  zone: Phaser.GameObjects.Zone;
  title: Phaser.GameObjects.Text;
  running: Phaser.GameObjects.Text;
  pc: Phaser.GameObjects.Text;
  slice: Phaser.GameObjects.Text;
  preempt: Phaser.GameObjects.Text;
  rect: Rect;
  /** What the core did in each of the last ticks: 'run', 'switch' or 'idle'. */
  history: string[];
  drawn: string;
}

/** Draws 1–8 cores in a grid; the scene wires drops and clicks through `zone` and `preempt`. */
export class CoresView {
  private readonly boxes: CoreBox[] = [];
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private unit = 16;
  private lastTick = -1;

  constructor(
    private readonly kit: Kit,
    private readonly wire: (
      core: number,
      zone: Phaser.GameObjects.Zone,
      preempt: Phaser.GameObjects.Text,
    ) => void,
  ) {}

  /** The rectangle of a core (world coordinates), for drops, flights and tests. */
  coreRect(id: number): Rect | null {
    return this.boxes[id]?.rect ?? null;
  }

  /** How tall the grid wants to be at this width (phones stack the page). */
  static heightFor(cores: number, width: number, unit: number): number {
    const cols = Math.min(cores, Math.max(1, Math.floor(width / (unit * 13))));
    return Math.ceil(cores / cols) * unit * 7.4;
  }

  layout(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    for (const b of this.boxes) b.drawn = '';
  }

  private box(i: number): CoreBox {
    while (this.boxes.length <= i) {
      const k = this.kit;
      const b: CoreBox = {
        g: k.scene.add.graphics(),
        zone: k.scene.add.zone(0, 0, 10, 10).setOrigin(0, 0),
        title: k.text({ size: 14, bold: true, color: UI.muted }),
        running: k.text({ size: 20, bold: true }),
        pc: k.text({ size: 14 }),
        slice: k.text({ size: 13, color: UI.muted }),
        preempt: k.text({ size: 14, bold: true, background: UI.panelEdge }),
        rect: { x: 0, y: 0, width: 0, height: 0 },
        history: [],
        drawn: '',
      };
      b.zone.setInteractive({ useHandCursor: true });
      b.preempt.setInteractive({ useHandCursor: true });
      this.wire(this.boxes.length, b.zone, b.preempt);
      this.boxes.push(b);
    }
    return this.boxes[i]!;
  }

  update(model: MachineModel, target: number, canPreempt: boolean): void {
    const n = model.cores.length;
    const cols = Math.min(n, Math.max(1, Math.floor(this.rect.width / (this.unit * 13))));
    const rows = Math.ceil(n / cols);
    const gap = this.unit * 0.5;
    const w = (this.rect.width - gap * (cols - 1)) / cols;
    const h = Math.min(this.unit * 9, (this.rect.height - gap * (rows - 1)) / rows);
    const ticked = model.tick !== this.lastTick;
    this.lastTick = model.tick;
    model.cores.forEach((core, i) => {
      const b = this.box(i);
      if (ticked) {
        b.history.push(core.running === null ? 'idle' : core.switchLeft > 0 ? 'switch' : 'run');
        if (b.history.length > HISTORY) b.history.shift();
      }
      b.rect = {
        x: this.rect.x + (i % cols) * (w + gap),
        y: this.rect.y + Math.floor(i / cols) * (h + gap),
        width: w,
        height: h,
      };
      const mine = model.mine.cores.includes(core.id) && model.mine.role === 'scheduler';
      this.draw(b, core, model, mine, core.id === target && mine);
      b.preempt.setVisible(canPreempt && mine && core.running !== null);
    });
    for (let i = n; i < this.boxes.length; i++) {
      const b = this.boxes[i]!;
      for (const o of [b.g, b.title, b.running, b.pc, b.slice, b.preempt]) o.setVisible(false);
    }
  }

  private draw(b: CoreBox, core: CoreInfo, model: MachineModel, mine: boolean, targeted: boolean): void {
    const { x, y, width: w, height: h } = b.rect;
    const u = this.unit;
    const th = core.running;
    const yours = mine ? ` · ${t('machine.yours')}` : '';
    const reserve = mine && th ? b.preempt.width + u * 0.6 : 0; // room for the preempt button
    setText(
      b.title,
      fitWidth(
        b.title,
        `${t('machine.core', { id: core.id })}${yours}${targeted ? ` · ${t('machine.target')}` : ''}`,
        w - u - reserve,
      ),
    );
    setText(b.running, fitWidth(b.running, th ? `${th.label} ${th.name}` : t('machine.idle'), w - u));
    const pcText = !th
      ? ''
      : core.switchLeft > 0
        ? t('machine.switching', { ticks: core.switchLeft })
        : t('machine.pc', { pc: th.pc, instr: th.instr || '—' });
    setText(b.pc, fitWidth(b.pc, pcText, w - u));
    setText(
      b.slice,
      th
        ? model.quantum > 0
          ? t('machine.slice', { used: core.sliceUsed, quantum: model.quantum })
          : t('machine.no_timer')
        : '',
    );
    setText(b.preempt, ` ${t('machine.preempt')} `);
    const sig = `${x},${y},${w},${h}|${th?.tid ?? -1}|${core.switchLeft}|${core.sliceUsed}|${model.quantum}|${mine}|${targeted}|${b.history.join('')}`;
    for (const o of [b.g, b.title, b.running, b.pc, b.slice]) o.setVisible(true);
    if (sig === b.drawn) return;
    b.drawn = sig;
    b.zone.setPosition(x, y).setSize(w, h);
    if (b.zone.input) b.zone.input.hitArea.setTo(0, 0, w, h);
    setSize(b.title, u * 0.75);
    setSize(b.running, u * 1.15);
    setSize(b.pc, u * 0.8);
    setSize(b.slice, u * 0.72);
    setSize(b.preempt, u * 0.75);
    b.title.setPosition(x + u * 0.5, y + u * 0.3);
    b.running.setPosition(x + u * 0.5, y + u * 1.4);
    b.pc.setPosition(x + u * 0.5, y + u * 3.0);
    b.slice.setPosition(x + u * 0.5, y + u * 4.1);
    b.preempt.setPosition(x + w - u * 0.4 - b.preempt.width, y + u * 0.2);
    const g = b.g.clear();
    g.fillStyle(UI.panel, 1).fillRoundedRect(x, y, w, h, 8);
    if (targeted) g.lineStyle(4, UI.focus, 1).strokeRoundedRect(x + 1, y + 1, w - 2, h - 2, 8);
    else if (mine) dashedRect(g, x + 1, y + 1, w - 2, h - 2, UI.focus, 3);
    else g.lineStyle(1, UI.panelEdge, 1).strokeRoundedRect(x, y, w, h, 8);
    if (th) g.fillStyle(STATE_STYLE.running.color, 1).fillRect(x + 3, y + u * 1.4, 4, u * 1.4);
    if (core.switchLeft > 0)
      hatch(g, x + u * 0.3, y + u * 1.3, w - u * 0.6, u * 1.6, OKABE_ITO.vermillion, 7);
    // the time slice running down: full bar = quantum, filled = used
    const barY = y + u * 5.2;
    const barW = w - u;
    if (th && model.quantum > 0) {
      g.fillStyle(UI.background, 1).fillRect(x + u * 0.5, barY, barW, u * 0.45);
      g.fillStyle(OKABE_ITO.skyBlue, 1).fillRect(
        x + u * 0.5,
        barY,
        (barW * Math.min(core.sliceUsed, model.quantum)) / model.quantum,
        u * 0.45,
      );
      g.lineStyle(1, UI.panelEdge, 1).strokeRect(x + u * 0.5, barY, barW, u * 0.45);
    }
    // the last ticks: solid = useful work, hatched = context switch, empty = idle
    const stripY = y + u * 6.0;
    const cell = barW / HISTORY;
    const stripH = Math.max(4, Math.min(u * 0.8, h - u * 6.3));
    b.history.forEach((what, k) => {
      const cx = x + u * 0.5 + (HISTORY - b.history.length + k) * cell;
      if (what === 'run') g.fillStyle(STATE_STYLE.running.color, 1).fillRect(cx, stripY, cell - 1, stripH);
      else if (what === 'switch') hatch(g, cx, stripY, cell - 1, stripH, OKABE_ITO.vermillion, 4);
    });
    g.lineStyle(1, UI.panelEdge, 1).strokeRect(x + u * 0.5, stripY, barW, stripH);
  }
}
