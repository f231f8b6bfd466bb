// The lines of the machine's text views (Blocked, devices, interrupts, locks, metrics, the feed) in the
// player's language. Formatting only: every figure comes from the synced state.
import { interruptWaited } from '../../../shared/kernel/interrupts.ts';
import { describeEvent } from '../../../shared/kernel/texts.ts';
import { FAULT_EVENTS } from '../../../shared/kernel/detect.ts';
import type { KernelEvent } from '../../../shared/kernel/types.ts';
import { IRQ_OK_TICKS } from '../../../shared/roles/score.ts';
import { syncedChannelKinds, syncedLabels } from '../../../shared/protocol/state.ts';
import { getLanguage, t, type MessageKey } from '../i18n/index.ts';
import type { RoomSession } from '../net/room-session.ts';
import { OKABE_ITO, UI } from '../theme.ts';
import type { Row } from './list-view.ts';
import type { MachineModel } from './machine-model.ts';

const BLOCK_KINDS: Record<string, MessageKey> = {
  device: 'machine.wait.device',
  lock: 'machine.wait.lock',
  semaphore: 'machine.wait.semaphore',
  recv: 'machine.wait.recv',
  send: 'machine.wait.send',
  join: 'machine.wait.join',
  await: 'machine.wait.await',
};

/** Blocked threads grouped by what they wait for: "■ disk I/O: P1, P5". */
export function blockedRows(m: MachineModel): Row[] {
  if (m.blocked.length === 0) return [[t('machine.none'), UI.muted]];
  return m.blocked.map(
    (g) =>
      `■ ${t(BLOCK_KINDS[g.kind] ?? 'machine.wait.device', { name: g.name })}: ${g.threads.map((th) => th.label).join(', ')}`,
  );
}

/** Each device: the request it serves and its FIFO queue. */
export function deviceRows(m: MachineModel): Row[] {
  if (m.devices.length === 0) return [[t('machine.none'), UI.muted]];
  return m.devices.map((d) => {
    const serving = d.current
      ? t('machine.device.serving', { label: d.current.label, left: d.remaining })
      : t('machine.idle');
    const queue =
      d.queue.length > 0
        ? ` · ${t('machine.device.queue', { list: d.queue.map((q) => q.label).join(', ') })}`
        : '';
    return `${d.name}: ${serving}${queue}`;
  });
}

/** Pending interrupts, oldest first, numbered for the keys. */
export function interruptRows(m: MachineModel): Row[] {
  if (m.interrupts.length === 0) return [[t('machine.none'), UI.muted]];
  return m.interrupts.map((i, k) => {
    const what = t(i.kind === 'timer' ? 'machine.irq.timer' : 'machine.irq.io', {
      id: i.id,
      label: i.label,
      core: i.core,
      device: i.device,
    });
    const waited = interruptWaited(m.tick, i);
    const line = `${k < 9 && m.mine.role === 'interrupt' ? `${k + 1} · ` : ''}${what} · ${t('machine.irq.waiting', { ticks: waited })}`;
    // orange once handling it would score less than on time (irq-slow)
    return waited > IRQ_OK_TICKS ? [line, OKABE_ITO.orange] : line;
  });
}

/** Locks, one line each: the holder and who waits (semaphores are drawn as shelves: sync-view.ts). */
export function lockRows(m: MachineModel): Row[] {
  return m.locks.map((l) =>
    t('machine.lock', {
      name: l.name,
      owner: l.owner || t('machine.free'),
      waiters: l.waiters.join(', ') || '—',
    }),
  );
}

/** Shared-memory variables and each live process's variables. */
export function variableRows(m: MachineModel): Row[] {
  return [
    ...m.shared.map(([k, v]) => `${t('term.shared_memory')} ${k} = ${v}`),
    ...m.processes
      .filter((p) => !p.terminated && p.vars.length > 0)
      .map((p) => `P${p.pid}: ${p.vars.map(([k, v]) => `${k} = ${v}`).join(', ')}`),
  ];
}

/** A figure to one decimal, or "—" where it is not defined yet (see comparableFigures). */
export const formatFigure = (x: number | null): string =>
  x === null ? '—' : (Math.round(x * 10) / 10).toString();

/** The textbook figures so far. */
export function metricsRows(m: MachineModel): Row[] {
  const x = m.metrics;
  const faults = x.faults.filter(([, n]) => n > 0).map(([k, n]) => `${t(`metric.${k}` as MessageKey)} ${n}`);
  return [
    t('machine.m.utilization', { value: Math.round(x.utilization * 100) }),
    t('machine.m.throughput', { value: formatFigure(x.throughput), done: x.completed }),
    t('machine.m.averages', {
      response: formatFigure(x.response),
      turnaround: formatFigure(x.turnaround),
      waiting: formatFigure(x.waiting),
    }),
    t('machine.m.switches', { count: x.switches, ticks: x.switchTicks, threads: x.threadSwitches }),
    ...(m.cacheMissCost > 0
      ? [t('machine.m.cache', { misses: x.cacheMisses, flushes: x.cacheFlushes, cost: m.cacheMissCost })]
      : []),
    faults.length > 0 ? [faults.join(' · '), OKABE_ITO.orange] : [t('machine.m.no_faults'), UI.muted],
  ];
}

/** Events the feed marks ⚠ (and the live region puts first): the faults the kernel detects. */
export const NOTABLE_EVENTS: ReadonlySet<KernelEvent['type']> = FAULT_EVENTS;

/** The kernel's sentence for an event in the player's language, with the synced machine's names (the feed's and the live region's one wording). */
export function eventSentences(session: RoomSession): (event: KernelEvent) => string {
  const lang = getLanguage();
  const machine = session.machine();
  const s = syncedLabels(machine);
  const kinds = machine ? syncedChannelKinds(machine) : undefined;
  return (event) => describeEvent(event, s, lang, kinds);
}

let cache: { lang: string; serial: number; muted: number; rows: Row[] } | null = null;

/** The event feed, newest first, in the kernel's own sentences. */
export function feedRows(session: RoomSession): Row[] {
  const lang = getLanguage();
  const last = Math.max(
    session.feed[session.feed.length - 1]?.serial ?? 0,
    session.botNotes[session.botNotes.length - 1]?.serial ?? 0,
  );
  if (cache && cache.lang === lang && cache.serial === last && cache.muted === UI.muted) return cache.rows;
  const sentence = eventSentences(session);
  const items: { serial: number; row: Row }[] = session.feed.map(({ serial, event }) => {
    const line = `${event.tick}: ${sentence(event)}`;
    return { serial, row: NOTABLE_EVENTS.has(event.type) ? [`⚠ ${line}`, OKABE_ITO.orange] : line };
  });
  for (const note of session.botNotes)
    items.push({
      serial: note.serial,
      row: [`${t('machine.bot_moved', { name: note.nickname })}`, UI.muted],
    });
  const rows: Row[] = items.sort((a, b) => b.serial - a.serial).map((x) => x.row);
  cache = {
    lang,
    serial: last,
    muted: UI.muted,
    rows: rows.length > 0 ? rows : [[t('machine.feed.empty'), UI.muted]],
  };
  return cache.rows;
}
