// The class lobby: the code big enough for a projector, a QR code to join by, and who is in the room.
import type Phaser from 'phaser';
import { t } from '../i18n/index.ts';
import { joinUrl } from '../net/join-code.ts';
import type { JoinedClass } from '../net/classroom.ts';
import { currentSession } from '../net/room-session.ts';
import { OKABE_ITO } from '../theme.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import { readMachine } from '../views/machine-model.ts';
import { RoleCard } from '../views/role-card.ts';
import '../views/machine.css';

/** A player as the lobby lists them. */
export interface LobbyPlayer {
  nickname: string;
  isHost?: boolean;
  /** This screen's own seat (marked "you"). */
  me?: boolean;
}

/** What the Lobby is started with: by Join for a student, by the host flow for a teacher. */
export interface LobbyData {
  code: string;
  role: 'host' | 'student';
  nickname?: string;
  players?: LobbyPlayer[];
  room?: JoinedClass['room'];
}

/** Shows the room before a round; the room's state will feed the player list once the server syncs it. */
export class Lobby extends UiScene {
  private header!: Header;
  private lobby!: LobbyData;
  private codeLabel!: Phaser.GameObjects.Text;
  private codeText!: Phaser.GameObjects.Text;
  private playersHeading!: HTMLHeadingElement;
  private playerList!: HTMLUListElement;
  private scan!: HTMLElement;
  private link!: HTMLAnchorElement;
  private qr!: HTMLImageElement;
  private leave!: HTMLButtonElement;
  private share!: HTMLElement;
  /** The student's role card, in the panel under the players, redrawn as the host assigns roles. */
  private card!: RoleCard;
  /** "The round starts in 7 s" while the host's countdown runs (state.countdown). */
  private countdown!: HTMLElement;

  /** Seconds left of the countdown, as last synced. */
  private seconds = 0;

  constructor() {
    super('Lobby');
  }

  protected build(data: LobbyData): void {
    this.lobby = { ...data, players: data.players ?? (data.nickname ? [{ nickname: data.nickname }] : []) };
    this.header = new Header((o) => this.addText(o));
    this.codeLabel = this.addText({ size: 20, bold: true }).setOrigin(0.5, 0);
    this.codeText = this.addText({ size: 96, bold: true, color: OKABE_ITO.yellow })
      .setOrigin(0.5, 0)
      .setLetterSpacing(8);
    const url = joinUrl(window.location.origin, data.code);
    this.scan = h('p', { class: 'hint' });
    this.link = h('a', { href: url, class: 'join-link' }, url);
    this.qr = h('img', { class: 'qr', width: 240, height: 240, alt: '' });
    this.share = h('div', { class: 'lobby-share overlay-box' }, this.qr, this.scan, this.link);
    this.share.hidden = data.role !== 'host';
    this.playersHeading = h('h2', { id: 'lobby-players' });
    this.playerList = h('ul', { class: 'player-list', 'aria-labelledby': 'lobby-players' });
    this.leave = h('button', { type: 'button' });
    this.leave.addEventListener('click', () => {
      void this.lobby.room?.leave(true);
      this.scene.start('Menu');
    });
    this.card = new RoleCard(true);
    this.card.root.hidden = true;
    this.countdown = h('p', { class: 'countdown', role: 'status', 'data-testid': 'countdown' });
    this.countdown.hidden = true;
    this.panel.append(
      this.countdown,
      this.playersHeading,
      this.playerList,
      this.card.root,
      h('div', { class: 'actions' }, this.leave),
    );
    this.panel.parentElement?.append(this.share);
    const session = data.role === 'student' ? currentSession() : null;
    const off = session?.on((change) => {
      if (change === 'state' || change === 'welcome') this.drawCard();
    });
    this.drawCard();
    this.events.once('shutdown', () => {
      this.share.remove();
      off?.();
    });
    this.followRoom();
    if (data.role === 'host') void this.drawQr(url);
  }

