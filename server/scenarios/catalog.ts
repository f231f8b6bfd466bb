// The scenarios a class room can be created with by name (the class catalog, class-scenarios.ts); a
// teacher may also send a scenario's JSON.
import type { Lang } from '../../shared/kernel/limits.ts';
import { problemTexts } from '../../shared/kernel/problems.ts';
import { parseScenario, type ScenarioResult } from '../../shared/kernel/scenario.ts';
import { renderBoth, type Template } from '../../shared/kernel/template.ts';
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

/** A scenario resolved for a room, with the name it was given by, or why it cannot be. */
export type ResolvedScenario =
  { ok: true; scenario: Scenario; name: string } | { ok: false; error: string; texts: Record<Lang, string> };

/**
 * Resolves a scenario given by id or as JSON into a validated Scenario, or an error a teacher can act
 * on: `error` in English (the API, the logs), `texts` in both languages (a solo room's player).
 */
export function resolveScenario(given: unknown): ResolvedScenario {
  if (given === undefined || given === null) given = DEFAULT_SCENARIO;
  if (typeof given === 'string') {
    const entry = CATALOG.get(given);
    if (entry === undefined) {
      const texts = renderBoth(UNKNOWN, { name: given.slice(0, 40), known: scenarioIds().join(', ') });
      return { ok: false, error: texts.en, texts };
    }
    return checked(parseScenario(entry.scenario), given);
  }
  return checked(parseScenario(given), 'custom');
}

const UNKNOWN: Template = {
  en: 'no scenario named "{name}" (known: {known})',
  ko: '"{name}"(이)라는 시나리오가 없습니다(있는 시나리오: {known}).',
};

function checked(r: ScenarioResult, name: string): ReturnType<typeof resolveScenario> {
  if (r.ok) return { ok: true, scenario: r.scenario, name };
  return {
    ok: false,
    error: r.error,
    texts: problemTexts({ ...r.problem, path: r.problem.path || 'scenario' }),
  };
}
