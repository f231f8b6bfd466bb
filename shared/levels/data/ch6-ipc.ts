// Chapter 6, inter-process communication: anonymous and named pipes, message queues, shared memory,
// sockets (TCP vs UDP), files, and the speed ranking.
import type { LevelInput } from '../level.ts';

const lines = (ch: string, n: number) => Array.from({ length: n }, (_, i) => `send ${ch} line${i + 1}`);
const recvs = (ch: string, n: number) => Array.from({ length: n }, () => `recv ${ch}`);

// One core shared in turns (round robin, quantum 3, a switch costs 2 ticks): each line handed to wc
// wakes it, and a woken reader takes its turns beside ls, paying switches. The pipe holds all four
// lines, so a pipe that lets them gather wakes wc once and it reads them in one go: 64 ticks against
// 84 for handing each line over at once.
const anonymousPipe: LevelInput = {
  id: 'anonymous-pipe',
  order: 180,
  branch: 'main',
  concepts: ['ipc-anonymous-pipe'],
  player: { role: 'ipc', channels: ['p'] },
  policy: 'rr',
  scenario: {
    cores: 1,
    quantum: 3,
    switchCost: 2,
    auto: { delivery: false },
    channels: [{ name: 'p', kind: 'pipe', owner: 'shell', capacity: 4 }],
    processes: [
      { name: 'shell', program: ['join', 'exit'] },
      { name: 'ls', parent: 'shell', program: [...lines('p', 4), 'exit'] },
      { name: 'wc', parent: 'shell', program: [...recvs('p', 4), 'exit'] },
      { name: 'stranger', program: ['send p hi', 'exit'] },
    ],
  },
  goal: 'finished == 1 and recv.wc == 4 and outOfOrder == 0',
  stars: ['outOfOrder == 0', 'elapsed <= 76', 'elapsed <= 66'],
  tickLimit: 120,
  title: { ko: '익명 파이프: ls | wc', en: 'The anonymous pipe: ls | wc' },
  goalText: {
    ko: '여러분은 파이프 p입니다. ls가 쓴 네 줄을 wc에게 쓴 순서대로 넘기세요. 언제 넘길지는 여러분이 정합니다. 코어는 하나이고, 준비된 프로세스들이 3틱씩 번갈아 쓰며, 바꿀 때마다 문맥 교환에 2틱이 듭니다.',
    en: 'You are the pipe p. Hand the four lines ls writes to wc, in the order they were written; when to hand them over is up to you. There is one core, Ready processes take it in turns of 3 ticks, and each change costs a 2-tick context switch.',
  },
  card: {
    ko: [
      '익명 파이프는 프로세스 사이에서 선입선출(FIFO)로 읽히는 임시 공간입니다.',
      '단방향입니다. 한쪽은 쓰기 전용, 다른 쪽은 읽기 전용입니다.',
      '부모와 자식 프로세스 사이에서만 쓸 수 있고, 다른 네트워크에서는 쓸 수 없습니다.',
      '셸의 ls | wc에서 셸이 파이프를 만들고, 자식 ls가 쓰고 자식 wc가 읽습니다. 남남인 stranger는 거절됩니다.',
      '파이프는 네 줄까지 담아 둘 수 있습니다. 줄을 넘겨받은 wc는 깨어나 준비 상태가 되고, 코어 차례를 기다립니다.',
    ],
    en: [
      'An anonymous pipe is a temporary space between processes, read first in, first out (FIFO).',
      'It is one-way: one end only writes, the other only reads.',
      'Only a parent and its children can use it, and never across a network.',
      "In the shell's ls | wc, the shell creates the pipe, its child ls writes and its child wc reads; the unrelated stranger is refused.",
      'The pipe can hold four lines. Handed a line, wc wakes up, becomes Ready and waits for its turn on the core.',
    ],
  },
  hints: [
    {
      when: 'outOfOrder > 0',
      ko: '파이프는 선입선출입니다. 먼저 쓴 줄을 먼저 전달하세요.',
      en: 'A pipe is first in, first out: deliver the line written first, first.',
    },
    {
      when: 'finished == 0',
      ko: '전달하지 않으면 파이프가 가득 차서 ls는 쓰기를 기다리고, wc는 읽기를 기다립니다.',
      en: 'If you never deliver, the pipe fills up: ls waits to write and wc waits to read.',
    },
    {
      when: 'elapsed > 66',
      ko: '문맥 교환 횟수를 보세요. wc를 한 줄마다 깨우면 ls와 번갈아 돌며 교환할 때마다 2틱을 잃습니다.',
      en: 'Watch the context switches: waking wc for every line makes it take turns with ls, and each switch loses 2 ticks.',
    },
  ],
};

