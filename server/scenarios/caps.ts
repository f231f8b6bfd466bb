// How much machine a class room may be created with: a custom scenario is checked at the edge so no
// teacher (or stolen session) can hand the server a round whose ticks or end-of-round baselines cost
// seconds of CPU. The kernel's own validator bounds each field; these bound the whole.
import type { Scenario } from '../../shared/kernel/types.ts';

/** The limits a class room's scenario must keep (docs/SECURITY.md lists them). */
export const CLASS_SCENARIO_CAPS = {
  /** Processes in the scenario. */
  processes: 64,
  /** Threads over all processes. */
  threads: 96,
  /** Instructions in one thread's program. */
  programLength: 200,
  /** Instructions over every thread's program. */
  instructions: 4_000,
  /** Threads × the round's tick limit: the work one round (and each baseline) may take. */
  threadTicks: 200_000,
} as const;

/** Why this scenario is too big for a class room with rounds of `tickLimit` ticks, or null when it fits. */
export function scenarioCapProblem(scenario: Scenario, tickLimit: number): string | null {
  const caps = CLASS_SCENARIO_CAPS;
  const threads = scenario.processes.reduce((n, p) => n + p.threads.length, 0);
  const longest = Math.max(0, ...scenario.processes.flatMap((p) => p.threads.map((t) => t.program.length)));
  const instructions =
    scenario.processes.reduce((n, p) => n + p.threads.reduce((m, t) => m + t.program.length, 0), 0) +
    Object.values(scenario.programs).reduce((n, p) => n + p.instructions.length, 0);
  const longestNamed = Math.max(0, ...Object.values(scenario.programs).map((p) => p.instructions.length));
  if (scenario.processes.length > caps.processes)
    return `the scenario has ${scenario.processes.length} processes; a class room allows at most ${caps.processes}`;
  if (threads > caps.threads)
    return `the scenario has ${threads} threads; a class room allows at most ${caps.threads}`;
  if (Math.max(longest, longestNamed) > caps.programLength)
    return `a program has ${Math.max(longest, longestNamed)} instructions; a class room allows at most ${caps.programLength}`;
  if (instructions > caps.instructions)
    return `the scenario's programs have ${instructions} instructions in all; a class room allows at most ${caps.instructions}`;
  if (threads * tickLimit > caps.threadTicks)
    return `${threads} threads over rounds of ${tickLimit} ticks is more work than a class room allows (threads × ticks at most ${caps.threadTicks})`;
  return null;
}
