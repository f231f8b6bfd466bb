// A student's class lobby: the join code large, who is in the room, their role card and the countdown.
// (The projector shows the code with its QR in the Machine scene's projector panel; the teacher, in the dashboard.)
import type Phaser from 'phaser';
import { t } from '../i18n/index.ts';
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

/** What the Lobby is started with (by Join, and by the round router when a new round brings the class back). */
export interface LobbyData {
  code: string;
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
  private leave!: HTMLButtonElement;
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
    const session = currentSession();
    const off = session?.on((change) => {
      if (change === 'state' || change === 'welcome') this.drawCard();
    });
    this.drawCard();
    this.events.once('shutdown', () => off?.());
    this.followRoom();
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
    if (!session?.machine()) return;
    const m = readMachine(session.state, session.seat());
    if (m.mine.seat === null) return;
    this.card.show(
      {
        role: m.mine.role,
        cores: m.mine.cores,
        thread: m.threads.get(m.mine.tid)?.label ?? '',
        channel: m.mine.channel,
        scoring: session.welcome?.scoring ?? 'standard',
      },
      false,
    );
    this.card.root.hidden = false;
  }

  protected renderTexts(): void {
    this.header.setTexts(t('app.title'), t('lobby.heading'));
    this.codeLabel.setText(t('lobby.code'));
    this.codeText.setText(this.lobby.code);
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
    if (layout.stacked)
      place(this.panel, { ...layout.panel, y: codeBottom, height: layout.height - codeBottom - 8 });
    else place(this.panel, layout.panel);
  }
}
