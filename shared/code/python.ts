// The Python view: the notes' own style (os.fork / multiprocessing.Process, threading.Thread, Lock,
// Semaphore, os.pipe, multiprocessing.Queue, shared_memory, socket), one line per instruction.
import type { Instr } from '../kernel/types.ts';
import type { CodeContext } from './context.ts';
import { Names, pyBytes, pyString } from './names.ts';
import {
  baseName,
  isCodeSegment,
  Lines,
  programUse,
  slotOf,
  toView,
  type CodeView,
  type ProgramUse,
  PORT_BASE,
} from './program-use.ts';
import { comment, type CommentLanguage } from './texts.ts';

/** Renders the program as a complete Python 3 module whose main (or thread) function is line-matched to it. */
export function renderPython(program: readonly Instr[], ctx: CodeContext, lang: CommentLanguage): CodeView {
  const use = programUse(program, ctx);
  const names = new Names();
  const out = new Lines();
  const who = ctx.threadIndex === 0 ? ctx.process : `${ctx.process} · thread ${ctx.threadIndex + 1}`;
  out.add(`# ${comment('header', lang, { who, as: 'Python' })}`);
  // Imports, only those used.
  const ops = use.ops;
  const imports: string[] = [];
  const needOs =
    ops.has('fork') ||
    ops.has('exec') ||
    use.devices.some((d) => d !== 'keyboard' && d !== 'clock') ||
    use.channels.some((c) => ['pipe', 'fifo'].includes(ctx.channels[c]?.kind ?? 'pipe'));
  if (needOs) imports.push('import os');
  if (use.timeouts) imports.push('import select');
  if (use.channels.some((c) => ['tcp', 'udp'].includes(ctx.channels[c]?.kind ?? '')))
    imports.push('import socket');
  if (use.devices.includes('clock')) imports.push('import time');
  if (ops.has('fault')) imports.push('import ctypes');
  if (ops.has('spawn') || use.locks.length > 0 || ctx.threadIndex > 0) imports.push('import threading');
  if ([...use.segments.keys()].some(isCodeSegment)) imports.push('import mmap');
  if (ops.has('io-async') || ops.has('await'))
    imports.push('from concurrent.futures import ThreadPoolExecutor, wait as wait_all');
  const mp: string[] = [];
  if (
    ops.has('fork') &&
    [...program, ...use.callees.flatMap((c) => ctx.programs[c] ?? [])].some(
      (i) => i.op === 'fork' && i.program !== null,
    )
  )
    mp.push('Process');
  if (ops.has('join')) mp.push('active_children');
  if (use.channels.some((c) => ctx.channels[c]?.kind === 'mq')) mp.push('Queue');
  if (use.semaphores.length > 0) mp.push('Semaphore');
  if (mp.length > 0) imports.push(`from multiprocessing import ${mp.join(', ')}`);
  if (
    [...use.segments.keys()].some((s) => !isCodeSegment(s)) ||
    use.channels.some((c) => ctx.channels[c]?.kind === 'shm')
  ) {
    imports.push('from multiprocessing import shared_memory');
  }
  for (const i of imports) out.add(i);
  out.add('');

  // Declarations: the data, the synchronisation objects, the channels and devices.
  if (use.timeouts) out.add('TICK = 0.1  # seconds per machine tick');
  if (ops.has('alloc') || ops.has('free')) {
    out.add('PAGE = 4096');
    out.add('heap = []');
  }
  if (ops.has('io-async') || ops.has('await')) {
    out.add('pool = ThreadPoolExecutor()');
    out.add('pending = []');
  }
  for (const v of use.vars)
    out.add(`${names.id('var', v)} = ${ctx.vars[v] ?? 0}  # ${comment('data', lang)}`);
  for (const [seg, vars] of use.segments) {
    const id = names.id('seg', seg);
    const init = vars.map((v) => ctx.shared[seg]?.[v] ?? 0);
    if (isCodeSegment(seg)) {
      out.add(
        `${id} = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ)  # read-only, like the code segment`,
      );
      out.add(`${id}_vars = memoryview(${id}).cast('q')  # ${vars.join(', ')}`);
    } else {
      out.add(`${id} = shared_memory.SharedMemory(name=${pyString(seg)}, create=True, size=4096)`);
      out.add(`${id}_vars = ${id}.buf.cast('q')  # ${vars.join(', ')}`);
      init.forEach((x, k) => {
        if (x !== 0) out.add(`${id}_vars[${k}] = ${x}`);
      });
    }
  }
  for (const l of use.locks) out.add(`${names.id('lock', l)} = threading.Lock()`);
  for (const s of use.semaphores) out.add(`${names.id('sem', s)} = Semaphore(${ctx.semaphores[s] ?? 0})`);
  use.channels.forEach((c, k) => {
    const id = names.id('ch', c);
    const ch = ctx.channels[c] ?? { kind: 'pipe', capacity: 1 };
    switch (ch.kind) {
      case 'pipe':
        out.add(`${id}_r, ${id}_w = os.pipe()  # anonymous pipe: one-way, parent and child`);
        break;
      case 'fifo':
        out.add(
          `if not os.path.exists(${pyString(`/tmp/${c}`)}): os.mkfifo(${pyString(`/tmp/${c}`)})  # named pipe`,
        );
        out.add(`${id} = os.open(${pyString(`/tmp/${c}`)}, os.O_RDWR)`);
        break;
      case 'mq':
        out.add(`${id} = Queue(maxsize=${ch.capacity})  # message queue`);
        break;
      case 'shm':
        out.add(`${id} = shared_memory.SharedMemory(name=${pyString(c)}, create=True, size=64)`);
        break;
      case 'tcp':
        out.add(
          `${id} = socket.create_connection(('localhost', ${PORT_BASE + k}))  # TCP: reliable, ordered`,
        );
        break;
      case 'udp':
        out.add(`${id} = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # UDP: may drop or reorder`);
        out.add(`${id}.connect(('localhost', ${PORT_BASE + k}))`);
        break;
      case 'file':
        out.add(`${id} = open(${pyString(`${c}.txt`)}, 'a+')  # a file both sides open`);
        break;
    }
  });
  for (const d of use.devices)
    if (d !== 'keyboard' && d !== 'clock')
      out.add(`${names.id('dev', d)} = os.open(${pyString(`${d}.dat`)}, os.O_RDONLY | os.O_CREAT)`);
  if (ops.has('cpu')) {
    out.add('');
    out.add('def compute(ticks):');
    out.add('    for _ in range(ticks * 100_000):  # CPU work, nothing else');
    out.add('        pass');
  }

  // The called programs, then the thread's own code.
  for (const callee of use.callees) {
    out.add('');
    body(out, names, use, ctx, lang, `def ${names.id('fn', callee)}():`, ctx.programs[callee] ?? [], false);
  }
  out.add('');
  const fn = ctx.threadIndex === 0 ? 'main' : 'thread';
  body(out, names, use, ctx, lang, `def ${fn}():`, program, true);
  out.add('');
  out.add("if __name__ == '__main__':");
  if (ctx.threadIndex === 0) out.add('    main()');
  else {
    out.add('    worker = threading.Thread(target=thread)');
    out.add('    worker.start()');
    out.add('    worker.join()');
  }
  return toView(`${baseName(ctx)}.py`, out, program.length);
}

