// A database write that fails as SQLite does when the disk is full, for the tests of what a server does
// with a report it cannot store yet (the journal, the report outbox).

/** The error SQLite gives when the disk is full. */
export function diskFullError(): Error {
  return Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13 });
}

/** What a test controls: whether the disk is full (it starts full), and how many writes were tried. */
export interface FullDisk {
  full: boolean;
  attempts: number;
}

/** Makes `repo[method]` fail with a full disk while `full` holds, counting every call; the real write runs otherwise. */
export function fillDisk<R extends object, K extends keyof R>(repo: R, method: K): FullDisk {
  const write = repo[method] as (...args: unknown[]) => Promise<unknown>;
  const disk: FullDisk = { full: true, attempts: 0 };
  (repo as Record<K, unknown>)[method] = async (...args: unknown[]) => {
    disk.attempts++;
    if (disk.full) throw diskFullError();
    return write.apply(repo, args);
  };
  return disk;
}
