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
  /** The channel this row shows now (rows are reused as the list changes). */
  channel: string;
}

/** A fault on a channel, shown on its row until the player dismisses it: what happened and how many times. */
interface Warning {
  what: string;
  count: number;
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
  /** channel → the faults seen on it (a message out of order, a message lost), kept until dismissed. */
  private readonly warned = new Map<string, Warning[]>();

  /** `changed` asks the scene for a redraw (a dismissed warning). */
  constructor(
    private readonly kit: Kit,
    private readonly changed: () => void = () => undefined,
  ) {
    this.frame = new Frame(kit);
    this.g = kit.scene.add.graphics();
  }

  layout(rect: Rect, unit: number): void {
    this.unit = unit;
    this.inner = this.frame.layout(rect, unit);
    this.drawn = '';
  }

  private row(i: number): Row {
    while (this.rows.length <= i) {
      const row: Row = {
        head: this.kit.text({ size: 14, bold: true }),
        flight: this.kit.text({ size: 13, color: UI.muted }),
        channel: '',
      };
      // Clicking (tapping) a warned row's head line dismisses its warning.
      row.head.setInteractive({ useHandCursor: true }).on('pointerup', () => this.dismiss(row.channel));
      this.rows.push(row);
    }
    return this.rows[i]!;
  }

  /** Each channel's head line showing now (for the debug hook). */
  shown(): string[] {
    return this.rows.filter((r) => r.head.visible).map((r) => r.head.text);
  }

  /**
   * Marks a channel's row where the fault happened (the feed keeps the sentence). The mark stays until the
   * player dismisses it (a click on the row, or Escape): a warning that fades by itself is missed by whoever
   * looked away (issue 13). The same fault again counts up instead of adding a line.
   */
  warn(channel: string, what: string): void {
    const list = this.warned.get(channel) ?? [];
    const same = list.find((w) => w.what === what);
    if (same) same.count++;
    else list.push({ what, count: 1 });
    this.warned.set(channel, list);
    this.drawn = '';
  }

  /** Dismisses one channel's warnings, or every channel's; true when one was showing. */
  dismiss(channel?: string): boolean {
    const had = channel === undefined ? this.warned.size > 0 : this.warned.has(channel);
    if (channel === undefined) this.warned.clear();
    else this.warned.delete(channel);
    if (had) {
      this.drawn = '';
      this.changed();
    }
    return had;
  }

  /** The warnings on show, with the head line to click to dismiss each (world coordinates, for the hook). */
  warnings(): { channel: string; text: string; rect: Rect }[] {
    return this.rows
      .filter((r) => r.head.visible && this.warned.has(r.channel))
      .map((r) => {
        const b = r.head.getBounds();
        return {
          channel: r.channel,
          text: r.head.text,
          rect: { x: b.x, y: b.y, width: b.width, height: b.height },
        };
      });
  }

  /** The warning part of a channel's head line ('' when none). */
  private warningText(channel: string): string {
    const list = this.warned.get(channel);
    if (!list) return '';
    const parts = list.map((w) => (w.count > 1 ? `${w.what} ×${w.count}` : w.what));
    return `⚠ ${parts.join(' ')} · `;
  }

  update(model: MachineModel): void {
    const u = this.unit;
    // A row is two lines (name and fill; the slots and what is in flight); when the panel cannot hold
    // every channel so, each gets one line, so a level with five channels lists all five (issue 13).
    this.compact = model.channels.length * u * 2.9 > this.inner.height;
    const rowH = this.compact ? u * 1.15 : u * 2.9;
    const fit = Math.max(0, Math.floor(this.inner.height / rowH));
    const shown = model.channels.slice(0, fit);
    const more =
      shown.length < model.channels.length
        ? ` · ${t('machine.ready.more', { count: model.channels.length - shown.length })}`
        : '';
    // while a warning shows, the title says how to dismiss it (the row itself may have room only for the fault)
    const hint = this.warned.size > 0 ? ` · ${t('machine.warning.dismiss')}` : '';
    setText(
      this.frame.title,
      fitWidth(
        this.frame.title,
        `${t('machine.channels')} (${model.channels.length})${more}${hint}`,
        this.inner.width,
      ),
    );
    const sig =
      shown
        .map(
          (c) =>
            `${c.name}:${c.buffer.length}/${c.capacity}:${c.inFlight.length}:${this.warningText(c.name)}`,
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
      if (this.warned.has(c.name))
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
    const warning = this.warningText(c.name);
    row.channel = c.name;
    setText(
      row.head,
      fitWidth(
        row.head,
        `${warning}${c.name} · ${kind} · ${fillText}${mine ? ` · ${t('machine.yours')}` : ''}`,
        this.inner.width,
      ),
    );
    setColor(row.head, warning ? OKABE_ITO.orange : UI.text);
    const slotsW =
      c.kind === 'shm' || c.capacity === 0
        ? 0
        : Math.min(c.capacity, 16) *
            (Math.min(u * 1.3, (this.inner.width * 0.4) / Math.min(c.capacity, 16)) + 2) +
          u * 0.4;
    row.flight.setPosition(x + slotsW, y + u * 1.4).setVisible(!this.compact);
    const flying = c.inFlight.map((m) => `#${m.id} ${m.payload}`).join(', ');
    const counts =
      c.inFlight.length > 0
        ? t('machine.in_flight', { list: flying })
        : t('machine.channel.counts', { sent: c.sent, delivered: c.delivered, dropped: c.dropped });
    setText(row.flight, fitWidth(row.flight, counts, this.inner.width - slotsW));
  }
}
