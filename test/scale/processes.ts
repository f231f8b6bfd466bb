// Real server processes for the scale and recovery suites: `node --import tsx server/main.ts` with its
// own environment, waited on until it listens, killed with any signal.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A running server process. */
export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts server/main.ts with `env` on a free port; resolves once it prints its address. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CLIENT_DIR: '/nonexistent', ...env },
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes('is running on')) {
        clearInterval(t);
        resolve();
      }
    }, 25);
    void exited.then(() => {
      clearInterval(t);
      reject(new Error(`server exited early:\n${out}`));
    });
    setTimeout(() => {
      clearInterval(t);
      reject(new Error(`server did not start:\n${out}`));
    }, 30_000);
  });
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}
