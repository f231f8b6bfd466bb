// Builds the client once for all end-to-end files: skipped when nothing it depends on changed, locked against parallel workers.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';

/** The repository root (tests run from it, but do not rely on that). */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** Where vite.config.ts puts the built client. */
export const CLIENT_DIST = join(ROOT, 'dist', 'client');

const STAMP = join(ROOT, 'dist', '.client-build-hash');
const LOCK = join(ROOT, 'dist', '.client-build-lock');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** A hash of everything the build reads that we change: client sources, shared/, build/ (font subsetting), Vite config and the lockfile. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(join(ROOT, 'client')),
    join(ROOT, 'vite.config.ts'),
    join(ROOT, 'package-lock.json'),
    join(ROOT, 'shared'),
    join(ROOT, 'build'),
  ]
    .flatMap((path) => (existsSync(path) && statSync(path).isDirectory() ? filesUnder(path) : [path]))
    .filter((path) => existsSync(path))
    .sort();
  for (const path of inputs) hash.update(path).update(readFileSync(path));
  // Vite reads NODE_ENV for import.meta.env.PROD: under vitest (NODE_ENV=test) the build has no service worker
  // registration, so a bench run through tsx must not reuse a build made by the e2e tests.
  hash.update(`NODE_ENV=${process.env.NODE_ENV ?? ''}`);
  return hash.digest('hex');
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes is from a crashed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('Timed out waiting for another client build');
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Makes sure dist/client is a production build of the current sources; returns its directory. */
export async function ensureClientBuilt(): Promise<string> {
  return withLock(async () => {
    const hash = sourceHash();
    const fresh =
      existsSync(join(CLIENT_DIST, 'index.html')) &&
      existsSync(STAMP) &&
      readFileSync(STAMP, 'utf8') === hash;
    if (!fresh) {
      await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
      writeFileSync(STAMP, hash);
    }
    return CLIENT_DIST;
  });
}
