// Playing in a class room with real clients: each role's actions change the machine for everyone,
// illegal and malformed messages are refused with reasons and change nothing, students cannot steer
// the room, and abusive clients are disconnected alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, hashState } from '../../shared/kernel/index.ts';
import { CLOSE_CODES } from '../../shared/protocol/errors.ts';
import { boot, collect, until, welcomeOf, type Harness, type Player } from './harness.ts';
import { ROLES_SCENARIO } from './fixtures.ts';
import { crewOf } from '../../shared/protocol/state.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ abuseLimit: 8, maxMessagesPerSecond: 25 });
});
afterAll(async () => {
  await h.close();
});

async function classWith(
  slots: string[],
  ticksPerSecond: number,
): Promise<{ host: Player; students: Player[]; roomId: string }> {
  const created = await h.createRoom({ scenario: ROLES_SCENARIO, ticksPerSecond, seed: 7 });
  const host = await h.host(created);
  const students: Player[] = [];
  for (const [i, slot] of slots.entries()) {
    const s = await h.student(created, `Student ${i + 1}`);
    host.send('host:assign', { player: welcomeOf(s).seat, slot });
    students.push(s);
  }
  await until('assignments', () =>
    slots.every((slot, i) => host.state.players.get(welcomeOf(students[i]!).seat)?.slot === slot),
  );
  host.send('host:start');
  await until('running', () => host.state.phase === 'running');
  return { host, students, roomId: created.roomId };
}

describe('each role acts on the shared machine', () => {
  it('the scheduler dispatches a Ready thread and every client sees it running', async () => {
    const {
      host,
      students: [sched, other],
    } = await classWith(['scheduler', 'interrupt'], 0.25);
    // calc is pure CPU work, so once dispatched it stays Running (the io process would block at once)
    const calc = [...crewOf(sched!.state, null)!.machine!.processes.values()].find((p) => p.name === 'calc')!;
    const tid = calc.threads.at(0)!;
    expect(crewOf(sched!.state, null)!.machine!.readyQueue.toArray()).toContain(tid);
    // the Ready card's "needs": the CPU ticks left, what SJF ranks by (calc is 40 ticks of CPU; io needs 1 between its two I/Os)
    const threads = crewOf(sched!.state, null)!.machine!.threads;
    expect(threads.get(String(tid))?.work).toBe(40);
    const io = [...crewOf(sched!.state, null)!.machine!.processes.values()].find((p) => p.name === 'io')!;
    expect(threads.get(String(io.threads.at(0)))?.work).toBe(1);
    sched!.send('dispatch', { core: 0, tid });
    await until('everyone sees the dispatch', () =>
      [host, other!].every((c) => crewOf(c.state, null)!.machine!.cores.at(0)?.running === tid),
    );
    await until(
      'the scheduler is credited',
      () => (host.state.players.get(welcomeOf(sched!).seat)?.score ?? 0) >= 1,
    );
  });

  it('the interrupt handler, a thread and a channel carrier each change the machine for all', async () => {
    const {
      host,
      students: [irq, thread, carrier],
      roomId,
    } = await classWith(['interrupt', 'thread:w:0', 'ipc:q'], 20);
    const m = () => crewOf(host.state, null)!.machine!;
    // interrupt handler: a pending interrupt stays until the human handles it
    await until('an interrupt is pending', () => crewOf(irq!.state, null)!.machine!.interrupts.size > 0);
    const id = [...crewOf(irq!.state, null)!.machine!.interrupts.values()][0]!.id;
    irq!.send('handle-interrupt', { id });
    await until(
      'everyone sees it handled',
      () => !m().interrupts.has(String(id)) && (m().counters.get('interruptsHandled') ?? 0) >= 1,
    );
    // thread: the steered thread gets the instruction its player chose
    const tid = crewOf(host.state, null)!.slots.get('thread:w:0')!.tid;
    expect(tid).toBeGreaterThan(0);
    thread!.send('choose', { instr: 'cpu 1' });
    await until(
      'everyone sees the chosen instruction',
      () => m().threads.get(String(tid))?.program.at(0) === 'cpu 1',
    );
    // channel carrier: a sent message waits on the queue until its carrier delivers it
    const waiting = () =>
      [...crewOf(carrier!.state, null)!.machine!.channels.get('q')!.messages.values()].find(
        (msg) => !msg.delivered && msg.readyAt <= crewOf(carrier!.state, null)!.machine!.tick,
      );
    await until('a message is in flight', () => waiting() !== undefined);
    carrier!.send('deliver', { message: waiting()!.id });
    await until('everyone sees it delivered', () => (m().channels.get('q')?.delivered ?? 0) >= 1);
    expect(h.roomOf(roomId).game.match.log.some((e) => e.action.type === 'deliver')).toBe(true);
  });
});

