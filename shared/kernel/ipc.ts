// IPC channels with the semantics of the notes: anonymous pipes (one-way, parent and child only),
// named pipes, message queues, TCP and UDP sockets (latency; UDP loses and reorders through the seeded
// generator), files (kept, read at each reader's own offset) and shared memory (visible at once).
import { block, proc, thread, unblock, type Emit } from './machine.ts';
import { nextInt, nextRandom } from './rng.ts';
import { CHANNEL_KINDS, SHM_ATTACH_COST } from './scenario.ts';
import type { Channel, IpcRefusal, KernelState, Message, Process, Thread } from './types.ts';

/** Ticks of CPU one send or receive costs on this channel kind. */
export function channelCost(c: Channel): number {
  return CHANNEL_KINDS[c.spec.kind].cost;
}

/** Whether the channel promises in-order delivery (so a late older message is an error). */
export function isOrdered(c: Channel): boolean {
  return CHANNEL_KINDS[c.spec.kind].ordered;
}

/** Whether a send now would have to wait for room. */
export function isFull(c: Channel): boolean {
  if (c.spec.kind === 'shm') return false;
  if (c.spec.kind === 'file') return c.buffer.length >= c.spec.capacity;
  return c.inFlight.length + c.buffer.length >= c.spec.capacity;
}

/** Anonymous pipes: does this process hold the pipe's descriptor (created it or inherited it), and which end? */
function pipeRefusal(
  c: Channel,
  p: Process,
  sending: boolean,
): 'not-related' | 'read-end' | 'write-end' | null {
  if (c.spec.kind !== 'pipe') return null;
  const pid = p.pid;
  if (!p.openFiles.includes(c.spec.name)) return 'not-related';
  if (sending) return c.writer !== null && c.writer !== pid ? 'read-end' : null;
  return c.writer === pid ? 'write-end' : null;
}

/**
 * Kinds one kernel keeps (003): an anonymous pipe (its creator's), a message queue and shared memory
 * (the host of their first user). A process on another host cannot reach them; a named pipe, a socket
 * and a file (a file server) it can.
 */
function hostRefusal(s: KernelState, c: Channel, p: Process): 'other-host' | null {
  if (s.scenario.hosts.length < 2) return null;
  const kind = c.spec.kind;
  if (kind !== 'pipe' && kind !== 'mq' && kind !== 'shm') return null;
  if (c.host === null) {
    if (kind !== 'pipe') c.host = p.host; // a pipe's host is its creator's (createProcess)
    return null;
  }
  return c.host === p.host ? null : 'other-host';
}

function refuse(s: KernelState, t: Thread, c: Channel, why: IpcRefusal, emit: Emit): void {
  s.counters.refusedIpc++;
  emit({ tick: s.tick, type: 'ipc-refused', channel: c.spec.name, tid: t.tid, why });
  t.pc++; // the call fails (EBADF) and the program goes on
}

/** A process's first use of a shared-memory channel attaches the segment (threads of one process never pay it). */
function attachCost(c: Channel, p: Process): number {
  return c.spec.kind === 'shm' && !p.openFiles.includes(c.spec.name) ? SHM_ATTACH_COST : 0;
}

function open(s: KernelState, t: Thread, c: Channel): void {
  const p = proc(s, t.pid);
  if (!p.openFiles.includes(c.spec.name)) p.openFiles.push(c.spec.name);
}

/**
 * The first send on an anonymous pipe makes its process the write end; that process's own threads
 * already waiting to read the pipe are refused now, as they would have been had the send come first.
 */
function fixWriteEnd(s: KernelState, c: Channel, pid: number, emit: Emit): void {
  c.writer = pid;
  for (const tid of [...c.receivers]) {
    const r = thread(s, tid);
    if (r.pid !== pid) continue;
    c.receivers = c.receivers.filter((x) => x !== tid);
    s.counters.refusedIpc++;
    emit({ tick: s.tick, type: 'ipc-refused', channel: c.spec.name, tid, why: 'write-end' });
    r.pc++;
    unblock(s, r, emit);
  }
}

/** The `send CH msg` instruction. */
export function send(s: KernelState, t: Thread, name: string, msg: string, emit: Emit): void {
  const c = s.channels[name]!;
  const p = proc(s, t.pid);
  const why = hostRefusal(s, c, p) ?? pipeRefusal(c, p, true);
  if (why) {
    refuse(s, t, c, why, emit);
    return;
  }
  if (c.spec.kind === 'pipe' && c.writer === null) fixWriteEnd(s, c, p.pid, emit);
  const attach = attachCost(c, p);
  open(s, t, c);
  if (c.spec.kind === 'shm') {
    c.value = msg;
    c.sent++;
    emit({ tick: s.tick, type: 'message-sent', channel: name, message: 0, tid: t.tid });
    t.pc++;
    t.owed = channelCost(c) + attach;
    return;
  }
  if (isFull(c)) {
    t.pendingSend = msg;
    c.senders.push(t.tid);
    block(s, t, { on: 'send', channel: name }, emit);
    return;
  }
  t.pc++;
  t.owed = channelCost(c) + remoteFileTicks(s, c, p);
  enqueue(s, c, t, msg, emit);
}

