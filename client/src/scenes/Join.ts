// The Join scene: the canvas header over the join form, which lives in index.html (ui/join-form.ts) so a
// student can fill it in before the engine loads; the scene adopts it and takes the joined room to the Lobby.
import { t } from '../i18n/index.ts';
import type { JoinedClass } from '../net/classroom.ts';
import { joinForm, type JoinFormOwner } from '../ui/join-form.ts';
import { place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import type { ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';

/** What the Join scene may be started with. */
export interface JoinData {
  code?: string;
  nickname?: string;
}

/** What the Lobby is started with after a student joins a class. */
export function lobbyDataFor(joined: JoinedClass): object {
  return { code: joined.code, nickname: joined.nickname, room: joined.room };
}

/** A form of real inputs (phones get their keyboard, screen readers their labels) over the canvas. */
export class Join extends UiScene {
  private header!: Header;

  constructor() {
    super('Join');
  }

  protected override panelWidth(): number {
    return 420;
  }

  protected build(data: JoinData): void {
    this.header = new Header((o) => this.addText(o));
    const form = joinForm();
    // A join that finished while the engine was loading goes straight on to the Lobby.
    const early = form.takePending();
    if (early) {
      this.time.delayedCall(0, () => this.scene.start('Lobby', lobbyDataFor(early)));
      return;
    }
    const owner: JoinFormOwner = {
      joined: (joined) => this.scene.start('Lobby', lobbyDataFor(joined)),
      back: () => this.scene.start('Menu'),
    };
    form.adopt(this.panel, owner, data);
    this.events.once('shutdown', () => form.release(owner));
  }

  protected renderTexts(): void {
    this.header.setTexts(t('app.title'), t('app.tagline'));
  }

  protected relayout(layout: ScreenLayout): void {
    this.header.layout(layout);
    const width = Math.min(layout.width - 32, this.panelWidth());
    place(this.panel, { ...layout.panel, x: (layout.width - width) / 2, width });
  }
}
