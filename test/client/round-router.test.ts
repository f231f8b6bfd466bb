// The report race (issue 16): after round 2 ended, the projector and a laptop showed round 1's report,
// because the round-1 summary was still held when round 2's 'ended' phase arrived, before its summary.
import { describe, expect, it } from 'vitest';
import { sceneFor } from '../../client/src/net/round-router.ts';
import { RoomSession } from '../../client/src/net/room-session.ts';
import { RoomConnection, type SdkRoom } from '../../client/src/net/room-connection.ts';
import type { RoundSummary } from '../../shared/protocol/summary.ts';

/** A room whose state and messages the test sets, as the SDK would deliver them. */
function fakeRoom(): {
  room: SdkRoom;
  state: { phase: string; round: number };
  deliver(type: string, payload: unknown): void;
  patch(): void;
} {
  const handlers = new Map<string, (payload: unknown) => void>();
  const changes: (() => void)[] = [];
  const state = { phase: 'lobby', round: 1 };
  const room: SdkRoom = {
    roomId: 'r1',
    state,
    send: () => undefined,
    leave: async () => 0,
    onMessage: (type, cb) => handlers.set(type, cb),
    onStateChange: (cb) => changes.push(cb),
    onLeave: () => undefined,
  };
  return {
    room,
    state,
    deliver: (type, payload) => handlers.get(type)?.(payload),
    patch: () => {
      for (const c of changes) c();
    },
  };
}

const summaryOf = (round: number): RoundSummary => ({ round }) as unknown as RoundSummary;

describe('the round router', () => {
  it("shows the machine, not the last round's report, until this round's summary arrives", () => {
    const f = fakeRoom();
    const session = new RoomSession(new RoomConnection(f.room), 'Kim', 'K7M4QX', { routed: true });
    f.state.phase = 'ended';
    f.patch();
    expect(sceneFor(session)).toBe('Machine'); // round 1 ended, its summary not here yet
    f.deliver('summary', summaryOf(1));
    expect(sceneFor(session)).toBe('Report');
    // the host restarts; round 2 runs and ends: round 1's summary is still held
    f.state.round = 2;
    f.state.phase = 'running';
    f.patch();
    expect(sceneFor(session)).toBe('Machine');
    f.state.phase = 'ended';
    f.patch();
    expect(sceneFor(session)).toBe('Machine');
    expect(session.currentSummary()).toBeNull();
    f.deliver('summary', summaryOf(2));
    expect(sceneFor(session)).toBe('Report');
    expect(session.currentSummary()?.round).toBe(2);
  });
});