describe('refusals', () => {
  it("an honest but illegal move gets the kernel's reason in the player's language and changes nothing", async () => {
    const {
      host,
      students: [sched],
      roomId,
    } = await classWith(['scheduler'], 0.25);
    const room = h.roomOf(roomId);
    const rejected = collect<{ code: string; reason: string }>(sched!, 'rejected');
    const before = hashState(room.game.match.state);
    sched!.send('dispatch', { core: 0, tid: 999 });
    await until('rejection', () => rejected.length === 1);
    expect(rejected[0]!.code).toBe('no-such-thread');
    expect(rejected[0]!.reason).toBe('There is no thread 999.');
    sched!.send('set-language', { lang: 'ko' });
    sched!.send('dispatch', { core: 0, tid: 999 });
    await until('second rejection', () => rejected.length === 2);
    expect(rejected[1]!.reason).toBe('스레드 999는 없습니다.');
    expect(hashState(room.game.match.state)).toBe(before);
    expect(crewOf(host.state, null)!.machine!.cores.at(0)!.running).toBe(-1);
  });

  it("a host's out-of-range quantum reaches the kernel and comes back as its refusal, in the host's language", async () => {
    const { host, roomId } = await classWith(['scheduler'], 0.25);
    const rejected = collect<{ code: string; reason: string }>(host, 'rejected');
    const errors = collect<{ code: string }>(host, 'error');
    host.send('set-quantum', { quantum: LIMITS.quantum.max + 1 });
    await until('the kernel refuses it', () => rejected.length === 1);
    expect(rejected[0]!.code).toBe('bad-quantum');
    expect(rejected[0]!.reason).toBe(
      `A time slice must be a whole number of ticks from 0 (no timer) to ${LIMITS.quantum.max}, not ${LIMITS.quantum.max + 1}.`,
    );
    host.send('set-language', { lang: 'ko' });
    host.send('set-quantum', { quantum: 2.5 });
    await until('refused again, in Korean', () => rejected.length === 2);
    expect(rejected[1]!.reason).toBe(
      `타임 슬라이스는 0(타이머 없음)부터 ${LIMITS.quantum.max}까지의 정수 틱이어야 합니다. 2.5는 안 됩니다.`,
    );
    expect(errors).toEqual([]);
    expect(h.roomOf(roomId).game.match.state.scenario.quantum).toBe(3);
  });

  it('malformed and unknown messages get an error back and change nothing', async () => {
    const {
      students: [sched],
      roomId,
    } = await classWith(['scheduler'], 0.25);
    const room = h.roomOf(roomId);
    const errors = collect<{ code: string; message: string }>(sched!, 'error');
    const before = hashState(room.game.match.state);
    sched!.send('dispatch', { core: 'zero', tid: 1 });
    sched!.send('dispatch', { core: 0, tid: 1, sneaky: true });
    sched!.send('format-disk', {});
    await until('three errors', () => errors.length === 3);
    expect(errors.map((e) => e.code)).toEqual(['malformed', 'malformed', 'unknown-type']);
    expect(errors[0]!.message).toContain('core');
    expect(hashState(room.game.match.state)).toBe(before);
  });

  it('a student cannot use host controls or live events', async () => {
    const {
      host,
      students: [sched],
      roomId,
    } = await classWith(['scheduler'], 0.25);
    const errors = collect<{ code: string }>(sched!, 'error');
    for (const [type, payload] of [
      ['host:pause', undefined],
      ['host:end-round', undefined],
      ['host:kick', { player: 'p1' }],
      ['host:lock', { locked: true }],
      ['set-quantum', { quantum: 1 }],
      ['add-core', undefined],
    ] as const) {
      sched!.send(type, payload);
    }
    await until('six refusals', () => errors.length === 6);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['not-your-role']));
    expect(host.state.phase).toBe('running');
    expect(host.state.locked).toBe(false);
    expect(h.roomOf(roomId).game.match.state.scenario.quantum).toBe(3);
  });

  it('repeated abuse disconnects that client alone', async () => {
    const {
      host,
      students: [bad, good],
    } = await classWith(['scheduler', 'interrupt'], 0.25);
    const closed = new Promise<number>((resolve) => bad!.onLeave((code) => resolve(code)));
    for (let i = 0; i < 8; i++) bad!.send('dispatch', { nonsense: i });
    expect(await closed).toBe(CLOSE_CODES.abuse);
    await until('host sees the abuser gone', () => !host.state.players.get(welcomeOf(bad!).seat)?.connected);
    expect(good!.connection.isOpen).toBe(true);
  });

  it('a flood of messages disconnects that client alone', async () => {
    const {
      students: [flooder, good],
    } = await classWith(['scheduler', 'interrupt'], 0.25);
    const closed = new Promise<number>((resolve) => flooder!.onLeave((code) => resolve(code)));
    for (let i = 0; i < 60; i++) flooder!.send('set-language', { lang: 'en' });
    expect(await closed).not.toBe(CLOSE_CODES.abuse);
    await new Promise((r) => setTimeout(r, 100));
    expect(good!.connection.isOpen).toBe(true);
  });
});
