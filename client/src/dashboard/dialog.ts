// The dashboard's one confirmation dialog, instead of window.prompt/confirm (a password typed into
// window.prompt shows in clear text, and browsers may block prompts): a native <dialog> opened with
// showModal(), with a labelled input when the teacher must type something (the join code, the password,
// a nickname), confirm and cancel buttons, Escape to cancel, focus back where it was, and the server's
// refusal (a wrong password) shown inside the dialog, which stays open for another try.
import { h } from './dom.ts';
import { t } from './texts.ts';

/** What one dialog asks. */
export interface DialogOptions {
  /** The heading (the action's name). */
  title: string;
  /** The sentence that says what happens. */
  message: string;
  /** The confirm button's text. */
  confirm: string;
  /** A destructive action: the confirm button is marked danger. */
  danger?: boolean;
  /** A field to type into; without one the dialog only confirms. */
  input?: { label: string; type?: 'text' | 'password'; value?: string; autocomplete?: string };
  /**
   * Runs on confirm with the typed text (trimmed unless it is a password). A thrown error keeps the dialog
   * open with the error's text shown in it (`describe` turns it into words); resolving closes it.
   */
  submit(value: string): unknown;
  /** The words for an error submit threw. */
  describe?(error: unknown): string;
}

let opened = 0;

/** Opens a modal dialog; resolves true once submit succeeded, false when the teacher cancelled. */
export function openDialog(options: DialogOptions): Promise<boolean> {
  const id = `dialog-${++opened}`;
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const input = options.input
    ? h('input', {
        id: `${id}-input`,
        type: options.input.type ?? 'text',
        autocomplete: options.input.autocomplete ?? 'off',
        spellcheck: 'false',
        required: true,
        'aria-describedby': `${id}-message`,
      })
    : null;
  if (input && options.input?.value) input.value = options.input.value;
  const error = h('p', { id: `${id}-error`, class: 'dialog-error', role: 'alert', hidden: true });
  const confirm = h(
    'button',
    { type: 'submit', class: options.danger ? 'danger' : 'primary', 'data-action': 'dialog-confirm' },
    options.confirm,
  );
  const cancel = h('button', { type: 'button', 'data-action': 'dialog-cancel' }, t('dialog.cancel'));
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('h2', { id: `${id}-title` }, options.title),
    h('p', { id: `${id}-message` }, options.message),
    input ? h('div', { class: 'field' }, h('label', { for: input.id }, options.input!.label), input) : null,
    error,
    h('p', { class: 'actions' }, confirm, cancel),
  );
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': `${id}-title` }, form);
  if (input) input.setAttribute('aria-errormessage', error.id);

  return new Promise<boolean>((resolve) => {
    let done = false;
    let busy = false;
    const showError = (text: string): void => {
      error.textContent = text;
      error.hidden = false;
      input?.setAttribute('aria-invalid', 'true');
      (input ?? confirm).focus();
      input?.select();
    };
    const finish = (result: boolean): void => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (returnTo?.isConnected) returnTo.focus();
      resolve(result);
    };
    // Escape (the dialog's cancel event) and the cancel button both close without acting.
    dialog.addEventListener('cancel', (event) => {
      if (busy) event.preventDefault(); // the server is already asked: wait for its answer
    });
    dialog.addEventListener('close', () => finish(false));
    cancel.addEventListener('click', () => finish(false));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const raw = input?.value ?? '';
      const value = options.input?.type === 'password' ? raw : raw.trim();
      if (input && value === '') return showError(t('dialog.required'));
      busy = confirm.disabled = cancel.disabled = true;
      void (async () => {
        try {
          await options.submit(value);
          finish(true);
        } catch (e) {
          busy = confirm.disabled = cancel.disabled = false;
          showError(options.describe ? options.describe(e) : e instanceof Error ? e.message : String(e));
        }
      })();
    });
    document.body.append(dialog);
    dialog.showModal();
    (input ?? confirm).focus();
  });
}
