// Scores in a class room with real clients: each student hears of their own score changes with the
// reason in their language (a lost update names the classmate whose update was overwritten), and
// the teacher's leaderboard setting decides whether ranks are shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreMessage, Welcome } from '../../shared/protocol/server-messages.ts';
import { boot, collect, until, welcomeOf, type Harness, type Player } from './harness.ts';
import { ROLES_SCENARIO } from './fixtures.ts';

let h: Harness;
beforeAll(async () => { h = await boot(); });
afterAll(async () => { await h.close(); });

/** Two steered threads updating a shared counter without a lock. */
const RACE_SCENARIO = {
  cores: 2, quantum: 0, switchCost: 0,
  processes: [{ name: 'counter', arrival: 0, vars: { count: 0 }, threads: [
    { program: ['load count', 'add 1', 'store count', 'exit'], steered: true },
    { program: ['load count', 'add 1', 'store count', 'exit'], steered: true },
  ] }],
  auto: { interrupts: true, delivery: true },
};

async function joinAs(created: Awaited<ReturnType<Harness['createRoom']>>, host: Player, nickname: string, slot: string, lang: 'ko' | 'en' = 'en'): Promise<{ p: Player; scores: ScoreMessage[] }> {
  const p = await h.student(created, nickname, { lang });
  const scores = collect<ScoreMessage>(p, 'score');
  host.send('host:assign', { player: welcomeOf(p).seat, slot });
  await until(`${nickname} holds ${slot}`, () => host.state.players.get(welcomeOf(p).seat)?.slot === slot);
  return { p, scores };
}

describe('score messages', () => {
  it('a lost update costs the student whose store caused it, and the reason names the classmate', async () => {
    const created = await h.createRoom({ scenario: RACE_SCENARIO, ticksPerSecond: 2, seed: 1 });
    const host = await h.host(created);
    const seoyeon = await joinAs(created, host, '서연', 'thread:counter:0', 'ko');
    const alex = await joinAs(created, host, 'Alex', 'thread:counter:1');
    host.send('host:start');
    await until('running', () => host.state.phase === 'running');
    await until('both threads exist', () => (host.state.slots.get('thread:counter:1')?.tid ?? 0) > 0);
    // Both plan the whole read-modify-write at once; the bot scheduler runs them side by side.
    for (const s of [seoyeon, alex]) for (const instr of ['load count', 'add 1', 'store count', 'exit']) s.p.send('choose', { instr });
    await until('the race is scored', () => [...seoyeon.scores, ...alex.scores].some((m) => m.code === 'lost-update'), 10_000);
    await until('both finished', () => [seoyeon, alex].every((s) => s.scores.some((m) => m.code.startsWith('thread-finished'))), 10_000);
    const [causer, victim, victimName] = alex.scores.some((m) => m.code === 'lost-update') ? [alex, seoyeon, '서연'] : [seoyeon, alex, 'Alex'];
    const lost = causer.scores.find((m) => m.code === 'lost-update')!;
    expect(lost.points).toBeLessThan(0);
    expect(lost.reason).toContain(victimName);
    expect(victim.scores.some((m) => m.code === 'lost-update')).toBe(false);
    expect(causer.scores.find((m) => m.code.startsWith('thread-finished'))!.code).toBe('thread-finished-broken');
    expect(victim.scores.find((m) => m.code.startsWith('thread-finished'))!.code).toBe('thread-finished');
    // Korean for the Korean student, English for the other; the total is the seat's round score.
    expect(seoyeon.scores.every((m) => /[가-힣]/.test(m.reason))).toBe(true);
    const last = causer.scores.at(-1)!;
    await until('the synced score agrees', () => host.state.players.get(welcomeOf(causer.p).seat)?.score === last.total);
    expect(lost.rank).toEqual({ place: expect.any(Number), of: 2 });
  });

  for (const board of ['off', 'crew', 'all'] as const) {
    it(`leaderboard "${board}": the welcome says so and ranks are ${board === 'all' ? 'sent' : 'withheld'}`, async () => {
      const created = await h.createRoom({ scenario: ROLES_SCENARIO, ticksPerSecond: 4, seed: 7, leaderboard: board });
      const host = await h.host(created);
      const kim = await joinAs(created, host, 'Kim', 'scheduler');
      host.send('host:start');
      await until('running', () => host.state.phase === 'running');
      const calc = [...kim.p.state.machine.processes.values()].find((p) => p.name === 'calc')!.threads.at(0)!;
      kim.p.send('dispatch', { core: 0, tid: calc });
      await until('the dispatch is scored', () => kim.scores.length > 0);
      expect(kim.scores[0]!.code).toBe('core-busy-fast');
      expect(kim.scores[0]!.reason).toBe('core 1 busy again within 1 tick');
      expect(kim.scores.every((m) => (board === 'all' ? m.rank !== null : m.rank === null))).toBe(true);
      const welcome = welcomeOf(kim.p) as unknown as Welcome;
      expect(welcome).toMatchObject({ board, leaderboard: board !== 'off' });
      expect(h.roomOf(created.roomId).game.board).toBe(board);
    });
  }
});
