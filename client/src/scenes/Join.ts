// The Join form: class code (pre-filled from a join link) and nickname, checked here and again by the server.
import { getLanguage, t, type MessageKey } from '../i18n/index.ts';
import { joinClass, JoinError } from '../net/classroom.ts';
import { checkNicknameInput, codeError, NICKNAME_MAX, normalizeCode } from '../net/join-code.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';

/** What the Join scene may be started with. */
export interface JoinData {
  code?: string;
  nickname?: string;
}

const NICKNAME_KEY = 'kernel-crew.nickname';

/** A form of real inputs (phones get their keyboard, screen readers their labels) over the canvas. */
export class Join extends UiScene {
  private header!: Header;
  private form!: HTMLFormElement;
  private codeInput!: HTMLInputElement;
  private nicknameInput!: HTMLInputElement;
  private submit!: HTMLButtonElement;
  private back!: HTMLButtonElement;
  private error!: HTMLElement;
  private labels: [HTMLElement, MessageKey][] = [];
  /** The error on show, kept as a key so it follows language switches. */
  private errorKey: { key: MessageKey; detail: string } | null = null;
  private busy = false;

  constructor() {
    super('Join');
  }

  protected override panelWidth(): number {
    return 420;
  }

  protected build(data: JoinData): void {
    this.header = new Header((o) => this.addText(o));
    this.errorKey = null;
    this.busy = false;
    const label = (key: MessageKey, attrs: Record<string, string> = {}): HTMLElement => {
      const el = h('span', attrs);
      this.labels.push([el, key]);
      return el;
    };
    this.labels = [];
    this.codeInput = h('input', {
      id: 'join-code', name: 'code', type: 'text', required: true, maxlength: 9, autocomplete: 'off',
      autocapitalize: 'characters', spellcheck: 'false', inputmode: 'text', 'aria-describedby': 'join-code-hint',
      class: 'code-input',
    });
    this.codeInput.value = data.code ?? '';
    this.nicknameInput = h('input', {
      id: 'join-nickname', name: 'nickname', type: 'text', required: true, maxlength: NICKNAME_MAX * 2,
      autocomplete: 'nickname', spellcheck: 'false', 'aria-describedby': 'join-nickname-hint',
    });
    this.nicknameInput.value = data.nickname ?? readNickname();
    this.error = h('p', { class: 'form-error', role: 'alert', id: 'join-error' });
    this.submit = h('button', { type: 'submit', class: 'primary' });
    this.back = h('button', { type: 'button' });
    this.labels.push([this.submit, 'join.submit'], [this.back, 'join.back']);
    this.form = h('form', { novalidate: true, 'aria-labelledby': 'join-heading' },
      label('join.heading', { id: 'join-heading', class: 'form-heading', role: 'heading', 'aria-level': '2' }),
      h('label', { for: 'join-code' }, label('join.code')),
      this.codeInput,
      label('join.code.hint', { id: 'join-code-hint', class: 'hint' }),
      h('label', { for: 'join-nickname' }, label('join.nickname')),
      this.nicknameInput,
      label('join.nickname.hint', { id: 'join-nickname-hint', class: 'hint' }),
      this.error,
      h('div', { class: 'actions' }, this.back, this.submit),
    );
    this.panel.append(this.form);
    this.codeInput.addEventListener('input', () => {
      const normalized = normalizeCode(this.codeInput.value);
      if (normalized !== this.codeInput.value) this.codeInput.value = normalized;
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.join();
    });
    this.back.addEventListener('click', () => this.scene.start('Menu'));
    (this.codeInput.value ? this.nicknameInput : this.codeInput).focus({ preventScroll: true });
  }

  protected renderTexts(): void {
    this.header.setTexts(t('app.title'), t('app.tagline'));
    for (const [el, key] of this.labels) el.textContent = t(key);
    this.error.textContent = this.errorKey ? t(this.errorKey.key, { reason: this.errorKey.detail }) : '';
    if (this.busy) this.submit.textContent = t('join.connecting');
  }

  protected relayout(layout: ScreenLayout): void {
    this.header.layout(layout);
    const width = Math.min(layout.width - 32, this.panelWidth());
    place(this.panel, { ...layout.panel, x: (layout.width - width) / 2, width });
  }

  private showError(key: MessageKey | null, detail = '', field?: HTMLInputElement): void {
    this.errorKey = key ? { key, detail } : null;
    this.codeInput.removeAttribute('aria-invalid');
    this.nicknameInput.removeAttribute('aria-invalid');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
    this.renderTexts();
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submit.disabled = busy;
    this.codeInput.readOnly = busy;
    this.nicknameInput.readOnly = busy;
    this.submit.textContent = t(busy ? 'join.connecting' : 'join.submit');
  }

  /** Validates the form, then joins; the Lobby takes over on success, the error is shown on failure. */
  private async join(): Promise<void> {
    if (this.busy) return;
    const code = normalizeCode(this.codeInput.value);
    this.codeInput.value = code;
    const badCode = codeError(code);
    if (badCode) return this.showError(badCode, '', this.codeInput);
    const checked = checkNicknameInput(this.nicknameInput.value);
    if (!checked.ok) return this.showError(checked.error, '', this.nicknameInput);
    const nickname = checked.nickname;
    this.nicknameInput.value = nickname;
    this.showError(null);
    saveNickname(nickname);
    this.setBusy(true);
    try {
      const joined = await joinClass(code, nickname, getLanguage());
      if (this.scene.isActive()) this.scene.start('Lobby', { code, nickname, role: 'student', room: joined.room });
      else await joined.room.leave(true);
    } catch (error) {
      if (!this.scene.isActive()) return;
      this.setBusy(false);
      if (error instanceof JoinError) this.showError(error.reason, error.detail);
      else throw error;
    }
  }
}

function readNickname(): string {
  try {
    return localStorage.getItem(NICKNAME_KEY) ?? '';
  } catch {
    return '';
  }
}

function saveNickname(nickname: string): void {
  try {
    localStorage.setItem(NICKNAME_KEY, nickname);
  } catch {
    // not remembered; nothing else depends on it
  }
}
