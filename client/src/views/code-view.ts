// The code panel: a thread's program as the machine runs it, as Python and as C (shared/code), with
// the line of the next instruction (the PC) marked in whichever view is on show, and the register.
// Like The Deadlock Empire, so that a race can be seen coming. DOM, so phones and screen readers work.
import {
  CODE_LANGUAGES,
  commentGlyphs,
  contextFromScenario,
  pcLines,
  renderCode,
  type CodeContext,
  type CodeLanguage,
} from '../../../shared/code/index.ts';
import { CHANNEL_KIND_NAMES, type ChannelKind } from '../../../shared/kernel/limits.ts';
import { parseInstr } from '../../../shared/kernel/program.ts';
import type { Instr, Scenario } from '../../../shared/kernel/types.ts';
import type { MachineState } from '../../../shared/protocol/state.ts';
import { loadGlyphs } from '../fonts.ts';
import { getLanguage, t, type MessageKey, type Language } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import type { MachineModel, ThreadInfo } from './machine-model.ts';

const LANGUAGE_KEY = 'kernel-crew.code-language';
const OPEN_KEY = 'kernel-crew.code-open';
/** Instructions that make a thread worth showing: shared data, synchronisation, processes and IPC. */
const TELLING = new Set([
  'load',
  'store',
  'lock',
  'unlock',
  'wait',
  'signal',
  'send',
  'recv',
  'fork',
  'spawn',
  'exec',
  'join',
  'alloc',
  'free',
  'fault',
  'io-async',
  'await',
]);
const MAX_TABS = 6;

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: remembered for this page only */
  }
}

/** The threads the panel offers: the player's own, then steered ones, then those whose code tells something. */
export function codeThreads(model: MachineModel): ThreadInfo[] {
  const all = [...model.threads.values()];
  const mine = model.mine.role === 'thread' ? all.filter((th) => th.tid === model.mine.tid) : [];
  const steered = all.filter((th) => th.steered && !mine.includes(th));
  const telling = all.filter(
    (th) => !th.steered && !mine.includes(th) && th.program.some((i) => TELLING.has(i.split(' ')[0] ?? '')),
  );
  return [...mine, ...steered, ...telling].slice(0, MAX_TABS);
}

/** The code panel; `scenario` is the solo level's (programs and initial values), null in class play. */
export class CodeView {
  readonly root: HTMLElement;
  private readonly details: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly status: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly toggle: HTMLElement;
  private readonly pre: HTMLElement;
  private language: CodeLanguage;
  private tid = -1;
  private drawn = '';
  /** First values seen of semaphores and variables in class play (the synced state holds current ones). */
  private firstSeen = new Map<string, number>();
  private lowestTick = Number.POSITIVE_INFINITY;
  private glyphs = new Set<Language>();

  constructor(
    private readonly onChange: () => void,
    private readonly scenario: () => Scenario | null = () => null,
  ) {
    const saved = stored(LANGUAGE_KEY);
    this.language = (CODE_LANGUAGES as readonly string[]).includes(saved ?? '')
      ? (saved as CodeLanguage)
      : 'asm';
    this.summary = h('summary', { class: 'code-summary' });
    this.status = h('p', { class: 'code-status', 'data-testid': 'code-status', 'aria-live': 'polite' });
    this.tabs = h('div', { class: 'code-tabs', role: 'group' });
    this.toggle = h('div', { class: 'code-toggle', role: 'group' });
    this.pre = h('pre', { class: 'code-lines', 'data-testid': 'code-lines', tabindex: 0 });
    this.details = h(
      'details',
      { class: 'code-details' },
      this.summary,
      h('div', { class: 'code-bar' }, this.tabs, this.toggle),
      this.status,
      this.pre,
    );
    this.details.open =
      stored(OPEN_KEY) !== '0' &&
      !(
        typeof matchMedia === 'function' &&
        matchMedia('(max-width: 600px)').matches &&
        stored(OPEN_KEY) === null
      );
    this.details.addEventListener('toggle', () => {
      store(OPEN_KEY, this.details.open ? '1' : '0');
      this.drawn = '';
      this.onChange();
    });
    this.root = h('section', { class: 'code-view', 'data-testid': 'code-view' }, this.details);
    this.root.hidden = true;
  }

  /** Shows a view (asm, Python or C) and remembers the choice in this browser. */
  show(language: CodeLanguage): void {
    this.language = language;
    store(LANGUAGE_KEY, language);
    this.drawn = '';
    this.onChange();
  }

