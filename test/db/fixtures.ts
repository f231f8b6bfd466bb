// Sample data shared by the db suites: a finished round shaped like the one a room hands over.
import type { FinishedRound } from '../../server/db/index.ts';

/** A round of `sessionId` with two students (one with a nickname that needs CSV quoting, one Korean). */
export function sampleRound(sessionId: string, roundNumber = 1): FinishedRound {
  return {
    sessionId,
    roundNumber,
    scenarioId: 'dispatch-basics',
    startedAt: Date.UTC(2026, 2, 3, 9, 0, 0),
    endedAt: Date.UTC(2026, 2, 3, 9, 4, 30),
    metrics: {
      utilisation: 0.82,
      throughput: 1.5,
      contextSwitches: 14,
      meanResponse: 3.25,
      faults: { lostUpdates: 0 },
    },
    baselines: [
      { policy: 'fifo', metrics: { utilisation: 0.7 } },
      { policy: 'rr', quantum: 4, metrics: { utilisation: 0.79 } },
    ],
    events: [
      { tick: 3, kind: 'dispatch', pid: 2 },
      { tick: 9, kind: 'refused', reason: 'P3 is Blocked on the disk' },
    ],
    timeline: [
      { core: 0, tid: 1, from: 0, to: 3 },
      { core: 0, tid: 2, from: 4, to: 9 },
    ],
    players: [
      {
        playerId: 'p-1',
        nickname: 'Ada, "the" scheduler',
        role: 'scheduler',
        score: 120,
        actionsCount: 31,
        refusedCount: 2,
        meanLatencyMs: 812.5,
        actions: [{ tick: 3, type: 'dispatch', tid: 1 }],
        crew: 2,
        jobs: [
          { slot: 'scheduler:0', crew: 2, fromTick: 0 },
          { slot: 'thread:counter:1', crew: 2, fromTick: 14 },
        ],
      },
      {
        playerId: 'p-2',
        nickname: '민수',
        role: 'interrupt-handler',
        score: 95,
        actionsCount: 12,
        refusedCount: 0,
        meanLatencyMs: null,
        actions: [],
        // a round stored before crews and jobs were kept
        crew: null,
        jobs: null,
      },
    ],
  };
}
