// Memory as the notes describe it (001): each PCB holds base/limit registers and a page table. A page
// maps a physical frame; fork shares the parent's frames with the child copy-on-write (code read-only,
// data and heap until one side writes), a store copies only the page it writes and only while another
// process still maps that frame, and exec, exit and free give frames back. Base/limit ranges of live
// processes never overlap: a process whose segments grow into a neighbour is moved to a free range.
import type { KernelState, Page, PageSegment, Process } from './types.ts';

/** Pages left free after each new process's range, so that a heap can grow in place for a while. */
export const GROWTH_GAP = 16;

const ORDER: Record<PageSegment, number> = { code: 0, data: 1, heap: 2, stack: 3 };

/** Whether a page's frame is also mapped by another process (so a write must copy it first). */
export function isShared(s: KernelState, page: Page): boolean {
  return (s.frames[page.frame]?.length ?? 0) > 1;
}

function insert(p: Process, page: Page): void {
  const pages = p.memory.pages;
  let at = pages.length;
  while (at > 0 && ORDER[pages[at - 1]!.seg] > ORDER[page.seg]) at--;
  pages.splice(at, 0, page);
}

/** Maps n fresh frames into a process's segment (a new program image, heap growth, a thread's stack). */
export function mapFresh(s: KernelState, p: Process, seg: PageSegment, n: number): void {
  for (let i = 0; i < n; i++) {
    const frame = s.nextFrame++;
    s.frames[frame] = [p.pid];
    insert(p, { seg, frame, copied: false });
  }
}

function drop(s: KernelState, pid: number, frame: number): number[] {
  const holders = (s.frames[frame] ?? []).filter((x) => x !== pid);
  if (holders.length === 0) delete s.frames[frame];
  else s.frames[frame] = holders;
  return holders;
}

/** Unmaps pages of a process (the last n of a segment, or every page when seg is null); returns who shared them. */
export function unmap(s: KernelState, p: Process, seg: PageSegment | null, n = Infinity): number[] {
  const affected = new Set<number>();
  const pages = p.memory.pages;
  for (let i = pages.length - 1; i >= 0 && n > 0; i--) {
    if (seg !== null && pages[i]!.seg !== seg) continue;
    for (const other of drop(s, p.pid, pages[i]!.frame)) affected.add(other);
    pages.splice(i, 1);
    n--;
  }
  return [...affected];
}

/** fork: the child maps the parent's code, data and heap frames (its own stack it already has). */
export function shareWithChild(s: KernelState, parent: Process, child: Process): void {
  unmap(s, child, 'code');
  unmap(s, child, 'data');
  unmap(s, child, 'heap');
  for (const page of parent.memory.pages) {
    if (page.seg === 'stack') continue;
    s.frames[page.frame]!.push(child.pid);
    insert(child, { seg: page.seg, frame: page.frame, copied: false });
  }
  refreshSharing(s, [parent.pid, child.pid, ...sharersOf(s, parent)]);
}

/** The data page a variable lives on (variables are spread over the data segment's pages by name). */
function pageOf(p: Process, name: string): Page | undefined {
  const data = p.memory.pages.filter((x) => x.seg === 'data');
  if (data.length === 0) return undefined;
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return data[h % data.length];
}

/** A store to a private variable: copies its page first if another process still maps it; returns pages copied. */
export function writeVar(s: KernelState, p: Process, name: string): number {
  const page = pageOf(p, name);
  if (!page || !isShared(s, page)) return 0;
  const others = drop(s, p.pid, page.frame);
  const frame = s.nextFrame++;
  s.frames[frame] = [p.pid];
  page.frame = frame;
  page.copied = true;
  refreshSharing(s, [p.pid, ...others]);
  return 1;
}

function sharersOf(s: KernelState, p: Process): number[] {
  const out = new Set<number>();
  for (const page of p.memory.pages) {
    if (page.seg === 'code' || page.seg === 'stack') continue;
    for (const pid of s.frames[page.frame] ?? []) if (pid !== p.pid) out.add(pid);
  }
  return [...out].sort((a, b) => a - b);
}

/** Recomputes the copy-on-write figures of these processes' PCBs (pages still shared, and with whom). */
export function refreshSharing(s: KernelState, pids: Iterable<number>): void {
  for (const pid of new Set(pids)) {
    const p = s.processes[pid];
    if (!p) continue;
    let shared = 0;
    for (const page of p.memory.pages)
      if ((page.seg === 'data' || page.seg === 'heap') && isShared(s, page)) shared++;
    p.memory.cowPages = shared;
    p.memory.sharers = sharersOf(s, p);
    p.memory.cowWith = p.memory.sharers[0] ?? null;
  }
}

/**
 * Keeps base/limit ranges disjoint: when a live process's range overlaps another live process's
 * (its heap or stack grew), it moves to the lowest free range that holds it, as a relocating
 * allocator would. Returns whether it moved.
 */
export function place(s: KernelState, p: Process): boolean {
  const size = p.memory.limit;
  if (p.terminated || size === 0) return false;
  const others = Object.values(s.processes)
    .filter((o) => o.pid !== p.pid && !o.terminated && o.memory.limit > 0)
    .map((o) => [o.memory.base, o.memory.base + o.memory.limit] as const)
    .sort((a, b) => a[0] - b[0]);
  const overlaps = (base: number) => others.some(([b, e]) => base < e && b < base + size);
  if (!overlaps(p.memory.base)) return false;
  let base = 0;
  for (const [b, e] of others) {
    if (base + size <= b) break;
    base = Math.max(base, e);
  }
  p.memory.base = base;
  s.nextBase = Math.max(s.nextBase, base + size + GROWTH_GAP);
  return true;
}

/** How a page-table entry reads in the PCB: read-only code, shared copy-on-write, copied on a write, or private. */
export type PageMark = 'read-only' | 'shared' | 'copied' | 'private';

/** A process's page table with each page's mark, for the PCB view (the projection carries it as is). */
export function pageTable(
  s: KernelState,
  p: Process,
): { seg: PageSegment; frame: number; mark: PageMark; shared: boolean }[] {
  return p.memory.pages.map((page) => {
    const shared = isShared(s, page);
    const mark: PageMark =
      page.seg === 'code' ? 'read-only' : shared ? 'shared' : page.copied ? 'copied' : 'private';
    return { seg: page.seg, frame: page.frame, mark, shared };
  });
}