  /** Redraws from the model; returns whether anything changed (the scene then re-measures the panel). */
  update(model: MachineModel, machine: MachineState): boolean {
    if (model.tick < this.lowestTick) {
      this.lowestTick = model.tick;
      this.firstSeen.clear();
    } // a retry starts the machine again
    const threads = codeThreads(model);
    if (!threads.some((th) => th.tid === this.tid)) this.tid = threads[0]?.tid ?? -1;
    const th = threads.find((x) => x.tid === this.tid) ?? null;
    const sig = JSON.stringify([
      getLanguage(),
      this.language,
      this.details.open,
      threads.map((x) => [x.tid, x.label]),
      th && [th.tid, th.state, th.pc, th.reg, th.program],
    ]);
    if (sig === this.drawn) return false;
    this.drawn = sig;
    this.root.hidden = threads.length === 0;
    this.summary.textContent = th ? t('code.thread', { label: `${th.label} ${th.name}` }) : t('code.title');
    this.drawTabs(threads);
    this.drawToggle();
    if (!th) {
      this.status.textContent = t('code.none');
      this.pre.replaceChildren();
      return true;
    }
    const lang = getLanguage();
    if (!this.glyphs.has(lang)) {
      this.glyphs.add(lang);
      loadGlyphs(`${commentGlyphs(lang)}▶←`).catch(() => undefined);
    } // the comments' glyphs, only once a panel shows them
    const program = th.program.map((text) => parseInstr(text)).flatMap((r) => (r.ok ? [r.instr] : []));
    const view = renderCode(program, this.context(model, machine, th), lang)[this.language];
    const marked = new Set(th.state === 'terminated' ? [] : pcLines(view, th.pc));
    const position =
      th.state === 'terminated'
        ? t('code.ended')
        : th.instr === ''
          ? t('code.choose', { pc: th.pc })
          : t('code.next', { pc: th.pc, instr: th.instr });
    this.status.textContent = `${t(`state.${th.state}` as MessageKey)} · ${position} · ${t('code.register', { reg: th.reg })}`;
    // the newline after each line, not inside it: inside the marked line's inline-block it made that box two
    // lines high and pushed the next line to its right, out of sight (level 24 showed 0, 2, 3, 4)
    this.pre.replaceChildren(
      ...view.lines.flatMap((line, k) => {
        const pc = marked.has(k);
        return [
          h(
            'span',
            pc
              ? { class: 'code-line pc', 'aria-current': 'step', 'data-line': k }
              : { class: 'code-line', 'data-line': k },
            `${pc ? '▶ ' : '  '}${line}`,
          ),
          '\n',
        ];
      }),
    );
    const at = this.pre.querySelector<HTMLElement>('.pc');
    if (at && this.details.open)
      this.pre.scrollTop = Math.max(0, at.offsetTop - this.pre.offsetTop - this.pre.clientHeight / 3);
    return true;
  }

  private drawTabs(threads: ThreadInfo[]): void {
    this.tabs.setAttribute('aria-label', t('code.threads'));
    this.tabs.hidden = threads.length < 2;
    this.tabs.replaceChildren(
      ...threads.map((th) => {
        const b = h(
          'button',
          {
            type: 'button',
            class: 'code-tab',
            'aria-pressed': th.tid === this.tid ? 'true' : 'false',
            'data-tid': th.tid,
          },
          th.label,
        );
        b.addEventListener('click', () => {
          this.tid = th.tid;
          this.drawn = '';
          this.onChange();
        });
        return b;
      }),
    );
  }

  private drawToggle(): void {
    this.toggle.setAttribute('aria-label', t('code.view'));
    this.toggle.replaceChildren(
      ...CODE_LANGUAGES.map((lang) => {
        const b = h(
          'button',
          {
            type: 'button',
            class: 'code-lang',
            'aria-pressed': lang === this.language ? 'true' : 'false',
            'data-lang': lang,
          },
          t(`code.lang.${lang}`),
        );
        b.addEventListener('click', () => this.show(lang));
        return b;
      }),
    );
  }

  /** The names the program refers to: from the level's scenario in solo, else from the synced machine. */
  private context(model: MachineModel, machine: MachineState, th: ThreadInfo): CodeContext {
    const proc = model.processes.find((p) => p.pid === th.pid);
    const threadIndex = Math.max(0, proc?.threads.indexOf(th.tid) ?? 0);
    const scenario = this.scenario();
    if (scenario && scenario.processes.some((p) => p.name === th.name))
      return contextFromScenario(scenario, th.name, threadIndex);
    const first = (key: string, value: number): number => {
      if (!this.firstSeen.has(key)) this.firstSeen.set(key, value);
      return this.firstSeen.get(key)!;
    };
    const channels: CodeContext['channels'] = {};
    machine.channels.forEach((c, name) => {
      if ((CHANNEL_KIND_NAMES as readonly string[]).includes(c.kind))
        channels[name] = { kind: c.kind as ChannelKind, capacity: c.capacity };
    });
    const semaphores: Record<string, number> = {};
    machine.semaphores.forEach((s, name) => {
      semaphores[name] = first(`sem:${name}`, s.value);
    });
    const vars: Record<string, number> = {};
    for (const [name, value] of proc?.vars ?? []) vars[name] = first(`var:${th.pid}:${name}`, value);
    const shared: Record<string, Record<string, number>> = {};
    machine.shared.forEach((value, key) => {
      const dot = key.indexOf('.');
      if (dot < 0) return;
      (shared[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = first(`shm:${key}`, value);
    });
    return {
      process: th.name || th.label,
      threadIndex,
      channels,
      locks: [...machine.locks.keys()],
      semaphores,
      vars,
      shared,
      programs: {} as Record<string, Instr[]>,
      devices: [...machine.devices.keys()],
    };
  }
}
