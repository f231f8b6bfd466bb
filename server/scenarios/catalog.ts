// The scenarios a class room can be created with by name; a teacher may also send a scenario's JSON.
import { parseScenario } from '../../shared/kernel/scenario.ts';
import type { Scenario } from '../../shared/kernel/types.ts';
import classWorkshop from './class-workshop.json' with { type: 'json' };

/** Scenario id → its JSON, validated when a room is created. */
const CATALOG: Record<string, unknown> = {
  'class-workshop': classWorkshop,
};

/** The scenario a room gets when none is named. */
export const DEFAULT_SCENARIO = 'class-workshop';

/** The catalog's ids, for the API and the dashboard. */
export function scenarioIds(): string[] {
  return Object.keys(CATALOG);
}

/** Resolves a scenario given by id or as JSON into a validated Scenario, or an error a teacher can act on. */
export function resolveScenario(given: unknown): { ok: true; scenario: Scenario; name: string } | { ok: false; error: string } {
  if (given === undefined || given === null) given = DEFAULT_SCENARIO;
  if (typeof given === 'string') {
    const json = Object.hasOwn(CATALOG, given) ? CATALOG[given] : undefined;
    if (json === undefined) return { ok: false, error: `no scenario named "${given.slice(0, 40)}" (known: ${scenarioIds().join(', ')})` };
    const r = parseScenario(json);
    return r.ok ? { ok: true, scenario: r.scenario, name: given } : { ok: false, error: r.error };
  }
  const r = parseScenario(given);
  return r.ok ? { ok: true, scenario: r.scenario, name: 'custom' } : { ok: false, error: r.error };
}
