// What a round leaves for its report besides the metrics: each core's time as runs (the Gantt chart)
// and the notable events told in both languages while the labels they name still exist.
import { FAULT_EVENTS, describeEvent, label } from '../../shared/kernel/index.ts';
import type { KernelEvent, KernelEventType, KernelState } from '../../shared/kernel/index.ts';
import { NOTABLE_MAX, type CoreRun, type NotableEvent } from '../../shared/protocol/summary.ts';

/** The event types a report lists: the faults the kernel detects, plus crashes, kills and refused IPC. */
export const NOTABLE_TYPES: ReadonlySet<KernelEventType> = new Set<KernelEventType>([
  ...FAULT_EVENTS,
  'killed',
  'fork-failed',
  'message-dropped',
  'ipc-refused',
]);

/** Records one round's core timeline and notable events as the match runs. */
export class RoundTimeline {
  readonly cores: CoreRun[][] = [];
  readonly notable: NotableEvent[] = [];

  /** Notes what every core does during the tick about to run (call just before the kernel ticks). */
  sample(s: KernelState): void {
    s.cores.forEach((c, i) => {
      const runs = (this.cores[i] ??= []);
      if (c.running === null) return;
      const what = c.switchLeft > 0 ? 'switch' : label(s, c.running);
      const last = runs[runs.length - 1];
      if (last && last.to === s.tick && last.label === what) last.to = s.tick + 1;
      else runs.push({ from: s.tick, to: s.tick + 1, label: what });
    });
  }

  /** Keeps the notable ones of these events, described against the state they happened in. */
  note(events: readonly KernelEvent[], s: KernelState): void {
    for (const e of events) {
      if (this.notable.length >= NOTABLE_MAX) return;
      if (NOTABLE_TYPES.has(e.type))
        this.notable.push({
          tick: e.tick,
          type: e.type,
          text: { ko: describeEvent(e, s, 'ko'), en: describeEvent(e, s, 'en') },
        });
    }
  }
}
