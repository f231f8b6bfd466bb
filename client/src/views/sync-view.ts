// Synchronisation: each lock with its holder and waiters, each semaphore drawn as a shelf of permits
// (one slot per permit, filled while it is available, empty while it is taken) with its waiting queue,
// then the shared variables. Drawing only: the shelf's size and fill come projected from the kernel
// (presentation.ts semaphoreShelf), the lines from machine-rows.ts.
import type Phaser from 'phaser';
import { t } from '../i18n/index.ts';
import type { Rect } from '../ui/layout.ts';
import { OKABE_ITO, UI } from '../theme.ts';
import type { Row } from './list-view.ts';
import type { MachineModel } from './machine-model.ts';
import { Frame, fitWidth, setColor, setSize, setText, type Kit } from './view-kit.ts';

/** Most slots drawn on one shelf; a bigger semaphore says its figure in words. */
const SHELF_MAX = 12;

/** What one shelf shows, as drawn (read by the debug hook). */
export interface ShelfDrawn {
  name: string;
  slots: number;
  filled: number;
  waiters: string[];
}

type Item = { row: Row } | { shelf: MachineModel['semaphores'][number] };

/** The locks, the semaphores' shelves and the shared variables, one line each. */
export class SyncView {
  private readonly frame: Frame;
  private readonly g: Phaser.GameObjects.Graphics;
  /** Per line: its first text (a row, or a shelf's name) and the text after a shelf's slots. */
  private readonly lines: { head: Phaser.GameObjects.Text; tail: Phaser.GameObjects.Text }[] = [];
  private inner: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private px = 12;
  private drawnKey = '';
  /** The shelves drawn now, in order. */
  shelves: ShelfDrawn[] = [];

  constructor(private readonly kit: Kit) {
    this.frame = new Frame(kit);
    this.g = kit.scene.add.graphics();
  }

  layout(rect: Rect, unit: number): void {
    this.inner = this.frame.layout(rect, unit);
    this.px = unit * 0.78;
    this.drawnKey = '';
  }

  private line(i: number): { head: Phaser.GameObjects.Text; tail: Phaser.GameObjects.Text } {
    while (this.lines.length <= i)
      this.lines.push({ head: this.kit.text({ size: 13 }), tail: this.kit.text({ size: 13 }) });
    return this.lines[i]!;
  }

  /** Draws the lines: `rows` are the text lines (locks first, then the variables), placed around the shelves. */
  update(model: MachineModel, locks: Row[], rest: Row[]): void {
    const items: Item[] = [
      ...locks.map((row) => ({ row })),
      ...model.semaphores.map((shelf) => ({ shelf })),
      ...rest.map((row) => ({ row })),
    ];
    if (items.length === 0) items.push({ row: [t('machine.none'), UI.muted] });
    const lh = Math.round(this.px * 1.35);
    const fit = Math.max(0, Math.floor(this.inner.height / lh));
    // what does not fit is counted in the title, as the channels do, so a short panel keeps every line for content
    const shown = items.slice(0, fit);
    setText(
      this.frame.title,
      shown.length < items.length
        ? `${t('machine.sync')} · ${t('machine.ready.more', { count: items.length - shown.length })}`
        : t('machine.sync'),
    );
    /** Each slot to draw: x, y, size, filled. */
    const boxes: [number, number, number, boolean][] = [];
    this.shelves = [];
    const { x, width } = this.inner;
    shown.forEach((item, i) => {
      const { head, tail } = this.line(i);
      const y = this.inner.y + i * lh;
      setSize(head, this.px);
      setSize(tail, this.px);
      head.setPosition(x, y).setVisible(true);
      if ('row' in item) {
        const [s, color] = typeof item.row === 'string' ? [item.row, UI.text] : item.row;
        setText(head, fitWidth(head, s, width));
        setColor(head, color);
        tail.setVisible(false);
        return;
      }
      const sem = item.shelf;
      const slots = Math.max(0, sem.slots);
      const drawnSlots = Math.min(slots, SHELF_MAX);
      const filled = Math.min(drawnSlots, Math.max(0, sem.value));
      this.shelves.push({ name: sem.name, slots: drawnSlots, filled, waiters: sem.waiters });
      setText(head, fitWidth(head, t('machine.semaphore.name', { name: sem.name }), width * 0.4));
      setColor(head, UI.text);
      const box = Math.round(this.px * 0.95);
      const sx = x + head.width + this.px * 0.4;
      for (let k = 0; k < drawnSlots; k++)
        boxes.push([Math.round(sx + k * (box + 3)), Math.round(y + (lh - box) / 2), box, k < filled]);
      const tx = sx + drawnSlots * (box + 3) + this.px * 0.3;
      tail.setPosition(tx, y).setVisible(true);
      setText(
        tail,
        fitWidth(
          tail,
          t('machine.semaphore.shelf', {
            value: sem.value,
            slots,
            waiters: sem.waiters.join(', ') || '—',
          }),
          Math.max(0, x + width - tx),
        ),
      );
      setColor(tail, sem.waiters.length > 0 ? OKABE_ITO.orange : UI.muted);
    });
    for (let i = shown.length; i < this.lines.length; i++) {
      this.lines[i]!.head.setVisible(false);
      this.lines[i]!.tail.setVisible(false);
    }
    const key = JSON.stringify(boxes);
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    const g = this.g.clear();
    // filled: a permit on the shelf (available); empty: one taken by a thread that passed wait
    for (const [bx, by, size, full] of boxes) {
      if (full) g.fillStyle(OKABE_ITO.bluishGreen, 1).fillRect(bx, by, size, size);
      g.lineStyle(1.5, full ? OKABE_ITO.bluishGreen : UI.muted, 1).strokeRect(bx, by, size, size);
    }
  }
}