  /** A student's lobby lists the room as it is synced: classmates arriving, and the host's renames of anyone (me too). */
  private followRoom(): void {
    const session = currentSession();
    if (!session || session.room.roomId !== this.lobby.room?.roomId) return;
    const sync = (): void => {
      const players = session.state?.players;
      if (!players) return;
      const me = session.seat();
      this.lobby.players = [...players].map(([id, p]) => ({
        nickname: p.nickname,
        isHost: p.host,
        me: id === me,
      }));
      this.lobby.nickname = session.myNickname();
      this.seconds = session.state?.countdown ?? 0;
      this.renderTexts();
    };
    sync();
    const off = session.on((change) => {
      if (change === 'state' || change === 'welcome') sync();
    });
    this.events.once('shutdown', off);
  }

  /** Shows the student the card of the job the room gave them (none until the state says). */
  private drawCard(): void {
    const session = currentSession();
    if (this.lobby.role !== 'student' || !session?.machine()) return;
    const m = readMachine(session.state, session.seat());
    if (m.mine.seat === null) return;
    this.card.show(
      {
        role: m.mine.role,
        cores: m.mine.cores,
        thread: m.threads.get(m.mine.tid)?.label ?? '',
        channel: m.mine.channel,
      },
      false,
    );
    this.card.root.hidden = false;
  }

  private async drawQr(url: string): Promise<void> {
    const QRCode = await import('qrcode');
    this.qr.src = await QRCode.toDataURL(url, { margin: 1, width: 480, errorCorrectionLevel: 'M' });
  }

  protected renderTexts(): void {
    this.header.setTexts(t('app.title'), t('lobby.heading'));
    this.codeLabel.setText(t('lobby.code'));
    this.codeText.setText(this.lobby.code);
    this.scan.textContent = t('lobby.scan');
    this.qr.alt = `QR: ${this.link.href}`;
    this.leave.textContent = t('lobby.leave');
    this.countdown.hidden = this.seconds <= 0;
    this.countdown.textContent = this.seconds > 0 ? t('lobby.countdown', { seconds: this.seconds }) : '';
    this.card.render();
    const players = this.lobby.players ?? [];
    this.playersHeading.textContent = t('lobby.players', { count: players.length });
    const items = players.map((p) => {
      const name =
        (p.me ?? p.nickname === this.lobby.nickname) ? t('lobby.you', { nickname: p.nickname }) : p.nickname;
      return h(
        'li',
        {},
        h('span', { class: 'badge' }, t(p.isHost ? 'lobby.host' : 'lobby.student')),
        ' ',
        name,
      );
    });
    this.playerList.replaceChildren(
      ...(items.length ? items : [h('li', { class: 'hint' }, t('lobby.waiting'))]),
    );
  }

  protected relayout(layout: ScreenLayout): void {
    this.header.layout(layout);
    const { unit } = layout;
    const area = layout.stacked ? { ...layout.panel, height: unit * 8 } : layout.art;
    const cx = area.x + area.width / 2;
    this.codeLabel.setFontSize(Math.round(unit * 0.9)).setPosition(cx, area.y);
    this.codeText.setFontSize(Math.round(Math.min(unit * (layout.stacked ? 3.2 : 5), area.width / 5)));
    this.codeText.setPosition(cx, area.y + unit * 1.6);
    const codeBottom = this.codeText.y + this.codeText.height + unit;
    if (layout.stacked) {
      this.qr.style.width = '';
      const shareTop = codeBottom;
      place(this.share, {
        x: layout.panel.x,
        y: shareTop,
        width: layout.panel.width,
        height: layout.height - shareTop,
      });
      const panelTop = this.share.hidden ? shareTop : shareTop + this.share.offsetHeight + unit;
      place(this.panel, { ...layout.panel, y: panelTop, height: layout.height - panelTop - 8 });
    } else {
      // The QR code takes what the column leaves after the caption and the link, so a projector shows it large.
      const side = Math.max(160, Math.min(area.width * 0.6, area.y + area.height - codeBottom - unit * 6));
      this.qr.style.width = `${Math.round(side)}px`;
      const width = area.width * 0.9;
      place(this.share, {
        x: cx - width / 2,
        y: codeBottom,
        width,
        height: area.y + area.height - codeBottom,
      });
      place(this.panel, layout.panel);
    }
  }
}