/**
 * Two-way channels between ends (003: a named pipe's server and clients, a socket's two ends): a
 * process never reads back its own message, and a reply goes to the process it answers.
 */
export function isTwoWay(c: Channel): boolean {
  return c.spec.kind === 'fifo' || c.spec.kind === 'tcp' || c.spec.kind === 'udp';
}

/**
 * Extra ticks a call on a file costs a process on another host than the disk that holds the file (its
 * first user's): it reaches the one copy over the network. The processors of one computer share that
 * copy on its disk for nothing more (003: sharing one copy of data on one disk is cheap).
 */
function remoteFileTicks(s: KernelState, c: Channel, p: Process): number {
  if (c.spec.kind !== 'file' || s.scenario.hosts.length < 2) return 0;
  c.host ??= p.host;
  return c.host === p.host ? 0 : s.scenario.networkLatency;
}

/** Ticks more a message takes when the process it is for runs on another host (it crosses the network). */
function networkTicks(s: KernelState, from: number, to: number | null): number {
  if (to === null || s.scenario.hosts.length < 2) return 0;
  return s.processes[to]?.host === s.processes[from]?.host ? 0 : s.scenario.networkLatency;
}

function enqueue(s: KernelState, c: Channel, t: Thread, payload: string, emit: Emit): void {
  const server = c.spec.server === null ? undefined : s.arrivedPids[c.spec.server];
  const to = !isTwoWay(c)
    ? null
    : server !== undefined && t.pid !== server
      ? server
      : (c.replyTo[t.pid] ?? null);
  const m: Message = {
    id: s.nextMessageId++,
    seq: c.nextSeq++,
    from: t.tid,
    fromPid: t.pid,
    payload,
    to,
    sentAt: s.tick,
    readyAt: s.tick + c.spec.latency + networkTicks(s, t.pid, to),
  };
  c.sent++;
  emit({ tick: s.tick, type: 'message-sent', channel: c.spec.name, message: m.id, tid: t.tid });
  if (c.spec.kind === 'udp') {
    if (nextRandom(s) < c.spec.loss) {
      c.dropped++;
      s.counters.messagesDropped++;
      emit({ tick: s.tick, type: 'message-dropped', channel: c.spec.name, message: m.id });
      return;
    }
    m.readyAt += nextInt(s, c.spec.jitter + 1);
  }
  if (c.spec.kind === 'file') {
    // A file is written at once and kept; readers find it there.
    c.buffer.push(m);
    c.delivered++;
    c.lastDeliveredSeq = m.seq;
    emit({ tick: s.tick, type: 'message-delivered', channel: c.spec.name, message: m.id, seq: m.seq });
    handToReceivers(s, c, emit);
    return;
  }
  c.inFlight.push(m);
  if (s.scenario.auto.delivery) deliverDue(s, c, emit);
}

/** The `recv CH` instruction. */
export function receive(s: KernelState, t: Thread, name: string, emit: Emit, timeout?: number): void {
  const c = s.channels[name]!;
  const p = proc(s, t.pid);
  const why = hostRefusal(s, c, p) ?? pipeRefusal(c, p, false);
  if (why) {
    refuse(s, t, c, why, emit);
    return;
  }
  const attach = attachCost(c, p);
  open(s, t, c);
  if (c.spec.kind === 'shm') {
    t.lastMessage = c.value ?? '';
    emit({ tick: s.tick, type: 'message-received', channel: name, message: 0, tid: t.tid });
    t.pc++;
    t.owed = channelCost(c) + attach;
    return;
  }
  const m = take(c, t.pid);
  if (!m) {
    c.receivers.push(t.tid);
    block(
      s,
      t,
      timeout === undefined
        ? { on: 'recv', channel: name }
        : { on: 'recv', channel: name, deadline: s.tick + timeout },
      emit,
    );
    return;
  }
  t.lastMessage = m.payload;
  t.pc++;
  t.owed = channelCost(c) + remoteFileTicks(s, c, p);
  emit({ tick: s.tick, type: 'message-received', channel: name, message: m.id, tid: t.tid });
  admitSenders(s, c, emit);
}

