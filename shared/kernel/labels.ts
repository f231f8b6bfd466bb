// How a thread is named on every screen: the one rule, with no dependency, so the lightest client
// module (the synced state's readers) can import it.

/** A thread the machine has no record of (not yet synced, or already reaped): its kernel number. */
export function unknownThreadLabel(tid: number): string {
  return `T${tid}`;
}

/** A thread's label: P3 for a single-threaded process, P3·T2 for the second thread of a multithreaded one. */
export function threadLabel(pid: number, threads: readonly number[], tid: number): string {
  return threads.length === 1 ? `P${pid}` : `P${pid}·T${threads.indexOf(tid) + 1}`;
}
