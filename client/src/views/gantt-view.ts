// The round's Gantt chart: one lane per core, a bar per run labelled with its thread, context switches
// hatched, idle left empty, a tick axis underneath. Drawn once per layout; labels come from a small pool.
import type Phaser from 'phaser';
import type { CoreRun } from '../../../shared/protocol/summary.ts';
import { t } from '../i18n/index.ts';
import type { Rect } from '../ui/layout.ts';
import { OKABE_ITO, UI } from '../theme.ts';
import { hatch, setSize, setText, type Kit } from './view-kit.ts';

const COLORS = [
  OKABE_ITO.skyBlue,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.yellow,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.blue,
];
const LABEL_MAX = 160;

/** The chart; `update` draws a timeline into the rectangle given to `layout`. */
export class GanttView {
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly legend: Phaser.GameObjects.Text;
  private readonly labels: Phaser.GameObjects.Text[] = [];
  private rect: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private unit = 16;
  /** Lanes and runs drawn, for the debug hook. */
  lanes = 0;
  runs = 0;

  constructor(private readonly kit: Kit) {
    this.g = kit.scene.add.graphics();
    this.title = kit.text({ size: 16, bold: true });
    this.legend = kit.text({ size: 12, color: UI.muted });
  }

  layout(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
  }

  private label(i: number): Phaser.GameObjects.Text {
    while (this.labels.length <= i)
      this.labels.push(this.kit.text({ size: 12, bold: true, color: 0x000000 }));
    return this.labels[i]!;
  }

  update(timeline: CoreRun[][], ticks: number): void {
    const { x, y, width, height } = this.rect;
    const u = this.unit;
    setSize(this.title, u * 0.95);
    setSize(this.legend, u * 0.7);
    setText(this.title, t('report.gantt'));
    setText(this.legend, t('report.gantt.legend'));
    this.title.setPosition(x, y);
    const laneX = x + u * 4;
    const top = y + u * 1.8;
    const axisH = u * 2.6;
    const lanes = Math.max(1, timeline.length);
    const laneH = Math.min(u * 3, (height - (top - y) - axisH) / lanes);
    const span = Math.max(1, ticks);
    const w = width - (laneX - x) - u * 0.5;
    const px = w / span;
    const g = this.g.clear();
    let used = 0;
    this.lanes = timeline.length;
    this.runs = 0;
    timeline.forEach((runs, core) => {
      const ly = top + core * laneH;
      const coreLabel = this.label(used++);
      setSize(coreLabel, u * 0.8);
      coreLabel
        .setColor('#f4f6f8')
        .setVisible(true)
        .setPosition(x, ly + laneH / 2 - u * 0.55);
      setText(coreLabel, t('machine.core', { id: core }));
      g.fillStyle(UI.panel, 1).fillRect(laneX, ly + 2, w, laneH - 4);
      for (const r of runs) {
        this.runs++;
        const rx = laneX + r.from * px;
        const rw = Math.max(1, (r.to - r.from) * px);
        if (r.label === 'switch') {
          hatch(g, rx, ly + 4, rw, laneH - 8, OKABE_ITO.vermillion, 4);
          continue;
        }
        const pid = Number(/^P(\d+)/.exec(r.label)?.[1] ?? 0);
        g.fillStyle(COLORS[pid % COLORS.length]!, 1).fillRect(rx, ly + 4, rw - 1, laneH - 8);
        if (rw > u * 2.4 && used < LABEL_MAX) {
          const text = this.label(used++);
          setSize(text, Math.min(u * 0.75, laneH * 0.4));
          text
            .setColor('#000000')
            .setVisible(true)
            .setPosition(rx + 3, ly + laneH / 2 - text.height / 2);
          setText(text, r.label);
        }
      }
    });
    // the tick axis, with about eight marks
    const axisY = top + lanes * laneH + 2;
    g.lineStyle(1, UI.muted, 1).lineBetween(laneX, axisY, laneX + w, axisY);
    const step = niceStep(span / 8);
    for (let k = 0; k <= span; k += step) {
      const tx = laneX + k * px;
      g.lineBetween(tx, axisY, tx, axisY + 5);
      if (used < LABEL_MAX) {
        const text = this.label(used++);
        setSize(text, u * 0.65);
        text
          .setColor('#b7c0cc')
          .setVisible(true)
          .setPosition(tx - 4, axisY + 6);
        setText(text, String(k));
      }
    }
    this.legend.setPosition(laneX, axisY + u * 1.3);
    for (let i = used; i < this.labels.length; i++) this.labels[i]!.setVisible(false);
  }
}

function niceStep(raw: number): number {
  const base = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  for (const m of [1, 2, 5, 10]) if (base * m >= raw) return base * m;
  return base * 10;
}