const namedPipe: LevelInput = {
  id: 'named-pipe',
  order: 190,
  branch: 'main',
  concepts: ['ipc-named-pipe', 'ipc-anonymous-pipe'],
  player: { role: 'thread', threads: [{ process: 'editor' }] },
  scenario: {
    cores: 2,
    channels: [
      { name: 'p', kind: 'pipe', owner: 'logd' },
      { name: 'srv', kind: 'fifo' },
      { name: 'reply', kind: 'fifo' },
    ],
    processes: [
      { name: 'logd', kind: 'daemon', program: ['recv srv', 'send reply ok', 'recv srv', 'send reply ok', 'exit'] },
      { name: 'backup', arrival: 1, program: ['send srv save', 'recv reply', 'exit'] },
      {
        name: 'editor',
        threads: [{ steered: true, program: ['send srv save', 'recv reply', 'exit'], palette: ['send p save', 'send srv save', 'recv p', 'recv reply', 'cpu 1', 'exit'] }],
      },
    ],
  },
  goal: 'finished == 1 and recv.logd == 2 and recv.editor == 1',
  stars: ['recv.editor == 1', 'refusedIpc == 0', 'elapsed <= 31'],
  tickLimit: 40,
  title: { ko: '명명된 파이프: 이름으로 만나는 클라이언트와 서버', en: 'Named pipes: clients and a server meet by name' },
  goalText: {
    ko: '여러분은 editor입니다. 로그 서버 logd에 save 요청을 보내고 답(ok)을 받으세요. backup도 같은 서버를 씁니다.',
    en: 'You are editor. Send a save request to the log server logd and receive its answer (ok). backup uses the same server.',
  },
  card: {
    ko: [
      '명명된 파이프는 일반 파이프를 확장한 것으로, 이름이 있어 부모-자식이 아닌 프로세스끼리도 쓸 수 있습니다.',
      '단방향 또는 이중(양방향) 파이프로, 파이프 서버와 여러 클라이언트의 통신에 쓰입니다.',
      '여러 인스턴스를 동시에 열 수 있고, 네트워크상의 다른 컴퓨터와도 통신할 수 있습니다.',
      'logd의 익명 파이프 p는 logd와 그 자식만 쓸 수 있습니다.',
    ],
    en: [
      'A named pipe extends the ordinary pipe: it has a name, so processes that are not parent and child can use it.',
      'It can be one-way or two-way and serves a pipe server with several clients.',
      'Several instances can be open at once, even with another computer over the network.',
      'logd\'s anonymous pipe p is only for logd and its children.',
    ],
  },
  hints: [
    { when: 'refusedIpc > 0', ko: 'editor는 logd의 자식이 아니라서 익명 파이프 p를 쓸 수 없습니다. 이름 있는 파이프 srv로 보내세요.', en: 'editor is not logd\'s child, so it cannot use the anonymous pipe p: send through the named pipe srv.' },
    { ko: '요청은 srv로, 답은 reply에서 받습니다.', en: 'Requests go through srv; answers come back on reply.' },
  ],
};

