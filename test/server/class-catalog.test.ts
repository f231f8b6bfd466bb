// The class scenario catalog: every entry is valid, fits a class room's caps, has its teaching texts
// in both languages, gives a crew of 4–6 a job each, and is tuned so a reasonable crew of humans beats
// at least one classic baseline on average waiting. The scripted crew reacts a tick late (its scheduler and interrupt
// handler act only every other tick, as people do) but thinks: short jobs first, threads that follow
// their correct program.
import { describe, expect, it } from 'vitest';
import {
  applyActionInPlace,
  createKernel,
  isFinished,
  machineMetrics,
  parseScenario,
  tickInPlace,
  type Scenario,
} from '../../shared/kernel/index.ts';
import { roleSlots } from '../../shared/roles/assign.ts';
import { runBaselines } from '../../server/game/baselines.ts';
import { botMoves } from '../../shared/bots/index.ts';
import { CLASS_SCENARIOS } from '../../server/scenarios/class-scenarios.ts';
import { resolveScenario, scenarioIds } from '../../server/scenarios/catalog.ts';
import { scenarioCapProblem } from '../../server/scenarios/caps.ts';

const TICK_LIMIT = 300;

/** A crew of humans: scheduler and interrupt handler a tick slow (every other tick), SJF-minded; threads and channels prompt and correct. */
function playCrew(
  scenario: Scenario,
  seed: number,
): ReturnType<typeof machineMetrics> & { finished: boolean } {
  const state = createKernel(structuredClone(scenario), seed);
  const slots = roleSlots(scenario, 6);
  while (!isFinished(state) && state.tick < TICK_LIMIT) {
    const slow = state.tick % 2 === 1;
    for (const slot of slots) {
      if (slow && (slot.role === 'scheduler' || slot.role === 'interrupt')) continue;
      for (const a of botMoves(state, slot, { kind: 'sjf' })) applyActionInPlace(state, a);
    }
    if (isFinished(state)) break;
    tickInPlace(state);
  }
  return { ...machineMetrics(state), finished: isFinished(state) };
}

describe('the class scenario catalog', () => {
  it('lists the seven lessons besides the workshop', () => {
    expect(scenarioIds()).toEqual([
      'class-workshop',
      'class-scheduling',
      'class-interrupts',
      'class-race',
      'class-deadlock',
      'class-producer-consumer',
      'class-ipc-pipeline',
      'class-fork-exec',
    ]);
  });

  for (const entry of CLASS_SCENARIOS) {
    it(`${entry.id}: valid, within the caps, texts in ko and en, a job for each of 4–6 students, and a thinking crew beats a baseline`, () => {
      const r = resolveScenario(entry.id);
      if (!r.ok) throw new Error(r.error);
      expect(scenarioCapProblem(r.scenario, TICK_LIMIT)).toBeNull();
      for (const text of [entry.title, entry.goal, entry.question]) {
        expect(text.en.length).toBeGreaterThan(10);
        expect(text.ko).toMatch(/[가-힣]/);
      }
      expect(roleSlots(r.scenario, 6).length).toBeGreaterThanOrEqual(4);
      const crew = playCrew(r.scenario, 1);
      expect(crew.finished).toBe(true);
      expect(crew.faults.lostUpdates + crew.faults.deadlocks).toBe(0);
      const baselines = runBaselines(r.scenario, 1, [], TICK_LIMIT);
      const beaten = baselines.filter(
        (b) => b.finished && crew.averages.waiting < b.metrics.averages.waiting,
      );
      expect(
        beaten.map((b) => b.policy),
        `crew waiting ${crew.averages.waiting} vs ${baselines.map((b) => `${b.policy} ${b.metrics.averages.waiting}`).join(', ')}`,
      ).not.toEqual([]);
    });
  }

  it('every entry parses on its own too (the catalog data is plain scenario input)', () => {
    for (const entry of CLASS_SCENARIOS) expect(parseScenario(entry.scenario).ok).toBe(true);
  });
});
