// The scenarios a class room can be created with by name (the class catalog, class-scenarios.ts); a
// teacher may also send a scenario's JSON.
import { parseScenario } from '../../shared/kernel/scenario.ts';
import type { Scenario } from '../../shared/kernel/types.ts';
import { CLASS_SCENARIOS, type ClassScenario } from './class-scenarios.ts';

/** Scenario id → its entry, validated when a room is created. */
const CATALOG: ReadonlyMap<string, ClassScenario> = new Map(CLASS_SCENARIOS.map((c) => [c.id, c]));

/** The scenario a room gets when none is named. */
export const DEFAULT_SCENARIO = 'class-workshop';

/** The catalog's ids, for the API and the dashboard. */
export function scenarioIds(): string[] {
  return [...CATALOG.keys()];
}

/** A catalog entry's teaching texts (title, goal, discussion question), or null for a custom scenario. */
export function scenarioEntry(id: string): ClassScenario | null {
  return CATALOG.get(id) ?? null;
}

/** Resolves a scenario given by id or as JSON into a validated Scenario, or an error a teacher can act on. */
export function resolveScenario(
  given: unknown,
): { ok: true; scenario: Scenario; name: string } | { ok: false; error: string } {
  if (given === undefined || given === null) given = DEFAULT_SCENARIO;
  if (typeof given === 'string') {
    const entry = CATALOG.get(given);
    if (entry === undefined)
      return {
        ok: false,
        error: `no scenario named "${given.slice(0, 40)}" (known: ${scenarioIds().join(', ')})`,
      };
    const r = parseScenario(entry.scenario);
    return r.ok ? { ok: true, scenario: r.scenario, name: given } : { ok: false, error: r.error };
  }
  const r = parseScenario(given);
  return r.ok ? { ok: true, scenario: r.scenario, name: 'custom' } : { ok: false, error: r.error };
}