// Two queues on one core shared in turns (round robin, quantum 3, a switch costs 2 ticks): a message
// handed over wakes its reader, which then takes turns with the others, paying switches. Print jobs
// handed over one by one wake the printer four times (124 ticks); held until office has sent them all
// and handed over together, once (97). But the messenger window the user watches must not wait: its
// message held with the jobs keeps it until tick 80 (the 2nd star asks 56). Each queue has its own
// right moment: the user's message at once, the printer's jobs together.
const messageQueue: LevelInput = {
  id: 'message-queue',
  order: 200,
  branch: 'main',
  concepts: ['ipc-message-queue'],
  player: { role: 'ipc', channels: ['jobs', 'inbox'] },
  policy: 'rr',
  scenario: {
    cores: 1,
    quantum: 3,
    switchCost: 2,
    auto: { delivery: false },
    channels: [
      { name: 'jobs', kind: 'mq', capacity: 8 },
      { name: 'inbox', kind: 'mq', capacity: 4 },
    ],
    processes: [
      { name: 'printer', kind: 'daemon', program: [...recvs('jobs', 4), 'exit'] },
      { name: 'messenger', program: ['recv inbox', 'exit'] },
      { name: 'office', program: ['send jobs doc1', 'send jobs doc2', 'send jobs doc3', 'send jobs doc4', 'exit'] },
      { name: 'friend', arrival: 8, program: ['send inbox hello', 'exit'] },
    ],
  },
  goal: 'finished == 1 and recv.printer == 4 and recv.messenger == 1 and outOfOrder == 0',
  stars: ['outOfOrder == 0', 'proc.messenger.completion <= 56', 'elapsed <= 100'],
  tickLimit: 160,
  title: { ko: '메시지 큐', en: 'The message queue' },
  goalText: {
    ko: '여러분은 커널이 관리하는 메시지 큐 jobs와 inbox입니다. office가 보낸 인쇄 작업 4개는 jobs로 printer 데몬에게, friend가 보낸 메시지는 inbox로 사용자가 보고 있는 messenger에게, 들어온 순서대로 전달하세요. 언제 전달할지는 여러분이 정합니다. 코어는 하나이고, 준비된 프로세스들이 3틱씩 번갈아 쓰며, 바꿀 때마다 문맥 교환에 2틱이 듭니다.',
    en: 'You are jobs and inbox, two message queues the kernel manages. Deliver the four print jobs office sends on jobs to the printer daemon, and the message friend sends on inbox to messenger, the window the user is watching, each in the order sent; when to deliver is up to you. There is one core, Ready processes take it in turns of 3 ticks, and each change costs a 2-tick context switch.',
  },
  card: {
    ko: [
      '메시지 큐는 메시지를 큐 자료구조 형태로 관리하는 IPC입니다. 커널이 전역적으로 관리하므로 어느 프로세스든 큐의 이름만 알면 보낼 수 있습니다.',
      '사용법이 직관적이고 간단해서 코드 몇 줄로 쓸 수 있습니다. 공유 메모리는 읽기·쓰기가 잦으면 동기화 때문에 복잡해지는데, 그 대안으로 메시지 큐를 씁니다.',
      '큐마다 읽는 쪽이 다릅니다. jobs는 백그라운드에서 도는 printer 데몬이, inbox는 사용자가 지켜보는 포그라운드 프로세스 messenger가 읽습니다.',
      '메시지를 전달받은 프로세스는 깨어나 준비 상태가 되고 코어 차례를 기다립니다. 깨어 있는 프로세스가 많을수록 번갈아 돌며 문맥 교환이 늘어납니다.',
    ],
    en: [
      'A message queue is IPC that keeps messages in a queue data structure. The kernel manages it globally, so any process that knows its name can send to it.',
      'It is simple and direct to use, a few lines of code. When shared memory is read and written often, synchronisation gets complicated; a message queue is the usual alternative.',
      'Each queue has its own reader: jobs is read by printer, a daemon in the background; inbox by messenger, a foreground process the user is watching.',
      'A process handed a message wakes up, becomes Ready and waits for its turn on the core. The more processes are awake, the more they take turns and the more context switches they pay.',
    ],
  },
  hints: [
    { when: 'outOfOrder > 0', ko: '큐는 먼저 들어온 메시지가 먼저 나갑니다. 번호가 작은 것부터 전달하세요.', en: 'A queue lets the first message in out first: deliver the lowest number first.' },
    {
      when: 'proc.messenger.completion > 56',
      ko: '사용자는 messenger 창을 보고 있습니다. inbox에 온 메시지를 다른 일과 함께 붙잡아 두면 사용자가 그만큼 기다립니다.',
      en: 'The user is watching the messenger window: a message held in inbox with the other work keeps the user waiting that long.',
    },
    {
      when: 'elapsed > 100',
      ko: '문맥 교환 횟수를 보세요. 인쇄 작업을 하나씩 넘기면 printer가 그때마다 깨어나 번갈아 돕니다. 급하지 않은 작업은 모아서 한 번에 넘길 수 있습니다.',
      en: 'Watch the context switches: each print job handed over alone wakes printer to take turns again. Work that is not urgent can be handed over together.',
    },
  ],
};

