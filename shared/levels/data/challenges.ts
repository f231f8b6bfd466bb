// The challenges, one per chapter: the scheduler in chapters 1 and 4, the interrupt handler in
// chapter 2, a server that forks a child per request in chapter 3, the scheduler of two cores where
// unlocked threads race in chapter 5, a daemon reading two message queues in chapter 6. Survive as
// long as you can.
import { buildChallenge, type Challenge, type ChallengeSpec } from '../challenge.ts';

const deposit = ['load balance', 'add 1', 'store balance', 'exit'];
const LOG_SENDERS = ['web', 'db', 'mail', 'chat', 'game'];
const ALERT_SENDERS = ['disk', 'temp'];

const SPECS: ChallengeSpec[] = [
  {
    id: 'challenge-scheduler', chapter: 1,
    player: { role: 'scheduler' },
    machine: { cores: 1, devices: { disk: 2 }, starvationBound: 12 },
    jobs: [
      { name: 'web', length: 1 }, { name: 'build', length: 6 }, { name: 'mail', length: 2 },
      { name: 'music', program: ['cpu 1', 'io disk', 'cpu 1', 'exit'] }, { name: 'backup', length: 4 },
    ],
    firstGap: 5, shrink: 0.95,
    keep: 'starvations == 0',
    starTicks: [40, 60, 80],
    title: { ko: '도전: 몰려드는 프로세스', en: 'Challenge: the rush of processes' },
    goalText: { ko: '프로세스가 점점 더 자주 도착합니다. 준비 상태에서 12틱 넘게 기다리는 프로세스(기아)가 생기기 전까지 얼마나 버틸 수 있을까요?', en: 'Processes arrive more and more often. How long can you last before one waits in Ready for more than 12 ticks (starvation)?' },
  },
  {
    id: 'challenge-interrupts', chapter: 2, concepts: ['blocked-io-interrupt', 'context-switch'],
    player: { role: 'interrupt' }, policy: 'rr',
    machine: { cores: 1, quantum: 2, switchCost: 1, auto: { interrupts: false }, interruptBound: 3, devices: { disk: 2 }, starvationBound: 12 },
    jobs: [
      { name: 'chat', length: 3 }, { name: 'db', program: ['cpu 1', 'io disk', 'cpu 2', 'exit'] }, { name: 'render', length: 5 },
      { name: 'clock', length: 1 },
    ],
    firstGap: 5, shrink: 0.95,
    keep: 'starvations == 0 and unhandledInterrupts == 0',
    starTicks: [40, 60, 80],
    title: { ko: '도전: 쏟아지는 인터럽트', en: 'Challenge: the flood of interrupts' },
    goalText: { ko: '프로세스와 입출력이 점점 늘어납니다. 처리되지 않은 인터럽트나 기아(준비 상태에서 12틱 넘게 대기)가 생기기 전까지 버티세요. 문맥 교환에는 1틱이 듭니다.', en: 'Processes and I/O keep growing. Last until an interrupt goes unhandled or a process starves (more than 12 ticks in Ready). A context switch costs 1 tick.' },
  },
  {
    id: 'challenge-cores', chapter: 4, concepts: ['concurrency-parallelism', 'dispatch'],
    player: { role: 'scheduler' },
    machine: { cores: 2, quantum: 3, starvationBound: 12 },
    jobs: [
      { name: 'ui', length: 1 }, { name: 'encode', length: 8 }, { name: 'fetch', length: 2 }, { name: 'index', length: 5 },
    ],
    firstGap: 4, shrink: 0.95,
    keep: 'starvations == 0',
    starTicks: [40, 60, 80],
    title: { ko: '도전: 두 코어로 버티기', en: 'Challenge: holding on with two cores' },
    goalText: { ko: '코어 두 개에 일이 점점 더 빨리 몰려옵니다. 기아(준비 상태에서 12틱 넘게 대기)가 생기기 전까지 얼마나 버틸 수 있을까요?', en: 'Work comes ever faster to two cores. How long can you last before a process starves (more than 12 ticks in Ready)?' },
  },
  {
    // Each request is received from the socket and handed to a forked child. A child that has ended is
    // a zombie until join reaps it, and join waits for every living child: join after each fork and the
    // server sits still while requests pile up; never join and the zombies pile up instead.
    id: 'challenge-fork-server', chapter: 3, concepts: ['fork-exec', 'process-tree'],
    player: { role: 'thread', threads: [{ process: 'server' }] },
    machine: { cores: 2, programs: { worker: ['cpu 8', 'exit'] }, channels: [{ name: 'req', kind: 'tcp' }] },
    resident: [{
      name: 'server',
      threads: [{ steered: true, program: ['recv req', 'fork worker', 'join'], palette: ['recv req', 'fork worker', 'join'] }],
    }],
    jobs: [{ name: 'client', program: ['send req GET', 'exit'] }],
    firstGap: 8, shrink: 0.95,
    keep: 'zombies <= 3 and chan.req.buffered <= 3',
    starTicks: [56, 70, 82],
    title: { ko: '도전: 요청마다 fork 하는 서버', en: 'Challenge: a server that forks for every request' },
    goalText: { ko: '여러분은 웹 서버 server의 스레드입니다. 클라이언트들이 소켓 req로 요청을 점점 더 자주 보냅니다. 요청을 받고(recv) 요청마다 자식 프로세스 worker를 fork 하세요. worker는 8틱 일하고 끝납니다. 끝난 자식은 부모가 join으로 거둘 때까지 좀비 프로세스로 남고, join은 살아 있는 자식이 모두 끝날 때까지 기다립니다. 받지 않은 요청이 3개를 넘거나 좀비가 3개를 넘으면 도전이 끝납니다.', en: 'You are the thread of the web server server. Clients send requests on the socket req, more and more often. Receive each one (recv) and fork a child worker for it; a worker works 8 ticks and ends. A child that has ended stays a zombie until its parent reaps it with join, and join waits until every living child has ended. The challenge ends when more than 3 requests wait unreceived or more than 3 zombies are left.' },
    hint: { ko: '좀비는 join으로만 사라지지만, 살아 있는 자식이 있으면 join은 기다립니다. 언제 join 해야 서버가 오래 멈추지 않을까요?', en: 'Only join removes zombies, but join waits while a child is alive. When can you join without the server standing still for long?' },
  },
  {
    // Two threads of one bank add to one balance with no lock: run together on the two cores, they race
    // (a lost update); kept apart, one core idles while the Ready queue grows towards starvation.
    id: 'challenge-races', chapter: 5, concepts: ['race-lock', 'dispatch'],
    player: { role: 'scheduler' },
    machine: { cores: 2, starvationBound: 12 },
    jobs: [
      { name: 'bank', vars: { balance: 0 }, threads: [{ program: deposit }, { program: deposit }] },
      { name: 'web', length: 2 },
      { name: 'zip', length: 5 },
    ],
    firstGap: 5, shrink: 0.95,
    keep: 'lostUpdates == 0 and starvations == 0',
    starTicks: [55, 70, 84],
    title: { ko: '도전: 두 코어 위의 경쟁 상태', en: 'Challenge: races on two cores' },
    goalText: { ko: '코어 두 개에 프로세스가 점점 더 빨리 도착합니다. bank 프로세스마다 스레드 두 개가 락 없이 같은 balance에 1씩 더합니다(load → add → store). 갱신 손실이 한 번이라도 생기거나, 어떤 스레드가 준비 상태에서 12틱 넘게 기다리면(기아) 도전이 끝납니다.', en: 'Processes arrive ever faster at two cores. In each bank process two threads add 1 to the same balance with no lock (load → add → store). The challenge ends at the first lost update, or when a thread waits in Ready for more than 12 ticks (starvation).' },
    hint: { ko: '경쟁 상태는 두 스레드가 같은 변수의 load와 store 사이에 함께 있을 때 생깁니다. 다른 코어에서 지금 무엇이 돌고 있는지 보고 고르세요.', en: 'A race needs two threads between their load and their store of the same variable at once: look at what the other core is running before you choose.' },
  },
  {
    // logd reads two queues; a recv on an empty one blocks it while the other fills. Logs come in runs
    // of five and alerts in pairs, into a queue of 6 and one of 2: taking turns blindly, or always
    // reading one queue, overflows the other.
    id: 'challenge-queues', chapter: 6, concepts: ['ipc-message-queue'],
    player: { role: 'thread', threads: [{ process: 'logd' }] },
    machine: {
      cores: 3,
      channels: [{ name: 'logs', kind: 'mq', capacity: 6 }, { name: 'alerts', kind: 'mq', capacity: 2 }],
    },
    resident: [{
      name: 'logd', kind: 'daemon',
      threads: [{ steered: true, program: ['recv logs', 'recv alerts'], palette: ['recv logs', 'recv alerts', 'recv logs 2', 'recv alerts 2'] }],
    }],
    jobs: [
      ...LOG_SENDERS.map((name) => ({ name, program: [`send logs ${name}`, 'exit'] })),
      ...ALERT_SENDERS.map((name) => ({ name, program: [`send alerts ${name}`, 'exit'] })),
    ],
    firstGap: 8, shrink: 0.95,
    keep: 'chan.logs.waiting == 0 and chan.alerts.waiting == 0',
    starTicks: [80, 95, 110],
    title: { ko: '도전: 두 메시지 큐를 읽는 데몬', en: 'Challenge: a daemon reading two message queues' },
    goalText: { ko: '여러분은 로그 데몬 logd의 스레드입니다. 프로그램들은 메시지 큐 logs에 로그를, 센서는 메시지 큐 alerts에 경보를 보내고, 보내는 일은 점점 잦아집니다. logs는 6개, alerts는 2개까지 담습니다. 빈 큐에서 recv 하면 메시지가 올 때까지 대기 상태가 되고, recv logs 2처럼 쓰면 2틱까지만 기다립니다. 어느 큐든 가득 차서 보내는 쪽이 기다리게 되면 도전이 끝납니다.', en: 'You are the thread of the log daemon logd. Programs send log lines to the message queue logs and sensors send alerts to the message queue alerts, more and more often. logs holds 6 messages, alerts 2. A recv on an empty queue waits (Blocked) until a message comes; written like recv logs 2 it waits 2 ticks at most. The challenge ends when either queue is full and a sender has to wait.' },
    hint: { ko: '빈 큐에서 기다리는 동안 다른 큐가 찹니다. 읽기 전에 두 큐에 몇 개씩 있는지, 얼마나 남았는지 보세요.', en: 'While you wait on an empty queue the other one fills: before each read, look at how many each queue holds and how much room is left.' },
  },
];

/** Every challenge, built and validated once. */
export const CHALLENGES: readonly Challenge[] = SPECS.map(buildChallenge);
