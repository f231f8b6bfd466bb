// What the action bar offers, as plain data (no DOM): one entry per move the player's job can make,
// enabled exactly when the kernel's legal moves (projected by the server) contain it, and paged so that
// every entry is reachable — never cut off. A test checks every legal move is offered on some page.
import type { MoveMessage } from '../../../shared/protocol/actions.ts';
import { t } from '../i18n/index.ts';
import type { MachineModel } from './machine-model.ts';

/** A move the bar (or a key on the canvas) asks for: the player roles' wire moves. */
export type PlayerAction = Extract<
  MoveMessage,
  { type: 'dispatch' | 'preempt' | 'replace' | 'handle-interrupt' | 'choose' | 'deliver' }
>;

/**
 * Whether my moves are taken now: while the clock runs, and in a solo level also while it is paused
 * (the player is the host there: think, then act; the server applies the move at once, between ticks).
 */
export function movesOpen(model: Pick<MachineModel, 'phase' | 'mine'>): boolean {
  return (
    model.phase === 'running' || (model.phase === 'paused' && model.mine.host && model.mine.role !== 'host')
  );
}

/** What the scheduler has picked on the canvas. */
export interface Selection {
  tid: number;
  label: string;
  core: number;
}

/** One button: its text and the move it sends, or null when that move is not legal now. */
export interface BarEntry {
  label: string;
  action: PlayerAction | null;
}

/** One page of entries: as many as there are number keys. */
export const PAGE_SIZE = 9;

/** One page of the bar. */
export interface BarPage {
  entries: BarEntry[];
  page: number;
  pages: number;
}

const keyOf = (m: MoveMessage): string => `${m.type}:${JSON.stringify(m.payload ?? {})}`;

/**
 * Every entry the player's job has now (before paging). A scheduler's dispatch is the selected card on
 * the selected core (the canvas picks both); its preempt is the selected core (`target`, ↑/↓ on the canvas). Other jobs list all that
 * is theirs on screen (pending interrupts, the palette, messages in flight), enabled when legal.
 */
export function barEntries(model: MachineModel, sel: Selection | null, target?: number): BarEntry[] {
  const mine = model.mine;
  const legal = new Set(movesOpen(model) ? mine.moves.map(keyOf) : []);
  const offer = (action: PlayerAction): PlayerAction | null => (legal.has(keyOf(action)) ? action : null);
  switch (mine.role) {
    case 'scheduler': {
      const core = sel?.core ?? target ?? mine.cores[0] ?? 0;
      return [
        {
          label: sel ? t('machine.dispatch_to', { label: sel.label, core }) : t('machine.dispatch'),
          action: sel ? offer({ type: 'dispatch', payload: { core, tid: sel.tid } }) : null,
        },
        { label: t('machine.preempt_core', { core }), action: offer({ type: 'preempt', payload: { core } }) },
        {
          label: sel ? t('machine.replace_on', { label: sel.label, core }) : t('machine.replace'),
          action: sel ? offer({ type: 'replace', payload: { core, tid: sel.tid } }) : null,
        },
      ];
    }
    case 'interrupt':
      return model.interrupts.map((i) => ({
        label: t(i.kind === 'timer' ? 'machine.irq.timer' : 'machine.irq.io', {
          id: i.id,
          label: i.label,
          core: i.core,
          device: i.device,
        }),
        action: offer({ type: 'handle-interrupt', payload: { id: i.id } }),
      }));
    case 'thread': {
      const th = model.threads.get(mine.tid);
      return [...new Set(th?.palette ?? [])].map((instr) => ({
        label: instr,
        action: offer({ type: 'choose', payload: { instr } }),
      }));
    }
    case 'ipc': {
      const ch = model.channels.find((c) => c.name === mine.channel);
      return (ch?.inFlight ?? []).map((m) => ({
        label: t('machine.deliver', { id: m.id, payload: m.payload, from: m.from }),
        action: offer({ type: 'deliver', payload: { message: m.id } }),
      }));
    }
    default:
      return [];
  }
}

/** The entries of one page (the page is clamped to those that exist). */
export function barPage(entries: readonly BarEntry[], page: number): BarPage {
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { entries: entries.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE), page: at, pages };
}
