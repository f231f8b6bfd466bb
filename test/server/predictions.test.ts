// Predict, then reveal: at a class round's end the students pick before the comparison goes out, the host
// reveals, everyone gets the tally and the answer, and the picks are stored with the round.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundSummary } from '../../shared/protocol/summary.ts';
import type { EdgeErrorMessage, PredictionMessage } from '../../shared/protocol/server-messages.ts';
import { PREDICT_REFUSALS, roundAnswer } from '../../shared/roles/prediction.ts';
import type { MemoryRoundReports } from '../../server/game/round-reports.ts';
import { boot, collect, until, welcomeOf, type Harness } from './harness.ts';
import { SHORT_SCENARIO } from './fixtures.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot({});
});
afterAll(async () => {
  await h.close();
});

describe('predict, then reveal', () => {
  it('students predict, a malformed pick changes nothing, the host reveals to everyone, a late pick is refused', async () => {
    const created = await h.createRoom({ scenario: SHORT_SCENARIO, ticksPerSecond: 20, seed: 5 });
    const host = await h.host(created);
    const kim = await h.student(created, 'Kim');
    const lee = await h.student(created, 'Lee', { lang: 'ko' });
    const all = [host, kim, lee];
    const heard = all.map((c) => collect<PredictionMessage>(c, 'prediction'));
    const summaries = all.map((c) => collect<RoundSummary>(c, 'summary'));
    const kimErrors = collect<EdgeErrorMessage>(kim, 'error');
    const leeErrors = collect<EdgeErrorMessage>(lee, 'error');
    const hostErrors = collect<EdgeErrorMessage>(host, 'error');
    for (const s of [kim, lee]) host.send('host:assign', { player: welcomeOf(s).seat, slot: 'spectator' });
    host.send('host:predict-time', { seconds: 'until-reveal' });
    await until('settings', () => host.state.predictSeconds === -1);

    // before the round has ended there is nothing to predict (the reason in the student's language)
    lee.send('predict', { policy: 'sjf' });
    await until('early pick refused', () => leeErrors.length === 1);
    expect(leeErrors[0]).toMatchObject({
      code: 'prediction-not-open',
      message: PREDICT_REFUSALS['prediction-not-open'].ko,
    });

    host.send('host:start');
    await until('prediction opens for everyone', () => heard.every((m) => m.length === 1), 15_000);
    for (const m of heard) expect(m[0]).toMatchObject({ phase: 'open', seconds: null, tally: { count: 0 } });
    // the answer stays on the server: no summary, no answer in any message
    expect(heard.flat().some((m) => 'answer' in m)).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(summaries.every((s) => s.length === 0)).toBe(true);

    kim.send('predict', { policy: 'sjf' });
    kim.send('predict', { bin: 1 });
    lee.send('predict', { policy: 'fifo', bin: 3 });
    await until('tally of two', () => heard[0]!.at(-1)?.tally.count === 2);
    // a malformed pick: refused at the edge, the tally unchanged
    kim.send('predict', { policy: 'lottery', bin: 9 });
    await until('malformed refused', () => kimErrors.length === 1);
    expect(kimErrors[0]!.code).toBe('malformed');
    const before = heard[1]!.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(heard[1]!.length).toBe(before);
    const open = heard[1]!.at(-1)!;
    expect(open.mine).toEqual({ policy: 'sjf', bin: 1 });
    expect(open.tally).toMatchObject({ count: 2, policies: { sjf: 1, fifo: 1, rr: 0 }, bins: [0, 1, 0, 1] });
    // the host cannot predict
    host.send('predict', { policy: 'rr' });
    await until('host refused', () => hostErrors.length === 1);
    expect(hostErrors[0]!.code).toBe('not-your-role');

    host.send('host:reveal');
    await until('revealed to everyone', () => heard.every((m) => m.at(-1)?.phase === 'revealed'));
    await until('summary follows the reveal', () => summaries.every((s) => s.length === 1));
    const answer = roundAnswer(summaries[0]![0]!);
    for (const m of heard) expect(m.at(-1)).toMatchObject({ answer, tally: open.tally });
    expect(heard[1]!.at(-1)!.mine).toEqual({ policy: 'sjf', bin: 1 });
    expect(heard[2]!.at(-1)!.mine).toEqual({ policy: 'fifo', bin: 3 });
    expect(heard[0]!.at(-1)!.mine).toBeNull();

    // too late: refused with the room's reason, in English for Kim
    kim.send('predict', { policy: 'rr' });
    await until('late pick refused', () => kimErrors.length === 2);
    expect(kimErrors[1]).toMatchObject({
      code: 'prediction-closed',
      message: PREDICT_REFUSALS['prediction-closed'].en,
    });

    // stored with the round's report, judged
    const reports = h.server.reports as MemoryRoundReports;
    await until('stored', () => reports.forRoom(created.roomId)[0]?.predictions !== undefined);
    const stored = reports.forRoom(created.roomId)[0]!.predictions!;
    expect(stored.answer).toEqual(answer);
    expect(stored.picks.map((p) => [p.nickname, p.policy, p.bin]).sort()).toEqual([
      ['Kim', 'sjf', 1],
      ['Lee', 'fifo', 3],
    ]);
    const kimPick = stored.picks.find((p) => p.nickname === 'Kim')!;
    expect(kimPick.policyRight).toBe(answer.best.includes('sjf'));
    expect(kimPick.binRight).toBe(answer.bin === 1);

    // and in the database, where the dashboard's round report reads them
    const teacher = await h.teacher();
    const get = async <T>(path: string): Promise<T> =>
      (await (await teacher.request('GET', path)).json()) as T;
    let report: { predictions?: unknown } = {};
    for (let tries = 0; !report.predictions && tries < 100; tries++) {
      if (tries > 0) await new Promise((r) => setTimeout(r, 50));
      const { rounds } = await get<{ rounds: { id: string }[] }>(
        `/api/teacher/sessions/${created.sessionId}/rounds`,
      );
      if (rounds[0])
        report = (await get<{ report: typeof report }>(`/api/teacher/rounds/${rounds[0].id}`)).report;
    }
    expect(report.predictions).toEqual(stored);
  });

  it('a timed prediction reveals on its own', async () => {
    const created = await h.createRoom({ scenario: SHORT_SCENARIO, ticksPerSecond: 20, seed: 5 });
    const host = await h.host(created);
    const heard = collect<PredictionMessage>(host, 'prediction');
    const summaries = collect<RoundSummary>(host, 'summary');
    host.send('host:predict-time', { seconds: 1 });
    await until('settings', () => host.state.predictSeconds === 1);
    host.send('host:start');
    await until('opened', () => heard.length === 1, 15_000);
    expect(heard[0]!.seconds).toBe(1);
    await until('revealed', () => heard.at(-1)?.phase === 'revealed' && summaries.length === 1, 10_000);
  });
});
