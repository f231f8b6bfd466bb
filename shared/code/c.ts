// The C view: POSIX calls (fork, execvp, waitpid, pthread_create, pthread_mutex_lock, sem_wait,
// pipe/read/write, mkfifo, mq_send, shm_open/mmap, socket), one line per instruction.
import type { Instr } from '../kernel/types.ts';
import type { CodeContext } from './context.ts';
import { cString, Names, utf8 } from './names.ts';
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

/** Renders the program as a complete C11 translation unit whose main (or thread function) is line-matched to it. */
export function renderC(program: readonly Instr[], ctx: CodeContext, lang: CommentLanguage): CodeView {
  const use = programUse(program, ctx);
  const names = new Names();
  const out = new Lines();
  const ops = use.ops;
  const kinds = new Set(use.channels.map((c) => ctx.channels[c]?.kind ?? 'pipe'));
  const plainSegs = [...use.segments.keys()].filter((s) => !isCodeSegment(s));
  const fdDevices = use.devices.filter((d) => d !== 'keyboard' && (d !== 'clock' || ops.has('io-async')));
  const who = ctx.threadIndex === 0 ? ctx.process : `${ctx.process} · thread ${ctx.threadIndex + 1}`;
  out.add(`/* ${comment('header', lang, { who, as: 'C (POSIX)' })} */`);
  out.add('#define _GNU_SOURCE');
  const inc = ['stdlib.h', 'string.h', 'unistd.h', 'fcntl.h'];
  if (ops.has('spawn') || use.locks.length > 0 || ctx.threadIndex > 0) inc.push('pthread.h');
  if (use.semaphores.length > 0) inc.push('semaphore.h');
  if (ops.has('fork') || ops.has('join')) inc.push('sys/types.h', 'sys/wait.h');
  if (kinds.has('fifo')) inc.push('sys/stat.h');
  if (plainSegs.length > 0 || kinds.has('shm')) inc.push('sys/mman.h');
  if (kinds.has('tcp') || kinds.has('udp')) inc.push('sys/socket.h', 'netinet/in.h', 'arpa/inet.h');
  if (kinds.has('mq')) inc.push('mqueue.h');
  if (use.timeouts) inc.push('poll.h');
  if (ops.has('io-async') || ops.has('await')) inc.push('aio.h', 'errno.h');
  for (const h of inc) out.add(`#include <${h}>`);
  out.add('');

  // Declarations.
  if (use.timeouts) out.add('#define TICK_MS 100 /* milliseconds per machine tick */');
  if (ops.has('alloc') || ops.has('free')) {
    out.add('#define PAGE 4096');
    out.add('static void *heap[64];');
    out.add('static int top;');
  }
  for (const v of use.vars)
    out.add(
      `static volatile long ${names.id('var', v)} = ${ctx.vars[v] ?? 0}; /* ${comment('data', lang)} */`,
    );
  for (const [seg, vars] of use.segments) {
    const id = names.id('seg', seg);
    if (isCodeSegment(seg))
      out.add(
        `static const long ${id}_vars[${Math.max(1, vars.length)}] = { ${vars.map(() => '0').join(', ') || '0'} }; /* read-only code: ${vars.join(', ')} */`,
      );
    else out.add(`static volatile long *${id}; /* shared memory: ${vars.join(', ')} */`);
  }
  for (const l of use.locks)
    out.add(`static pthread_mutex_t ${names.id('lock', l)} = PTHREAD_MUTEX_INITIALIZER;`);
  for (const s of use.semaphores) out.add(`static sem_t *${names.id('sem', s)};`);
  for (const c of use.channels) {
    const id = names.id('ch', c);
    switch (ctx.channels[c]?.kind ?? 'pipe') {
      case 'pipe':
        out.add(`static int ${id}[2]; /* anonymous pipe: ${id}[0] reads, ${id}[1] writes */`);
        break;
      case 'mq':
        out.add(`static mqd_t ${id}; /* message queue */`);
        break;
      case 'shm':
        out.add(`static char *${id}; /* shared memory */`);
        break;
      case 'fifo':
        out.add(`static int ${id}; /* named pipe */`);
        break;
      case 'tcp':
        out.add(`static int ${id}; /* TCP socket: reliable, ordered */`);
        break;
      case 'udp':
        out.add(`static int ${id}; /* UDP socket: may drop or reorder */`);
        break;
      case 'file':
        out.add(`static int ${id}; /* a file */`);
        break;
    }
  }
  for (const d of fdDevices) out.add(`static int ${names.id('dev', d)};`);
  if (ops.has('io-async') || ops.has('await')) {
    out.add('static struct aiocb requests[16];');
    out.add('static char abuf[16][64];');
    out.add('static int nrequests;');
  }

  // Helpers, only those used.
  if (ops.has('cpu')) {
    out.add('');
    out.add('static void compute(int ticks) {');
    out.add('  for (volatile long i = 0; i < ticks * 1000000L; i++) {} /* CPU work, nothing else */');
    out.add('}');
  }
  if (plainSegs.length > 0 || kinds.has('shm')) {
    out.add('');
    out.add('static void *map_shared(const char *path) {');
    out.add('  int fd = shm_open(path, O_CREAT | O_RDWR, 0600);');
    out.add('  ftruncate(fd, 4096);');
    out.add('  return mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);');
    out.add('}');
  }
  if (kinds.has('tcp') || kinds.has('udp')) {
    out.add('');
    out.add('static int inet_connect(int type, int port) {');
    out.add(
      '  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };',
    );
    out.add('  int fd = socket(AF_INET, type, 0);');
    out.add('  connect(fd, (struct sockaddr *)&a, sizeof a);');
    out.add('  return fd;');
    out.add('}');
  }
  if (ops.has('io-async') || ops.has('await')) {
    out.add('');
    out.add('static void read_async(int fd) {');
    out.add('  struct aiocb *r = &requests[nrequests % 16];');
    out.add('  memset(r, 0, sizeof *r);');
    out.add('  r->aio_fildes = fd;');
    out.add('  r->aio_buf = abuf[nrequests++ % 16];');
    out.add('  r->aio_nbytes = 64;');
    out.add('  aio_read(r);');
    out.add('}');
    out.add('');
    out.add('static void await_async(void) {');
    out.add('  for (int k = 0; k < nrequests && k < 16; k++) {');
    out.add('    const struct aiocb *list[1] = { &requests[k] };');
    out.add('    while (aio_error(&requests[k]) == EINPROGRESS) aio_suspend(list, 1, NULL);');
    out.add('  }');
    out.add('  nrequests = 0;');
    out.add('}');
  }

  // Setup: what main opens before the program runs.
  out.add('');
  out.add('static void setup(void) {');
  for (const s of use.semaphores)
    out.add(
      `  ${names.id('sem', s)} = sem_open(${cString(`/${s}`)}, O_CREAT, 0600, ${ctx.semaphores[s] ?? 0});`,
    );
  for (const seg of plainSegs) {
    const id = names.id('seg', seg);
    out.add(`  ${id} = map_shared(${cString(`/${seg}`)});`);
    use.segments.get(seg)!.forEach((v, k) => {
      const x = ctx.shared[seg]?.[v] ?? 0;
      if (x !== 0) out.add(`  ${id}[${k}] = ${x};`);
    });
  }
  use.channels.forEach((c, k) => {
    const id = names.id('ch', c);
    const ch = ctx.channels[c] ?? { kind: 'pipe', capacity: 1 };
    switch (ch.kind) {
      case 'pipe':
        out.add(`  pipe(${id});`);
        break;
      case 'fifo':
        out.add(`  mkfifo(${cString(`/tmp/${c}`)}, 0600);`);
        out.add(`  ${id} = open(${cString(`/tmp/${c}`)}, O_RDWR);`);
        break;
      case 'mq':
        out.add(
          `  ${id} = mq_open(${cString(`/${c}`)}, O_CREAT | O_RDWR, 0600, &(struct mq_attr){ .mq_maxmsg = ${ch.capacity}, .mq_msgsize = 64 });`,
        );
        break;
      case 'shm':
        out.add(`  ${id} = map_shared(${cString(`/${c}`)});`);
        break;
      case 'tcp':
        out.add(`  ${id} = inet_connect(SOCK_STREAM, ${PORT_BASE + k});`);
        break;
      case 'udp':
        out.add(`  ${id} = inet_connect(SOCK_DGRAM, ${PORT_BASE + k});`);
        break;
      case 'file':
        out.add(`  ${id} = open(${cString(`${c}.txt`)}, O_RDWR | O_CREAT | O_APPEND, 0600);`);
        break;
    }
  });
  for (const d of fdDevices)
    out.add(`  ${names.id('dev', d)} = open(${cString(`${d}.dat`)}, O_RDONLY | O_CREAT, 0600);`);
  out.add('}');

  // The called programs (declared first: they may start each other), then the thread's own code.
  if (use.callees.length > 0) out.add('');
  for (const callee of use.callees) out.add(`static void *${names.id('fn', callee)}(void *arg);`);
  for (const callee of use.callees) {
    out.add('');
    body(
      out,
      names,
      use,
      ctx,
      lang,
      `static void *${names.id('fn', callee)}(void *arg) {`,
      ctx.programs[callee] ?? [],
      false,
      'return NULL;',
    );
  }
  out.add('');
  if (ctx.threadIndex === 0) {
    body(out, names, use, ctx, lang, 'int main(void) {', program, true, 'return 0;', ['  setup();']);
  } else {
    body(out, names, use, ctx, lang, 'static void *thread(void *arg) {', program, true, 'return NULL;');
    out.add('');
    out.add('int main(void) {');
    out.add('  pthread_t worker;');
    out.add('  setup();');
    out.add('  pthread_create(&worker, NULL, thread, NULL);');
    out.add('  pthread_join(worker, NULL);');
    out.add('  return 0;');
    out.add('}');
  }
  return toView(`${baseName(ctx)}.c`, out, program.length);
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
  exit: string,
  first: string[] = [],
): void {
  out.add(head);
  if (head.includes('void *arg')) out.add('  (void)arg;');
  for (const f of first) out.add(f);
  if (program.some((i) => i.op === 'load' || i.op === 'add' || i.op === 'store'))
    out.add(`  long reg = 0; /* ${comment('register', lang)} */`);
  if (program.some((i) => i.op === 'recv' || (i.op === 'io' && i.device !== 'clock')))
    out.add('  char buf[64];');
  if (program.some((i) => i.op === 'recv' && (ctx.channels[i.channel]?.kind ?? 'pipe') !== 'shm'))
    out.add('  ssize_t n = 0;');
  if (program.some((i) => i.op === 'fork' && i.program === null)) out.add('  pid_t pid = 0;');
  if (program.length === 0) out.add(`  /* ${comment('empty', lang)} */`);
  program.forEach((i, k) => {
    const next = program[k + 1];
    const after = program[k + 2];
    if (i.op === 'load' && next?.op === 'add' && after?.op === 'store' && after.var === i.var) {
      out.add(`  /* ${comment('steps', lang, { var: i.var, n: next.n })} */`);
    }
    out.add(`  ${line(i, names, use, ctx, exit)}`, own ? k : -1);
  });
  if (program.at(-1)?.op !== 'exit') out.add(`  ${exit}`);
  out.add('}');
}

