// How a class splits into crews: pure rules shared by the room, the dashboard and the tests, so a class of
// 2 and a class of 60 both play and every student holds a job in a crew's own machine.
import { LIMITS } from '../kernel/limits.ts';

/** The crew size a room starts with, and the grace seconds before a bot moves for a student who has not acted. */
export const CREW_DEFAULTS = { size: 5, graceSeconds: 10 } as const;

/** A crew's key in the synced state and the reports, from its number (1-based). */
export function crewKey(n: number): string {
  return `c${n}`;
}

/** How many crews `students` make at `size` a crew: crews of size−1 to size+1 where the class allows, never none. */
export function crewCount(students: number, size: number): number {
  const s = Math.min(LIMITS.crewSize.max, Math.max(LIMITS.crewSize.min, Math.round(size)));
  let count = Math.max(1, Math.floor(students / s));
  while (Math.ceil(students / count) > s + 1) count++;
  return count;
}

/**
 * The crew of each student (in join order): the teacher's moves first (while their crew exists), then
 * each other student to the smallest crew (the lowest number on a tie), which is also where a late joiner goes.
 */
export function splitCrews(
  students: readonly string[],
  count: number,
  moves: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  const sizes = Array.from({ length: count }, () => 0);
  for (const s of students) {
    const n = moves[s];
    if (n !== undefined && n >= 1 && n <= count) {
      out[s] = n;
      sizes[n - 1]!++;
    }
  }
  for (const s of students) {
    if (out[s] !== undefined) continue;
    const n = smallestCrew(sizes);
    out[s] = n;
    sizes[n - 1]!++;
  }
  return out;
}

/** The number of the smallest crew, given each crew's size (index 0 is crew 1). */
export function smallestCrew(sizes: readonly number[]): number {
  let best = 0;
  sizes.forEach((n, i) => {
    if (n < sizes[best]!) best = i;
  });
  return best + 1;
}

/** What a crew's race is judged on, as the room projects it for everyone (CrewState) or the summary keeps it. */
export interface CrewStanding {
  number: number;
  /** Processes the crew's machine has finished. */
  completed: number;
  /** The machine has nothing left to run, at tick `tick`. */
  finished: boolean;
  tick: number;
  /** Busy core time, 0..1. */
  utilization: number;
  faults: number;
}

/**
 * Each crew's place in the race (crew number → place from 1; ties share a place): the crew score is the
 * machine's result, so more finished processes first, then a finished machine that took fewer ticks, then
 * the busier CPU, then fewer faults.
 */
export function crewPlaces(crews: readonly CrewStanding[]): Map<number, number> {
  const ahead = (a: CrewStanding, b: CrewStanding): boolean => {
    if (a.completed !== b.completed) return a.completed > b.completed;
    if (a.finished !== b.finished) return a.finished;
    if (a.finished && a.tick !== b.tick) return a.tick < b.tick;
    if (a.utilization !== b.utilization) return a.utilization > b.utilization;
    return a.faults < b.faults;
  };
  return new Map(crews.map((c) => [c.number, 1 + crews.filter((o) => ahead(o, c)).length]));
}

/** A machine's result as a baseline comparison reads it: processes finished and their mean ticks waiting in Ready. */
export interface RaceResult {
  completed: number;
  waiting: number;
}

/** True when a crew beat a classic policy on the same workload: at least as many processes finished, and less waiting on average. */
export function beatsBaseline(crew: RaceResult, baseline: RaceResult): boolean {
  return crew.completed >= baseline.completed && crew.waiting < baseline.waiting;
}
