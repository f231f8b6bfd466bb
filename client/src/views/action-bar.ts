// The player's own controls as real buttons (keyboard, touch and screen readers work): dispatch and
// preempt for a scheduler, pending interrupts for the interrupt handler, the instruction palette for
// a thread, messages in flight for a channel. It shows what the state offers; the kernel judges.
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import type { MachineModel } from './machine-model.ts';

/** Something the player asked for, with the message to send. */
export interface PlayerAction {
  type: 'dispatch' | 'preempt' | 'handle-interrupt' | 'choose' | 'deliver';
  payload: Record<string, number | string>;
}

/** What the scheduler has picked on the canvas. */
export interface Selection {
  tid: number;
  label: string;
  core: number;
}

const ROLE_KEYS: Record<string, MessageKey> = {
  scheduler: 'role.scheduler', interrupt: 'role.interrupt', thread: 'role.thread', ipc: 'role.ipc', host: 'role.host', spectator: 'role.spectator',
};

/** The bar; `act` is called with the action and the button that asked for it. */
export class ActionBar {
  readonly root: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly status: HTMLElement;
  private readonly buttons: HTMLElement;
  private readonly hint: HTMLElement;
  private drawn = '';

  constructor(private readonly act: (action: PlayerAction, from: HTMLElement) => void) {
    this.heading = h('p', { class: 'action-role' });
    this.status = h('p', { class: 'action-status' });
    this.buttons = h('div', { class: 'action-buttons', role: 'group' });
    this.hint = h('p', { class: 'hint action-hint' });
    this.root = h('div', { class: 'action-bar', 'data-testid': 'action-bar' }, this.heading, this.status, this.buttons, this.hint);
  }

  /** Forces the next update to rebuild (after a language switch). */
  invalidate(): void {
    this.drawn = '';
  }

  /** Redraws if anything shown changed; returns whether it did (so the scene re-measures only then). */
  update(model: MachineModel, sel: Selection | null): boolean {
    const role = model.mine.role;
    const entries = this.entries(model, sel);
    const sig = `${role}|${model.phase}|${JSON.stringify(entries.map((e) => [e.label, e.action?.type, e.action?.payload, e.disabled]))}|${this.statusText(model, sel)}`;
    if (sig === this.drawn) return false;
    this.drawn = sig;
    const yours = role === 'scheduler' && model.mine.cores.length > 0 ? ` · ${t('machine.your_cores', { cores: model.mine.cores.join(', ') })}` : '';
    this.heading.textContent = `${t('machine.you_are')} ${t(ROLE_KEYS[role] ?? 'role.spectator')}${yours}`;
    this.status.textContent = this.statusText(model, sel);
    const focused = document.activeElement instanceof HTMLElement && this.buttons.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
    this.buttons.replaceChildren(...entries.map((e, i) => {
      const key = `${e.action?.type}:${JSON.stringify(e.action?.payload)}`;
      const b = h('button', { type: 'button', 'data-action': e.action?.type ?? '', 'data-key': key, disabled: e.disabled || !e.action }, i < 9 && role !== 'scheduler' ? `${i + 1} · ${e.label}` : e.label);
      if (e.action) { const action = e.action; b.addEventListener('click', () => this.act(action, b)); }
      return b;
    }));
    if (focused) (this.buttons.querySelector(`[data-key="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus({ preventScroll: true });
    this.hint.textContent = this.hintText(role);
    return true;
  }

  private statusText(model: MachineModel, sel: Selection | null): string {
    if (model.phase === 'paused') return t(model.mine.host ? 'machine.paused_self' : 'machine.paused');
    if (model.phase === 'lobby') return t('machine.waiting_start');
    if (model.phase === 'ended') return t('machine.ended');
    const mine = model.mine;
    if (mine.role === 'scheduler') return sel ? t('machine.selected', { label: sel.label, core: sel.core }) : t('machine.pick_card');
    if (mine.role === 'thread') {
      const th = model.threads.get(mine.tid);
      return th ? t('machine.your_thread', { label: th.label, state: t(`state.${th.state}` as MessageKey), pc: th.pc, instr: th.instr || '—' }) : t('machine.thread_not_yet');
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

  /** The buttons this role gets now (also used by the scene's number keys). */
  entries(model: MachineModel, sel: Selection | null): { label: string; action: PlayerAction | null; disabled?: boolean }[] {
    const mine = model.mine;
    const running = model.phase === 'running';
    switch (mine.role) {
      case 'scheduler': {
        const core = sel?.core ?? mine.cores[0] ?? 0;
        return [
          { label: sel ? t('machine.dispatch_to', { label: sel.label, core }) : t('machine.dispatch'), action: sel && running ? { type: 'dispatch', payload: { core, tid: sel.tid } } : null },
          { label: t('machine.preempt_core', { core }), action: running ? { type: 'preempt', payload: { core } } : null },
        ];
      }
      case 'interrupt':
        return model.interrupts.slice(0, 9).map((i) => ({
          label: t(i.kind === 'timer' ? 'machine.irq.timer' : 'machine.irq.io', { id: i.id, label: i.label, core: i.core, device: i.device }),
          action: running ? { type: 'handle-interrupt', payload: { id: i.id } } : null,
        }));
      case 'thread': {
        const th = model.threads.get(mine.tid);
        return (th?.palette ?? []).slice(0, 12).map((instr) => ({ label: instr, action: running ? { type: 'choose', payload: { instr } } : null }));
      }
      case 'ipc': {
        const ch = model.channels.find((c) => c.name === mine.channel);
        return (ch?.inFlight ?? []).slice(0, 9).map((m) => ({
          label: t('machine.deliver', { id: m.id, payload: m.payload, from: m.from }),
          action: running ? { type: 'deliver', payload: { message: m.id } } : null,
        }));
      }
      default:
        return [];
    }
  }
}
