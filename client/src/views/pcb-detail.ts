// The full process control block of one process, opened by clicking its card or its row: identity,
// scheduling figures, memory and every thread with its PC, registers, locks and program.
import { taskSentence } from '../../../shared/kernel/texts.ts';
import { getLanguage, t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import type { MachineModel, ProcessInfo, ThreadInfo } from './machine-model.ts';

/** A panel over the machine; `pid` is the process shown (-1 when closed). */
export class PcbDetail {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private readonly close: HTMLButtonElement;
  pid = -1;
  private drawn = '';

  constructor(onClose: () => void) {
    this.title = h('h2', { id: 'pcb-title' });
    this.close = h('button', { type: 'button', class: 'pcb-close' });
    this.close.addEventListener('click', onClose);
    this.body = h('div', { class: 'pcb-body' });
    this.root = h(
      'section',
      {
        class: 'pcb-detail overlay-box',
        role: 'dialog',
        'aria-labelledby': 'pcb-title',
        'data-testid': 'pcb-detail',
      },
      h('div', { class: 'pcb-head' }, this.title, this.close),
      this.body,
    );
    this.root.hidden = true;
  }

  /** Opens the PCB of a process, or closes it with -1. */
  open(pid: number): void {
    this.pid = pid;
    this.drawn = '';
    this.root.hidden = pid < 0; // focus stays where it was, so the scheduler's keys keep working
  }

  update(model: MachineModel): void {
    if (this.pid < 0) return;
    const p = model.processes.find((x) => x.pid === this.pid);
    if (!p) {
      this.open(-1);
      return;
    }
    const threads = p.threads
      .map((tid) => model.threads.get(tid))
      .filter((x): x is ThreadInfo => x !== undefined);
    const sig = JSON.stringify([p, threads]);
    if (sig === this.drawn) return;
    this.drawn = sig;
    const first = p.name === 'init' && p.ppid < 0 ? ` (${t('pcb.init')})` : '';
    this.title.textContent = `${t('term.pcb')} · P${p.pid} ${p.name}${first}`;
    this.close.textContent = t('machine.close');
    this.body.replaceChildren(this.fields(p, threads), ...threads.map((th) => this.thread(th)));
  }

  private fields(p: ProcessInfo, threads: ThreadInfo[]): HTMLElement {
    const m = p.memory;
    const dash = (n: number): string => (n < 0 ? '—' : String(n));
    const rows: [MessageKey, string][] = [
      ['pcb.pid', `${p.pid}`],
      ['pcb.ppid', p.ppid >= 0 ? `P${p.ppid}` : '—'],
      ['pcb.kind', t(`pcb.kind.${p.kind}` as MessageKey)],
      ...(p.host ? ([['pcb.host', p.host]] as [MessageKey, string][]) : []),
      ['pcb.state', `${t(`state.${p.state}` as MessageKey)}${p.faulted ? ` (${t('pcb.faulted')})` : ''}`],
      ['pcb.priority', `${p.priority}`],
      ['pcb.arrival', `${p.arrival}`],
      ['pcb.first_run', dash(p.firstRun)],
      ['pcb.completion', dash(p.completion)],
      [
        'pcb.memory',
        t('pcb.memory.value', {
          base: m.base,
          limit: m.limit,
          code: m.code,
          data: m.data,
          heap: m.heap,
          stack: m.stack,
        }),
      ],
      [
        'pcb.cow',
        m.cowPages > 0
          ? t('pcb.cow.value', { pages: m.cowPages, pid: p.sharers.map((x) => `P${x}`).join(', ') })
          : '—',
      ],
      [
        'pcb.pages',
        p.pages.length > 0
          ? p.pages
              .map(
                (pg) =>
                  `${t(`pcb.seg.${pg.seg}` as MessageKey)} ${pg.frame} ${t(`pcb.mark.${pg.mark}` as MessageKey)}`,
              )
              .join(' · ')
          : '—',
      ],
      ['pcb.shm', p.shm.length > 0 ? p.shm.join(', ') : '—'],
      ['pcb.vars', p.vars.length > 0 ? p.vars.map(([k, v]) => `${k} = ${v}`).join(', ') : '—'],
    ];
    const live = threads.filter((th) => th.state !== 'terminated').map((th) => th.label);
    const tasks = taskSentence(p.pid, live, getLanguage());
    if (tasks !== null) rows.push(['pcb.tasks', tasks]);
    return h('dl', { class: 'pcb-fields' }, ...rows.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)]));
  }

  private thread(th: ThreadInfo): HTMLElement {
    const state = t(`state.${th.state}` as MessageKey);
    const line = [
      `${th.label} · ${state}${th.blocked ? ` (${th.blocked})` : ''}`,
      t('pcb.thread.figures', { pc: th.pc, reg: th.reg, cpu: th.cpuTicks, waited: th.readyTicks }),
      th.locksHeld.length > 0 ? t('pcb.thread.locks', { locks: th.locksHeld.join(', ') }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const program = h(
      'ol',
      { class: 'pcb-program', start: 0 },
      ...th.program.map((instr, i) =>
        h(
          'li',
          i === th.pc ? { class: 'pc', 'aria-current': 'step' } : {},
          i === th.pc ? `▶ ${instr}` : instr,
        ),
      ),
    );
    return h('div', { class: 'pcb-thread' }, h('p', {}, line), program);
  }
}
