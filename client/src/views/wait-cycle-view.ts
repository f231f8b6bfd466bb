// A deadlock's wait-for cycle drawn where it froze the machine: each thread of the cycle, the lock it
// waits for and that lock's holder, around a ring of arrows (thread → waits for → lock → held by → next
// thread … back to the first), highlighted and titled 교착 상태 / deadlock. Drawing only: the cycle comes
// projected from the kernel (detect.ts waitForCycles); with none, nothing shows.
import type Phaser from 'phaser';
import { t } from '../i18n/index.ts';
import type { Rect } from '../ui/layout.ts';
import { OKABE_ITO, UI } from '../theme.ts';
import type { WaitStep } from './machine-model.ts';
import { fitWidth, setColor, setSize, setText, type Kit } from './view-kit.ts';

/** A node of the ring: a thread or a lock. */
interface Node {
  text: string;
  lock: boolean;
}

/** The ring of the first wait-for cycle (others are counted in the title). */
export class WaitCycleView {
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly nodes: Phaser.GameObjects.Text[] = [];
  private readonly labels: Phaser.GameObjects.Text[] = [];
  private unit = 16;
  private drawnKey = '';
  /** The node texts drawn now, in the cycle's order (empty when no cycle is drawn): read by the debug hook. */
  drawn: string[] = [];
  /** Where the ring is drawn now (world coordinates), or null. */
  area: Rect | null = null;

  constructor(private readonly kit: Kit) {
    this.g = kit.scene.add.graphics().setDepth(15);
    this.title = kit.text({ size: 16, bold: true, color: OKABE_ITO.vermillion }).setDepth(16);
    this.title.setVisible(false);
  }

  layout(unit: number): void {
    this.unit = unit;
    this.drawnKey = '';
  }

  private pooled(pool: Phaser.GameObjects.Text[], i: number, bold: boolean): Phaser.GameObjects.Text {
    while (pool.length <= i) pool.push(this.kit.text({ size: 14, bold }).setDepth(16));
    return pool[i]!;
  }

  /** Draws the first cycle over `area`, or hides everything when there is none. */
  update(cycles: WaitStep[][], area: Rect): void {
    const cycle = cycles[0];
    if (!cycle || cycle.length === 0) {
      if (this.drawn.length === 0 && this.drawnKey === 'none') return;
      this.drawnKey = 'none';
      this.drawn = [];
      this.area = null;
      this.g.clear();
      this.title.setVisible(false);
      for (const x of [...this.nodes, ...this.labels]) x.setVisible(false);
      return;
    }
    const ring: Node[] = cycle.flatMap((s) => [
      { text: s.label, lock: false },
      { text: t('machine.cycle.lock', { name: s.lock }), lock: true },
    ]);
    const title = `${t('machine.cycle.title')}${cycles.length > 1 ? ` (+${cycles.length - 1})` : ''}`;
    const key = JSON.stringify([ring, title, area, this.unit]);
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    this.area = area;
    const u = this.unit;
    const g = this.g.clear();
    // the panel: over what it covers, outlined in the colour of a fault
    g.fillStyle(UI.background, 1).fillRoundedRect(area.x, area.y, area.width, area.height, 8);
    g.lineStyle(3, OKABE_ITO.vermillion, 1).strokeRoundedRect(area.x, area.y, area.width, area.height, 8);
    setSize(this.title, u * 0.85);
    this.title.setPosition(area.x + u * 0.5, area.y + u * 0.3).setVisible(true);
    setText(this.title, fitWidth(this.title, title, area.width - u));
    // the ring: 2n nodes on an ellipse under the title, the first thread at the top, going clockwise
    const top = area.y + u * 1.6;
    const h = area.height - u * 1.6 - u * 0.4;
    const px = u * (ring.length > 6 ? 0.68 : 0.78);
    const nodeW = Math.min(u * 7, (area.width - u) / (ring.length > 4 ? 3 : 2.4));
    const nodeH = px * 1.8;
    const cx = area.x + area.width / 2;
    const cy = top + h / 2;
    const rx = Math.max(0, area.width / 2 - nodeW / 2 - u * 0.5);
    const ry = Math.max(0, h / 2 - nodeH / 2);
    const at = ring.map((_, i) => {
      const a = -Math.PI / 2 + (i * 2 * Math.PI) / ring.length;
      return { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
    });
    // arrows first, nodes over them
    ring.forEach((n, i) => {
      const from = at[i]!;
      const to = at[(i + 1) % ring.length]!;
      const clip = (p: { x: number; y: number }, dx: number, dy: number): { x: number; y: number } => {
        const k = Math.min(
          dx === 0 ? Infinity : nodeW / 2 / Math.abs(dx),
          dy === 0 ? Infinity : nodeH / 2 / Math.abs(dy),
        );
        return { x: p.x + dx * k, y: p.y + dy * k };
      };
      const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      const ux = (to.x - from.x) / len;
      const uy = (to.y - from.y) / len;
      const a = clip(from, ux, uy);
      const b = clip(to, -ux, -uy);
      g.lineStyle(3, OKABE_ITO.vermillion, 1).lineBetween(a.x, a.y, b.x, b.y);
      const head = u * 0.55;
      g.fillStyle(OKABE_ITO.vermillion, 1).fillTriangle(
        b.x,
        b.y,
        b.x - ux * head - uy * head * 0.55,
        b.y - uy * head + ux * head * 0.55,
        b.x - ux * head + uy * head * 0.55,
        b.y - uy * head - ux * head * 0.55,
      );
      const label = this.pooled(this.labels, i, false);
      setSize(label, px * 0.85);
      setText(label, t(n.lock ? 'machine.cycle.held' : 'machine.cycle.waits'));
      setColor(label, OKABE_ITO.orange);
      label
        .setOrigin(0.5, 0.5)
        .setPosition((a.x + b.x) / 2 + uy * u * 0.7, (a.y + b.y) / 2 - ux * u * 0.7)
        .setVisible(true);
    });
    ring.forEach((n, i) => {
      const p = at[i]!;
      // a thread is a rounded card in Blocked's colour, a lock a square-cornered box
      g.fillStyle(UI.panel, 1);
      if (n.lock) {
        g.fillRect(p.x - nodeW / 2, p.y - nodeH / 2, nodeW, nodeH);
        g.lineStyle(2, OKABE_ITO.yellow, 1).strokeRect(p.x - nodeW / 2, p.y - nodeH / 2, nodeW, nodeH);
      } else {
        g.fillRoundedRect(p.x - nodeW / 2, p.y - nodeH / 2, nodeW, nodeH, nodeH / 2);
        g.lineStyle(3, OKABE_ITO.orange, 1).strokeRoundedRect(
          p.x - nodeW / 2,
          p.y - nodeH / 2,
          nodeW,
          nodeH,
          nodeH / 2,
        );
      }
      const text = this.pooled(this.nodes, i, true);
      setSize(text, px);
      setText(text, fitWidth(text, n.text, nodeW - u * 0.4));
      setColor(text, UI.text);
      text.setOrigin(0.5, 0.5).setPosition(p.x, p.y).setVisible(true);
    });
    for (let i = ring.length; i < this.nodes.length; i++) this.nodes[i]!.setVisible(false);
    for (let i = ring.length; i < this.labels.length; i++) this.labels[i]!.setVisible(false);
    this.drawn = ring.map((n) => n.text);
  }
}
