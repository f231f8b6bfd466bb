// "Where is the app": the one function e2e tests call to get a running client. Today Vite's preview server; later the game server.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { preview } from 'vite';
import { ensureClientBuilt, ROOT } from './build-client.ts';

/** A running app the browser can load. */
export interface RunningApp {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Builds the client if needed and serves it. To test against the game server instead, start it here
 * (serving dist/client) and return its origin: no test needs to change.
 */
export async function startApp(): Promise<RunningApp> {
  await ensureClientBuilt();
  const port = await freePort();
  const server = await preview({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => server.close() };
}
