// window.__kc: a read-only look at the Machine and Report scenes for end-to-end tests (where a card or a
// core is on screen, what is selected, the refusal on show), so tests act like players without guessing pixels.
import type { Rect } from '../ui/layout.ts';

/** What the Machine scene exposes. */
export interface MachineHookSource {
  scene: { key: string };
  model: {
    tick: number;
    phase: string;
    mine: { role: string; slot: string; cores: number[]; tid: number; channel: string };
    threads: Map<number, { program: string[] }>;
    ready: { tid: number; label: string }[];
    cores: { id: number; running: { tid: number; label: string } | null }[];
    interrupts: { id: number }[];
  } | null;
  selected: number;
  target: number;
  ready: {
    places: Map<number, Rect & { tid: number; label: string }>;
    drawnCards(): (Rect & { tid: number; label: string })[];
    area: Rect;
  };
  cores: { coreRect(id: number): Rect | null };
  callout: { text: string };
  detail: { pid: number };
  session: { feed: { serial: number; event: { tick: number } }[] } | null;
  cycle: { drawn: string[]; area: Rect | null };
  sync: { shelves: { name: string; slots: number; filled: number; waiters: string[] }[] };
  feedList: { area: Rect; length: number; offset: number; lines: { shown(): string[] } };
  tree: { shown(): string[] };
  channels: { shown(): string[]; warnings(): { channel: string; text: string; rect: Rect }[] };
  toScreen(r: Rect): Rect;
}

/** What the Report scene exposes. */
export interface ReportHookSource {
  ganttCores(): number;
  ganttRuns(): number;
  baselines(): string[];
}

/** The hook's shape. */
export interface KcHook {
  scene(): string;
  machine(): null | {
    tick: number;
    phase: string;
    role: string;
    /** The job (room slot) I hold. */ slot: string;
    myCores: number[];
    selected: number;
    target: number;
    pcb: number;
    refusal: string;
    ready: { tid: number; label: string }[];
    cores: { id: number; running: string | null }[];
    interrupts: number;
    /** The tick of every event in the feed, oldest first. */
    feedTicks: number[];
    /** The serial of the newest event heard (grows with every event, though the feed keeps only the latest). */
    lastEvent: number;
    /** The program (chosen instructions so far) of the thread I steer; empty for other jobs. */
    myProgram: string[];
    /** The wait-for cycle drawn now, node by node in its order (thread, its lock, the holder, …); empty: none drawn. */
    cycle: string[];
    /** Where the cycle is drawn (screen CSS pixels), or null. */
    cycleRect: Rect | null;
    /** Each semaphore's shelf as drawn: its slots and how many are filled (available), and who waits. */
    shelves: { name: string; slots: number; filled: number; waiters: string[] }[];
    /** The event feed: its rectangle on screen, how many rows it holds, how far it is scrolled, the lines it shows. */
    feed: { rect: Rect; rows: number; offset: number; lines: string[] };
    /** The process tree's lines as drawn. */
    processLines: string[];
    /** The inside of the Ready queue's frame, where its cards belong (screen CSS pixels). */
    readyRect: Rect;
    /** The channels' head lines as drawn. */
    channelLines: string[];
    /** The channels' warnings on show, each with its head line's rectangle (screen CSS pixels): a click there dismisses it. */
    channelWarnings: { channel: string; text: string; rect: Rect }[];
  };
  /** Screen rectangles (CSS pixels) of the Ready cards now drawn. */
  cards(): (Rect & { tid: number; label: string })[];
  /** Where the Ready cards are this frame, mid-slide included (CSS pixels); `cards` gives where they are going. */
  cardsDrawn(): (Rect & { tid: number })[];
  core(id: number): Rect | null;
  report(): null | { cores: number; runs: number; baselines: string[] };
}

declare global {
  interface Window {
    __kc?: KcHook;
  }
}

let machine: MachineHookSource | null = null;
let report: ReportHookSource | null = null;
let active = '';

function install(): void {
  window.__kc ??= {
    scene: () => active,
    machine: () => {
      const m = machine?.model;
      if (!machine || !m) return null;
      return {
        tick: m.tick,
        phase: m.phase,
        role: m.mine.role,
        slot: m.mine.slot,
        myCores: m.mine.cores,
        selected: machine.selected,
        target: machine.target,
        pcb: machine.detail.pid,
        refusal: machine.callout.text,
        ready: m.ready.map((r) => ({ tid: r.tid, label: r.label })),
        cores: m.cores.map((c) => ({ id: c.id, running: c.running?.label ?? null })),
        interrupts: m.interrupts.length,
        feedTicks: machine.session?.feed.map((f) => f.event.tick) ?? [],
        lastEvent: machine.session?.feed.at(-1)?.serial ?? 0,
        myProgram: m.threads.get(m.mine.tid)?.program ?? [],
        cycle: machine.cycle.drawn,
        cycleRect: machine.cycle.area ? machine.toScreen(machine.cycle.area) : null,
        shelves: machine.sync.shelves,
        feed: {
          rect: machine.toScreen(machine.feedList.area),
          rows: machine.feedList.length,
          offset: machine.feedList.offset,
          lines: machine.feedList.lines.shown(),
        },
        processLines: machine.tree.shown(),
        readyRect: machine.toScreen(machine.ready.area),
        channelLines: machine.channels.shown(),
        channelWarnings: machine.channels.warnings().map((w) => ({ ...w, rect: machine!.toScreen(w.rect) })),
      };
    },
    cards: () =>
      machine
        ? [...machine.ready.places.values()].map((p) => ({
            ...machine!.toScreen(p),
            tid: p.tid,
            label: p.label,
          }))
        : [],
    cardsDrawn: () =>
      machine ? machine.ready.drawnCards().map((p) => ({ ...machine!.toScreen(p), tid: p.tid })) : [],
    core: (id) => {
      const r = machine?.cores.coreRect(id);
      return r && machine ? machine.toScreen(r) : null;
    },
    report: () =>
      report ? { cores: report.ganttCores(), runs: report.ganttRuns(), baselines: report.baselines() } : null,
  };
}

/** Points the hook at a running Machine scene. */
export function installMachineHook(source: MachineHookSource): void {
  install();
  machine = source;
  report = null;
  active = 'Machine';
}

/** Points the hook at a running Report scene. */
export function installReportHook(source: ReportHookSource): void {
  install();
  report = source;
  machine = null;
  active = 'Report';
}
