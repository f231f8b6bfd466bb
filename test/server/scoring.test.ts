// Scores in a class room with real clients: each student hears of their own score changes with the
// reason in their language (a lost update names the classmate whose update was overwritten), and
// the teacher's leaderboard setting decides whether ranks are shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreMessage, Welcome } from '../../shared/protocol/server-messages.ts';
import type { RoundSummary } from '../../shared/protocol/summary.ts';
import { CLASS_SCENARIOS } from '../../server/scenarios/class-scenarios.ts';
import { boot, collect, until, welcomeOf, type Harness, type Player } from './harness.ts';
import { RACE_SCENARIO, ROLES_SCENARIO } from './fixtures.ts';
import { crewOf } from '../../shared/protocol/state.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot();
});
afterAll(async () => {
  await h.close();
});

async function joinAs(
  created: Awaited<ReturnType<Harness['createRoom']>>,
  host: Player,
  nickname: string,
  slot: string,
  lang: 'ko' | 'en' = 'en',
): Promise<{ p: Player; scores: ScoreMessage[] }> {
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
    await until(
      'both threads exist',
      () => (crewOf(host.state, null)!.slots.get('thread:counter:1')?.tid ?? 0) > 0,
    );
    // Both plan the whole read-modify-write at once; the bot scheduler runs them side by side.
    for (const s of [seoyeon, alex])
      for (const instr of ['load count', 'add 1', 'store count', 'exit']) s.p.send('choose', { instr });
    await until(
      'the race is scored',
      () => [...seoyeon.scores, ...alex.scores].some((m) => m.code === 'lost-update'),
      10_000,
    );
    await until(
      'both finished',
      () => [seoyeon, alex].every((s) => s.scores.some((m) => m.code.startsWith('thread-finished'))),
      10_000,
    );
    const [causer, victim, victimName] = alex.scores.some((m) => m.code === 'lost-update')
      ? [alex, seoyeon, '서연']
      : [seoyeon, alex, 'Alex'];
    const lost = causer.scores.find((m) => m.code === 'lost-update')!;
    expect(lost.points).toBeLessThan(0);
    expect(lost.reason).toContain(victimName);
    expect(victim.scores.some((m) => m.code === 'lost-update')).toBe(false);
    expect(causer.scores.find((m) => m.code.startsWith('thread-finished'))!.code).toBe(
      'thread-finished-broken',
    );
    expect(victim.scores.find((m) => m.code.startsWith('thread-finished'))!.code).toBe('thread-finished');
    // Korean for the Korean student, English for the other; the total is the seat's round score.
    expect(seoyeon.scores.every((m) => /[가-힣]/.test(m.reason))).toBe(true);
    const last = causer.scores.at(-1)!;
    await until(
      'the synced score agrees',
      () => host.state.players.get(welcomeOf(causer.p).seat)?.score === last.total,
    );
    expect(lost.rank).toEqual({ place: expect.any(Number), of: 2 });

    // The debrief: the race first, naming both students, and the podium of the two.
    const summaries = collect<RoundSummary>(host, 'summary');
    host.send('host:end-round');
    await until('the summary', () => summaries.length === 1, 10_000);
    const d = summaries[0]!.debrief!;
    expect(d.moments[0]).toMatchObject({ kind: 'race', count: 1 });
    expect(d.moments[0]!.who.sort()).toEqual(['Alex', '서연'].sort());
    expect(d.moments[0]!.text.en).toMatch(
      /^count: an update was lost \(now 1\) — (Alex overwrote 서연's|서연 overwrote Alex's)$/,
    );
    // The podium is for points earned: the student whose update was lost is on it, the one who overwrote
    // it (a loss of points, here at 0 or below) is not.
    const final = (name: string): number =>
      summaries[0]!.players.find((p) => p.nickname === name)?.score ?? Number.NaN;
    const causerName = victimName === '서연' ? 'Alex' : '서연';
    expect(final(victimName)).toBeGreaterThan(0);
    expect(d.podium.map((p) => p.nickname)).toEqual(
      final(causerName) > 0 ? [victimName, causerName] : [victimName],
    );
    expect(d.podium.every((p) => p.score > 0)).toBe(true);
    expect(d.question).toBeNull(); // a custom scenario has no discussion question
  });

  it("a catalog scenario's debrief asks its discussion question", async () => {
    const created = await h.createRoom({ scenario: 'class-deadlock', ticksPerSecond: 20, seed: 2 });
    const host = await h.host(created);
    const summaries = collect<RoundSummary>(host, 'summary');
    host.send('host:start');
    await until('the bots finish the round', () => summaries.length === 1, 20_000);
    expect(summaries[0]!.debrief!.question).toEqual(
      CLASS_SCENARIOS.find((c) => c.id === 'class-deadlock')!.question,
    );
  });

  for (const board of ['off', 'crew', 'all'] as const) {
    it(`leaderboard "${board}": the welcome says so and ranks are ${board === 'all' ? 'sent' : 'withheld'}`, async () => {
      const created = await h.createRoom({
        scenario: ROLES_SCENARIO,
        ticksPerSecond: 4,
        seed: 7,
        leaderboard: board,
      });
      const host = await h.host(created);
      const kim = await joinAs(created, host, 'Kim', 'scheduler');
      host.send('host:start');
      await until('running', () => host.state.phase === 'running');
      const calc = [...crewOf(kim.p.state, null)!.machine!.processes.values()]
        .find((p) => p.name === 'calc')!
        .threads.at(0)!;
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