const sharedMemory: LevelInput = {
  id: 'shared-memory',
  order: 210,
  branch: 'main',
  concepts: ['ipc-shared-memory', 'semaphore'],
  player: { role: 'thread', threads: [{ process: 'writer' }] },
  scenario: {
    cores: 2,
    channels: [{ name: 'name', kind: 'shm' }],
    semaphores: { ready: 0, done: 0 },
    processes: [
      { name: 'reader', program: ['wait ready', 'recv name', 'signal done', 'wait ready', 'recv name', 'exit'] },
      {
        name: 'writer',
        threads: [{
          steered: true,
          program: ['send name kim', 'signal ready', 'wait done', 'send name lee', 'signal ready', 'exit'],
          palette: ['send name kim', 'send name lee', 'signal ready', 'wait done', 'cpu 1', 'exit'],
        }],
      },
    ],
  },
  goal: 'finished == 1 and got.reader == 2',
  stars: ['got.reader == 2', 'elapsed <= 8', 'elapsed <= 7'],
  tickLimit: 40,
  title: { ko: '공유 메모리: 가장 빠르지만 동기화가 필요하다', en: 'Shared memory: fastest, but it needs synchronisation' },
  goalText: {
    ko: 'writer와 reader가 공유 메모리의 변수 name을 함께 봅니다. reader가 kim과 lee를 둘 다 읽도록 name에 차례로 쓰세요.',
    en: 'writer and reader share the variable name in shared memory. Write kim and then lee so that reader reads both.',
  },
  card: {
    ko: [
      '공유 메모리는 여러 프로세스가 같은 메모리 블록에 접근해 통신하는 방식입니다.',
      '매개체를 거치지 않고 메모리 자체를 공유하므로 불필요한 데이터 복사 오버헤드가 없어 가장 빠릅니다.',
      '대신 같은 영역을 여러 프로세스가 쓰므로 동기화가 필요합니다.',
      '상대가 읽기 전에 덮어쓰면 앞의 값은 사라집니다. 세마포어로 "다 썼다", "다 읽었다"를 알려 주세요.',
    ],
    en: [
      'Shared memory lets several processes communicate through the same block of memory.',
      'Nothing sits in between, the memory itself is shared, so no data is copied: it is the fastest IPC.',
      'But several processes use the same area, so it needs synchronisation.',
      'Overwrite before the other side reads and the old value is gone: use semaphores to say "written" and "read".',
    ],
  },
  hints: [
    { when: 'got.reader < 2', ko: 'lee를 쓰기 전에 reader가 kim을 읽었는지(wait done) 확인하세요.', en: 'Before writing lee, make sure reader has read kim (wait done).' },
    { ko: '쓰고 나면 signal ready로 알려야 reader가 읽습니다.', en: 'After writing, signal ready so that reader reads.' },
  ],
};

const FRAMES = ['f1', 'f2', 'f3', 'f4'];

