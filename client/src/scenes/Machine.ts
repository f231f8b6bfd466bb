// The game: the whole shared machine drawn from the synced state, and the player's own controls.
// Views draw what the state says; every move goes to the server, and the kernel's refusal comes back.
import Phaser from 'phaser';
import { getLanguage, t } from '../i18n/index.ts';
import { currentSession, type RoomSession } from '../net/room-session.ts';
import { joinAsProjector, type ProjectorTarget } from '../net/projector-link.ts';
import { place } from '../ui/dom.ts';
import type { Rect, ScreenLayout } from '../ui/layout.ts';
import { UiScene } from '../ui/ui-scene.ts';
import { ActionBar, type PlayerAction, type Selection } from '../views/action-bar.ts';
import { ChannelsView } from '../views/channels-view.ts';
import { CoresView } from '../views/cores-view.ts';
import { installMachineHook } from '../views/kc-hook.ts';
import { ListView } from '../views/list-view.ts';
import { machineLayout, type MachineLayout } from '../views/machine-layout.ts';
import { readMachine, type MachineModel } from '../views/machine-model.ts';
import { blockedRows, deviceRows, feedRows, interruptRows, metricsRows, syncRows } from '../views/machine-rows.ts';
import type { PcbCard } from '../views/pcb-card.ts';
import { PcbDetail } from '../views/pcb-detail.ts';
import { ProcessTreeView } from '../views/process-tree-view.ts';
import { ProjectorPanel } from '../views/projector-panel.ts';
import { ReadyQueueView } from '../views/ready-queue-view.ts';
import { RefusalCallout } from '../views/refusal-callout.ts';
import { Frame, fitWidth, setSize, setText, type Kit } from '../views/view-kit.ts';
import { wireMachineInput } from '../views/machine-input.ts';
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
  callout!: RefusalCallout;
  private coresFrame!: Frame;
  private blocked!: ListView;
  private devices!: ListView;
  private channels!: ChannelsView;
  private sync!: ListView;
  private metrics!: ListView;
  private feed!: ListView;
  private projector!: ProjectorPanel;
  private header!: Phaser.GameObjects.Text;
  private dirty = true;
  /** Where the last move came from (CSS pixels), so its refusal shows beside it. */
  anchor: Rect = { x: 0, y: 0, width: 0, height: 0 };
  private anchorType = '';
  private barHeight = 0;
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
    this.cores = new CoresView(this.kit, (core, zone, preempt) => wireMachineInput.core(this, core, zone, preempt));
    this.ready = new ReadyQueueView(this.kit, (card: PcbCard) => wireMachineInput.card(this, card));
    this.blocked = new ListView(this.kit);
    this.interrupts = new ListView(this.kit, (i) => wireMachineInput.interruptLine(this, i));
    this.devices = new ListView(this.kit);
    this.channels = new ChannelsView(this.kit);
    this.sync = new ListView(this.kit);
    this.tree = new ProcessTreeView(this.kit, (pid) => this.openPcb(pid));
    this.metrics = new ListView(this.kit, undefined, 0.74);
    this.feed = new ListView(this.kit, undefined, 0.72);
    this.bar = new ActionBar((action, from) => this.act(action, from.getBoundingClientRect()));
    this.detail = new PcbDetail(() => this.openPcb(-1));
    this.callout = new RefusalCallout();
    this.projector = new ProjectorPanel();
    this.panel.classList.add('machine-panel');
    this.panel.append(this.bar.root);
    const ui = this.panel.parentElement;
    ui?.append(this.detail.root, this.callout.root, this.projector.root);
    wireMachineInput.scene(this);
    installMachineHook(this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.offSession?.();
      this.offSession = null;
      this.detail.root.remove();
      this.callout.root.remove();
      this.projector.root.remove();
    });
    const session = currentSession();
    if (session) this.attach(session);
    else if (data.projector) {
      setText(this.header, t('join.connecting'));
      joinAsProjector(data.projector, getLanguage()).then((s) => this.attach(s), (error: unknown) => {
        setText(this.header, t('join.error.unreachable'));
        console.warn('Kernel Crew: the projector could not join', error);
      });
    } else this.scene.start('Menu');
  }

  private attach(session: RoomSession): void {
    this.session = session;
    this.offSession = session.on((change) => {
      if (change === 'events') for (const e of session.latest) {
        if (e.type === 'forked') this.tree.flash(e.child, 'fork');
        if (e.type === 'exec') this.tree.flash(e.pid, 'exec');
      }
      if (change === 'refusal' && session.refusal) this.showRefusal(session.refusal.reason, session.refusal.type);
      this.dirty = true;
    });
  }

  protected renderTexts(): void {
    this.bar.invalidate();
    this.dirty = true;
  }

  protected relayout(screen: ScreenLayout): void {
    const cores = this.model?.cores.length ?? 2;
    this.lay = machineLayout(screen.width, screen.height, cores, this.barHeight + 16);
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
    this.feed.layout(parts.feed, unit);
    const barRect = this.lay.stacked
      ? { x: 0, y: screen.height - this.barHeight - 8, width: screen.width, height: this.barHeight + 8 }
      : { x: 8, y: screen.height - this.barHeight - 12, width: screen.width - 16, height: this.barHeight + 8 };
    place(this.panel, barRect);
    place(this.detail.root, this.lay.side);
    const side = this.lay.side;
    place(this.projector.root, { x: side.x, y: side.y, width: side.width, height: side.height });
    const cam = this.cameras.main;
    cam.setBounds(0, 0, screen.width, Math.max(screen.height, this.lay.worldHeight));
    this.dirty = true;
  }

  override update(): void {
    const session = this.session;
    if (!session?.state?.machine || !this.dirty) return;
    this.dirty = false;
    const model = readMachine(session.state, session.seat());
    const coresChanged = model.cores.length !== this.model?.cores.length;
    this.model = model;
    if (coresChanged) { this.relayout(this.layout()); this.dirty = false; }
    if (this.selected >= 0 && !model.ready.some((th) => th.tid === this.selected)) this.selected = -1;
    if (!model.mine.cores.includes(this.target)) this.target = model.mine.cores[0] ?? 0;
    const state = session.state;
    const code = state.code || session.code;
    const speed = t('machine.speed', { speed: state.speed });
    const phase = t(`machine.phase.${model.phase}` as 'machine.phase.running');
    setText(this.header, fitWidth(this.header, `${t('app.title')} · ${t('machine.tick', { tick: model.tick })} · ${phase} · ${speed} · ${t('machine.quantum', { quantum: model.quantum, cost: model.switchCost })}${session.projector && code ? ` · ${t('lobby.code')} ${code}` : ''}`, this.lay.header.width * (this.lay.stacked ? 1.9 : 1)));
    setText(this.coresFrame.title, t('machine.cores', { count: model.cores.length }));
    this.coresFrame.redraw(model.mine.role === 'scheduler');
    this.cores.update(model, this.target, model.phase === 'running');
    this.ready.update(model, this.selected, model.mine.role === 'thread' ? model.mine.tid : -1);
    this.blocked.update(`${t('machine.blocked')} (${model.blocked.reduce((n, g) => n + g.threads.length, 0)})`, blockedRows(model), false);
    this.interrupts.update(`${t('machine.interrupts')} (${model.interrupts.length})`, interruptRows(model), model.mine.role === 'interrupt');
    this.devices.update(t('machine.devices'), deviceRows(model));
    this.channels.update(model);
    this.sync.update(t('machine.sync'), syncRows(model));
    this.tree.update(model);
    this.metrics.update(t('machine.metrics'), metricsRows(model));
    this.feed.update(t('machine.feed'), feedRows(session));
    this.bar.update(model, this.selection());
    this.detail.update(model);
    const students = [...state.players.values()].filter((p) => !p.host).length;
    this.projector.update(code, students, session.projector && model.phase === 'lobby');
    const barHeight = this.bar.root.offsetHeight;
    if (Math.abs(barHeight - this.barHeight) > 2) { this.barHeight = barHeight; this.relayout(this.layout()); }
    this.mirror();
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
    this.session.send(action.type, action.payload);
    if (action.type === 'dispatch') this.selected = -1;
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
    return { x: r.x - this.cameras.main.scrollX, y: r.y - this.cameras.main.scrollY, width: r.width, height: r.height };
  }

  /** Marks the scene for a redraw on the next frame. */
  invalidate(): void {
    this.dirty = true;
  }
}
