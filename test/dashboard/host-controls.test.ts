// The host messages the dashboard added: rename a student, rotate jobs, inject live events; each validated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, collect, until, welcomeOf, type Harness } from '../server/harness.ts';
import { crewOf } from '../../shared/protocol/state.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot();
});
afterAll(async () => {
  await h.close();
});

describe('host controls for the dashboard', () => {
  it('renames a student with the nickname rules and refuses a taken or bad name', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const errors = collect<{ code: string; type: string }>(host, 'error');
    const a = await h.student(created, 'Alpha');
    await h.student(created, 'Bravo');
    const seat = welcomeOf(a).seat;
    host.send('host:rename', { player: seat, nickname: 'Charlie' });
    await until('renamed', () => host.state.players.get(seat)?.nickname === 'Charlie');
    host.send('host:rename', { player: seat, nickname: 'bravo' });
    host.send('host:rename', { player: seat, nickname: '!!' });
    host.send('host:rename', { player: 'p999', nickname: 'Delta' });
    host.send('host:rename', { player: seat });
    await until('four refusals', () => errors.length === 4);
    expect(errors.map((e) => e.code)).toEqual([
      'bad-nickname',
      'bad-nickname',
      'no-such-player',
      'malformed',
    ]);
    expect(host.state.players.get(seat)?.nickname).toBe('Charlie');
    a.send('host:rename', { player: seat, nickname: 'Echo' });
    const studentErrors = collect<{ code: string }>(a, 'error');
    await until('student refused', () => studentErrors.length === 1);
    expect(studentErrors[0]!.code).toBe('not-your-role');
  });

  it('rotates every job to the next student', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const students = [
      await h.student(created, 'One'),
      await h.student(created, 'Two'),
      await h.student(created, 'Three'),
    ];
    const seats = students.map((s) => welcomeOf(s).seat);
    await until('assigned', () => seats.every((id) => host.state.players.get(id)?.slot !== undefined));
    const before = seats.map((id) => host.state.players.get(id)!.slot);
    host.send('host:rotate');
    await until('rotated', () => host.state.players.get(seats[1]!)!.slot === before[0]);
    expect(seats.map((id) => host.state.players.get(id)!.slot)).toEqual([before[2], before[0], before[1]]);
  });

  it('sets the crew size and moves a student to another crew, as the live controls and the roster menu do', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    const errors = collect<{ code: string; type: string }>(host, 'error');
    const names = ['Ann', 'Ben', 'Cho', 'Dae', 'Eun', 'Fay'];
    const seats: string[] = [];
    for (const n of names) seats.push(welcomeOf(await h.student(created, n)).seat);
    await until('six in one crew', () => seats.every((id) => host.state.players.get(id)?.crew === 'c1'));
    host.send('host:crew-size', { size: 3 });
    await until('two crews of three', () => host.state.crews.size === 2 && host.state.crewSize === 3);
    const crewOfSeat = () => seats.map((id) => host.state.players.get(id)!.crew);
    await until('split', () => crewOfSeat().filter((c) => c === 'c2').length === 3);
    const mover = seats.find((id) => host.state.players.get(id)!.crew === 'c1')!;
    host.send('host:move-crew', { player: mover, crew: 2 });
    await until('moved', () => host.state.players.get(mover)!.crew === 'c2');
    // every student still holds a job in their crew
    for (const id of seats) expect(host.state.players.get(id)!.slot).not.toBe('spectator');
    host.send('host:move-crew', { player: mover, crew: 9 });
    host.send('host:crew-size', { size: 99 });
    await until('two refusals', () => errors.length === 2);
    expect(errors.map((e) => e.code)).toEqual(['no-such-crew', 'malformed']);
  });

  it('injects an I/O storm, a fork bomb and a crash as kernel actions', async () => {
    const created = await h.createRoom();
    const host = await h.host(created);
    host.onMessage('summary', () => undefined);
    const count = () => crewOf(host.state, null)!.machine!.processes.size;
    const start = count();
    host.send('host:event', { kind: 'io-storm', size: 3 });
    await until('storm', () => count() === start + 3);
    host.send('host:event', { kind: 'fork-bomb', depth: 2 });
    await until('bomb', () => count() >= start + 4);
    const victim = [...crewOf(host.state, null)!.machine!.processes.values()].find(
      (p) => p.name === 'io-storm-1',
    )!;
    host.send('host:event', { kind: 'crash', pid: victim.pid });
    await until(
      'crash',
      () => crewOf(host.state, null)!.machine!.processes.get(String(victim.pid))?.terminated === true,
    );
    const errors = collect<{ code: string }>(host, 'error');
    host.send('host:event', { kind: 'meteor' });
    host.send('host:event', { kind: 'io-storm', size: 99 });
    await until('refused', () => errors.length === 2);
    expect(errors.every((e) => e.code === 'malformed')).toBe(true);
  });
});