function varRef(name: string, names: Names, use: ProgramUse): string {
  const slot = slotOf(use, name);
  if (slot === null) return names.id('var', name);
  return isCodeSegment(slot.segment)
    ? `${names.id('seg', slot.segment)}_vars[${slot.slot}]`
    : `${names.id('seg', slot.segment)}[${slot.slot}]`;
}

function line(i: Instr, names: Names, use: ProgramUse, ctx: CodeContext, exit: string): string {
  switch (i.op) {
    case 'cpu':
      return `compute(${i.n});`;
    case 'io':
      if (i.device === 'keyboard')
        return 'read(STDIN_FILENO, buf, sizeof buf); /* keyboard: Blocked until the user types */';
      if (i.device === 'clock') return `sleep(${i.n ?? 1}); /* the clock device */`;
      return `read(${names.id('dev', i.device)}, buf, sizeof buf); /* Blocked until ${i.device} answers */`;
    case 'io-async':
      return `read_async(${i.device === 'keyboard' ? 'STDIN_FILENO' : names.id('dev', i.device)});`;
    case 'await':
      return 'await_async();';
    case 'fork':
      return i.program === null
        ? 'pid = fork();'
        : `if (fork() == 0) { ${names.id('fn', i.program)}(NULL); exit(0); }`;
    case 'exec':
      return `execvp(${cString(i.program)}, (char *[]){ ${cString(i.program)}, NULL });`;
    case 'spawn':
      return `pthread_create(&(pthread_t){0}, NULL, ${names.id('fn', i.program)}, NULL);`;
    case 'join':
      return 'while (wait(NULL) > 0) {} /* waitpid for every child */';
    case 'lock':
      return `pthread_mutex_lock(&${names.id('lock', i.name)});`;
    case 'unlock':
      return `pthread_mutex_unlock(&${names.id('lock', i.name)});`;
    case 'wait':
      return `sem_wait(${names.id('sem', i.name)});`;
    case 'signal':
      return `sem_post(${names.id('sem', i.name)});`;
    case 'load':
      return `reg = ${varRef(i.var, names, use)}; /* load ${i.var} */`;
    case 'add':
      return i.n < 0 ? `reg -= ${-i.n};` : `reg += ${i.n};`;
    case 'store': {
      const ref = varRef(i.var, names, use);
      const slot = slotOf(use, i.var);
      if (slot !== null && isCodeSegment(slot.segment))
        return `*(long *)&${ref} = reg; /* store ${i.var}: read-only, segmentation fault */`;
      return `${ref} = reg; /* store ${i.var} */`;
    }
    case 'alloc':
      return `heap[top++ % 64] = malloc(${i.n} * PAGE);`;
    case 'free':
      return `if (top > 0) free(heap[--top]); /* pages: ${i.n} */`;
    case 'send':
      return send(i.channel, i.msg, names, ctx);
    case 'recv':
      return recv(i.channel, i.timeout, names, ctx);
    case 'fault':
      return '*(volatile int *)0 = 1; /* segmentation fault */';
    case 'exit':
      return exit;
  }
}

