// Which jobs a room offers and who does them: pure rules, so a class of 2 and a class of 40 both play,
// roles rotate between rounds and the server, the bots and the tests agree on them.
import type { Scenario } from '../kernel/types.ts';
import { SPECTATOR, type Assignment, type RoleSlot } from './types.ts';

/** The jobs of a scenario in priority order (scheduler first), given how many humans will play. */
export function roleSlots(scenario: Scenario, humans: number): RoleSlot[] {
  const jobs: RoleSlot[] = [];
  if (!scenario.auto.interrupts) jobs.push({ key: 'interrupt', role: 'interrupt' });
  for (const p of scenario.processes) {
    p.threads.forEach((t, i) => {
      if (t.steered) jobs.push({ key: `thread:${p.name}:${i}`, role: 'thread', process: p.name, thread: i });
    });
  }
  if (!scenario.auto.delivery) {
    for (const c of scenario.channels) {
      if (c.kind !== 'shm') jobs.push({ key: `ipc:${c.name}`, role: 'ipc', channel: c.name });
    }
  }
  // One scheduler for the whole CPU, split one per core only when there are humans to spare.
  const spare = Math.max(0, humans - (jobs.length + 1));
  const groups = Math.min(scenario.cores, 1 + spare);
  return [...schedulerSlots(scenario.cores, groups), ...jobs];
}

function schedulerSlots(cores: number, groups: number): RoleSlot[] {
  if (groups <= 1) return [{ key: 'scheduler', role: 'scheduler', cores: range(cores) }];
  const split: number[][] = Array.from({ length: groups }, () => []);
  for (let c = 0; c < cores; c++) split[c % groups]!.push(c);
  return split.map((cs) => ({ key: `scheduler:${cs.join('+')}`, role: 'scheduler', cores: cs }));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** What the host asked for explicitly: seat id → slot key; honoured before the automatic fill. */
export type Overrides = Record<string, string>;

/**
 * Gives each seat a slot: the host's overrides first (the latest wins a contested job), then the remaining seats (in join order, rotated by the
 * round number so everyone gets a turn at each job) to the remaining slots in priority order;
 * seats left over watch. Slots no seat holds are played by bots.
 */
export function assignRoles(
  slots: readonly RoleSlot[],
  seats: readonly string[],
  round: number,
  overrides: Overrides = {},
): Assignment {
  const out: Assignment = {};
  const taken = new Set<string>();
  // The host's latest word wins when two overrides name the same job.
  const present = new Set(seats);
  for (const [seat, key] of Object.entries(overrides).reverse()) {
    if (!present.has(seat) || out[seat] !== undefined) continue;
    if (key === SPECTATOR) {
      out[seat] = SPECTATOR;
      continue;
    }
    if (slots.some((s) => s.key === key) && !taken.has(key)) {
      out[seat] = key;
      taken.add(key);
    }
  }
  const rest = seats.filter((s) => out[s] === undefined);
  const shift = rest.length === 0 ? 0 : ((round % rest.length) + rest.length) % rest.length;
  const rotated = [...rest.slice(rest.length - shift), ...rest.slice(0, rest.length - shift)];
  const free = slots.filter((s) => !taken.has(s.key));
  rotated.forEach((seat, i) => {
    out[seat] = free[i]?.key ?? SPECTATOR;
  });
  return out;
}

/** The slot a player joining mid-round takes: the first job no present human holds, else spectator. */
export function slotForLateJoiner(slots: readonly RoleSlot[], heldByHumans: ReadonlySet<string>): string {
  return slots.find((s) => !heldByHumans.has(s.key))?.key ?? SPECTATOR;
}

/** Finds a slot by key, for the room and the bots driver. */
export function findSlot(slots: readonly RoleSlot[], key: string): RoleSlot | undefined {
  return slots.find((s) => s.key === key);
}
