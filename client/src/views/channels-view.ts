// IPC channels: each channel's kind in the notes' terms, its buffer filling up slot by slot, and the
// messages still in flight. The player's own channel is outlined and labelled.
import type Phaser from 'phaser';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import type { Rect } from '../ui/layout.ts';
import { OKABE_ITO, UI } from '../theme.ts';
import { Frame, dashedRect, fitWidth, setColor, setSize, setText, type Kit } from './view-kit.ts';
import type { ChannelInfo, MachineModel } from './machine-model.ts';

/** The notes' term for each channel kind. */
export const CHANNEL_TERMS: Record<string, MessageKey> = {
  pipe: 'term.anonymous_pipe',
  fifo: 'term.named_pipe',
  mq: 'term.message_queue',
  tcp: 'machine.tcp',
  udp: 'machine.udp',
  file: 'term.file',
  shm: 'term.shared_memory',
};

interface Row {
  head: Phaser.GameObjects.Text;
  flight: Phaser.GameObjects.Text;
}

/** Draws every channel as two lines and a row of buffer slots. */
export class ChannelsView {
  private readonly frame: Frame;
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly rows: Row[] = [];
  private inner: Rect = { x: 0, y: 0, width: 0, height: 0 };
  /** One line a channel (no slots, nothing in flight) when two lines each would not fit them all. */
  private compact = false;
  private unit = 16;
  private drawn = '';
  /** Where each channel's row is, for anchoring messages about it. */
  readonly places = new Map<string, Rect>();
  /** channel → until when (ms) and why its row flashes (a message out of order, a message lost). */
  private readonly flashes = new Map<string, { until: number; what: string }>();

  constructor(private readonly kit: Kit) {
    this.frame = new Frame(kit);
    this.g = kit.scene.add.graphics();
  }

  layout(rect: Rect, unit: number): void {
    this.unit = unit;
    this.inner = this.frame.layout(rect, unit);
    this.drawn = '';
  }

  private row(i: number): Row {
    while (this.rows.length <= i)
      this.rows.push({
        head: this.kit.text({ size: 14, bold: true }),
        flight: this.kit.text({ size: 13, color: UI.muted }),
      });
    return this.rows[i]!;
  }

  /** Each channel's head line showing now (for the debug hook). */
  shown(): string[] {
    return this.rows.filter((r) => r.head.visible).map((r) => r.head.text);
  }

  /** Makes a channel's row flash where the fault happened, for a few seconds (the feed keeps the sentence). */
  flash(channel: string, what: string): void {
    this.flashes.set(channel, { until: performance.now() + 3000, what });
  }

  update(model: MachineModel): void {
    const now = performance.now();
    for (const [name, f] of this.flashes) if (f.until < now) this.flashes.delete(name);
    const u = this.unit;
    // A row is two lines (name and fill; the slots and what is in flight); when the panel cannot hold
    // every channel so, each gets one line, so a level with five channels lists all five (issue 13).
    this.compact = model.channels.length * u * 2.9 > this.inner.height;
    const rowH = this.compact ? u * 1.15 : u * 2.9;
    const fit = Math.max(0, Math.floor(this.inner.height / rowH));
    const shown = model.channels.slice(0, fit);
    const title = `${t('machine.channels')} (${model.channels.length})`;
    setText(
      this.frame.title,
      shown.length < model.channels.length
        ? `${title} · ${t('machine.ready.more', { count: model.channels.length - shown.length })}`
        : title,
    );
    const sig =
      shown
        .map(
          (c) =>
            `${c.name}:${c.buffer.length}/${c.capacity}:${c.inFlight.length}:${this.flashes.get(c.name)?.what ?? ''}`,
        )
        .join('|') + `|${model.mine.channel}|${this.inner.width}|${this.compact}`;
    shown.forEach((c, i) => this.fill(this.row(i), c, i, model.mine.channel === c.name));
    for (let i = shown.length; i < this.rows.length; i++) {
      this.rows[i]!.head.setVisible(false);
      this.rows[i]!.flight.setVisible(false);
    }
    if (sig === this.drawn) return;
    this.drawn = sig;
    const g = this.g.clear();
    this.places.clear();
    shown.forEach((c, i) => {
      const x = this.inner.x;
      const y = this.inner.y + i * rowH;
      this.places.set(c.name, { x, y, width: this.inner.width, height: rowH - u * 0.3 });
      if (this.flashes.has(c.name))
        g.fillStyle(OKABE_ITO.vermillion, 0.25).fillRect(x - 4, y - 2, this.inner.width + 8, rowH - u * 0.2);
      if (model.mine.channel === c.name && model.mine.role === 'ipc')
        dashedRect(g, x - 4, y - 2, this.inner.width + 8, rowH - u * 0.2, UI.focus, 2);
      if (c.kind === 'shm' || c.capacity === 0 || this.compact) return;
      const slots = Math.min(c.capacity, 16);
      const sw = Math.min(u * 1.3, (this.inner.width * 0.4) / slots);
      for (let k = 0; k < slots; k++) {
        const sx = x + k * (sw + 2);
        const sy = y + u * 1.35;
        if (k < c.buffer.length) g.fillStyle(OKABE_ITO.bluishGreen, 1).fillRect(sx, sy, sw, u * 0.9);
        g.lineStyle(1, UI.muted, 1).strokeRect(sx, sy, sw, u * 0.9);
      }
    });
  }

  private fill(row: Row, c: ChannelInfo, i: number, mine: boolean): void {
    const u = this.unit;
    const x = this.inner.x;
    const y = this.inner.y + i * (this.compact ? u * 1.15 : u * 2.9);
    setSize(row.head, u * 0.8);
    setSize(row.flight, u * 0.72);
    row.head.setPosition(x, y).setVisible(true);
    const term = CHANNEL_TERMS[c.kind];
    const kind = term ? t(term) : c.kind;
    const fillText = c.kind === 'shm' ? `= ${c.value || '—'}` : `${c.buffer.length}/${c.capacity}`;
    const flash = this.flashes.get(c.name);
    setText(
      row.head,
      fitWidth(
        row.head,
        `${flash ? `⚠ ${flash.what} · ` : ''}${c.name} · ${kind} · ${fillText}${mine ? ` · ${t('machine.yours')}` : ''}`,
        this.inner.width,
      ),
    );
    setColor(row.head, flash ? OKABE_ITO.orange : UI.text);
    const slotsW =
      c.kind === 'shm' || c.capacity === 0
        ? 0
        : Math.min(c.capacity, 16) *
            (Math.min(u * 1.3, (this.inner.width * 0.4) / Math.min(c.capacity, 16)) + 2) +
          u * 0.4;
    row.flight.setPosition(x + slotsW, y + u * 1.4).setVisible(!this.compact);
    const flying = c.inFlight.map((m) => `#${m.id} ${m.payload}`).join(', ');
    const text =
      c.inFlight.length > 0
        ? t('machine.in_flight', { list: flying })
        : t('machine.channel.counts', { sent: c.sent, delivered: c.delivered, dropped: c.dropped });
    setText(row.flight, fitWidth(row.flight, text, this.inner.width - slotsW));
  }
}
