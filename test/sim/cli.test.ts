// The headless runner as teachers use it: `npm run sim -- FILE --policy P [--quantum N] [--trace]`,
// run as a child process on small workloads. Every expected number below is worked out by hand from
// the tick semantics (tick t is the work in [t, t+1); a job of length 5 starting at 0 completes at 5).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules', '.bin');
const CLI = join(ROOT, 'server', 'cli', 'sim.ts');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

let dir = '';

/** Runs the CLI in the temp dir with node_modules/.bin first on PATH (so tsx runs on the pinned Node 24). */
function sim(...args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      join(BIN, 'tsx'),
      [CLI, ...args],
      {
        cwd: dir,
        env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}` },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

async function json(...args: string[]): Promise<Record<string, unknown>> {
  const r = await sim(...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function write(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kernel-crew-sim-'));
  // The README's example workload, copied so that the runner reads a file in a temp dir.
  write('workload.json', readFileSync(join(ROOT, 'examples', 'workload.json'), 'utf8'));
  write('three.json', {
    cores: 1,
    jobs: [
      { name: 'A', arrival: 0, length: 6, priority: 1 },
      { name: 'B', arrival: 1, length: 2, priority: 0 },
      { name: 'C', arrival: 2, length: 3, priority: 2 },
    ],
  });
  write('switch.json', {
    cores: 1,
    switchCost: 1,
    jobs: [
      { name: 'A', length: 6 },
      { name: 'B', arrival: 1, length: 2 },
      { name: 'C', arrival: 2, length: 3 },
    ],
  });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const job = (name: string, arrival: number, firstRun: number, completion: number, waiting: number) => ({
  name,
  arrival,
  firstRun,
  completion,
  response: firstRun - arrival,
  turnaround: completion - arrival,
  waiting,
});

describe.concurrent(
  'sim CLI: the example workload (A: cpu 5 at 0; B: cpu 3, io disk 4, cpu 2 at 2; disk 5)',
  () => {
    // FIFO, SJF, STCF and priority all run A to the end first: SJF is non-preemptive; under STCF at tick 2
    // A has 3 ticks left against B's 5; under priority A (0) is more urgent than B (1). Then B runs its
    // cpu 3 in [5, 8), waits for the disk in [8, 12) (its io interrupt is handled at 12, so it is Blocked
    // then, not Ready) and runs cpu 2 in [12, 14). Busy 10 of 14 ticks; one switch (A → B at 5).
    const serial = (policy: string) => ({
      policy,
      jobs: [job('A', 0, 0, 5, 0), job('B', 2, 5, 14, 3)],
      averages: { response: 1.5, turnaround: 8.5, waiting: 1.5 },
      utilization: 0.714,
      contextSwitches: 1,
      ticks: 14,
    });

    for (const policy of ['fifo', 'sjf', 'stcf', 'priority']) {
      it(`--policy ${policy}`, async () => {
        expect(await json('workload.json', '--policy', policy)).toEqual(serial(policy));
      });
    }

    it('--policy rr (quantum 1 when the file sets none)', async () => {
      // q=1: A [0,1) [1,2); at 2 B arrives and queues before the preempted A; then B A B A B alternate
      // in [2,7), B's cpu 3 ends at 7 and it blocks on the disk [7,11); A's last tick is [7,8); B runs
      // [11,13). A waits at ticks 2, 4, 6; B at 3, 5. Switches at 2,3,4,5,6,7,11 (A→A at 1 is not one).
      expect(await json('workload.json', '--policy', 'rr')).toEqual({
        policy: 'rr',
        jobs: [job('A', 0, 0, 8, 3), job('B', 2, 2, 13, 2)],
        averages: { response: 0, turnaround: 9.5, waiting: 2.5 },
        utilization: 0.769,
        contextSwitches: 7,
        ticks: 13,
      });
    });

    it('--policy rr --quantum 2', async () => {
      // A [0,2); B [2,4); A [4,6); B [6,7) then the disk [7,11); A [7,8); B [11,13).
      expect(await json('workload.json', '--policy', 'rr', '--quantum', '2')).toEqual({
        policy: 'rr',
        jobs: [job('A', 0, 0, 8, 3), job('B', 2, 2, 13, 2)],
        averages: { response: 0, turnaround: 9.5, waiting: 2.5 },
        utilization: 0.769,
        contextSwitches: 5,
        ticks: 13,
      });
    });

    it('--trace adds a per-tick timeline of the cores and the Ready queue', async () => {
      const out = await json('workload.json', '--policy', 'rr', '--quantum', '2', '--trace');
      expect(out.ticks).toBe(13);
      expect(out.trace).toEqual([
        { tick: 0, cores: ['P1'], ready: [] },
        { tick: 1, cores: ['P1'], ready: [] },
        { tick: 2, cores: ['P2'], ready: ['P1'] },
        { tick: 3, cores: ['P2'], ready: ['P1'] },
        { tick: 4, cores: ['P1'], ready: ['P2'] },
        { tick: 5, cores: ['P1'], ready: ['P2'] },
        { tick: 6, cores: ['P2'], ready: ['P1'] },
        { tick: 7, cores: ['P1'], ready: [] },
        { tick: 8, cores: [null], ready: [] },
        { tick: 9, cores: [null], ready: [] },
        { tick: 10, cores: [null], ready: [] },
        { tick: 11, cores: ['P2'], ready: [] },
        { tick: 12, cores: ['P2'], ready: [] },
      ]);
      // Without --trace there is no timeline.
      expect(await json('workload.json', '--policy', 'rr', '--quantum', '2')).not.toHaveProperty('trace');
    });
  },
);

describe.concurrent(
  'sim CLI: three jobs where the policies differ (A 6 @0 prio 1, B 2 @1 prio 0, C 3 @2 prio 2)',
  () => {
    const fifo = {
      jobs: [job('A', 0, 0, 6, 0), job('B', 1, 6, 8, 5), job('C', 2, 8, 11, 6)],
      averages: { response: 3.667, turnaround: 7.333, waiting: 3.667 },
      utilization: 1,
      contextSwitches: 2,
      ticks: 11,
    };

    it('FIFO and non-preemptive SJF run A, B, C in turn', async () => {
      expect(await json('three.json', '--policy', 'fifo')).toEqual({ policy: 'fifo', ...fifo });
      expect(await json('three.json', '--policy', 'sjf')).toEqual({ policy: 'sjf', ...fifo });
    });

    it('STCF preempts A for B (2 < 5 left), then runs C (3) before A (5)', async () => {
      expect(await json('three.json', '--policy', 'stcf')).toEqual({
        policy: 'stcf',
        jobs: [job('A', 0, 0, 11, 5), job('B', 1, 1, 3, 0), job('C', 2, 3, 6, 1)],
        averages: { response: 0.333, turnaround: 5.667, waiting: 2 },
        utilization: 1,
        contextSwitches: 3,
        ticks: 11,
      });
    });

    it('priority preempts A (1) for B (0), then resumes A before C (2)', async () => {
      expect(await json('three.json', '--policy', 'priority')).toEqual({
        policy: 'priority',
        jobs: [job('A', 0, 0, 8, 2), job('B', 1, 1, 3, 0), job('C', 2, 8, 11, 6)],
        averages: { response: 2, turnaround: 6.333, waiting: 2.667 },
        utilization: 1,
        contextSwitches: 3,
        ticks: 11,
      });
    });

    it('RR with quantum 2 queues C (arriving at 2) before the preempted A', async () => {
      // A [0,2) → queue B, C, A; B [2,4) done; C [4,6); A [6,8); C [8,9) done; A [9,11) done.
      expect(await json('three.json', '--policy', 'rr', '--quantum', '2')).toEqual({
        policy: 'rr',
        jobs: [job('A', 0, 0, 11, 5), job('B', 1, 2, 4, 1), job('C', 2, 4, 9, 4)],
        averages: { response: 1, turnaround: 7, waiting: 3.333 },
        utilization: 1,
        contextSwitches: 5,
        ticks: 11,
      });
    });

    it('a context-switch cost delays every switched-to job and lowers utilisation', async () => {
      // FIFO with switchCost 1: A [0,6) (a core's first dispatch costs nothing); B switches at 6 and runs
      // [7,9); C switches at 9 and runs [10,13). 11 busy ticks of 13.
      const out = await json('switch.json', '--policy', 'fifo');
      expect(out.jobs).toEqual([
        expect.objectContaining({ name: 'A', completion: 6 }),
        expect.objectContaining({ name: 'B', completion: 9 }),
        expect.objectContaining({ name: 'C', completion: 13 }),
      ]);
      expect(out).toMatchObject({ utilization: 0.846, contextSwitches: 2, ticks: 13 });
    });
  },
);

describe.concurrent('sim CLI: bad input is refused with exit code 2 and an error naming the field', () => {
  const refused = async (args: string[], pattern: RegExp) => {
    const r = await sim(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
  };

  it('a wrong type for arrival', async () => {
    write('bad-arrival.json', { jobs: [{ name: 'A', arrival: '0', length: 5 }] });
    await refused(
      ['bad-arrival.json', '--policy', 'fifo'],
      /^sim: bad-arrival\.json: jobs\[0\]\.arrival: expected a number, got a text/,
    );
  });

  it('an unknown device', async () => {
    write('bad-device.json', {
      ioDevices: { disk: 5 },
      jobs: [{ name: 'A', program: ['cpu 1', 'io tape 3'] }],
    });
    await refused(['bad-device.json', '--policy', 'fifo'], /jobs\[0\]\.program\[1\]: no device named "tape"/);
  });

  it('a missing field', async () => {
    write('no-name.json', { jobs: [{ arrival: 0, length: 5 }] });
    await refused(['no-name.json', '--policy', 'fifo'], /jobs\[0\]\.name: /);
    write('no-work.json', { jobs: [{ name: 'A', arrival: 0 }] });
    await refused(
      ['no-work.json', '--policy', 'fifo'],
      /jobs\[0\]: give exactly one of "length", "program" or "threads"/,
    );
  });

  it('a file that is not JSON', async () => {
    write('broken.json', '{ "jobs": [ { "name": "A", ');
    await refused(['broken.json', '--policy', 'fifo'], /broken\.json is not valid JSON/);
  });

  it('an unknown or missing policy, and a quantum for a policy without one', async () => {
    await refused(
      ['workload.json', '--policy', 'lottery'],
      /--policy must be one of fifo, sjf, stcf, rr, priority/,
    );
    await refused(['workload.json'], /--policy must be one of/);
    await refused(
      ['workload.json', '--policy', 'fifo', '--quantum', '2'],
      /--quantum only applies to --policy rr/,
    );
    await refused(['workload.json', '--policy', 'rr', '--quantum', '0'], /--quantum must be a whole number/);
  });

  it('a file that does not exist', async () => {
    await refused(['nowhere.json', '--policy', 'fifo'], /cannot read nowhere\.json: ENOENT/);
  });
});
