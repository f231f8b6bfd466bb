// Crews over real sockets: a student in any crew sees the effect of their own move in their own crew's
// synced machine (the load harness lost most echoes with crews at stop 20; this pins where).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMove } from '../../shared/protocol/actions.ts';
import { crewOf } from '../../shared/protocol/state.ts';
import { boot, until, welcomeOf, type Harness, type Player } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ ticksPerSecond: 2 });
});
afterAll(async () => {
  await h.close();
});

describe('crews over sockets', () => {
  it("every student's move shows in their own crew's machine, in every crew", async () => {
    const created = await h.createRoom({ scenario: 'class-workshop', ticksPerSecond: 1, seed: 3 });
    const host = await h.host(created);
    host.send('host:crew-size', { size: 3 });
    const students: Player[] = [];
    for (let i = 0; i < 9; i++) students.push(await h.student(created, `S${i}`));
    const seats = students.map((s) => welcomeOf(s).seat);
    host.send('host:grace', { seconds: 0 });
    host.send('host:start');
    await until('running', () => host.state.phase === 'running');
    await until('three crews', () => host.state.crews.size === 3);
    // every crew: a scheduler with a dispatch among its job's legal moves, as its own client sees them
    const pick = new Map<number, { i: number; move: string }>();
    await until('each crew has a scheduler with a dispatch', () => {
      pick.clear();
      students.forEach((s, i) => {
        const crew = crewOf(s.state, seats[i]);
        const slot = s.state.players.get(seats[i]!)?.slot;
        const move = slot
          ? [...(crew?.slots.get(slot)?.moves ?? [])].find((m) => m.startsWith('dispatch '))
          : undefined;
        if (crew && move && !pick.has(crew.number)) pick.set(crew.number, { i, move });
      });
      return pick.size === 3;
    });
    for (const [crewNumber, { i, move: text }] of pick) {
      const s = students[i]!;
      const move = decodeMove(text) as { type: 'dispatch'; payload: { core: number; tid: number } };
      s.send(move.type, move.payload);
      await until(`crew ${crewNumber}'s dispatch is seen by its mover`, () => {
        const m = crewOf(s.state, seats[i])!.machine!;
        return m.cores.at(move.payload.core)?.running === move.payload.tid;
      });
      expect(crewOf(s.state, seats[i])!.number).toBe(crewNumber);
    }
    // each student receives its own crew's machine and no other's (one it held before a re-split stays as it
    // was: nothing updates it); the host receives every crew's
    const before = students.map((s, i) => {
      const own = crewOf(s.state, seats[i])!;
      expect(own.machine?.cores.length).toBeGreaterThan(0);
      return new Map(
        [...s.state.crews.values()].filter((c) => c !== own).map((c) => [c.number, c.machine?.tick]),
      );
    });
    const hostTicks = new Map([...host.state.crews.values()].map((c) => [c.number, c.machine!.tick]));
    await until('every crew ran two more ticks', () =>
      [...host.state.crews.values()].every((c) => c.machine!.tick >= hostTicks.get(c.number)! + 2),
    );
    students.forEach((s, i) => {
      const own = crewOf(s.state, seats[i])!;
      s.state.crews.forEach((c) => {
        if (c !== own)
          expect(c.machine?.tick, `crew ${c.number}'s machine at a student of crew ${own.number}`).toBe(
            before[i]!.get(c.number),
          );
      });
    });
    // and a thread's chosen instruction: its program grows in its mover's view (new list items)
    const chooser = new Map<number, { i: number; move: string; tid: number }>();
    await until('each crew has a thread with a choice', () => {
      students.forEach((s, i) => {
        const crew = crewOf(s.state, seats[i]);
        const slot = s.state.players.get(seats[i]!)?.slot;
        const job = slot ? crew?.slots.get(slot) : undefined;
        const move = [...(job?.moves ?? [])].find((m) => m.startsWith('choose '));
        if (crew && job && move && !chooser.has(crew.number))
          chooser.set(crew.number, { i, move, tid: job.tid });
      });
      return chooser.size === 3;
    });
    for (const [crewNumber, { i, move: text, tid }] of chooser) {
      const s = students[i]!;
      const length = crewOf(s.state, seats[i])!.machine!.threads.get(String(tid))!.program.length;
      const move = decodeMove(text);
      s.send(move.type, move.payload);
      await until(`crew ${crewNumber}'s choice is seen by its mover`, () => {
        const t = crewOf(s.state, seats[i])!.machine!.threads.get(String(tid));
        return !t || t.program.length > length || t.state === 'terminated';
      });
    }
  }, 60_000);
});
