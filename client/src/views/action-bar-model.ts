// What the action bar offers, as plain data (no DOM): one entry per move the player's job can make,
// enabled exactly when the kernel's legal moves (projected by the server) contain it, and paged so that
// every entry is reachable — never cut off. A test checks every legal move is offered on some page.
// The entries come from what the job has on screen (its palette, its interrupts, its messages), then
// every other projected legal move, so a move added to the kernel and the ACTIONS table is offered
// here without a change; MOVE_LABELS must name it (the type checker says so).
import {
  hostOnly,
  type MovePayloads,
  type MoveMessage,
  type PlayerMove,
  type PlayerMoveType,
} from '../../../shared/protocol/actions.ts';
import { t } from '../i18n/index.ts';
import type { MachineModel } from './machine-model.ts';

/** A move the bar (or a key on the canvas) asks for: a player's wire move (every ACTIONS row not the host's alone). */
export type PlayerAction = PlayerMove;

/** The words on a move's button, from its payload and what the screen shows: one entry per player move. */
const MOVE_LABELS: { [K in PlayerMoveType]: (p: MovePayloads[K], m: MachineModel) => string } = {
  dispatch: (p, m) => t('machine.dispatch_to', { label: m.threads.get(p.tid)?.label ?? '', core: p.core }),
  preempt: (p) => t('machine.preempt_core', { core: p.core }),
  replace: (p, m) => t('machine.replace_on', { label: m.threads.get(p.tid)?.label ?? '', core: p.core }),
  'handle-interrupt': (p, m) => {
    const i = m.interrupts.find((x) => x.id === p.id);
    return i
      ? t(i.kind === 'timer' ? 'machine.irq.timer' : 'machine.irq.io', {
          id: i.id,
          label: i.label,
          core: i.core,
          device: i.device,
        })
      : `IRQ ${p.id}`;
  },
  choose: (p) => p.instr,
  deliver: (p, m) => {
    const msg = m.channels.flatMap((c) => c.inFlight).find((x) => x.id === p.message);
    return t('machine.deliver', { id: p.message, payload: msg?.payload ?? '', from: msg?.from ?? '' });
  },
};

/** A player move's button text. */
export function moveLabel(move: PlayerAction, model: MachineModel): string {
  const label = MOVE_LABELS[move.type] as (p: unknown, m: MachineModel) => string;
  return label(move.payload, model);
}

/** A player's move, as the table says (PlayerMoveType is the same rule for the type checker). */
const isPlayerMove = (m: MoveMessage): m is PlayerAction => !hostOnly(m.type);

/** Moves whose object is picked on the canvas (a Ready card, a core): the bar offers them for the current pick. */
const PICKED: ReadonlySet<string> = new Set<PlayerMoveType>(['dispatch', 'preempt', 'replace']);

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
  const legal = movesOpen(model) ? mine.moves.filter(isPlayerMove) : [];
  const legalKeys = new Set(legal.map(keyOf));
  const entry = (action: PlayerAction): BarEntry => ({
    label: moveLabel(action, model),
    action: legalKeys.has(keyOf(action)) ? action : null,
  });
  const onScreen = ((): BarEntry[] => {
    switch (mine.role) {
      case 'scheduler': {
        const core = sel?.core ?? target ?? mine.cores[0] ?? 0;
        const picked = (
          type: 'dispatch' | 'replace',
          none: 'machine.dispatch' | 'machine.replace',
        ): BarEntry =>
          sel ? entry({ type, payload: { core, tid: sel.tid } }) : { label: t(none), action: null };
        return [
          picked('dispatch', 'machine.dispatch'),
          entry({ type: 'preempt', payload: { core } }),
          picked('replace', 'machine.replace'),
        ];
      }
      case 'interrupt':
        return model.interrupts.map((i) => entry({ type: 'handle-interrupt', payload: { id: i.id } }));
      case 'thread':
        return [...new Set(model.threads.get(mine.tid)?.palette ?? [])].map((instr) =>
          entry({ type: 'choose', payload: { instr } }),
        );
      case 'ipc':
        return (model.channels.find((c) => c.name === mine.channel)?.inFlight ?? []).map((m) =>
          entry({ type: 'deliver', payload: { message: m.id } }),
        );
      default:
        return [];
    }
  })();
  // every other legal move (one the screen has no place for yet), so none is unreachable
  const shown = new Set(onScreen.flatMap((e) => (e.action ? [keyOf(e.action)] : [])));
  const rest = legal.filter((m) => !shown.has(keyOf(m)) && !PICKED.has(m.type)).map(entry);
  return [...onScreen, ...rest];
}

/** The entries of one page (the page is clamped to those that exist). */
export function barPage(entries: readonly BarEntry[], page: number): BarPage {
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { entries: entries.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE), page: at, pages };
}
