// The player's own controls as real buttons (keyboard, touch and screen readers work): dispatch and
// preempt for a scheduler, pending interrupts for the interrupt handler, the instruction palette for
// a thread, messages in flight for a channel, enabled when the kernel's legal moves hold them, in pages
// of nine (the number keys) with buttons to turn the page, so every move is reachable.
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import {
  barEntries,
  barPage,
  movesOpen,
  PAGE_SIZE,
  type BarEntry,
  type PlayerAction,
  type Selection,
} from './action-bar-model.ts';
import type { MachineModel } from './machine-model.ts';

/** The moves and the scheduler's pick, declared with the bar's model. */
export type { PlayerAction, Selection } from './action-bar-model.ts';
/** Whether moves are taken now (running, or paused in solo), declared with the bar's model. */
export { movesOpen } from './action-bar-model.ts';

const ROLE_KEYS: Record<string, MessageKey> = {
  scheduler: 'role.scheduler',
  interrupt: 'role.interrupt',
  thread: 'role.thread',
  ipc: 'role.ipc',
  host: 'role.host',
  spectator: 'role.spectator',
};

/** The bar; `act` is called with the action and the button that asked for it. */
export class ActionBar {
  readonly root: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly status: HTMLElement;
  private readonly buttons: HTMLElement;
  private readonly hint: HTMLElement;
  private drawn = '';
  private page = 0;
  /** Whose entries the page belongs to: a new job starts on its first page. */
  private pageOf = '';
  /** What the last update drew from, so a page turn redraws at once. */
  private last: [MachineModel, Selection | null, number | undefined] | null = null;

  /** `onTurn` asks the scene to redraw after the player turns a page. */
  constructor(
    private readonly act: (action: PlayerAction, from: HTMLElement) => void,
    private readonly onTurn: () => void = () => undefined,
  ) {
    this.heading = h('p', { class: 'action-role' });
    this.status = h('p', { class: 'action-status' });
    this.buttons = h('div', { class: 'action-buttons', role: 'group' });
    this.hint = h('p', { class: 'hint action-hint' });
    this.root = h(
      'div',
      { class: 'action-bar', 'data-testid': 'action-bar' },
      this.heading,
      this.status,
      this.buttons,
      this.hint,
    );
  }

  /** Forces the next update to rebuild (after a language switch). */
  invalidate(): void {
    this.drawn = '';
  }

