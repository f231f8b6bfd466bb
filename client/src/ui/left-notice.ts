// What a student sees the moment the room lets them go: why (removed, class closed, opened elsewhere,
// connection lost) and what to do, instead of a screen that silently stops moving.
import { CLOSE_CODES, CONSENTED_CLOSE } from '../../../shared/protocol/errors.ts';
import { onLanguageChanged, t, type MessageKey } from '../i18n/index.ts';
import { h } from './dom.ts';

type Reason = 'kicked' | 'closed' | 'replaced' | 'abuse' | 'rekeyed' | 'lost';

/** The reason a close code stands for; null for a leave this page asked for (no notice then). */
export function leftReason(code: number): Reason | null {
  switch (code) {
    case CONSENTED_CLOSE:
      return null;
    case CLOSE_CODES.kicked:
      return 'kicked';
    case CLOSE_CODES.closed:
      return 'closed';
    case CLOSE_CODES.replaced:
      return 'replaced';
    case CLOSE_CODES.abuse:
      return 'abuse';
    case CLOSE_CODES.rekeyed:
      return 'rekeyed';
    default:
      return 'lost';
  }
}

/** Shows the notice for a close code (once per page); its button goes to the menu or rejoins by reloading. */
export function showLeftNotice(code: number): void {
  const reason = leftReason(code);
  if (!reason || document.getElementById('left-notice')) return;
  const title = h('h2', { id: 'left-notice-title' });
  const body = h('p', { id: 'left-notice-body' });
  const rejoins = reason === 'replaced' || reason === 'lost' || reason === 'abuse';
  const action = h('button', { type: 'button', 'data-action': rejoins ? 'rejoin' : 'menu' });
  action.addEventListener('click', () => {
    if (rejoins) window.location.reload();
    else window.location.assign(window.location.pathname);
  });
  const box = h(
    'div',
    {
      id: 'left-notice',
      class: 'left-notice overlay-box',
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'left-notice-title',
      'aria-describedby': 'left-notice-body',
      'data-reason': reason,
    },
    title,
    body,
    h('div', { class: 'actions' }, action),
  );
  const render = (): void => {
    title.textContent = t(`left.${reason}.title` as MessageKey);
    body.textContent = t(`left.${reason}.body` as MessageKey);
    action.textContent = t(reason === 'replaced' ? 'left.here' : rejoins ? 'left.rejoin' : 'left.menu');
  };
  render();
  onLanguageChanged(render);
  (document.getElementById('ui') ?? document.body).append(box);
  action.focus();
}
