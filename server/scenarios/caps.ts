// How much machine a class room may be created with: a custom scenario is checked at the edge so no
// teacher (or stolen session) can hand the server a round whose ticks or end-of-round baselines cost
// seconds of CPU. The kernel's own validator bounds each field; these bound the whole.
import type { Scenario } from '../../shared/kernel/types.ts';
import type { Texts } from '../../shared/levels/level.ts';

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

/** Why this scenario is too big for rounds of `tickLimit` ticks, in both languages (a solo sandbox tells its player), or null when it fits. */
export function scenarioCapTexts(scenario: Scenario, tickLimit: number): Texts | null {
  const caps = CLASS_SCENARIO_CAPS;
  const threads = scenario.processes.reduce((n, p) => n + p.threads.length, 0);
  const longest = Math.max(0, ...scenario.processes.flatMap((p) => p.threads.map((t) => t.program.length)));
  const instructions =
    scenario.processes.reduce((n, p) => n + p.threads.reduce((m, t) => m + t.program.length, 0), 0) +
    Object.values(scenario.programs).reduce((n, p) => n + p.instructions.length, 0);
  const longestNamed = Math.max(0, ...Object.values(scenario.programs).map((p) => p.instructions.length));
  const program = Math.max(longest, longestNamed);
  if (scenario.processes.length > caps.processes)
    return {
      ko: `시나리오에 프로세스가 ${scenario.processes.length}개 있습니다. 최대 ${caps.processes}개까지 허용됩니다.`,
      en: `the scenario has ${scenario.processes.length} processes; a class room allows at most ${caps.processes}`,
    };
  if (threads > caps.threads)
    return {
      ko: `시나리오에 스레드가 ${threads}개 있습니다. 최대 ${caps.threads}개까지 허용됩니다.`,
      en: `the scenario has ${threads} threads; a class room allows at most ${caps.threads}`,
    };
  if (program > caps.programLength)
    return {
      ko: `명령어가 ${program}개인 프로그램이 있습니다. 프로그램 하나는 최대 ${caps.programLength}개까지 허용됩니다.`,
      en: `a program has ${program} instructions; a class room allows at most ${caps.programLength}`,
    };
  if (instructions > caps.instructions)
    return {
      ko: `시나리오의 프로그램에 명령어가 모두 ${instructions}개 있습니다. 최대 ${caps.instructions}개까지 허용됩니다.`,
      en: `the scenario's programs have ${instructions} instructions in all; a class room allows at most ${caps.instructions}`,
    };
  if (threads * tickLimit > caps.threadTicks)
    return {
      ko: `스레드 ${threads}개를 ${tickLimit}틱 동안 돌리는 것은 허용된 작업량보다 많습니다(스레드 × 틱은 최대 ${caps.threadTicks}).`,
      en: `${threads} threads over rounds of ${tickLimit} ticks is more work than a class room allows (threads × ticks at most ${caps.threadTicks})`,
    };
  return null;
}

/** Why this scenario is too big for a class room with rounds of `tickLimit` ticks (in English, for the teacher's tools), or null when it fits. */
export function scenarioCapProblem(scenario: Scenario, tickLimit: number): string | null {
  return scenarioCapTexts(scenario, tickLimit)?.en ?? null;
}
