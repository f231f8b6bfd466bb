// A finished round whose report cannot be written (a full disk) is not lost: it is kept, /api/health
// says so (503, how many), the write is retried (250 ms, then doubling up to 10 s), and it is stored once
// the database takes writes again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { boot, collect, until, type Harness } from '../server/harness.ts';
import { SHORT_SCENARIO } from '../server/fixtures.ts';
import { fillDisk } from './full-disk.ts';

let h: Harness;
beforeAll(async () => {
  h = await boot();
});
afterAll(async () => {
  await h.close();
});

it(
  'keeps a report the database refused, reports it in /api/health, and stores it on a retry',
  { timeout: 60_000 },
  async () => {
    // the report's writes fail as on a full disk until the test has seen the report kept
    const disk = fillDisk(h.server.db.rounds, 'save');
    const created = await h.createRoom({ scenario: SHORT_SCENARIO as never, ticksPerSecond: 20 });
    const host = await h.host(created);
    const summaries = collect(host, 'summary');
    await h.student(created, 'Seo');
    host.send('host:start');
    host.send('host:end-round');
    await until('summary', () => summaries.length > 0, 15_000);
    expect(await healthUntil(503, 10_000)).toMatchObject({ ok: false, unsavedReports: 1 });
    await until('the write retried', () => disk.attempts >= 2, 10_000); // 250 ms, then doubling up to 10 s
    disk.full = false;
    // the next retry stores it, and health is back to ok
    expect(await healthUntil(200, 20_000)).toMatchObject({ ok: true, unsavedReports: 0 });
    const teacher = await h.teacher();
    const session = (await (
      await teacher.request('GET', `/api/teacher/sessions/${created.sessionId}`)
    ).json()) as { rounds: unknown[] };
    expect(session.rounds).toHaveLength(1);
  },
);

/** Polls /api/health until it answers `status`; its body. */
async function healthUntil(status: number, ms: number): Promise<unknown> {
  const start = Date.now();
  for (;;) {
    const res = await fetch(`${h.server.url}/api/health`);
    const body: unknown = await res.json();
    if (res.status === status) return body;
    if (Date.now() - start > ms)
      throw new Error(`/api/health still answers ${res.status}: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
