// Real machines to test against: every solo level's scenario and the class workshop, played by the
// bots from tick 0, yielding the state at chosen ticks with every job's slot. Used by the legal-moves
// and action-bar property tests.
import { classPolicy, playBots } from '../../server/game/bot-driver.ts';
import classWorkshop from '../../server/scenarios/class-workshop.json' with { type: 'json' };
import {
  applyActionInPlace,
  createKernel,
  isFinished,
  parseScenario,
  tickInPlace,
  type KernelState,
  type Scenario,
} from '../../shared/kernel/index.ts';
import { LEVELS } from '../../shared/levels/index.ts';
import { roleSlots } from '../../shared/roles/assign.ts';
import type { RoleSlot } from '../../shared/roles/types.ts';

/** A machine to walk: its name, scenario and the slots its jobs are played through. */
export interface Walkable {
  name: string;
  scenario: Scenario;
  slots: RoleSlot[];
}

const workshop = parseScenario(classWorkshop);
if (!workshop.ok) throw new Error(workshop.error);

/** Every level and the workshop (with one scheduler per core, as a big class gets). */
export const MACHINES: readonly Walkable[] = [
  ...LEVELS.map((l) => ({
    name: `level ${l.id}`,
    scenario: l.scenarioParsed,
    slots: roleSlots(l.scenarioParsed, 40),
  })),
  { name: 'class-workshop', scenario: workshop.scenario, slots: roleSlots(workshop.scenario, 40) },
];

/**
 * The machine at each tick in `ticks` (ascending), played by bots on every slot except `idle` (left
 * to wait, as an absent human would, so its legal moves pile up).
 */
export function* walk(
  m: Walkable,
  seed: number,
  ticks: readonly number[],
  idle: ReadonlySet<string>,
): Generator<KernelState> {
  const s = createKernel(m.scenario, seed);
  for (const at of ticks) {
    while (s.tick < at && !isFinished(s)) {
      playBots(s, m.slots, idle, classPolicy(s), (a) => applyActionInPlace(s, a));
      tickInPlace(s);
    }
    yield s;
    if (isFinished(s)) return;
  }
}
