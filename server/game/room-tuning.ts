// A teacher's room settings applied to a catalog scenario: cores, quantum, context-switch cost and
// which jobs students play (the rest the kernel does itself), so one scenario serves many lessons.
import { z } from 'zod';
import { limitSchema } from '../../shared/kernel/limits.ts';
import type { Scenario } from '../../shared/kernel/index.ts';
import { roleMixSchema } from '../../shared/protocol/http.ts';

/** Which optional jobs go to students (declared with the room-creation route, shared/protocol/http.ts). */
export { roleMixSchema };

/** The machine settings a teacher may override when creating a room. */
export const roomTuningSchema = z.strictObject({
  cores: limitSchema('cores').optional(),
  quantum: limitSchema('quantum').optional(),
  switchCost: limitSchema('switchCost').optional(),
  roles: roleMixSchema.optional(),
});

/** Overrides of a scenario's machine, validated by roomTuningSchema. */
export type RoomTuning = z.output<typeof roomTuningSchema>;

/** The scenario with the teacher's overrides; the input is not changed. */
export function tuneScenario(scenario: Scenario, tuning: RoomTuning | undefined): Scenario {
  if (!tuning) return scenario;
  const out = structuredClone(scenario);
  if (tuning.cores !== undefined) out.cores = tuning.cores;
  if (tuning.quantum !== undefined) out.quantum = tuning.quantum;
  if (tuning.switchCost !== undefined) out.switchCost = tuning.switchCost;
  if (tuning.roles) {
    if (!tuning.roles.interrupt) out.auto = { ...out.auto, interrupts: true };
    if (!tuning.roles.ipc) out.auto = { ...out.auto, delivery: true };
    if (!tuning.roles.thread) {
      // An unsteered thread runs its reference program by itself.
      for (const p of out.processes)
        for (const t of p.threads) {
          t.steered = false;
          t.palette = [];
        }
    }
  }
  return out;
}