function body(
  out: Lines,
  names: Names,
  use: ProgramUse,
  ctx: CodeContext,
  lang: CommentLanguage,
  head: string,
  program: readonly Instr[],
  own: boolean,
): void {
  out.add(head);
  const stored = [
    ...new Set(
      program.flatMap((i) => (i.op === 'store' && !i.var.includes('.') ? [names.id('var', i.var)] : [])),
    ),
  ];
  if (stored.length > 0) out.add(`    global ${stored.join(', ')}`);
  if (program.some((i) => i.op === 'load' || i.op === 'add' || i.op === 'store'))
    out.add(`    reg = 0  # ${comment('register', lang)}`);
  if (program.length === 0) out.add(`    pass  # ${comment('empty', lang)}`);
  program.forEach((i, k) => {
    const next = program[k + 1];
    const after = program[k + 2];
    if (i.op === 'load' && next?.op === 'add' && after?.op === 'store' && after.var === i.var) {
      out.add(`    # ${comment('steps', lang, { var: i.var, n: next.n })}`);
    }
    out.add(`    ${line(i, names, use, ctx)}`, own ? k : -1);
  });
}

function varRef(name: string, names: Names, use: ProgramUse): string {
  const slot = slotOf(use, name);
  if (slot === null) return names.id('var', name);
  return `${names.id('seg', slot.segment)}_vars[${slot.slot}]`;
}

