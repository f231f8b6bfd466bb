// Class rooms belong to teachers: one creation route, a signed-in teacher, per-teacher and per-address
// limits, and scenario size caps at the edge with errors that say what to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/kernel/scenario.ts';
import { CLASS_SCENARIO_CAPS, scenarioCapProblem } from '../../server/scenarios/caps.ts';
import { TeacherClient } from '../../server/tools/teacher-client.ts';
import { boot, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({ roomsPerTeacherPerHour: 3, roomsPerAddressPerHour: 4, roundTickLimit: 900 });
});
afterAll(async () => {
  await h.close();
});

const job = (name: string, threads = 1, length = 4) => ({
  name,
  threads: Array.from({ length: threads }, () => ({
    program: [...Array.from({ length: length - 1 }, () => 'cpu 1'), 'exit'],
  })),
});

describe('creating a class room', () => {
  it('needs a signed-in teacher; the anonymous route is gone', async () => {
    const anonymous = await fetch(`${h.server.url}/api/teacher/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    const old = await fetch(`${h.server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(old.status).toBe(404);
  });

  it('refuses scenarios over the caps with a sentence naming the cap, before any room exists', async () => {
    const teacher = await TeacherClient.signUp(h.server.url, 'Cap');
    const cases: [object, RegExp][] = [
      [
        { processes: Array.from({ length: CLASS_SCENARIO_CAPS.processes + 1 }, (_, i) => job(`p${i}`)) },
        /processes; a class room allows at most 64/,
      ],
      [
        { processes: Array.from({ length: 7 }, (_, i) => job(`p${i}`, 16)) },
        /112 threads; a class room allows at most 96/,
      ],
      [
        { processes: [job('long', 1, CLASS_SCENARIO_CAPS.programLength + 1)] },
        /a program has 201 instructions/,
      ],
      [{ processes: Array.from({ length: 27 }, (_, i) => job(`p${i}`, 1, 150)) }, /4050 instructions in all/],
    ];
    for (const [scenario, message] of cases) {
      const res = await teacher.request('POST', '/api/teacher/rooms', { scenario });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: 'scenario-too-large',
        message: expect.stringMatching(message),
      });
    }
    expect((await (await teacher.request('GET', '/api/teacher/sessions')).json()).sessions).toEqual([]);
    const fits = await teacher.createRoom({ scenario: { processes: [job('a', 2), job('b')] } });
    expect(fits.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it('gives an anonymous solo room with a scenario of its own the same caps', async () => {
    const huge = { processes: Array.from({ length: 7 }, (_, i) => job(`p${i}`, 16)) };
    await expect(h.colyseus.sdk.create('solo', { scenario: huge, lang: 'en' })).rejects.toThrow(
      /scenario-too-large: the scenario has 112 threads/,
    );
    // the room knows the player's language: the same refusal in Korean
    await expect(h.colyseus.sdk.create('solo', { scenario: huge, lang: 'ko' })).rejects.toThrow(
      /scenario-too-large: .*[가-힣]/,
    );
  });

  it('bounds the work of a round: threads times the round tick limit', () => {
    const parsed = parseScenario({ processes: Array.from({ length: 60 }, (_, i) => job(`p${i}`)) });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(scenarioCapProblem(parsed.scenario, 900)).toBeNull();
    expect(scenarioCapProblem(parsed.scenario, 5000)).toMatch(
      /60 threads over rounds of 5000 ticks is more work than a class room allows/,
    );
  });

  it('limits the rooms one teacher and one address create', async () => {
    const kim = await TeacherClient.signUp(h.server.url, 'Kim');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await kim.request('POST', '/api/teacher/rooms', { title: `Kim ${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    // Another teacher at the same address: the address's budget (4: one room by Cap, three by Kim) runs out first.
    const lee = await TeacherClient.signUp(h.server.url, 'Lee');
    const res = await lee.request('POST', '/api/teacher/rooms', {});
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({
      error: 'rate-limited',
      message: expect.stringMatching(/this address/),
    });
  });
});

describe('guessing join codes', () => {
  it('locks an address out after its budget of wrong codes, then every lookup from it waits', async () => {
    const guesser = await boot({ wrongCodesPerMinute: 5 });
    try {
      const room = await guesser.createRoom({});
      const look = (code: string) => fetch(`${guesser.server.url}/api/rooms/by-code/${code}`);
      const statuses: number[] = [];
      for (const code of ['ZZZZZ2', 'ZZZZZ3', 'ZZZZZ4', 'ZZZZZ5', 'ZZZZZ6', 'ZZZZZ7'])
        statuses.push((await look(code)).status);
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
      // Locked out, the right code answers the same as a wrong one: the lookup is no oracle any more.
      const right = await look(room.code);
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await guesser.close();
    }
  });
});