// The player is the sender and the receiver of a live video: each frame goes by TCP (never lost, but
// it waits for acknowledgements: 6 ticks of latency) or by UDP (1 tick, but this network loses about a
// quarter of the datagrams). A frame lost on UDP is gone unless it is sent again; the seed makes f2's
// first datagram the one lost, the tick it is sent (the channel flashes), so a player can react.
const sockets: LevelInput = {
  id: 'sockets',
  order: 220,
  branch: 'main',
  concepts: ['ipc-socket'],
  player: { role: 'thread', threads: [{ process: 'server' }, { process: 'viewer' }] },
  seed: 5,
  scenario: {
    cores: 2,
    channels: [
      { name: 'tcp', kind: 'tcp', latency: 6 },
      { name: 'udp', kind: 'udp', latency: 1, jitter: 0, loss: 0.25 },
    ],
    processes: [
      {
        name: 'server',
        threads: [
          {
            steered: true,
            program: [...FRAMES.map((f) => `send tcp ${f}`), 'exit'],
            palette: [...FRAMES.flatMap((f) => [`send tcp ${f}`, `send udp ${f}`]), 'exit'],
          },
        ],
      },
      {
        name: 'viewer',
        threads: [
          {
            steered: true,
            program: [...FRAMES.map(() => 'recv tcp'), 'exit'],
            palette: ['recv tcp', 'recv udp 2', 'exit'],
          },
        ],
      },
    ],
  },
  goal: 'finished == 1 and got.viewer >= 3',
  stars: ['elapsed <= 22', 'got.viewer == 4', 'elapsed <= 18'],
  tickLimit: 60,
  title: { ko: '소켓: TCP와 UDP', en: 'Sockets: TCP and UDP' },
  goalText: {
    ko: '여러분은 영상 서버 server와 시청자 viewer를 둘 다 조종합니다. 프레임 f1~f4를 viewer에게 보내세요. 프레임마다 TCP 소켓 tcp로 보낼지, UDP 소켓 udp로 보낼지 고르세요. 받는 쪽도 같은 소켓에서 받아야 합니다.',
    en: 'You steer both the video server server and the viewer viewer. Send the frames f1 to f4 to viewer. For each frame, choose the TCP socket tcp or the UDP socket udp; the receiving side must read from the same socket.',
  },
  card: {
    ko: [
      '소켓은 네트워크를 경유하는 프로세스 간 통신의 종착점입니다. 같은 컴퓨터의 다른 프로세스나 다른 컴퓨터와 통신합니다.',
      'TCP는 신뢰성 있는 전송입니다. 잃어버리지 않고 보낸 순서대로 전달하지만, 확인 응답을 기다리느라 여기서는 지연이 6틱입니다.',
      'UDP는 확인 응답 없이 보내서 빠르지만(지연 1틱), 이 네트워크에서는 네 개 중 하나꼴로 데이터그램을 잃습니다. 잃은 것은 다시 보내지 않으면 끝입니다.',
      'recv udp 2는 2틱까지만 기다립니다. 그동안 오지 않으면 받기를 포기하고 다음 줄로 넘어갑니다.',
    ],
    en: [
      'A socket is an endpoint of communication over the network, with another process on the same computer or on another one.',
      'TCP is reliable: nothing is lost and everything arrives in order, but waiting for acknowledgements costs it 6 ticks of latency here.',
      'UDP sends without acknowledgements, so it is quick (1 tick), but this network loses about one datagram in four; a lost one is gone unless it is sent again.',
      'recv udp 2 waits 2 ticks at most: if nothing arrives by then, it gives up and goes on to the next line.',
    ],
  },
  hints: [
    {
      when: 'got.viewer < 4',
      ko: 'UDP로 보낸 프레임이 사라지면 채널이 깜박입니다. 사라진 프레임은 다시 보내야 viewer가 받습니다.',
      en: 'When a frame sent by UDP is lost, the channel flashes: only sending that frame again gets it to viewer.',
    },
    {
      when: 'elapsed > 18',
      ko: 'TCP는 잃지 않는 대신 느립니다. 빠른 통로로 보내고 잃은 것만 다시 보내면 어떨까요?',
      en: 'TCP never loses, but it is slow. What if most frames took the quick way and only the lost ones were sent again?',
    },
    {
      ko: '받는 쪽이 보내는 쪽과 다른 소켓에서 기다리면 영영 받지 못합니다.',
      en: 'A receiver waiting on a different socket from the sender never gets anything.',
    },
  ],
};

const CHANNELS = ['shmbox', 'tcp1', 'fifo1', 'mq1', 'file1'];

