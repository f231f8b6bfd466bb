// A short run of `npm run load` (the long runs stay out of the suite): its server child, clients and
// report work end to end, and the last line is the JSON report with every figure.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

it('npm run load reports latency, CPU, memory, bandwidth and initial state as JSON', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/cli/load.ts',
      '--rooms',
      '2',
      '--players',
      '6',
      '--minutes',
      '0.15',
      '--no-pin',
    ],
    { cwd: root, timeout: 90_000 },
  );
  const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown> & {
    echoMs: { n: number; p99: number };
    joinErrors: number;
    connectedClients: number;
  };
  expect(report.connectedClients).toBe(14);
  expect(report.joinErrors).toBe(0);
  expect(report.echoMs.n).toBeGreaterThan(0);
  expect(report.initialStateBytes).toBeLessThan(16 * 1024);
  expect(report.bandwidthPerClientBytesPerSec).toBeLessThan(4 * 1024);
  for (const key of [
    'serverCpuPercentPer100Players',
    'serverEventLoopDelayMs',
    'serverStepMs',
    'serverPatchMs',
    'serverGcPauseMs',
    'heapForcedGcMB',
    'memory',
  ])
    expect(report[key]).not.toBeNull();
}, 100_000);
