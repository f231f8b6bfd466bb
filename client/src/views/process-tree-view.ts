// The process tree (PID/PPID, indented under parents) with each process's memory beside it: code, data,
// heap and one stack per thread, copy-on-write pages hatched, shared segments named. Fork and exec flash.
import type Phaser from 'phaser';
import { t } from '../i18n/index.ts';
import type { Rect } from '../ui/layout.ts';
import { OKABE_ITO, UI } from '../theme.ts';
import {
  Frame,
  drawIcon,
  fitWidth,
  hatch,
  setColor,
  setSize,
  setText,
  stateStyle,
  type Kit,
} from './view-kit.ts';
import type { MachineModel, ProcessInfo } from './machine-model.ts';

/** Memory segments in drawing order, with their colour and the pattern that tells them apart without colour. */
const SEGMENTS = [
  { key: 'code', color: OKABE_ITO.blue },
  { key: 'data', color: OKABE_ITO.skyBlue },
  { key: 'heap', color: OKABE_ITO.yellow },
  { key: 'stack', color: OKABE_ITO.reddishPurple },
] as const;

/**
 * The processes a panel of `fit` rows shows, in tree order: the first ones, but every crashed process
 * kept in, so a crash is seen where it happened even when the panel is short (at 1280×800 with the
 * code open it holds two rows, and a crashed tab was among the hidden ones).
 */
export function rowsShown(list: readonly ProcessInfo[], fit: number): ProcessInfo[] {
  if (list.length <= fit) return [...list];
  const keep = new Set(list.filter((p) => p.faulted).slice(0, fit));
  for (const p of list) {
    if (keep.size >= fit) break;
    keep.add(p);
  }
  return list.filter((p) => keep.has(p));
}

/** Draws the tree and the memory map, one row per process; rows are pooled. */
export class ProcessTreeView {
  private readonly frame: Frame;
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly names: Phaser.GameObjects.Text[] = [];
  private readonly legend: Phaser.GameObjects.Text;
  private inner: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private unit = 16;
  private drawn = '';
  /** pid → until when (ms) and why its row flashes. */
  private readonly flashes = new Map<number, { until: number; what: string }>();
  /** Where each process row is (world coordinates), for clicks. */
  readonly rows: { pid: number; rect: Rect }[] = [];

  constructor(
    private readonly kit: Kit,
    private readonly onRow: (pid: number) => void,
  ) {
    this.frame = new Frame(kit);
    this.g = kit.scene.add.graphics();
    this.legend = kit.text({ size: 12, color: UI.muted });
  }

  layout(rect: Rect, unit: number): void {
    this.unit = unit;
    this.inner = this.frame.layout(rect, unit);
    setSize(this.legend, unit * 0.65);
    this.legend.setWordWrapWidth(this.inner.width);
    this.legend.setPosition(this.inner.x, this.inner.y + this.inner.height - unit * 1.9);
    this.drawn = '';
  }

  /** The process lines showing now, top first (for the debug hook). */
  shown(): string[] {
    return this.names.filter((n) => n.visible).map((n) => n.text);
  }

  /** Makes a process's row flash (fork, exec) for a moment. */
  flash(pid: number, what: string): void {
    this.flashes.set(pid, { until: performance.now() + 2500, what });
  }

  private name(i: number): Phaser.GameObjects.Text {
    while (this.names.length <= i) {
      const text = this.kit.text({ size: 13 });
      const index = this.names.length;
      text.setInteractive({ useHandCursor: true }).on('pointerup', () => {
        const row = this.rows[index];
        if (row) this.onRow(row.pid);
      });
      this.names.push(text);
    }
    return this.names[i]!;
  }

