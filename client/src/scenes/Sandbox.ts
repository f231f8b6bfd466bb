// The sandbox editor: any scenario (JSON, prefilled from a level's machine), the bots' policy and the
// player's role; parseSandbox's errors wholly in the player's language as they type (the kernel's
// reason, the field it is about, a JSON slip's line and column), said again when the language changes; Play opens a solo room with
// the setup, and "copy share link" puts the setup in the URL (#sandbox=…), which opens this editor with
// the setup checked again (decodeSandbox) on arrival.
import { POLICIES, type PolicyKind } from '../../../shared/kernel/index.ts';
import {
  LEVELS,
  decodeSandbox,
  encodeSandbox,
  parseSandbox,
  parseSandboxText,
  sandboxFromLevel,
  type Level,
  type PlayerInput,
  type SandboxResult,
  type SandboxSetup,
} from '../../../shared/levels/index.ts';
import { getLanguage, t } from '../i18n/index.ts';
import { PlayRefused, speedFromUrl, startPlay } from '../solo/level-room.ts';
import { levelNumber, pick } from '../solo/level-text.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import '../solo/solo.css';

/** Started with a setup to edit (back from a run), a shared link's text, or nothing (the last setup, or an example). */
export interface SandboxData {
  setup?: SandboxSetup;
  link?: string;
}

/** The setup last edited in this visit, kept when the player goes to play it and comes back. */
let lastSetup: SandboxSetup | null = null;

/** The sandbox editor scene. */
export class Sandbox extends UiScene {
  private header!: Header;
  private example!: HTMLSelectElement;
  private scenario!: HTMLTextAreaElement;
  private policy!: HTMLSelectElement;
  private role!: HTMLSelectElement;
  private status!: HTMLElement;
  private linkBox!: HTMLInputElement;
  private buttons!: { back: HTMLButtonElement; share: HTMLButtonElement; play: HTMLButtonElement };
  private labels: { el: HTMLElement; key: Parameters<typeof t>[0] }[] = [];
  /** The role as the player chose it (kept while the scenario is being typed and may not parse). */
  private player: PlayerInput = { role: 'scheduler' };
  /** What the status line says: a check's result, a shared link's, a copy's. */
  private note: { kind: 'ok' | 'error' | 'info'; text: () => string } | null = null;
  private busy = false;

  constructor() {
    super('Sandbox');
  }

  protected build(data: SandboxData = {}): void {
    this.busy = false;
    this.labels = [];
    this.note = null;
    this.header = new Header((o) => this.addText(o));
    const label = (key: Parameters<typeof t>[0], id: string): HTMLLabelElement => {
      const el = h('label', { for: id });
      this.labels.push({ el, key });
      return el;
    };
    this.example = h('select', { id: 'sandbox-example', 'data-field': 'example' });
    this.scenario = h('textarea', {
      id: 'sandbox-scenario',
      'data-field': 'scenario',
      rows: 10,
      spellcheck: 'false',
      autocapitalize: 'off',
      autocomplete: 'off',
    });
    this.policy = h(
      'select',
      { id: 'sandbox-policy', 'data-field': 'policy' },
      ...POLICIES.map((p) => h('option', { value: p })),
    );
    this.example.append(
      h('option', { value: '' }, '—'),
      ...LEVELS.map((_, i) => h('option', { value: String(i) })),
    );
    this.role = h('select', { id: 'sandbox-role', 'data-field': 'role' });
    this.status = h('p', { class: 'sandbox-status', role: 'status', 'aria-live': 'polite' });
    this.linkBox = h('input', {
      id: 'sandbox-link',
      type: 'text',
      readonly: true,
      'data-field': 'link',
      hidden: true,
    });
    const back = h('button', { type: 'button', 'data-action': 'map' });
    const share = h('button', { type: 'button', 'data-action': 'share' });
    const play = h('button', { type: 'button', class: 'primary', 'data-action': 'play' });
    this.buttons = { back, share, play };
    back.addEventListener('click', () => this.scene.start('LevelMap'));
    share.addEventListener('click', () => void this.share());
    play.addEventListener('click', () => void this.play());
    this.example.addEventListener('change', () => {
      const level = this.example.value === '' ? undefined : LEVELS[Number(this.example.value)];
      if (level) this.fill(sandboxFromLevel(level));
    });
    this.scenario.addEventListener('input', () => this.check(true));
    this.policy.addEventListener('change', () => this.check(true));
    this.role.addEventListener('change', () => {
      this.player = JSON.parse(this.role.value) as PlayerInput;
      this.check(true);
    });
    this.panel.classList.add('card-panel', 'sandbox-panel');
    this.panel.append(
      h(
        'div',
        { class: 'sandbox-form panel-body' },
        h('p', { class: 'sandbox-field' }, label('sandbox.example', 'sandbox-example'), this.example),
        h('p', { class: 'sandbox-field' }, label('sandbox.scenario', 'sandbox-scenario'), this.scenario),
        h(
          'div',
          { class: 'sandbox-row' },
          h('p', { class: 'sandbox-field' }, label('sandbox.policy', 'sandbox-policy'), this.policy),
          h('p', { class: 'sandbox-field' }, label('sandbox.role', 'sandbox-role'), this.role),
        ),
        this.status,
        h('p', { class: 'sandbox-field' }, label('sandbox.link', 'sandbox-link'), this.linkBox),
      ),
      h('div', { class: 'actions' }, back, share, play),
    );
    this.labels.at(-1)!.el.hidden = true;

    const example = data.setup || lastSetup ? null : LEVELS[0]!;
    let setup = data.setup ?? lastSetup ?? sandboxFromLevel(LEVELS[0]!);
    if (example) this.example.value = '0';
    if (data.link !== undefined) {
      const opened = decodeSandbox(data.link);
      if (opened.ok) {
        setup = opened.setup;
        this.example.value = ''; // a friend's machine, not one of the examples
        this.note = { kind: 'info', text: () => t('sandbox.opened') };
      } else {
        const error = opened.error;
        this.note = { kind: 'error', text: () => t('sandbox.link_bad', { why: error[getLanguage()] }) };
      }
    }
    this.fill(setup, this.note !== null);
    this.buttons.play.focus({ preventScroll: true });
  }

