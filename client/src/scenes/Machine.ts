// The game: the whole shared machine drawn from the synced state, and the player's own controls.
// Views draw what the state says; every move goes to the server, and the kernel's refusal comes back.
import { edgeRefusalText } from '../views/refusal-text.ts';
import { reducedMotion } from '../ui/motion.ts';
import Phaser from 'phaser';
import { getLanguage, t } from '../i18n/index.ts';
import { currentSession, type RoomSession } from '../net/room-session.ts';
import { crewOf } from '../../../shared/protocol/state.ts';
import { unknownThreadLabel } from '../../../shared/kernel/labels.ts';
import { joinAsProjector, type ProjectorTarget } from '../net/projector-link.ts';
import { place } from '../ui/dom.ts';
import type { Rect, ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import { ActionBar, movesOpen, type PlayerAction, type Selection } from '../views/action-bar.ts';
import { ChannelsView } from '../views/channels-view.ts';
import { SyncView } from '../views/sync-view.ts';
import { WaitCycleView } from '../views/wait-cycle-view.ts';
import { CoresView } from '../views/cores-view.ts';
import { installMachineHook } from '../views/kc-hook.ts';
import { ListView } from '../views/list-view.ts';
import {
  machineLayout,
  OVERLAY_HEIGHT,
  OVERLAY_RECT,
  ownPart,
  type MachineLayout,
} from '../views/machine-layout.ts';
import { readMachine, type MachineModel } from '../views/machine-model.ts';
import {
  blockedRows,
  deviceRows,
  eventSentences,
  feedRows,
  NOTABLE_EVENTS,
  interruptRows,
  metricsRows,
  lockRows,
  variableRows,
} from '../views/machine-rows.ts';
import { PcbCard } from '../views/pcb-card.ts';
import { PcbDetail } from '../views/pcb-detail.ts';
import { CodeView } from '../views/code-view.ts';
import { currentPlay } from '../solo/level-room.ts';
import { ProcessTreeView } from '../views/process-tree-view.ts';
import { ProjectorPanel, type RaceRow } from '../views/projector-panel.ts';
import { ReadyQueueView } from '../views/ready-queue-view.ts';
import { RefusalCallout } from '../views/refusal-callout.ts';
import { RoleCard, type CardSubject } from '../views/role-card.ts';
import { ScoreStrip } from '../views/score-strip.ts';
import { Frame, fitWidth, setSize, setText, type Kit } from '../views/view-kit.ts';
import { wireMachineInput } from '../views/machine-input.ts';
import { Announcer } from '../views/sr-announcer.ts';
import { SrMirror } from '../views/sr-mirror.ts';
import '../views/machine.css';

/** What the Machine scene may be started with: nothing (a joined student) or a projector link. */
export interface MachineData {
  projector?: ProjectorTarget;
}

/** The Machine scene. Public fields are read by the input wiring and the debug hook. */
export class Machine extends UiScene {
  session: RoomSession | null = null;
  model: MachineModel | null = null;
  lay!: MachineLayout;
  selected = -1;
  target = 0;
  kit!: Kit;
  cores!: CoresView;
  ready!: ReadyQueueView;
  interrupts!: ListView;
  tree!: ProcessTreeView;
  bar!: ActionBar;
  detail!: PcbDetail;
  code!: CodeView;
  callout!: RefusalCallout;
  card!: RoleCard;
  score!: ScoreStrip;
  /** The machine for screen readers and keyboards: its tree and live region. */
  sr!: SrMirror;
  private announcer = new Announcer();
  private sayTimer: ReturnType<typeof setTimeout> | undefined;
  private coresFrame!: Frame;
  private blocked!: ListView;
  private devices!: ListView;
  channels!: ChannelsView;
  sync!: SyncView;
  private metrics!: ListView;
  feedList!: ListView;
  cycle!: WaitCycleView;
  private projector!: ProjectorPanel;
  private header!: Phaser.GameObjects.Text;
  private dirty = true;
  /** Where the last move came from (CSS pixels), so its refusal shows beside it. */
  anchor: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private anchorType = '';
  private barHeight = 0;
  /** The screen width and root font size the bar was last measured at: either changing re-measures it (a rotated phone, large text). */
  private measuredAt = '';
  private mirrored = 0;
  /** Copies of cards flying from the Ready queue to a core (a few, reused). */
  private ghosts: PcbCard[] = [];
  private offSession: (() => void) | null = null;

  constructor() {
    super('Machine');
  }

  protected build(data: MachineData): void {
    this.selected = -1;
    this.target = 0;
    this.dirty = true;
    this.kit = { scene: this, text: (o) => this.addText(o) };
    this.header = this.addText({ size: 18, bold: true });
    this.coresFrame = new Frame(this.kit);
    this.cores = new CoresView(this.kit, (core, zone, preempt) =>
      wireMachineInput.core(this, core, zone, preempt),
    );
    this.ready = new ReadyQueueView(
      this.kit,
      (card: PcbCard) => wireMachineInput.card(this, card),
      (tid, from, core) => this.fly(tid, from, core),
    );
    this.ghosts = [];
    this.blocked = new ListView(this.kit);
    this.interrupts = new ListView(this.kit, (i) => wireMachineInput.interruptLine(this, i));
    this.devices = new ListView(this.kit);
    this.channels = new ChannelsView(this.kit, () => this.invalidate());
    this.sync = new SyncView(this.kit);
    this.tree = new ProcessTreeView(this.kit, (pid) => this.openPcb(pid));
    this.metrics = new ListView(this.kit, undefined, 0.74);
    this.feedList = new ListView(this.kit, undefined, 0.72);
    // made after every part it may cover: a deadlock's ring is drawn over them
    this.cycle = new WaitCycleView(this.kit);
    this.bar = new ActionBar(
      (action, from) => this.act(action, from.getBoundingClientRect()),
      () => {
        this.dirty = true;
      },
    );
    this.detail = new PcbDetail(() => this.openPcb(-1));
    // the code panel names things as the solo level's scenario declares them (class play: the synced machine)
    this.code = new CodeView(
      () => {
        this.dirty = true;
      },
      () => currentPlay()?.level.scenarioParsed ?? null,
    );
    this.callout = new RefusalCallout();
    this.card = new RoleCard();
    this.score = new ScoreStrip(() => {
      if (this.card.open) this.card.hide();
      else this.openCard(0);
    });
    this.projector = new ProjectorPanel();
    this.announcer = new Announcer();
    this.sr = new SrMirror({
      thread: (tid) => wireMachineInput.pickThread(this, tid),
      core: (core) => wireMachineInput.pressCore(this, core),
      move: (action) => this.bar.perform(action),
    });
    this.panel.classList.add('machine-panel');
    this.panel.append(this.code.root, this.score.root, this.bar.root);
    const ui = this.panel.parentElement;
    // first in the overlay: the first Tab stop on the machine's screen
    ui?.prepend(this.sr.root);
    ui?.append(
      this.detail.root,
      this.callout.root,
      this.card.root,
      this.projector.root,
      this.projector.banner,
    );
    wireMachineInput.scene(this);
    installMachineHook(this);
    // a panel over the machine (a solo level's HUD) asks for room; the layout keeps it clear
    const onOverlay = (_parent: unknown, key: string): void => {
      if (key === OVERLAY_HEIGHT && this.lay) this.relayout(this.layout());
    };
    this.registry.events.on(Phaser.Data.Events.SET_DATA, onOverlay);
    this.registry.events.on(Phaser.Data.Events.CHANGE_DATA, onOverlay);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.registry.events.off(Phaser.Data.Events.SET_DATA, onOverlay);
      this.registry.events.off(Phaser.Data.Events.CHANGE_DATA, onOverlay);
      this.offSession?.();
      this.offSession = null;
      this.detail.root.remove();
      this.sr.root.remove();
      clearTimeout(this.sayTimer);
      this.callout.root.remove();
      this.card.hide();
      this.card.root.remove();
      this.projector.root.remove();
      this.projector.banner.remove();
    });
    const session = currentSession();
    if (session) this.attach(session);
    else if (data.projector) {
      setText(this.header, t('join.connecting'));
      joinAsProjector(data.projector, getLanguage()).then(
        (s) => this.attach(s),
        (error: unknown) => {
          setText(this.header, t('join.error.unreachable'));
          console.warn('Kernel Crew: the projector could not join', error);
        },
      );
    } else this.scene.start('Menu');
  }

  private attach(session: RoomSession): void {
    this.session = session;
    this.offSession = session.on((change) => {
      if (change === 'events' && session.projector)
        this.projector.add(
          session.replayed ? session.feed.map((f) => f.event) : session.latest,
          session.replayed,
        );
      if (change === 'events' && session.replayed) this.announcer.clear();
      if (change === 'events' && !session.projector)
        this.announcer.events(session.latest, eventSentences(session), (e) => NOTABLE_EVENTS.has(e.type));
      if (change === 'events')
        for (const e of session.latest) {
          if (e.type === 'forked') this.tree.flash(e.child, 'fork');
          if (e.type === 'exec') this.tree.flash(e.pid, 'exec');
          if (e.type === 'out-of-order') this.channels.warn(e.channel, t('machine.flash.out_of_order'));
          if (e.type === 'message-dropped') this.channels.warn(e.channel, t('machine.flash.dropped'));
        }
      if (change === 'refusal' && session.refusal) {
        const r = session.refusal;
        const reason = r.edge ? edgeRefusalText(r.code, r.reason) : r.reason;
        this.showRefusal(reason, r.type);
        this.announcer.refused(r.type, reason);
      }
      this.dirty = true;
    });
  }

  protected renderTexts(): void {
    this.bar.invalidate();
    this.sr.renderTexts();
    this.card.render();
    this.dirty = true;
  }

  protected relayout(screen: ScreenLayout): void {
    const cores = this.model?.cores.length ?? 2;
    const overlay = Number(this.registry.get(OVERLAY_HEIGHT)) || 0;
    const at = `${screen.width}|${document.documentElement.style.fontSize}`;
    if (at !== this.measuredAt) {
      // the bar wraps (and its rows grow) differently now: measure it again at the next update
      this.measuredAt = at;
      this.bar.invalidate();
      this.dirty = true;
    }
    this.lay = machineLayout(
      screen.width,
      screen.height,
      cores,
      this.barHeight + 16,
      ownPart(this.model?.mine.role ?? ''),
      overlay,
    );
    this.registry.set(OVERLAY_RECT, this.lay.overlay);
    const { parts, unit } = this.lay;
    setSize(this.header, unit * (this.lay.stacked ? 0.95 : 1.05));
    this.header.setPosition(this.lay.header.x, this.lay.header.y).setWordWrapWidth(this.lay.header.width);
    this.cores.layout(this.coresFrame.layout(parts.cores, unit), unit);
    this.ready.layout(parts.ready, unit);
    this.blocked.layout(parts.blocked, unit);
    this.interrupts.layout(parts.interrupts, unit);
    this.devices.layout(parts.devices, unit);
    this.channels.layout(parts.channels, unit);
    this.sync.layout(parts.sync, unit);
    this.tree.layout(parts.processes, unit);
    this.metrics.layout(parts.metrics, unit);
    this.feedList.layout(parts.feed, unit);
    this.cycle.layout(unit);
    const barRect = this.lay.stacked
      ? { x: 0, y: screen.height - this.barHeight - 8, width: screen.width, height: this.barHeight + 8 }
      : {
          x: 8,
          y: screen.height - this.barHeight - 12,
          width: screen.width - 16,
          height: this.barHeight + 8,
        };
    place(this.panel, barRect);
    place(this.detail.root, this.lay.side);
    place(this.card.root, {
      x: 8,
      y: 8 + this.lay.header.height,
      width: Math.min(560, screen.width - 16),
      height: screen.height - 16 - this.lay.header.height,
    });
    const side = this.lay.side;
    place(this.projector.root, {
      x: side.x,
      y: side.y,
      width: side.width,
      height: screen.height - side.y - 8,
    });
    const bannerWidth = Math.min(screen.width - 16, Math.max(side.x - 24, screen.width * 0.6));
    place(this.projector.banner, {
      x: 8 + Math.max(0, (side.x - 16 - bannerWidth) / 2),
      y: this.lay.header.y + this.lay.header.height,
      width: bannerWidth,
      height: screen.height / 3,
    });
    this.scrollBy(0); // keep the scroll inside the (possibly shorter) new world
    this.dirty = true;
  }

  override update(): void {
    const session = this.session;
    if (!session?.machine() || !this.dirty) return;
    this.dirty = false;
    const model = readMachine(session.state, session.seat());
    const shapeChanged =
      model.cores.length !== this.model?.cores.length ||
      ownPart(model.mine.role) !== ownPart(this.model?.mine.role ?? '');
    this.model = model;
    if (shapeChanged) {
      this.relayout(this.layout());
      this.dirty = false;
    }
    if (this.selected >= 0 && !model.ready.some((th) => th.tid === this.selected)) this.selected = -1;
    if (!model.mine.cores.includes(this.target)) this.target = model.mine.cores[0] ?? 0;
    const state = session.state;
    const code = state.code || session.code;
    const speed = t('machine.speed', { speed: state.speed });
    const phase = t(`machine.phase.${model.phase}` as 'machine.phase.running');
    setText(
      this.header,
      fitWidth(
        this.header,
        `${t('app.title')} · ${t('machine.tick', { tick: model.tick })} · ${phase} · ${speed} · ${model.quantum > 0 ? t('machine.quantum', { quantum: model.quantum, cost: model.switchCost, threadCost: model.threadSwitchCost }) : t('machine.quantum_none', { cost: model.switchCost, threadCost: model.threadSwitchCost })}${session.projector && code ? ` · ${t('lobby.code')} ${code}` : ''}`,
        this.lay.header.width * (this.lay.stacked ? 1.9 : 1),
      ),
    );
    setText(this.coresFrame.title, t('machine.cores', { count: model.cores.length }));
    this.coresFrame.redraw(model.mine.role === 'scheduler');
    this.cores.update(model, this.target, movesOpen(model));
    this.ready.update(model, this.selected, model.mine.role === 'thread' ? model.mine.tid : -1);
    this.blocked.update(
      `${t('machine.blocked')} (${model.blocked.reduce((n, g) => n + g.threads.length, 0)})`,
      blockedRows(model),
      false,
    );
    this.interrupts.update(
      `${t('machine.interrupts')} (${model.interrupts.length})`,
      interruptRows(model),
      model.mine.role === 'interrupt',
    );
    this.devices.update(t('machine.devices'), deviceRows(model));
    this.channels.update(model);
    this.sync.update(model, lockRows(model), variableRows(model));
    this.tree.update(model);
    this.metrics.update(t('machine.metrics'), metricsRows(model));
    this.feedList.update(t('machine.feed'), feedRows(session));
    const hadCycle = this.cycle.drawn.length > 0;
    this.cycle.update(model.waitCycles, this.cycleArea(model));
    // on a phone the world scrolls: the moment a deadlock's ring appears, it is brought into view
    if (!hadCycle && this.cycle.area && this.lay.stacked) {
      const a = this.cycle.area;
      const top = this.lay.header.y;
      const visible = this.lay.height - this.barHeight - top;
      this.scrollBy(a.y - top - Math.max(0, (visible - a.height) / 2) - this.cameras.main.scrollY);
    }
    const codeChanged = this.code.update(model, session.machine()!);
    // every student sees their score, also once their job is over (a thread that exited leaves them watching)
    const student = !session.projector && !model.mine.host;
    this.score.update(session.score, session.welcome?.board ?? 'all', student);
    // The role card is read in the lobby's countdown before the round; here it stays one tap away (the score line's button).
    const barChanged = this.bar.update(model, this.selection(), this.target) || codeChanged;
    // the projector holds no job: "my role: spectator, watching the machine" is nothing to show a class
    this.bar.root.hidden = session.projector;
    this.detail.update(model);
    this.sr.update(model, session.version, this.selection(), this.target);
    this.say();
    const students = [...state.players.values()].filter((p) => !p.host).length;
    if (session.projector) this.drawClassView(code, students, model);
    if (barChanged) {
      // measuring forces a layout: only after the bar or the code changed (the score line above them counts too)
      // the panel's own padding and border count too, less the 8 px the bar's place adds: without them the
      // bar's last row ran 7 px past the foot of a phone's screen
      const panel = getComputedStyle(this.panel);
      const frame =
        parseFloat(panel.paddingTop) +
        parseFloat(panel.paddingBottom) +
        parseFloat(panel.borderTopWidth) +
        parseFloat(panel.borderBottomWidth);
      const barHeight =
        this.bar.root.offsetHeight +
        this.code.root.offsetHeight +
        (this.score.root.hidden ? 0 : this.score.root.offsetHeight) +
        Math.max(0, frame - 8);
      if (Math.abs(barHeight - this.barHeight) > 2) {
        this.barHeight = barHeight;
        this.relayout(this.layout());
      }
    }
    // the screen-reader copy of the canvas texts: at most once a second, not on every patch
    const now = performance.now();
    if (now - this.mirrored > 1000) {
      this.mirrored = now;
      this.mirror();
    }
  }

  /** Says in the live region what the announcer has now; asks for another look when it holds something back. */
  private say(): void {
    const next = this.announcer.take(performance.now());
    if ('text' in next) this.sr.say(next.text);
    else if (next.waitMs > 0 && this.sayTimer === undefined)
      this.sayTimer = setTimeout(() => {
        this.sayTimer = undefined;
        this.dirty = true;
      }, next.waitMs);
  }

  /** The projector's class view: the join code always, the crew with names on roles, the round's moments and banners. */
  private drawClassView(code: string, students: number, model: MachineModel): void {
    const state = this.session!.state;
    if (model.phase === 'lobby' && model.tick === 0) this.projector.reset();
    const names = new Map<string, string>();
    for (const [seat, p] of state.players.entries()) if (!p.host) names.set(seat, p.nickname);
    const byTid = new Map<number, string>();
    const roles: Array<{ job: string; who: string }> = [];
    for (const [key, slot] of crewOf(state, this.session!.seat())?.slots.entries() ?? []) {
      const who = names.get(slot.holder);
      if (who && slot.tid > 0) byTid.set(slot.tid, who);
      const cores = [...slot.cores].map((c) => c + 1).join(', ');
      const what =
        slot.role === 'scheduler'
          ? t(slot.cores.length === 1 ? 'card.core' : 'card.cores', { cores })
          : slot.role === 'thread'
            ? (model.threads.get(slot.tid)?.label ?? key)
            : slot.channel;
      roles.push({
        job: `${t(`role.${slot.role}` as 'role.thread')}${what ? ` · ${what}` : ''}`,
        who: who ?? t('projector.bot'),
      });
    }
    const name = (tid: number): string =>
      byTid.get(tid) ?? model.threads.get(tid)?.label ?? unknownThreadLabel(tid);
    const crew = {
      name: t('projector.crew', { n: crewOf(state, this.session!.seat())?.number ?? 1 }),
      utilization: model.metrics.utilization,
      completed: model.metrics.completed,
      faults: model.metrics.faultTotal,
      roles,
    };
    // the race: every crew's standing and place as the room projected them, with its students' names
    const race: RaceRow[] = [];
    state.crews.forEach((c, key) =>
      race.push({
        number: c.number,
        place: c.place,
        // a projector's view holds every crew's standing
        utilization: c.utilization ?? 0,
        completed: c.completed ?? 0,
        processes: c.processes ?? 0,
        faults: c.faultTotal ?? 0,
        finished: c.finished,
        names: [...state.players.values()].filter((p) => p.crew === key).map((p) => p.nickname),
        // the projector receives every crew's machine (a student's screen has its own crew's only)
        cores: [...(c.machine?.cores ?? [])].map((core) =>
          core.running >= 0 ? (c.machine?.threads.get(String(core.running))?.label ?? null) : null,
        ),
        ready: [...(c.machine?.readyQueue ?? [])].length,
      }),
    );
    this.projector.update(code, students, true, model.phase === 'lobby', crew, name, race);
  }

  /** What my role card describes, from the model. */
  private cardSubject(): CardSubject | null {
    const m = this.model;
    if (!m) return null;
    return {
      role: m.mine.role,
      cores: m.mine.cores,
      thread: m.threads.get(m.mine.tid)?.label ?? '',
      channel: m.mine.channel,
      scoring: currentSession()?.welcome?.scoring ?? 'standard',
    };
  }

  /** Opens my role card, closing by itself after `seconds` (0: stays until closed). */
  openCard(seconds: number): void {
    const subject = this.cardSubject();
    if (subject) this.card.show(subject, true, seconds);
  }

  /** Slides a copy of a dispatched thread's card from its place in the Ready queue onto its core. */
  private fly(
    tid: number,
    from: { x: number; y: number; width: number; height: number },
    core: number,
  ): void {
    const th = this.model?.threads.get(tid);
    const to = this.cores.coreRect(core);
    // with reduced motion the dispatched card is simply on its core at the next patch
    if (!th || !to || reducedMotion()) return;
    let ghost = this.ghosts.find((g) => g.tid < 0);
    if (!ghost) {
      if (this.ghosts.length >= 4) return;
      ghost = new PcbCard(this.kit);
      ghost.hit.disableInteractive();
      this.ghosts.push(ghost);
    }
    const card = ghost;
    card.show(
      th,
      {
        selected: false,
        mine: false,
        key: 0,
        detail: '',
        mineWord: '',
        compact: from.height < this.lay.unit * 2,
      },
      from.width,
      from.height,
    );
    card.root.setPosition(from.x, from.y).setAlpha(1).setDepth(20);
    this.tweens.add({
      targets: card.root,
      x: to.x + this.lay.unit * 0.4,
      y: to.y + this.lay.unit * 1.2,
      alpha: 0.2,
      duration: 420,
      ease: 'Cubic.easeInOut',
      onComplete: () => card.release(),
    });
  }

  /**
   * Where a deadlock's wait-for cycle is drawn: over the Blocked list, where its threads are, and over
   * the Ready queue above it too while nothing is Ready (a frozen machine: room for the ring, nothing
   * hidden that anyone could act on).
   */
  private cycleArea(model: MachineModel): Rect {
    const { ready, blocked } = this.lay.parts;
    if (model.ready.length > 0) return blocked;
    const x = Math.min(ready.x, blocked.x);
    const y = Math.min(ready.y, blocked.y);
    return {
      x,
      y,
      width: Math.max(ready.x + ready.width, blocked.x + blocked.width) - x,
      height: Math.max(ready.y + ready.height, blocked.y + blocked.height) - y,
    };
  }

  /** The scheduler's current pick, for the action bar. */
  selection(): Selection | null {
    const th = this.model?.threads.get(this.selected);
    return th ? { tid: th.tid, label: th.label, core: this.target } : null;
  }

  /** Sends a move, remembering where it came from (CSS pixels) for a refusal. */
  act(action: PlayerAction, from: Rect): void {
    if (!this.session) return;
    this.anchor = { x: from.x, y: from.y, width: from.width, height: from.height };
    this.anchorType = action.type;
    this.callout.hide();
    this.announcer.sent(action, this.model?.mine.tid ?? -1);
    this.session.send(action.type, action.payload);
    if (action.type === 'dispatch' || action.type === 'replace') this.selected = -1;
    this.dirty = true;
  }

  private showRefusal(reason: string, type: string): void {
    const { width, height } = this.lay;
    const anchor = type === this.anchorType ? this.anchor : this.bar.root.getBoundingClientRect();
    this.callout.show(reason, anchor, { width, height });
  }

  /** Opens (or with -1 closes) the full PCB of a process. */
  openPcb(pid: number): void {
    this.detail.open(pid);
    this.dirty = true;
  }

  /** A world rectangle in CSS pixels on screen (the world scrolls on phones). */
  toScreen(r: Rect): Rect {
    // a stopped scene (the level's result on show) has no camera: the debug hook may still ask
    const cam = this.sys.isActive() ? this.cameras.main : null;
    return {
      x: r.x - (cam?.scrollX ?? 0),
      y: r.y - (cam?.scrollY ?? 0),
      width: r.width,
      height: r.height,
    };
  }

  /** Scrolls the world (phones) by dy CSS pixels, kept between the top and the bottom of the machine.
   * Camera bounds are not used: they assume zoom about the centre, and this camera zooms about its corner. */
  /** Scrolls the event feed when the point is over it (by about a row per wheel notch); false when it is not, or cannot move. */
  wheelList(x: number, y: number, dy: number): boolean {
    if (!this.feedList.contains(x, y) || dy === 0) return false;
    return this.feedList.scrollBy(
      dy > 0 ? Math.max(1, Math.round(dy / 60)) : Math.min(-1, Math.round(dy / 60)),
    );
  }

  scrollBy(dy: number): void {
    const max = Math.max(0, this.lay.worldHeight - this.lay.height);
    const cam = this.cameras.main;
    cam.scrollX = 0;
    cam.scrollY = Math.min(max, Math.max(0, cam.scrollY + dy));
  }

  /** Marks the scene for a redraw on the next frame. */
  invalidate(): void {
    this.dirty = true;
  }
}
