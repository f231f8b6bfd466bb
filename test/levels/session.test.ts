// A level session stepped by hand and taken back: undo replays the level from its start without the
// last tick (or without the moves made at this tick), so the machine is exactly as it was then; the
// attempt's result counts the undos.
import { describe, expect, it } from 'vitest';
import { levelById, LevelSession, type Level } from '../../shared/levels/index.ts';
import { SOLUTIONS } from './solutions.ts';

const level = (id: string): Level => levelById(id)!;
const snapshot = (s: LevelSession) => JSON.stringify(s.state);

/** Plays the level's 3-star script for `ticks` ticks, one tick at a time (as Step does), keeping a snapshot before each tick's moves. */
function playFor(l: Level, ticks: number): { session: LevelSession; before: string[]; after: string[] } {
  const session = new LevelSession(l);
  const script = SOLUTIONS[l.id]!.good();
  const before: string[] = [];
  const after: string[] = [];
  for (let t = 0; t < ticks; t++) {
    before.push(snapshot(session));
    for (const a of script(session.state)) session.act(a);
    after.push(snapshot(session));
    session.step();
  }
  return { session, before, after };
}

describe('LevelSession step and undo', () => {
  it("keeps the player's own accepted moves with their ticks", () => {
    const { session } = playFor(level('first-dispatch'), 6);
    expect(session.moves.length).toBeGreaterThan(0);
    expect(session.moves.every((m) => m.action.type === 'dispatch')).toBe(true);
    expect(session.moves.map((m) => m.tick)).toEqual(
      [...session.moves.map((m) => m.tick)].sort((a, b) => a - b),
    );
  });

  it("undo at a tick with no moves yet goes back one tick, before that tick's moves", () => {
    const { session, before } = playFor(level('first-dispatch'), 6);
    expect(session.state.tick).toBe(6);
    const back = session.undo()!;
    expect(back.state.tick).toBe(5);
    expect(snapshot(back)).toBe(before[5]);
    const again = back.undo()!;
    expect(snapshot(again)).toBe(before[4]);
    expect(again.undos).toBe(2);
  });

  it('undo right after moves made at this tick takes back only those moves', () => {
    const l = level('first-dispatch');
    const { session, before } = playFor(l, 3);
    const script = SOLUTIONS[l.id]!.good();
    const at = snapshot(session);
    const moves = script(session.state);
    for (const a of moves) session.act(a);
    expect(session.moves.at(-1)!.tick).toBe(3);
    const back = session.undo()!;
    expect(back.state.tick).toBe(3);
    expect(snapshot(back)).toBe(at);
    expect(snapshot(back.undo()!)).toBe(before[2]);
  });

  it('nothing to undo at the first tick; the result counts undos, and a play after undo still earns its stars', () => {
    const l = level('first-dispatch');
    expect(new LevelSession(l).undo()).toBeNull();
    let { session } = playFor(l, 4);
    session = session.undo()!;
    const script = SOLUTIONS[l.id]!.good();
    while (!session.over()) {
      for (const a of script(session.state)) session.act(a);
      session.step();
    }
    const r = session.result();
    expect(r).toMatchObject({ passed: true, stars: 3, undos: 1 });
    const straight = playFor(l, 0).session;
    expect(straight.result().undos).toBe(0);
  });

  it('a replay reports every tick and every batch of events to its observer (the room rebuilds its Gantt chart from them)', () => {
    const { session } = playFor(level('first-dispatch'), 5);
    const sampled: number[] = [];
    let events = 0;
    const back = session.undo({
      beforeTick: (s) => sampled.push(s.tick),
      events: (e) => {
        events += e.length;
      },
    })!;
    expect(sampled).toEqual([0, 1, 2, 3]);
    expect(events).toBe(back.events.length - new LevelSession(level('first-dispatch')).events.length);
  });
});
