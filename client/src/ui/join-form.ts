// The join form (class code and nickname) as plain HTML from index.html: usable before the game engine
// has arrived, then handed to the Join scene. One form, one set of checks, texts from i18n.
import { getLanguage, onLanguageChanged, t, type MessageKey } from '../i18n/index.ts';
import type * as Joining from '../net/classroom.ts';

type JoinedClass = Joining.JoinedClass;
import type { SavedSeat } from '../net/seat-resume.ts';
import { checkNicknameInput, codeError, NICKNAME_MAX, normalizeCode } from '../net/join-code.ts';
import { required } from './dom.ts';

/** Who takes a successful join (the Join scene once the game runs) and where Back goes. */
export interface JoinFormOwner {
  joined(joined: JoinedClass): void;
  back(): void;
}

const NICKNAME_KEY = 'kernel-crew.nickname';

/**
 * Joining (the HTTP lookup, Colyseus, the wire's schemas) is loaded when the form is shown, not with the
 * page's entry: the form takes typing while it arrives, and a submit waits for it (issue 17).
 */
let joining: Promise<typeof Joining> | null = null;
function loadJoining(): Promise<typeof Joining> {
  joining ??= import('../net/classroom.ts').catch((error: unknown) => {
    joining = null; // a failed download is tried again by the next submit
    throw error;
  });
  return joining;
}
/** A code is a few characters; the input allows typing dashes and spaces the code drops. */
const CODE_INPUT_MAX = 9;

/** The form's elements and state; one per page (the markup is in index.html). */
export class JoinForm {
  readonly form: HTMLFormElement;
  readonly codeInput: HTMLInputElement;
  readonly nicknameInput: HTMLInputElement;
  private readonly submit: HTMLButtonElement;
  private readonly back: HTMLButtonElement;
  private readonly error: HTMLElement;
  private readonly early: HTMLElement;
  /** The error on show, kept as a key so it follows language switches. */
  private errorKey: { key: MessageKey; detail: string } | null = null;
  private busy = false;
  private owner: JoinFormOwner | null = null;
  /** A join that succeeded before the game could take it (the engine was still loading). */
  private pending: JoinedClass | null = null;
  /** A reload's rejoin of the seat this tab held, while it runs (settled at once when there is none). */
  private resuming: Promise<void> = Promise.resolve();

  constructor() {
    this.form = required<HTMLFormElement>('join-form');
    this.early = required('join-early');
    this.codeInput = required<HTMLInputElement>('join-code');
    this.nicknameInput = required<HTMLInputElement>('join-nickname');
    this.submit = required<HTMLButtonElement>('join-submit');
    this.back = required<HTMLButtonElement>('join-back');
    this.error = required('join-error');
    this.codeInput.maxLength = CODE_INPUT_MAX;
    this.nicknameInput.maxLength = NICKNAME_MAX * 2;
    this.codeInput.addEventListener('input', () => {
      const normalized = normalizeCode(this.codeInput.value);
      if (normalized !== this.codeInput.value) this.codeInput.value = normalized;
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.join();
    });
    this.back.addEventListener('click', () => this.owner?.back());
    this.renderTexts();
    onLanguageChanged(() => this.renderTexts());
  }

  /** True while the form is shown on its own, before the game engine took over. */
  get showingEarly(): boolean {
    return !this.early.hidden && this.early.contains(this.form);
  }

  /** Shows the form before the engine loads (a join link): the code filled in, the nickname focused. */
  showEarly(code: string): void {
    this.early.hidden = false;
    this.fill({ code });
    void loadJoining();
  }

  /**
   * Moves the form into the Join scene's panel and makes the scene its owner. A form already on show
   * (typed into before the engine arrived) keeps what was typed and where the caret was.
   */
  adopt(panel: HTMLElement, owner: JoinFormOwner, data: { code?: string; nickname?: string }): void {
    const wasEarly = this.showingEarly;
    const focused =
      document.activeElement instanceof HTMLInputElement && this.form.contains(document.activeElement)
        ? document.activeElement
        : null;
    const caret = focused ? ([focused.selectionStart, focused.selectionEnd] as const) : null;
    panel.append(this.form);
    this.early.hidden = true;
    this.owner = owner;
    this.back.hidden = false;
    if (!wasEarly) return this.fill(data);
    if (focused) {
      focused.focus({ preventScroll: true });
      if (caret && caret[0] !== null && caret[1] !== null) focused.setSelectionRange(caret[0], caret[1]);
    }
  }

  /** Gives the form back to its hidden home when the Join scene shuts down. */
  release(owner: JoinFormOwner): void {
    if (this.owner !== owner) return;
    this.owner = null;
    this.back.hidden = true;
    this.early.append(this.form);
  }

  /** Rejoins the seat this tab held before a reload, with no typing; the game takes it like an early join. */
  resume(saved: SavedSeat): void {
    this.resuming = loadJoining()
      .then(({ resumeClass }) => resumeClass(saved, getLanguage()))
      .then(
        (joined) => {
          this.pending = joined;
        },
        (error: unknown) => {
          console.info('Kernel Crew: the seat could not be resumed', error);
        },
      );
  }

  /** Resolves once a reload's rejoin has finished, joined or not. */
  settled(): Promise<void> {
    return this.resuming;
  }

  /** The join that succeeded before the game could show its Lobby, once. */
  takePending(): JoinedClass | null {
    const joined = this.pending;
    this.pending = null;
    if (joined) {
      this.early.hidden = true;
      this.setBusy(false);
    }
    return joined;
  }

  private fill(data: { code?: string; nickname?: string }): void {
    this.codeInput.value = data.code ?? '';
    this.nicknameInput.value = data.nickname ?? readNickname();
    this.setBusy(false);
    this.showError(null);
    (this.codeInput.value ? this.nicknameInput : this.codeInput).focus({ preventScroll: true });
  }

  private renderTexts(): void {
    for (const el of this.form.querySelectorAll<HTMLElement>('[data-i18n]'))
      el.textContent = t(el.dataset.i18n as MessageKey);
    this.error.textContent = this.errorKey ? t(this.errorKey.key, { reason: this.errorKey.detail }) : '';
    if (this.busy) this.submit.textContent = t('join.connecting');
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

  /** Validates the form, then joins; the owner (or, before the engine, the pending slot) takes the room. */
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
    const asked = this.owner;
    let net: Awaited<ReturnType<typeof loadJoining>> | null = null;
    try {
      net = await loadJoining();
      const joined = await net.joinClass(code, nickname, getLanguage());
      if (this.owner) this.owner.joined(joined);
      else if (asked === null && this.showingEarly) this.pending = joined;
      else await joined.room.leave(true); // the player left the form while it was connecting
    } catch (error) {
      this.setBusy(false);
      if (net && error instanceof net.JoinError) this.showError(error.reason, error.detail);
      else throw error;
    }
  }
}

let instance: JoinForm | null = null;

/** The page's join form, bound on first use. */
export function joinForm(): JoinForm {
  instance ??= new JoinForm();
  return instance;
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
