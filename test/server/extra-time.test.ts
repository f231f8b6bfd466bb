// Extra time per student: the teacher gives one student ×2 from the live roster; with real clients, that
// student's "your turn" prompt and the bot's move come at twice the time of a ×1 classmate's, the
// roster shows the multiplier, and a malformed or misdirected request changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Seats } from '../../server/game/seats.ts';
import { boot, collect, seatSecret, until, welcomeOf, type Harness } from './harness.ts';

/** Two cores, four long jobs Ready from tick 0: each student's core waits on them from the first tick. */
const TWO_CORES = {
  cores: 2,
  quantum: 0,
  processes: ['a', 'b', 'c', 'd'].map((name) => ({ name, arrival: 0, length: 200 })),
};

let h: Harness;
beforeAll(async () => {
  h = await boot();
});
afterAll(async () => {
  await h.close();
});

describe('extra time per student', () => {
  it('a ×2 student gets the prompt and the bot move at twice the time of a ×1 classmate', async () => {
    const created = await h.createRoom({
      scenario: TWO_CORES,
      roles: { interrupt: false, thread: false, ipc: false },
      lateJoin: false,
      ticksPerSecond: 10,
    });
    const host = await h.host(created);
    const mina = await h.join(created.roomId, { secret: seatSecret(), nickname: 'Mina', code: created.code });
    const jun = await h.join(created.roomId, { secret: seatSecret(), nickname: 'Jun', code: created.code });
    const [minaSeat, junSeat] = [welcomeOf(mina).seat, welcomeOf(jun).seat];
    const errors = collect<{ code: string }>(host, 'error');

    // refused at the edge, nothing changes: a factor outside GRACE_FACTORS, a seat that does not exist, a student sending it
    host.send('host:extra-time', { player: junSeat, factor: 1.7 });
    host.send('host:extra-time', { player: 'p999', factor: 2 });
    const junErrors = collect<{ code: string }>(jun, 'error');
    jun.send('host:extra-time', { player: junSeat, factor: 3 });
    await until('three refusals', () => errors.length === 2 && junErrors.length === 1);
    expect(errors.map((e) => e.code)).toEqual(['malformed', 'no-such-player']);
    expect(junErrors.map((e) => e.code)).toEqual(['not-your-role']);
    await until("the host's roster holds Jun's ×1", () => host.state.players.get(junSeat)?.graceFactor === 1);

    host.send('host:grace', { seconds: 1 });
    host.send('host:extra-time', { player: junSeat, factor: 2 });
    await until('the roster shows ×2', () => host.state.players.get(junSeat)?.graceFactor === 2);
    expect(host.state.players.get(minaSeat)?.graceFactor).toBe(1);
    // the teacher's roster holds it; no student's state does, their own or a classmate's
    await until('the students see the roster', () => mina.state.players.get(junSeat) !== undefined);
    expect(jun.state.players.get(junSeat)?.graceFactor).toBeUndefined();
    expect(mina.state.players.get(junSeat)?.graceFactor).toBeUndefined();
    await until('both hold a core', () =>
      [minaSeat, junSeat].every((s) => host.state.players.get(s)?.slot.startsWith('scheduler:')),
    );

    const at = new Map<string, number>();
    const note = (key: string) => {
      if (!at.has(key)) at.set(key, Date.now() - started);
    };
    const turns = new Map<string, number>();
    mina.onMessage(
      'your-turn',
      (m: { seconds: number }) => (note('mina-prompt'), turns.set('mina', m.seconds)),
    );
    jun.onMessage('your-turn', (m: { seconds: number }) => (note('jun-prompt'), turns.set('jun', m.seconds)));
    host.onMessage('bot-moved', (m: { seat: string }) => note(m.seat === junSeat ? 'jun-bot' : 'mina-bot'));
    const started = Date.now();
    host.send('host:start');
    await until('both bots moved', () => at.has('jun-bot') && at.has('mina-bot'), 10_000);

    expect(turns.get('mina')).toBe(1);
    expect(turns.get('jun')).toBe(2);
    // running time runs ahead of the wall clock by at most the room's first frame (its elapsed time counts): FRAME of slack
    const FRAME = 60;
    expect(at.get('mina-prompt')).toBeGreaterThanOrEqual(500 - FRAME);
    expect(at.get('mina-bot')).toBeGreaterThanOrEqual(1000 - FRAME);
    expect(at.get('jun-prompt')).toBeGreaterThanOrEqual(1000 - FRAME);
    expect(at.get('jun-bot')).toBeGreaterThanOrEqual(2000 - FRAME);
    // and the ×2 student's times are about twice the ×1 classmate's (loose upper bounds for a busy machine)
    for (const what of ['prompt', 'bot']) {
      const ratio = at.get(`jun-${what}`)! / at.get(`mina-${what}`)!;
      expect(ratio, `${what}: ${JSON.stringify(Object.fromEntries(at))}`).toBeGreaterThan(1.5);
      expect(ratio, what).toBeLessThan(3);
    }
    for (const room of [host, mina, jun]) await room.leave();
  });

  it("is kept with the student's browser: through a freed seat, the room's snapshot and its recovery; a ban drops it", () => {
    const seats = new Seats();
    const add = () =>
      seats.add({ secretHash: 'h-jun', nickname: 'Jun', lang: 'ko', isHost: false, sessionId: 's1' });
    const jun = add();
    seats.setGraceFactor(jun, 3);
    seats.free(jun.id);
    expect(seats.graceFactor(add())).toBe(3);
    const restored = new Seats();
    restored.load(JSON.parse(JSON.stringify(seats.dump())));
    const back = restored.bySecret('h-jun')!;
    expect(restored.graceFactor(back)).toBe(3);
    // a snapshot saved before extra time existed: everyone ×1
    const old = { ...seats.dump(), graceFactors: undefined };
    const before = new Seats();
    before.load(old);
    expect(before.graceFactor(before.bySecret('h-jun')!)).toBe(1);
    restored.ban(back.id);
    expect(restored.dump().graceFactors).toEqual({});
  });
});
