// What a projector shows beside the machine while the class joins: the code, a QR code and who is in.
import { t } from '../i18n/index.ts';
import { joinUrl } from '../net/join-code.ts';
import { h } from '../ui/dom.ts';

/** The join panel; shown in the lobby, hidden once the round runs. */
export class ProjectorPanel {
  readonly root: HTMLElement;
  private readonly label: HTMLElement;
  private readonly codeText: HTMLElement;
  private readonly qr: HTMLImageElement;
  private readonly link: HTMLAnchorElement;
  private readonly players: HTMLElement;
  private code = '';

  constructor() {
    this.label = h('p', { class: 'projector-label' });
    this.codeText = h('p', { class: 'projector-code', 'data-testid': 'projector-code' });
    this.qr = h('img', { class: 'qr', alt: '' });
    this.link = h('a', { class: 'join-link' });
    this.players = h('p', { class: 'projector-players' });
    this.root = h('aside', { class: 'projector-panel overlay-box' }, this.label, this.codeText, this.qr, this.link, this.players);
    this.root.hidden = true;
  }

  /** Shows the code (drawing its QR code once) and the number of students in. */
  update(code: string, students: number, visible: boolean): void {
    this.root.hidden = !visible || code === '';
    if (this.root.hidden) return;
    this.label.textContent = t('lobby.scan');
    this.players.textContent = t('lobby.players', { count: students });
    if (code === this.code) return;
    this.code = code;
    this.codeText.textContent = code;
    const url = joinUrl(window.location.origin, code);
    this.link.href = url;
    this.link.textContent = url;
    this.qr.alt = `QR: ${url}`;
    void import('qrcode').then((QRCode) => QRCode.toDataURL(url, { margin: 1, width: 480, errorCorrectionLevel: 'M' })).then((src) => { this.qr.src = src; });
  }
}