/** Whether a reader in this process would find a message for it now (so it must not be waiting to receive). */
export function hasMessageFor(c: Channel, pid: number): boolean {
  if (c.spec.kind === 'file') return (c.readOffsets[pid] ?? 0) < c.buffer.length;
  if (!isTwoWay(c)) return c.buffer.length > 0;
  return c.buffer.some((m) => m.fromPid !== pid && (m.to === null || m.to === pid));
}

/** Receivers whose timeout has passed give up: the call returns without a message and the program goes on. */
export function expireReceives(s: KernelState, emit: Emit): void {
  for (const name in s.channels) {
    const c = s.channels[name]!;
    if (c.receivers.length === 0) continue;
    for (const tid of [...c.receivers]) {
      const t = thread(s, tid);
      const b = t.blocked;
      if (b?.on !== 'recv' || b.deadline === undefined || b.deadline > s.tick) continue;
      const instr = t.program[t.pc];
      c.receivers = c.receivers.filter((x) => x !== tid);
      t.lastMessage = null;
      t.pc++;
      emit({
        tick: s.tick,
        type: 'recv-timeout',
        channel: name,
        tid,
        waited: instr?.op === 'recv' ? (instr.timeout ?? 0) : 0,
      });
      unblock(s, t, emit);
    }
  }
}

/** The next message for this reader: files keep their contents, every other kind hands it over. */
function take(c: Channel, pid: number): Message | undefined {
  if (c.spec.kind === 'file') {
    const at = c.readOffsets[pid] ?? 0;
    if (at >= c.buffer.length) return undefined;
    c.readOffsets[pid] = at + 1;
    return c.buffer[at];
  }
  if (!isTwoWay(c)) return c.buffer.shift();
  const at = c.buffer.findIndex((m) => m.fromPid !== pid && (m.to === null || m.to === pid));
  if (at < 0) return undefined;
  const m = c.buffer.splice(at, 1)[0]!;
  c.replyTo[pid] = m.fromPid;
  return m;
}

function handToReceivers(s: KernelState, c: Channel, emit: Emit): void {
  const waiting = [...c.receivers];
  for (const tid of waiting) {
    const r = thread(s, tid);
    const m = take(c, r.pid);
    if (!m) continue;
    c.receivers = c.receivers.filter((x) => x !== tid);
    r.lastMessage = m.payload;
    r.pc++;
    r.owed = channelCost(c) + remoteFileTicks(s, c, proc(s, r.pid));
    emit({ tick: s.tick, type: 'message-received', channel: c.spec.name, message: m.id, tid });
    unblock(s, r, emit);
  }
  admitSenders(s, c, emit);
}

function admitSenders(s: KernelState, c: Channel, emit: Emit): void {
  while (c.senders.length > 0 && !isFull(c)) {
    const w = thread(s, c.senders.shift()!);
    const payload = w.pendingSend ?? '';
    w.pendingSend = null;
    w.pc++;
    w.owed = channelCost(c) + remoteFileTicks(s, c, proc(s, w.pid));
    unblock(s, w, emit);
    enqueue(s, c, w, payload, emit);
  }
}

/** Moves one message from in flight into the channel's buffer (the channel role's action). */
export function deliver(s: KernelState, c: Channel, m: Message, emit: Emit): void {
  c.inFlight = c.inFlight.filter((x) => x.id !== m.id);
  if (isOrdered(c) && m.seq < c.lastDeliveredSeq) {
    s.counters.outOfOrder++;
    emit({
      tick: s.tick,
      type: 'out-of-order',
      channel: c.spec.name,
      seq: m.seq,
      expected: c.lastDeliveredSeq + 1,
    });
  }
  c.lastDeliveredSeq = Math.max(c.lastDeliveredSeq, m.seq);
  c.buffer.push(m);
  c.delivered++;
  emit({ tick: s.tick, type: 'message-delivered', channel: c.spec.name, message: m.id, seq: m.seq });
  handToReceivers(s, c, emit);
}

/** The messages the channel role should deliver now to keep the channel's promises, in order. */
export function dueMessages(s: KernelState, c: Channel): Message[] {
  if (c.inFlight.length === 0) return []; // the usual case, checked on every channel at every tick
  const ready = c.inFlight.filter((m) => m.readyAt <= s.tick);
  if (!isOrdered(c)) return ready.sort((a, b) => a.readyAt - b.readyAt || a.seq - b.seq);
  // Ordered: never overtake an older message still travelling.
  const bySeq = [...c.inFlight].sort((a, b) => a.seq - b.seq);
  const out: Message[] = [];
  for (const m of bySeq) {
    if (m.readyAt > s.tick) break;
    out.push(m);
  }
  return out;
}

/** Delivers every due message of a channel (the kernel does this itself when delivery is automatic). */
export function deliverDue(s: KernelState, c: Channel, emit: Emit): void {
  for (const m of dueMessages(s, c)) deliver(s, c, m, emit);
}
