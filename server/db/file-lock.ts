// One server per SQLite file: two servers on one file each restored every live room and split classes
// into two machines. A lock file next to the database names the process using it; a second server
// refuses to start while that process lives (a lock left by a killed process is taken over).
import fs from 'node:fs';
import { dirname } from 'node:path';

/** A held lock; release() removes the file (only if it is still ours). */
export interface FileLock {
  readonly path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<databaseFile>.lock` or throws a message saying which process holds it and what to do. */
export function lockDatabaseFile(databaseFile: string): FileLock {
  const path = `${databaseFile}.lock`;
  fs.mkdirSync(dirname(databaseFile), { recursive: true });
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(path, mine, { flag: 'wx' });
      return {
        path,
        release: () => {
          try {
            if (fs.readFileSync(path, 'utf8') === mine) fs.unlinkSync(path);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number.parseInt(fs.readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(
          `Another Kernel Crew server (process ${holder}) is using the database ${databaseFile}. Stop it first, or give this server its own DATABASE_FILE (several servers share one database only through PostgreSQL: DATABASE_URL).`,
        );
      }
      // Left behind by a process that no longer runs (kill -9, power cut): take it over.
      fs.rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock file ${path}`);
}