  protected override panelWidth(): number {
    return 900;
  }

  /** Fills the form with a setup. */
  private fill(setup: SandboxSetup, keepNote = false): void {
    this.scenario.value = JSON.stringify(setup.scenario, null, 2);
    this.policy.value = setup.policy;
    this.player = setup.player;
    this.check(!keepNote);
  }

  /** The form's setup and what parseSandbox says of it (JSON errors come from parseSandboxText, in both languages). */
  private current(): SandboxResult {
    let scenario: unknown;
    try {
      scenario = JSON.parse(this.scenario.value);
    } catch {
      return parseSandboxText(this.scenario.value);
    }
    return parseSandbox({ scenario, policy: this.policy.value as PolicyKind, player: this.player });
  }

  /** Checks the form, rebuilds the role choices from the machine, and says what is wrong (or that all is well). */
  private check(sayIt: boolean): SandboxResult {
    let r = this.current();
    // the roles this machine offers, from the scenario checked with the scheduler's role (which every machine has)
    const machine = r.ok
      ? r.level
      : (() => {
          const asScheduler = parseSandboxText(
            JSON.stringify({ scenario: safeJson(this.scenario.value), policy: this.policy.value }),
          );
          return asScheduler.ok ? asScheduler.level : null;
        })();
    if (machine && !this.fillRoles(machine) && !r.ok) {
      // the chosen role has no place in this machine: back to the scheduler, which every machine has
      this.player = { role: 'scheduler' };
      this.fillRoles(machine);
      r = this.current();
    }
    this.role.value = JSON.stringify(this.player);
    if (r.ok) lastSetup = r.setup;
    if (sayIt)
      this.note = r.ok
        ? { kind: 'ok', text: () => t('sandbox.ok') }
        : { kind: 'error', text: () => r.error[getLanguage()] };
    this.showNote();
    return r;
  }

