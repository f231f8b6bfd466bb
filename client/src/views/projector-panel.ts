// The projector's class view beside the machine: the join code and QR code always in sight, the crews side by
// side (each machine small: what runs on each core, how many are Ready, its figures and its students), the crew's
// machine in figures (utilisation, finished jobs, faults) with the students' names on their roles, the
// round's moments with repeats grouped, and a large banner for each race, deadlock, crash and teacher
// event ("count: an update was lost — Alex overwrote 서연's"). The story comes from class-story.ts.
import { getLanguage, t } from '../i18n/index.ts';
import { joinUrl } from '../net/join-code.ts';
import { h } from '../ui/dom.ts';
import type { KernelEvent } from '../../../shared/kernel/types.ts';
import {
  BANNER_KINDS,
  STORY_EVENTS,
  classMoments,
  keyMoments,
  momentLine,
  type Moment,
} from '../../../shared/roles/class-story.ts';

/** What the class view shows of the crew, read from the model and the synced players. */
export interface CrewView {
  name: string;
  utilization: number;
  completed: number;
  faults: number;
  /** "Scheduler (cores 1, 2)" → "Kim", in role order. */
  roles: Array<{ job: string; who: string }>;
}

/** One crew in the race, as the room projected its standing and place (a class with more than one crew). */
export interface RaceRow {
  number: number;
  place: number;
  utilization: number;
  completed: number;
  processes: number;
  faults: number;
  finished: boolean;
  /** The crew's students, in join order. */
  names: string[];
  /** The crew's machine, small: each core's running thread (its kernel label; null when idle), and the Ready count. */
  cores: Array<string | null>;
  ready: number;
}

/** How long a banner stays up. */
export const BANNER_MS = 8000;
const MAX_STORY = 4000;

/** The class view (projector only). */
export class ProjectorPanel {
  readonly root: HTMLElement;
  /** The large banner over the machine, placed by the scene. */
  readonly banner: HTMLElement;
  private readonly label: HTMLElement;
  private readonly codeText: HTMLElement;
  private readonly qr: HTMLImageElement;
  private readonly link: HTMLAnchorElement;
  private readonly players: HTMLElement;
  private readonly crew: HTMLElement;
  private readonly race: HTMLElement;
  private raceDrawn = '';
  private readonly moments: HTMLElement;
  private code = '';
  private story: KernelEvent[] = [];
  private shown = new Map<string, number>();
  private bannerTimer: ReturnType<typeof setTimeout> | undefined;
  private drawn = '';
  /** The moments on show, for tests and the debug hook. */
  current: Moment[] = [];

  constructor() {
    this.label = h('p', { class: 'projector-label' });
    this.codeText = h('p', { class: 'projector-code', 'data-testid': 'projector-code' });
    this.qr = h('img', { class: 'qr', alt: '' });
    this.link = h('a', { class: 'join-link' });
    this.players = h('p', { class: 'projector-players' });
    this.crew = h('section', { class: 'projector-crew', 'data-testid': 'projector-crew' });
    this.race = h('ol', { class: 'projector-race', 'data-testid': 'projector-race' });
    this.moments = h('ul', { class: 'projector-moments', 'data-testid': 'projector-moments' });
    const join = h(
      'div',
      { class: 'projector-join' },
      this.label,
      this.codeText,
      this.qr,
      this.link,
      this.players,
    );
    this.root = h(
      'aside',
      { class: 'projector-panel overlay-box' },
      join,
      this.race,
      this.crew,
      this.moments,
    );
    this.banner = h('div', { class: 'class-banner', role: 'alert', 'data-testid': 'class-banner' });
    this.banner.hidden = true;
    this.root.hidden = true;
  }

  /** Adds a batch of events to the round's story (a replay or a new round starts it again). */
  add(events: readonly KernelEvent[], replay: boolean): void {
    if (replay) {
      this.story = [];
      this.shown.clear();
      this.drawn = '';
    }
    for (const e of events) if (STORY_EVENTS.has(e.type)) this.story.push(e);
    if (this.story.length > MAX_STORY) this.story.splice(0, this.story.length - MAX_STORY);
  }

  /** Forgets the round (a new round's lobby). */
  reset(): void {
    this.story = [];
    this.shown.clear();
    this.drawn = '';
    this.banner.hidden = true;
  }

