// The live feed's lines: the kernel's own sentences (describeEvent, with the projected thread labels
// such as P3·T2), in the dashboard's language. The feed shows what a teacher may want to point at
// (arrivals, dispatches, blocks, interrupts, faults); the noisiest events are skipped.
import type { ChannelKind } from '../../../shared/kernel/limits.ts';
import { FAULT_EVENTS } from '../../../shared/kernel/detect.ts';
import type { LabelOf } from '../../../shared/kernel/presentation.ts';
import { describeEvent } from '../../../shared/kernel/texts.ts';
import type { KernelEvent } from '../../../shared/kernel/types.ts';
import { lang } from './texts.ts';

/** The event types the teacher's feed shows. */
export const FEED_TYPES: ReadonlySet<KernelEvent['type']> = new Set<KernelEvent['type']>([
  'arrived',
  'dispatched',
  'preempted',
  'blocked',
  'interrupt-raised',
  'interrupt-handled',
  'process-terminated',
  'forked',
  'quantum-changed',
  'core-added',
  'killed',
  ...FAULT_EVENTS,
  'message-dropped',
  'fork-failed',
]);

/** The feed line of an event, or null when the feed skips it. */
export function formatEvent(
  e: KernelEvent,
  labels: LabelOf,
  kinds?: (channel: string) => ChannelKind | undefined,
): string | null {
  return FEED_TYPES.has(e.type) ? describeEvent(e, labels, lang(), kinds) : null;
}
