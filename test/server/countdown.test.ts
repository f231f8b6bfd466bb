// The role-card countdown before a round, with real clients: Start opens it (every student keeps the
// lobby and their card, the machine does not tick), the room's clock runs it out, and Start again skips it.
import { crewOf } from '../../shared/protocol/state.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, until, welcomeOf, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ ticksPerSecond: 20 });
});
afterAll(async () => {
  await h.close();
});

describe('the countdown before a round', () => {
  it("runs for the room's seconds with the clock stopped, then starts the round", async () => {
    const created = await h.createRoom({ countdown: 5 });
    const host = await h.host(created);
    const kim = await h.student(created, 'Kim');
    host.send('host:start');
    await until('countdown shown', () => kim.state.countdown === 5);
    const game = h.roomOf(created.roomId).game;
    expect(kim.state.phase).toBe('lobby');
    expect(crewOf(kim.state, null)!.machine!.tick).toBe(0);
    // The student already holds the job the card describes.
    expect(kim.state.players.get(welcomeOf(kim).seat)?.slot).not.toBe('');
    // Stepping the room's clock: 4 s leave the last second; the fifth starts the round.
    game.update(4000);
    expect(game.match.phase).toBe('lobby');
    expect(game.countdown.secondsLeft).toBe(1);
    expect(game.match.state.tick).toBe(0);
    game.update(1000);
    expect(game.match.phase).toBe('running');
    expect(game.countdown.active).toBe(false);
    await until('running on the student screen', () => kim.state.phase === 'running');
    expect(kim.state.countdown).toBe(0);
  });

  it('Start again skips it', async () => {
    const created = await h.createRoom({ countdown: 30 });
    const host = await h.host(created);
    const kim = await h.student(created, 'Kim');
    host.send('host:start');
    await until('countdown shown', () => kim.state.countdown > 25);
    host.send('host:start');
    await until('running', () => kim.state.phase === 'running');
    expect(kim.state.countdown).toBe(0);
  });

  it('a room without a countdown starts at once', async () => {
    const created = await h.createRoom({ countdown: 0 });
    const host = await h.host(created);
    host.send('host:start');
    await until('running', () => host.state.phase === 'running');
  });

  it('refuses a countdown outside LIMITS.countdown at room creation', async () => {
    await expect(h.createRoom({ countdown: 31 })).rejects.toThrow(/countdown/);
  });
});