  update(model: MachineModel): void {
    const u = this.unit;
    const live = model.processes.filter((p) => !p.terminated).length;
    const title = t('machine.processes', { live, total: model.processes.length });
    setText(this.legend, t('machine.memory.legend'));
    // the legend sits under the rows; a panel too short for the legend and a row per process gives the
    // legend's place to the rows (it ran over the title at 1280×800, and at 1920×1080 under a level's
    // goal no row was left for fastest-ipc's two processes)
    const withLegend = this.inner.height - u * 2 >= Math.min(model.processes.length, 3) * u * 0.95;
    this.legend.setVisible(withLegend);
    const room = withLegend ? this.inner.height - u * 2 : this.inner.height;
    const rowH = Math.max(u * 0.95, Math.min(u * 1.5, room / Math.max(1, model.processes.length)));
    const fit = Math.max(0, Math.floor(room / rowH));
    const shown = rowsShown(model.processes, fit);
    setText(
      this.frame.title,
      shown.length < model.processes.length
        ? `${title} · ${t('machine.ready.more', { count: model.processes.length - shown.length })}`
        : title,
    );
    const now = performance.now();
    for (const [pid, f] of this.flashes) if (f.until < now) this.flashes.delete(pid);
    const nameW = this.inner.width * 0.52;
    this.rows.length = 0;
    shown.forEach((p, i) => {
      const text = this.name(i);
      const y = this.inner.y + i * rowH;
      const indent = Math.min(p.depth, 6) * u * 0.8;
      setSize(text, Math.min(u * 0.78, rowH * 0.7));
      text.setPosition(this.inner.x + indent + u * 0.7, y + (rowH - text.height) / 2).setVisible(true);
      const f = this.flashes.get(p.pid);
      const ppid = p.ppid >= 0 ? `←P${p.ppid}` : '';
      // a crashed process is marked where it sits in the tree (× first, then "crashed" after its name, so a
      // narrow panel cuts its parent's PID rather than the mark: at 1280×800 "× crashed" at the end was cut), its siblings untouched
      const first = p.name === 'init' && p.ppid < 0 ? ` (${t('pcb.init')})` : '';
      const line = p.faulted
        ? `× P${p.pid} ${p.name} ${t('pcb.faulted')} ${ppid}`
        : `P${p.pid} ${p.name}${first} ${ppid}`;
      setText(text, fitWidth(text, `${line}${f ? ` · ${f.what}` : ''}`, nameW - indent - u * 0.7));
      setColor(text, p.faulted ? OKABE_ITO.vermillion : p.terminated ? UI.muted : UI.text);
      this.rows.push({ pid: p.pid, rect: { x: this.inner.x, y, width: this.inner.width, height: rowH } });
    });
    for (let i = shown.length; i < this.names.length; i++) this.names[i]!.setVisible(false);
    const sig =
      shown
        .map(
          (p) =>
            `${p.pid}:${p.depth}:${p.terminated}:${p.faulted}:${Object.values(p.memory).join(',')}:${p.shm.join(',')}:${this.flashes.has(p.pid)}:${this.state(p, model)}`,
        )
        .join('|') + `|${rowH}|${this.inner.width}`;
    if (sig === this.drawn) return;
    this.drawn = sig;
    const g = this.g.clear();
    const total = Math.max(
      8,
      ...shown.map((p) => p.memory.code + p.memory.data + p.memory.heap + p.memory.stack),
    );
    const barX = this.inner.x + nameW + u * 0.3;
    const barW = this.inner.width - nameW - u * 0.3;
    shown.forEach((p, i) => {
      const y = this.inner.y + i * rowH;
      if (this.flashes.has(p.pid))
        g.fillStyle(UI.focus, 0.18).fillRect(this.inner.x - 4, y, this.inner.width + 8, rowH);
      const indent = Math.min(p.depth, 6) * u * 0.8;
      if (p.depth > 0)
        g.lineStyle(1, UI.panelEdge, 1)
          .lineBetween(this.inner.x + indent - u * 0.5, y, this.inner.x + indent - u * 0.5, y + rowH / 2)
          .lineBetween(this.inner.x + indent - u * 0.5, y + rowH / 2, this.inner.x + indent, y + rowH / 2);
      const style = stateStyle(this.state(p, model));
      drawIcon(
        g,
        style.icon,
        this.inner.x + indent + u * 0.3,
        y + rowH / 2,
        Math.min(u * 0.28, rowH * 0.25),
        style.color,
      );
      if (p.terminated) return;
      this.memoryBar(g, p, barX, y + rowH * 0.18, barW, rowH * 0.64, total);
    });
  }

  /** The state shown for a process: the PCB state the model projects (shared/kernel/presentation.ts processState). */
  private state(p: ProcessInfo, _model: MachineModel): string {
    return p.state;
  }

  private memoryBar(
    g: Phaser.GameObjects.Graphics,
    p: ProcessInfo,
    x: number,
    y: number,
    w: number,
    h: number,
    total: number,
  ): void {
    const page = w / total;
    let cx = x;
    for (const seg of SEGMENTS) {
      const pages = p.memory[seg.key];
      if (pages <= 0) continue;
      const sw = pages * page;
      g.fillStyle(seg.color, 1).fillRect(cx, y, sw - 1, h);
      if (seg.key === 'stack')
        for (let k = 1; k < p.threads.length; k++)
          g.lineStyle(2, UI.background, 1).lineBetween(
            cx + (sw * k) / p.threads.length,
            y,
            cx + (sw * k) / p.threads.length,
            y + h,
          );
      cx += sw;
    }
    // pages still shared copy-on-write with the parent or child: hatched over the start of the image
    if (p.memory.cowPages > 0)
      hatch(g, x, y, Math.min(cx - x, p.memory.cowPages * page), h, UI.background, 5);
    if (p.shm.length > 0)
      g.lineStyle(2, OKABE_ITO.bluishGreen, 1).strokeRect(cx + 2, y, Math.min(h * 1.6, x + w - cx - 2), h);
  }
}
