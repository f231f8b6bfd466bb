// The title menu: play solo, join a class or host one, beside the process state diagram the game is about.
import { t, type MessageKey } from '../i18n/index.ts';
import { h, place } from '../ui/dom.ts';
import { Header } from '../ui/header.ts';
import { below, type ScreenLayout } from '../ui/layout.ts';
import { StateDiagram } from '../ui/state-diagram.ts';
import { UiScene } from '../ui/ui-scene.ts';

/** A menu entry: its label and hint keys, and the scene it opens or the page it leads to. */
type Entry = { label: MessageKey; hint: MessageKey } & ({ scene: string } | { href: string });

const ENTRIES: Entry[] = [
  { label: 'menu.solo', hint: 'menu.solo.hint', scene: 'LevelMap' },
  { label: 'menu.join', hint: 'menu.join.hint', scene: 'Join' },
  // Teachers host from the dashboard, a page of its own (sign-in, room settings, reports).
  { label: 'menu.host', hint: 'menu.host.hint', href: '/dashboard' },
];

/** The first thing a player sees; each entry opens its scene or page. */
export class Menu extends UiScene {
  private header!: Header;
  private diagram!: StateDiagram;
  private heading!: HTMLHeadingElement;
  private items: { entry: Entry; button: HTMLElement; hint: HTMLElement }[] = [];

  constructor() {
    super('Menu');
  }

  protected build(): void {
    this.header = new Header((o) => this.addText(o));
    this.diagram = new StateDiagram(
      this,
      (o) => this.addText(o),
      (key) => t(key),
    );
    this.heading = h('h2', { id: 'menu-heading' });
    this.items = ENTRIES.map((entry, i) => {
      const hint = h('span', { class: 'hint', id: `menu-hint-${i}` });
      const described = { class: 'menu-button', 'aria-describedby': `menu-hint-${i}` };
      let button: HTMLElement;
      if ('href' in entry) {
        button = h('a', { ...described, href: entry.href });
      } else {
        button = h('button', { ...described, type: 'button', 'data-scene': entry.scene });
        button.addEventListener('click', () => this.scene.start(entry.scene));
      }
      return { entry, button, hint };
    });
    const list = h(
      'ul',
      { class: 'menu-list', 'aria-labelledby': 'menu-heading' },
      ...this.items.map(({ button, hint }) => h('li', {}, button, hint)),
    );
    this.panel.append(this.heading, list);
    this.items[0]?.button.focus({ preventScroll: true });
  }

  protected renderTexts(): void {
    this.header.setTexts(t('app.title'), t('app.tagline'));
    this.diagram.renderTexts();
    this.heading.textContent = t('menu.heading');
    for (const { entry, button, hint } of this.items) {
      button.textContent = t(entry.label);
      hint.textContent = t(entry.hint);
    }
  }

  protected relayout(layout: ScreenLayout): void {
    this.header.layout(layout);
    place(this.panel, layout.panel);
    const art = layout.stacked ? below(layout, this.panel.offsetTop + this.panel.offsetHeight) : layout.art;
    this.diagram.layoutIn(art, layout.unit);
  }
}