function line(i: Instr, names: Names, use: ProgramUse, ctx: CodeContext): string {
  switch (i.op) {
    case 'cpu':
      return `compute(${i.n})`;
    case 'io':
      if (i.device === 'keyboard') return 'input()  # keyboard: Blocked until the user types';
      if (i.device === 'clock') return `time.sleep(${i.n ?? 1})  # the clock device`;
      return `os.read(${names.id('dev', i.device)}, 4096)  # Blocked until ${i.device} answers`;
    case 'io-async': {
      const dev =
        i.device === 'keyboard'
          ? 'input'
          : i.device === 'clock'
            ? 'time.sleep, 1'
            : `os.read, ${names.id('dev', i.device)}, 4096`;
      return `pending.append(pool.submit(${dev}))`;
    }
    case 'await':
      return 'wait_all(pending)';
    case 'fork':
      return i.program === null ? 'pid = os.fork()' : `Process(target=${names.id('fn', i.program)}).start()`;
    case 'exec':
      return `os.execvp(${pyString(i.program)}, [${pyString(i.program)}])`;
    case 'spawn':
      return `threading.Thread(target=${names.id('fn', i.program)}).start()`;
    case 'join':
      return 'for running in active_children(): running.join()';
    case 'lock':
      return `${names.id('lock', i.name)}.acquire()`;
    case 'unlock':
      return `${names.id('lock', i.name)}.release()`;
    case 'wait':
      return `${names.id('sem', i.name)}.acquire()`;
    case 'signal':
      return `${names.id('sem', i.name)}.release()`;
    case 'load':
      return `reg = ${varRef(i.var, names, use)}  # load ${i.var}`;
    case 'add':
      return i.n < 0 ? `reg = reg - ${-i.n}` : `reg = reg + ${i.n}`;
    case 'store':
      return `${varRef(i.var, names, use)} = reg  # store ${i.var}`;
    case 'alloc':
      return `heap.append(bytearray(${i.n} * PAGE))`;
    case 'free':
      return `if heap: heap.pop()  # pages: ${i.n}`;
    case 'send':
      return send(i.channel, i.msg, names, ctx);
    case 'recv':
      return recv(i.channel, i.timeout, names, ctx);
    case 'fault':
      return 'ctypes.string_at(0)  # reads address 0: segmentation fault';
    case 'exit':
      return 'return';
  }
}

function send(channel: string, msg: string, names: Names, ctx: CodeContext): string {
  const id = names.id('ch', channel);
  switch (ctx.channels[channel]?.kind ?? 'pipe') {
    case 'pipe':
      return `os.write(${id}_w, ${pyBytes(msg)})`;
    case 'fifo':
      return `os.write(${id}, ${pyBytes(msg)})`;
    case 'mq':
      return `${id}.put(${pyString(msg)})`;
    case 'shm':
      return `${id}.buf[:${new TextEncoder().encode(msg).length}] = ${pyBytes(msg)}`;
    case 'tcp':
      return `${id}.sendall(${pyBytes(msg)})`;
    case 'udp':
      return `${id}.send(${pyBytes(msg)})`;
    case 'file':
      return `${id}.write(${pyString(`${msg}\n`).replace('\n', '\\n')}); ${id}.flush()`;
  }
}

function recv(channel: string, timeout: number | undefined, names: Names, ctx: CodeContext): string {
  const id = names.id('ch', channel);
  const kind = ctx.channels[channel]?.kind ?? 'pipe';
  const wait = timeout === undefined ? '' : `${timeout} * TICK`;
  switch (kind) {
    case 'pipe':
      return timeout === undefined
        ? `msg = os.read(${id}_r, 64)`
        : `msg = os.read(${id}_r, 64) if select.select([${id}_r], [], [], ${wait})[0] else None`;
    case 'fifo':
      return timeout === undefined
        ? `msg = os.read(${id}, 64)`
        : `msg = os.read(${id}, 64) if select.select([${id}], [], [], ${wait})[0] else None`;
    case 'mq':
      return timeout === undefined ? `msg = ${id}.get()` : `msg = ${id}.get(timeout=${wait})`;
    case 'shm':
      return `msg = bytes(${id}.buf).rstrip(b'\\0')`;
    case 'tcp':
    case 'udp':
      return timeout === undefined
        ? `msg = ${id}.recv(64)`
        : `${id}.settimeout(${wait}); msg = ${id}.recv(64)`;
    case 'file':
      return timeout === undefined
        ? `msg = ${id}.readline()`
        : `msg = ${id}.readline() if select.select([${id}], [], [], ${wait})[0] else None`;
  }
}