  /** The role choices: the scheduler, the interrupt handler, each thread of each process, each channel; true when the chosen role is one of them. */
  private fillRoles(level: Level): boolean {
    const choices: { value: PlayerInput; text: string }[] = [
      { value: { role: 'scheduler' }, text: t('sandbox.role.scheduler') },
      { value: { role: 'interrupt' }, text: t('sandbox.role.interrupt') },
    ];
    const seen = new Set<string>();
    for (const p of level.scenarioParsed.processes) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      p.threads.forEach((_, i) =>
        choices.push({
          value: {
            role: 'thread',
            threads: [i === 0 ? { process: p.name } : { process: p.name, thread: i }],
          },
          text: t('sandbox.role.thread', { n: i + 1, process: p.name }),
        }),
      );
    }
    for (const c of level.scenarioParsed.channels)
      choices.push({
        value: { role: 'ipc', channels: [c.name] },
        text: t('sandbox.role.ipc', { channel: c.name }),
      });
    // the chosen role stays a choice even when it is not one of these (a shared link's several threads)
    const want = JSON.stringify(this.player);
    const offered = choices.some((c) => JSON.stringify(c.value) === want);
    if (!offered) choices.push({ value: this.player, text: roleLabel(this.player) });
    this.role.replaceChildren(...choices.map((c) => h('option', { value: JSON.stringify(c.value) }, c.text)));
    return offered;
  }

  private showNote(): void {
    const n = this.note;
    this.status.textContent = n ? n.text() : '';
    this.status.dataset.kind = n?.kind ?? '';
    this.status.setAttribute('role', n?.kind === 'error' ? 'alert' : 'status');
  }

  protected renderTexts(): void {
    this.header.setTexts(t('sandbox.title'), t('sandbox.subtitle'));
    for (const { el, key } of this.labels) el.textContent = t(key);
    // option texts only: the choices themselves were made in build and keep their values
    LEVELS.forEach((level, i) => {
      this.example.options[i + 1]!.textContent = t('sandbox.example_level', {
        n: levelNumber(level.id),
        title: pick(level.title),
      });
    });
    POLICIES.forEach((p, i) => {
      this.policy.options[i]!.textContent = t(`sandbox.policy.${p}`);
    });
    this.check(false);
    this.buttons.back.textContent = t('solo.back_map');
    this.buttons.share.textContent = t('sandbox.share');
    this.buttons.play.textContent = this.busy ? t('sandbox.starting') : t('sandbox.play');
  }

  protected relayout(layout: ScreenLayout): void {
    this.header.layout(layout);
    const top = layout.header.y + layout.header.height;
    const width = Math.min(layout.width - 32, 900);
    place(this.panel, { x: (layout.width - width) / 2, y: top, width, height: layout.height - top - 8 });
  }

  /** Puts the setup in a link (`#sandbox=…`), copies it, and shows it to copy by hand as well. */
  private async share(): Promise<void> {
    const r = this.check(true);
    if (!r.ok) return;
    const text = encodeSandbox(r.setup);
    // the link is opened exactly as a friend's browser will open it: one that would be refused is not offered
    const opened = decodeSandbox(text);
    if (!opened.ok) {
      this.note = { kind: 'error', text: () => opened.error[getLanguage()] };
      this.showNote();
      return;
    }
    const url = new URL(window.location.href);
    url.hash = `sandbox=${text}`;
    this.linkBox.value = url.toString();
    this.linkBox.hidden = false;
    this.labels.at(-1)!.el.hidden = false;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url.toString());
      copied = true;
    } catch {
      copied = false; // no clipboard (permission, an insecure page): the box below holds the link
    }
    this.note = {
      kind: copied ? 'ok' : 'info',
      text: () => t(copied ? 'sandbox.copied' : 'sandbox.copy_failed'),
    };
    this.showNote();
    this.linkBox.select();
  }

  /** Opens a solo room with the setup (the server checks it again) and hands over to the Machine scene. */
  private async play(): Promise<void> {
    if (this.busy) return;
    const r = this.check(true);
    if (!r.ok) return;
    this.busy = true;
    this.buttons.play.disabled = true;
    this.refresh();
    try {
      await startPlay({ kind: 'sandbox', setup: r.setup }, speedFromUrl());
      if (!this.scene.isActive()) return;
      this.scene.start('Machine');
      this.scene.launch('LevelHud', {});
    } catch (error) {
      this.busy = false;
      this.buttons.play.disabled = false;
      const why = error instanceof PlayRefused ? error.message : t('sandbox.failed');
      if (!(error instanceof PlayRefused)) console.warn('Kernel Crew: the sandbox could not start', error);
      this.note = { kind: 'error', text: () => why };
      this.refresh();
    }
  }
}

/** A role no single choice names (several threads or channels): its parts listed. */
function roleLabel(p: PlayerInput): string {
  switch (p.role) {
    case 'scheduler':
      return p.cores
        ? t('sandbox.role.scheduler_cores', {
            cores: p.cores.map((core) => t('solo.core', { core })).join(', '),
          })
        : t('sandbox.role.scheduler');
    case 'interrupt':
      return t('sandbox.role.interrupt');
    case 'thread':
      return p.threads
        .map((x) => t('sandbox.role.thread', { n: (x.thread ?? 0) + 1, process: x.process }))
        .join(', ');
    case 'ipc':
      return p.channels.map((c) => t('sandbox.role.ipc', { channel: c })).join(', ');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