  /** Redraws if anything shown changed; returns whether it did (so the scene re-measures only then). */
  update(model: MachineModel, sel: Selection | null, target?: number): boolean {
    this.last = [model, sel, target];
    const role = model.mine.role;
    const job = `${role}|${model.mine.slot}`;
    if (job !== this.pageOf) {
      this.pageOf = job;
      this.page = 0;
      // whose moves the bar shows now (a test waits for it after switching jobs; the DOM is redrawn below)
      this.root.dataset.job = model.mine.slot;
    }
    const view = this.current(model, sel, target);
    this.page = view.page;
    const sig = `${role}|${model.phase}|${view.page}/${view.pages}|${JSON.stringify(view.entries.map((e) => [e.label, e.action?.payload]))}|${this.statusText(model, sel)}`;
    if (sig === this.drawn) return false;
    this.drawn = sig;
    const yours =
      role === 'scheduler' && model.mine.cores.length > 0
        ? ` · ${t('machine.your_cores', { cores: model.mine.cores.join(', ') })}`
        : '';
    this.heading.textContent = `${t('machine.you_are')} ${t(ROLE_KEYS[role] ?? 'role.spectator')}${yours}`;
    this.status.textContent = this.statusText(model, sel);
    const focused =
      document.activeElement instanceof HTMLElement && this.buttons.contains(document.activeElement)
        ? document.activeElement.dataset.key
        : undefined;
    const buttons = view.entries.map((e, i) => {
      const type = e.action?.type ?? this.typeOf(role);
      const key = e.action ? `${e.action.type}:${JSON.stringify(e.action.payload)}` : `${type}:${e.label}`;
      const b = h(
        'button',
        { type: 'button', 'data-action': type, 'data-key': key, disabled: !e.action },
        i < PAGE_SIZE && role !== 'scheduler' ? `${i + 1} · ${e.label}` : e.label,
      );
      if (e.action) {
        const action = e.action;
        // A pointer click gives the focus back (so Enter stays the machine's, as the key legend says); a
        // key press on a focused button (detail 0) keeps it, for players moving through the bar with Tab.
        b.addEventListener('click', (event) => {
          this.perform(action, b);
          if (event.detail > 0) b.blur();
        });
      }
      return b;
    });
    if (view.pages > 1) buttons.push(this.turn(-1, view), this.turn(1, view));
    this.buttons.replaceChildren(...buttons);
    if (focused)
      (this.buttons.querySelector(`[data-key="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus({
        preventScroll: true,
      });
    this.hint.textContent = this.hintText(role);
    return true;
  }

  /** Makes a move as its button's click does (the screen-reader mirror's Enter comes here too), anchored on its button when it is on show. */
  perform(action: PlayerAction, from?: HTMLElement): void {
    const key = `${action.type}:${JSON.stringify(action.payload)}`;
    const button = from ?? this.buttons.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    this.act(action, button ?? this.root);
  }

  /** A page-turning button (← Previous / More →), disabled at either end. */
  private turn(by: -1 | 1, view: { page: number; pages: number }): HTMLButtonElement {
    const label = t(by < 0 ? 'machine.page_prev' : 'machine.page_next');
    const b = h(
      'button',
      {
        type: 'button',
        class: 'action-page',
        'data-page': by < 0 ? 'prev' : 'next',
        'data-key': `page:${by}`,
        'aria-label': `${label} (${t('machine.page', { page: view.page + 1, pages: view.pages })})`,
        disabled: by < 0 ? view.page === 0 : view.page === view.pages - 1,
      },
      label,
    );
    b.addEventListener('click', () => {
      this.page += by;
      this.drawn = '';
      // the new page is on screen before the click returns: a second quick click meets the new buttons
      if (this.last) this.update(...this.last);
      this.onTurn();
    });
    return b;
  }

  /** The move type a role's disabled entries stand for (so tests and styles can find them). */
  private typeOf(role: string): string {
    return role === 'interrupt'
      ? 'handle-interrupt'
      : role === 'thread'
        ? 'choose'
        : role === 'ipc'
          ? 'deliver'
          : role === 'scheduler'
            ? 'dispatch'
            : '';
  }

  /** The page on show now. */
  private current(
    model: MachineModel,
    sel: Selection | null,
    target?: number,
  ): { entries: BarEntry[]; page: number; pages: number } {
    return barPage(barEntries(model, sel, target), this.page);
  }

  private statusText(model: MachineModel, sel: Selection | null): string {
    if (model.phase === 'paused' && movesOpen(model))
      return `${t('machine.paused_play')} ${this.jobText(model, sel)}`;
    if (model.phase === 'paused') return t(model.mine.host ? 'machine.paused_self' : 'machine.paused');
    if (model.phase === 'lobby') return t('machine.waiting_start');
    if (model.phase === 'ended') return t('machine.ended');
    return this.jobText(model, sel);
  }

  /** What my job asks of me now. */
  private jobText(model: MachineModel, sel: Selection | null): string {
    const mine = model.mine;
    if (mine.role === 'scheduler')
      return sel ? t('machine.selected', { label: sel.label, core: sel.core }) : t('machine.pick_card');
    if (mine.role === 'thread') {
      const th = model.threads.get(mine.tid);
      if (!th) return t('machine.thread_not_yet');
      // the PC names the next instruction; a done thread says so instead of asking for a choice
      const said = {
        label: th.label,
        state: t(`state.${th.state}` as MessageKey),
        pc: th.pc,
        instr: th.instr,
      };
      if (th.state === 'terminated') return t('machine.your_thread_ended', said);
      return t(th.instr === '' ? 'machine.your_thread_choose' : 'machine.your_thread', said);
    }
    if (mine.role === 'interrupt') return t('machine.pending', { count: model.interrupts.length });
    if (mine.role === 'ipc') return t('machine.your_channel', { channel: mine.channel });
    return t('machine.watching');
  }

  private hintText(role: string): string {
    if (role === 'scheduler') return t('machine.keys.scheduler');
    if (role === 'interrupt' || role === 'thread' || role === 'ipc') return t('machine.keys.numbers');
    return '';
  }

  /** The buttons on the page on show (what the scene's number keys press). */
  entries(model: MachineModel, sel: Selection | null): BarEntry[] {
    return this.current(model, sel).entries;
  }
}
