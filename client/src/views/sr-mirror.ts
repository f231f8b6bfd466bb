// The machine for screen readers and keyboards: a tree of the cores (what each runs), the Ready queue
// in order (label, name, work left), the Blocked threads and why, and the player's own moves, plus a
// polite live region saying the kernel's sentences (sr-announcer.ts). Visually hidden until the focus
// is in it (then shown as a panel, for a sighted keyboard player or a teacher at the student's side).
// One Tab stop: the arrow keys move through the rows, Enter picks a Ready thread or a core (as a click
// on the canvas does) or makes a move (through the action bar, as its button's click does).
// Rows are rewritten only when what they show changed, by key; nothing here reads layout.
import { getLanguage, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { barEntries, type PlayerAction, type Selection } from './action-bar-model.ts';
import { blockedRows } from './machine-rows.ts';
import type { MachineModel } from './machine-model.ts';

/** One row of the tree: a section's heading (level 1) or one of its members (level 2). */
export interface SrRow {
  key: string;
  level: 1 | 2;
  text: string;
  /** What Enter does on it (none: it is read only). */
  press?:
    { kind: 'thread'; tid: number } | { kind: 'core'; core: number } | { kind: 'move'; action: PlayerAction };
  /** A move the player's job has but may not make now. */
  disabled?: boolean;
}

/** What Enter on a row asks the scene to do. */
export interface SrActions {
  thread(tid: number): void;
  core(core: number): void;
  move(action: PlayerAction): void;
}

const rowText = (r: string | readonly [string, number]): string => (typeof r === 'string' ? r : r[0]);

/** The rows for a model, the scheduler's pick and target core (formatting only: the moves are the bar's). */
export function srRows(m: MachineModel, sel: Selection | null, target: number): SrRow[] {
  const scheduler = m.mine.role === 'scheduler';
  const rows: SrRow[] = [{ key: 'cores', level: 1, text: t('machine.cores', { count: m.cores.length }) }];
  for (const c of m.cores) {
    const mine = scheduler && m.mine.cores.includes(c.id);
    const th = c.running;
    const what = th
      ? `${th.label}${th.name ? ` ${th.name}` : ''} · ${
          c.switchLeft > 0
            ? t('machine.switching', { ticks: c.switchLeft })
            : t('machine.pc', { pc: th.pc, instr: th.instr || '—' })
        }`
      : t('machine.idle');
    const marks = `${mine ? ` · ${t('machine.yours')}` : ''}${mine && c.id === target ? ` · ${t('machine.target')}` : ''}`;
    rows.push({
      key: `core:${c.id}`,
      level: 2,
      text: `${t('machine.core', { id: c.id })}${marks}: ${what}`,
      ...(mine ? { press: { kind: 'core', core: c.id } } : {}),
    });
  }
  rows.push({ key: 'ready', level: 1, text: `${t('machine.ready')} (${m.ready.length})` });
  if (m.ready.length === 0) rows.push({ key: 'ready:empty', level: 2, text: t('machine.ready.empty') });
  m.ready.forEach((th, i) =>
    rows.push({
      key: `ready:${th.tid}`,
      level: 2,
      text: `${i + 1}. ${th.label}${th.name ? ` ${th.name}` : ''} · ${t('machine.card.detail', { work: th.work, prio: th.priority, waited: th.readyTicks })}${sel?.tid === th.tid ? ` · ${t('sr.picked')}` : ''}`,
      ...(scheduler ? { press: { kind: 'thread', tid: th.tid } } : {}),
    }),
  );
  const blocked = m.blocked.reduce((n, g) => n + g.threads.length, 0);
  rows.push({ key: 'blocked', level: 1, text: `${t('machine.blocked')} (${blocked})` });
  blockedRows(m).forEach((r, i) =>
    rows.push({
      key: `blocked:${m.blocked[i]?.key ?? 'none'}`,
      level: 2,
      text: rowText(r).replace(/^■ /, ''),
    }),
  );
  const entries = barEntries(m, sel, target);
  rows.push({
    key: 'moves',
    level: 1,
    text: t('sr.moves', { count: entries.filter((e) => e.action).length }),
  });
  entries.forEach((e, i) =>
    rows.push(
      e.action
        ? {
            key: `move:${e.action.type}:${JSON.stringify(e.action.payload)}`,
            level: 2,
            text: e.label,
            press: { kind: 'move', action: e.action },
          }
        : {
            key: `move:${i}:${e.label}`,
            level: 2,
            text: `${e.label} (${t('sr.unavailable')})`,
            disabled: true,
          },
    ),
  );
  return rows;
}

/** The mirror's DOM: the tree of rows and the live region. */
export class SrMirror {
  readonly root: HTMLElement;
  private readonly tree: HTMLElement;
  private readonly hint: HTMLElement;
  /** The live region: the latest few announcements, oldest first. */
  readonly log: HTMLElement;
  private readonly els = new Map<string, HTMLElement>();
  private rows: SrRow[] = [];
  /** The row that holds the tab stop. */
  private current = '';
  private drawn = '';

  constructor(private readonly actions: SrActions) {
    this.tree = h('div', { role: 'tree', 'aria-describedby': 'sr-mirror-hint', 'data-testid': 'sr-tree' });
    this.hint = h('p', { id: 'sr-mirror-hint', class: 'sr-hint' });
    this.log = h('div', {
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      class: 'sr-log',
      'data-testid': 'sr-live',
    });
    this.root = h(
      'section',
      { class: 'sr-mirror', 'data-testid': 'sr-mirror' },
      this.tree,
      this.hint,
      this.log,
    );
    this.tree.addEventListener('keydown', (e) => this.onKey(e));
    this.tree.addEventListener('focusin', (e) => {
      const key = e.target instanceof HTMLElement ? e.target.dataset.key : undefined;
      if (key !== undefined) this.rove(key);
    });
    this.renderTexts();
  }

  /** The fixed texts in the current language (the rows follow at the next update). */
  renderTexts(): void {
    this.root.setAttribute('aria-label', t('sr.region'));
    this.tree.setAttribute('aria-label', t('sr.region'));
    this.log.setAttribute('aria-label', t('sr.live'));
    this.hint.textContent = t('sr.hint');
    this.drawn = '';
  }

  /**
   * Redraws when what it shows changed: the synced state's version, the pick, the target core or the
   * language. Touches only rows whose text, state or place changed.
   */
  update(model: MachineModel, version: number, sel: Selection | null, target: number): void {
    const sig = `${version}|${sel?.tid ?? -1}|${target}|${getLanguage()}`;
    if (sig === this.drawn) return;
    this.drawn = sig;
    const rows = srRows(model, sel, target);
    const keys = new Set(rows.map((r) => r.key));
    const focusedKey = this.focusedKey();
    const focusedAt = this.rows.findIndex((r) => r.key === focusedKey);
    for (const [key, el] of this.els)
      if (!keys.has(key)) {
        el.remove();
        this.els.delete(key);
      }
    let before: ChildNode | null = this.tree.firstChild;
    rows.forEach((r) => {
      let el = this.els.get(r.key);
      if (!el) {
        el = h('div', { role: 'treeitem', tabindex: -1, 'data-key': r.key });
        this.els.set(r.key, el);
      }
      if (el.textContent !== r.text) el.textContent = r.text;
      setAttr(el, 'aria-level', String(r.level));
      setAttr(el, 'aria-disabled', r.disabled ? 'true' : null);
      setAttr(el, 'data-press', r.press?.kind ?? null);
      if (el !== before) this.tree.insertBefore(el, before);
      before = el.nextSibling;
    });
    this.rows = rows;
    // the focused row went (a dispatched thread left Ready): the focus stays at its place in the tree
    if (focusedKey !== undefined && !keys.has(focusedKey)) {
      const at = rows[Math.min(Math.max(0, focusedAt), rows.length - 1)];
      if (at) this.focus(at.key);
    } else if (!keys.has(this.current)) this.rove(rows[0]?.key ?? '');
  }

  /** Adds an announcement to the live region, keeping the last three. */
  say(text: string): void {
    this.log.append(h('p', {}, text));
    while (this.log.childElementCount > 3) this.log.firstElementChild?.remove();
  }

  private focusedKey(): string | undefined {
    const a = document.activeElement;
    return a instanceof HTMLElement && this.tree.contains(a) ? a.dataset.key : undefined;
  }

  /** Moves the tab stop to a row. */
  private rove(key: string): void {
    if (this.current === key) return;
    this.els.get(this.current)?.setAttribute('tabindex', '-1');
    this.current = key;
    this.els.get(key)?.setAttribute('tabindex', '0');
  }

  private focus(key: string): void {
    this.rove(key);
    this.els.get(key)?.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    const at = this.rows.findIndex((r) => r.key === this.focusedKey());
    if (at < 0) return;
    const heading = (from: number, by: 1 | -1): number => {
      for (let i = from + by; i >= 0 && i < this.rows.length; i += by)
        if (this.rows[i]!.level === 1) return i;
      return from;
    };
    let to = -1;
    if (e.key === 'ArrowDown') to = Math.min(this.rows.length - 1, at + 1);
    else if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = this.rows.length - 1;
    else if (e.key === 'ArrowRight') to = heading(at, 1);
    else if (e.key === 'ArrowLeft') to = heading(at, -1);
    else if (e.key === 'Enter') {
      const row = this.rows[at]!;
      const p = row.press;
      if (p && !row.disabled) {
        if (p.kind === 'thread') this.actions.thread(p.tid);
        else if (p.kind === 'core') this.actions.core(p.core);
        else this.actions.move(p.action);
      }
    } else return;
    // the machine's own keys (←/→ pick a card, ↑/↓ a core, Enter dispatches) do not also act
    e.preventDefault();
    e.stopPropagation();
    if (to >= 0) this.focus(this.rows[to]!.key);
  }
}

function setAttr(el: HTMLElement, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