  /** Shows the code (drawing its QR code once), the crew and the moments; `lobby` makes the join part large. */
  update(
    code: string,
    students: number,
    visible: boolean,
    lobby: boolean,
    crew: CrewView | null,
    name: (tid: number) => string,
    race: readonly RaceRow[] = [],
  ): void {
    this.root.hidden = !visible || code === '';
    if (this.root.hidden) return;
    this.root.classList.toggle('lobby', lobby);
    this.label.textContent = t('lobby.scan');
    this.players.textContent = t('lobby.players', { count: students });
    if (code !== this.code) {
      this.code = code;
      this.codeText.textContent = code;
      const url = joinUrl(window.location.origin, code);
      this.link.href = url;
      this.link.textContent = url;
      this.qr.alt = `QR: ${url}`;
      void import('qrcode')
        .then((QRCode) => QRCode.toDataURL(url, { margin: 1, width: 480, errorCorrectionLevel: 'M' }))
        .then((src) => {
          this.qr.src = src;
        });
    }
    this.drawRace(race);
    this.drawCrew(crew);
    this.drawMoments(name);
  }

  /** The crews racing on the same workload, best place first: each crew's figures and its students. */
  private drawRace(race: readonly RaceRow[]): void {
    const drawn = `${getLanguage()}|${JSON.stringify(race)}`;
    if (drawn === this.raceDrawn) return;
    this.raceDrawn = drawn;
    this.race.hidden = race.length < 2;
    const rows = [...race].sort((a, b) => a.place - b.place || a.number - b.number);
    this.race.replaceChildren(
      ...rows.map((r) =>
        h(
          'li',
          { 'data-crew': r.number, 'data-place': r.place },
          h('strong', {}, t('projector.place', { place: r.place })),
          ' ',
          h('span', { class: 'crew-name' }, t('projector.crew', { n: r.number })),
          ' · ',
          t('projector.utilization', { value: Math.round(r.utilization * 100) }),
          ' · ',
          t('projector.finished_of', { count: r.completed, total: r.processes }),
          ' · ',
          t('projector.faults', { count: r.faults }),
          ...(r.finished ? [' · ', t('projector.crew_done')] : []),
          h(
            'span',
            { class: 'crew-machine', 'data-testid': 'crew-machine' },
            ...r.cores.map((label, i) =>
              h(
                'span',
                {
                  class: label === null ? 'mini-core idle' : 'mini-core',
                  title: t('machine.core', { id: i }),
                },
                label ?? t('machine.idle'),
              ),
            ),
            h('span', { class: 'mini-ready' }, t('projector.ready', { count: r.ready })),
          ),
          h('span', { class: 'crew-names' }, r.names.join(', ')),
        ),
      ),
    );
  }

  private drawCrew(crew: CrewView | null): void {
    this.crew.hidden = crew === null;
    if (!crew) return;
    const figures = h(
      'p',
      { class: 'crew-figures' },
      t('projector.utilization', { value: Math.round(crew.utilization * 100) }),
      ' · ',
      t('projector.finished', { count: crew.completed }),
      ' · ',
      t('projector.faults', { count: crew.faults }),
    );
    const roles = h(
      'ul',
      { class: 'crew-roles' },
      ...crew.roles.map((r) =>
        h('li', {}, h('span', { class: 'crew-job' }, r.job), ' ', h('strong', {}, r.who)),
      ),
    );
    this.crew.replaceChildren(h('h2', {}, crew.name), figures, roles);
  }

  private drawMoments(name: (tid: number) => string): void {
    const lang = getLanguage();
    const moments = keyMoments(classMoments(this.story, name));
    this.current = moments;
    // Redrawn only when a moment (or the language) changed, not on every patch.
    const drawn = `${lang}|${moments.map((m) => `${m.key}:${m.count}:${m.text.en}`).join('|')}`;
    if (drawn === this.drawn) return;
    this.drawn = drawn;
    this.moments.replaceChildren(
      ...moments
        .slice(0, 8)
        .map((m) => h('li', { 'data-kind': m.kind }, `${m.lastTick}: ${momentLine(m, lang)}`)),
    );
    // The newest banner-worthy moment (or a repeat of one) goes up large.
    for (const m of moments) {
      if (!BANNER_KINDS.includes(m.kind) || this.shown.get(m.key) === m.count) continue;
      this.shown.set(m.key, m.count);
      this.banner.textContent = momentLine(m, lang);
      this.banner.dataset.kind = m.kind;
      this.banner.hidden = false;
      clearTimeout(this.bannerTimer);
      this.bannerTimer = setTimeout(() => {
        this.banner.hidden = true;
      }, BANNER_MS);
    }
  }
}