function send(channel: string, msg: string, names: Names, ctx: CodeContext): string {
  const id = names.id('ch', channel);
  const len = utf8(msg).length;
  switch (ctx.channels[channel]?.kind ?? 'pipe') {
    case 'pipe':
      return `write(${id}[1], ${cString(msg)}, ${len});`;
    case 'fifo':
      return `write(${id}, ${cString(msg)}, ${len});`;
    case 'file':
      return `write(${id}, ${cString(`${msg}\n`)}, ${len + 1});`;
    case 'mq':
      return `mq_send(${id}, ${cString(msg)}, ${len}, 0);`;
    case 'shm':
      return `strcpy(${id}, ${cString(msg)});`;
    case 'tcp':
    case 'udp':
      return `send(${id}, ${cString(msg)}, ${len}, 0);`;
  }
}

function recv(channel: string, timeout: number | undefined, names: Names, ctx: CodeContext): string {
  const id = names.id('ch', channel);
  const kind = ctx.channels[channel]?.kind ?? 'pipe';
  const fd = kind === 'pipe' ? `${id}[0]` : id;
  const call =
    kind === 'pipe' || kind === 'fifo' || kind === 'file'
      ? `n = read(${fd}, buf, sizeof buf);`
      : kind === 'mq'
        ? `n = mq_receive(${id}, buf, sizeof buf, NULL);`
        : kind === 'shm'
          ? `strncpy(buf, ${id}, sizeof buf);`
          : `n = recv(${id}, buf, sizeof buf, 0);`;
  if (timeout === undefined || kind === 'shm') return call;
  return `if (poll(&(struct pollfd){ .fd = ${fd}, .events = POLLIN }, 1, ${timeout} * TICK_MS) > 0) ${call}`;
}
