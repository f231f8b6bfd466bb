// SQLite shared with another process: a lock held elsewhere never stops the event loop (writes wait on a
// timer and go through once it is free), and a second server on the same file refuses to start.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.ts';
import { startServerProcess } from '../scale/processes.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-crew-lock-'));
const file = path.join(dir, 'kc.sqlite');
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Another process that takes the database's write lock, says so, and holds it for `ms`. */
function holdLock(ms: number): Promise<{ released: Promise<void> }> {
  const script = `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE'); console.log('locked'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve) =>
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve({ released });
    }),
  );
}

it(
  'keeps the event loop running while another process holds the SQLite lock, and writes once it is free',
  { timeout: 60_000 },
  async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      clientDir: '/nonexistent',
      database: { kind: 'sqlite', file },
      saveRooms: false,
    });
    const { released } = await holdLock(3000);
    let last = performance.now();
    let maxGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const signUp = fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `lock-${Date.now()}@school.example`,
        password: 'correct horse battery',
        displayName: 'Lock',
      }),
    });
    // Meanwhile the server answers what needs no write.
    const health = await fetch(`${server.url}/api/health`);
    const healthMs = performance.now() - started;
    expect(health.status).toBe(200);
    const res = await signUp;
    clearInterval(ticker);
    await released;
    expect(res.status).toBe(202);
    expect(healthMs).toBeLessThan(750);
    // Busy-waiting inside SQLite would stop this process's loop (the server's: it runs in this process) for the whole 3 s.
    expect(maxGap).toBeLessThan(750);
  },
);

it(
  'refuses to start a second server on the same SQLite file, saying which process holds it',
  { timeout: 60_000 },
  async () => {
    expect(server).not.toBeNull();
    await expect(startServerProcess({ DATABASE_FILE: file })).rejects.toThrow(
      new RegExp(`Another Kernel Crew server \\(process ${process.pid}\\) is using the database`),
    );
  },
);