const fastestIpc: LevelInput = {
  id: 'fastest-ipc',
  order: 230,
  branch: 'main',
  concepts: ['ipc-speed', 'ipc-file', 'ipc-shared-memory', 'ipc-socket'],
  player: { role: 'thread', threads: [{ process: 'producer' }, { process: 'consumer' }] },
  scenario: {
    cores: 2,
    semaphores: { full: 0, empty: 0 },
    channels: [
      { name: 'shmbox', kind: 'shm' },
      { name: 'tcp1', kind: 'tcp' },
      { name: 'fifo1', kind: 'fifo' },
      { name: 'mq1', kind: 'mq' },
      { name: 'file1', kind: 'file' },
    ],
    processes: [
      {
        name: 'producer',
        threads: [{
          steered: true,
          program: ['send fifo1 m1', 'send fifo1 m2', 'send fifo1 m3', 'exit'],
          palette: [...CHANNELS.flatMap((c) => [`send ${c} m1`, `send ${c} m2`, `send ${c} m3`]), 'signal full', 'wait empty', 'exit'],
        }],
      },
      {
        name: 'consumer',
        arrival: 1,
        threads: [{
          steered: true,
          program: ['recv fifo1', 'recv fifo1', 'recv fifo1', 'exit'],
          palette: [...CHANNELS.map((c) => `recv ${c}`), 'wait full', 'signal empty', 'exit'],
        }],
      },
    ],
  },
  goal: 'finished == 1 and got.consumer == 3 and elapsed <= 20',
  stars: ['elapsed <= 20', 'elapsed <= 12', 'elapsed <= 9'],
  tickLimit: 60,
  title: { ko: '가장 빠른 IPC 고르기', en: 'Choosing the fastest IPC' },
  goalText: {
    ko: '두 프로세스를 모두 조종합니다. 20틱 안에 producer가 m1, m2, m3을 consumer에게 넘기게 하세요. 어떤 통로를 쓸지 고르세요: 공유 메모리, TCP 소켓, 명명된 파이프, 메시지 큐, 파일.',
    en: 'You steer both processes. Within 20 ticks, get m1, m2 and m3 from producer to consumer. Choose the way: shared memory, a TCP socket, a named pipe, a message queue or a file.',
  },
  card: {
    ko: [
      'IPC 속도는 공유 메모리 > 소켓 > 파이프 > 메시지 큐 > 파일 순입니다.',
      '메모리를 완전히 공유하는 스레드는 어떤 IPC보다도 빠릅니다.',
      '파일은 디스크나 파일 서버의 데이터로 통신합니다. 한 프로세스가 hello.txt에 쓰고 다른 프로세스가 읽는 식이며 가장 느립니다.',
      '공유 메모리는 가장 빠르지만 동기화가 필요합니다. 세마포어 full과 empty로 차례를 맞추세요.',
    ],
    en: [
      'IPC speed ranks: shared memory > socket > pipe > message queue > file.',
      'Threads, which share memory completely, are faster than any IPC.',
      'A file communicates through data on a disk or file server: one process writes hello.txt, another reads it. It is the slowest.',
      'Shared memory is the fastest but needs synchronisation: take turns with the semaphores full and empty.',
    ],
  },
  hints: [
    { when: 'elapsed > 10', ko: '파일은 너무 느리고 메시지 큐도 느린 편입니다. 더 빠른 통로를 골라 보세요.', en: 'A file is too slow and a message queue is slowish: pick a faster way.' },
    { when: 'got.consumer < 3', ko: '공유 메모리는 덮어쓰기 전에 상대가 읽었는지 확인해야 합니다: send → signal full → wait empty, 받는 쪽은 wait full → recv → signal empty.', en: 'With shared memory, make sure the other side has read before you overwrite: send → signal full → wait empty; the receiver does wait full → recv → signal empty.' },
    { ko: '별 세 개는 공유 메모리로만 가능합니다.', en: 'Three stars need shared memory.' },
  ],
};

/** Chapter 6's levels. */
export const CHAPTER_6: LevelInput[] = [anonymousPipe, namedPipe, messageQueue, sharedMemory, sockets, fastestIpc];
