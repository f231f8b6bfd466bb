// The class scenario catalog: one machine per lesson of the notes, each with its teaching goal, texts
// in Korean and English, and the question the debrief puts to the class. Each mixes one long job with
// short ones arriving together, so a crew whose scheduler thinks (short jobs first, no idle core) beats
// FIFO while every other role has real work (test/server/class-catalog.test.ts proves it per entry).
import type { ScenarioInput } from '../../shared/kernel/index.ts';
import classWorkshop from './class-workshop.json' with { type: 'json' };

/** A text in both languages. */
export interface Bilingual {
  ko: string;
  en: string;
}

/** One class scenario: the machine and what it is for. */
export interface ClassScenario {
  id: string;
  title: Bilingual;
  /** What the class should understand by the end (the notes' words). */
  goal: Bilingual;
  /** The question the debrief asks. */
  question: Bilingual;
  /** Concepts of the notes it teaches (shared/levels/concepts.ts keys where they exist). */
  concepts: string[];
  scenario: ScenarioInput;
}

/** Background CPU load every scenario carries: a long job first, short ones behind it (what SJF is for). */
const LOAD = [
  { name: 'compiler', arrival: 0, priority: 2, length: 12 },
  { name: 'ls', arrival: 0, priority: 1, length: 2 },
  { name: 'grep', arrival: 1, priority: 1, length: 3 },
];

const counterThread = (locked: boolean) => ({
  steered: true,
  program: locked
    ? ['lock m', 'load count', 'add 1', 'store count', 'unlock m', 'exit']
    : ['load count', 'add 1', 'store count', 'exit'],
  palette: ['lock m', 'load count', 'add 1', 'store count', 'unlock m', 'cpu 1', 'exit'],
});

/** The catalog, in the order a course meets it. */
export const CLASS_SCENARIOS: readonly ClassScenario[] = [
  {
    id: 'class-workshop',
    title: { ko: '종합 실습: 한 대의 기계', en: 'Workshop: one whole machine' },
    goal: {
      ko: '스케줄링, 인터럽트, 락, 메시지 큐가 한 기계에서 함께 돌아가는 모습을 봅니다.',
      en: 'See scheduling, interrupts, a lock and a message queue working together on one machine.',
    },
    question: {
      ko: '우리 기계가 FIFO보다 빨랐거나 느렸던 결정적인 순간은 언제였나요?',
      en: 'At which moment did our machine get ahead of FIFO, or fall behind it?',
    },
    concepts: ['dispatch', 'interrupts', 'mutex', 'message-queue'],
    scenario: classWorkshop as ScenarioInput,
  },
  {
    id: 'class-scheduling',
    title: { ko: '스케줄링: 코어 4개와 입출력', en: 'Scheduling: four cores and I/O' },
    goal: {
      ko: '코어를 놀리지 않고, 짧은 작업을 먼저 하면 대기 시간이 줄어듭니다. 입출력을 기다리는 스레드는 대기 상태가 되어 코어를 내놓습니다.',
      en: 'Keep every core busy and run short jobs first: waiting drops. A thread waiting for I/O is Blocked and gives its core up.',
    },
    question: {
      ko: 'SJF가 평균 대기 시간에서 이기는 이유는 무엇이고, 그 대가는 무엇인가요(기아)?',
      en: 'Why does SJF win on average waiting, and what does it cost (starvation)?',
    },
    concepts: ['dispatch', 'io-blocked', 'multicore'],
    scenario: {
      cores: 4,
      quantum: 0,
      switchCost: 1,
      devices: { disk: 3, net: 2 },
      processes: [
        { name: 'render', arrival: 0, priority: 3, length: 16 },
        { name: 'backup', arrival: 0, priority: 2, length: 14 },
        { name: 'browser', arrival: 0, priority: 1, program: ['cpu 2', 'io net', 'cpu 2', 'exit'] },
        { name: 'editor', arrival: 0, priority: 0, program: ['cpu 1', 'io disk', 'cpu 1', 'exit'] },
        { name: 'ls', arrival: 1, length: 2 },
        { name: 'grep', arrival: 1, length: 3 },
        { name: 'wc', arrival: 2, length: 1 },
        { name: 'make', arrival: 2, program: ['cpu 3', 'io disk', 'cpu 2', 'exit'] },
        { name: 'cat', arrival: 3, length: 2 },
        { name: 'sort', arrival: 3, length: 4 },
      ],
      auto: { interrupts: false, delivery: true },
    },
  },
  {
    id: 'class-interrupts',
    title: { ko: '인터럽트: 타이머와 입출력 완료', en: 'Interrupts: the timer and I/O completion' },
    goal: {
      ko: '인터럽트가 처리되기 전까지 입출력이 끝난 스레드는 실행될 수 없습니다. 인터럽트 지연은 기계 전체의 시간입니다.',
      en: "Until its interrupt is handled, a thread whose I/O is done cannot run: interrupt latency is the whole machine's time.",
    },
    question: {
      ko: '타이머 인터럽트가 없다면 긴 작업 하나가 CPU를 얼마나 오래 붙잡을 수 있을까요?',
      en: 'Without the timer interrupt, how long could one long job keep the CPU?',
    },
    concepts: ['interrupts', 'time-slice', 'io-blocked'],
    scenario: {
      cores: 2,
      quantum: 3,
      switchCost: 1,
      devices: { disk: 2, keyboard: 1, net: 3 },
      processes: [
        ...LOAD,
        {
          name: 'shell',
          arrival: 0,
          program: ['cpu 1', 'io keyboard', 'cpu 1', 'io keyboard', 'cpu 1', 'exit'],
        },
        { name: 'saver', arrival: 1, program: ['cpu 1', 'io disk', 'cpu 1', 'io disk', 'exit'] },
        { name: 'mail', arrival: 2, program: ['io net', 'cpu 1', 'io net', 'send inbox m1', 'exit'] },
        { name: 'notifier', arrival: 2, program: ['recv inbox', 'cpu 1', 'exit'] },
      ],
      channels: [{ name: 'inbox', kind: 'mq', capacity: 2 }],
      auto: { interrupts: false, delivery: false },
    },
  },
  {
    id: 'class-race',
    title: { ko: '경쟁 상태, 그리고 락', en: 'A shared counter race, then the lock' },
    goal: {
      ko: 'load–add–store는 원자적이지 않습니다. 락 없이 두 스레드가 count를 올리면 갱신이 사라질 수 있고, 락(상호 배제)이 이를 막습니다.',
      en: 'load–add–store is not atomic: two threads adding to count without a lock can lose an update; a lock (mutual exclusion) prevents it.',
    },
    question: {
      ko: 'count가 4가 아니라 3이 된 순간, 두 스레드는 각각 어떤 명령어를 실행하고 있었나요?',
      en: 'When count came out 3 instead of 4, which instruction was each thread running?',
    },
    concepts: ['race', 'mutex'],
    scenario: {
      cores: 2,
      quantum: 0,
      switchCost: 1,
      locks: ['m'],
      processes: [
        ...LOAD,
        {
          name: 'counter',
          arrival: 0,
          vars: { count: 0 },
          threads: [counterThread(true), counterThread(true), counterThread(true), counterThread(true)],
        },
      ],
      auto: { interrupts: true, delivery: true },
    },
  },
  {
    id: 'class-deadlock',
    title: { ko: '교착 상태: 락 두 개', en: 'Deadlock: two locks' },
    goal: {
      ko: '두 스레드가 서로가 가진 락을 기다리면 영원히 멈춥니다(교착 상태). 모두가 같은 순서로 락을 잡으면 순환 대기가 생기지 않습니다.',
      en: 'Two threads each waiting for the lock the other holds stop forever (deadlock). Taking locks in one agreed order makes a circular wait impossible.',
    },
    question: {
      ko: '교착 상태의 네 가지 조건 중 "락 순서 정하기"는 어느 것을 깨뜨리나요?',
      en: 'Of the four conditions for deadlock, which one does a fixed lock order break?',
    },
    concepts: ['deadlock', 'mutex'],
    scenario: {
      cores: 2,
      quantum: 0,
      switchCost: 1,
      locks: ['a', 'b'],
      processes: [
        ...LOAD,
        {
          name: 'bank',
          arrival: 0,
          vars: { moved: 0 },
          threads: [
            {
              steered: true,
              program: [
                'lock a',
                'lock b',
                'load moved',
                'add 1',
                'store moved',
                'unlock b',
                'unlock a',
                'exit',
              ],
              palette: [
                'lock a',
                'lock b',
                'unlock a',
                'unlock b',
                'load moved',
                'add 1',
                'store moved',
                'cpu 1',
                'exit',
              ],
            },
            {
              steered: true,
              program: [
                'lock a',
                'lock b',
                'load moved',
                'add 1',
                'store moved',
                'unlock b',
                'unlock a',
                'exit',
              ],
              palette: [
                'lock a',
                'lock b',
                'unlock a',
                'unlock b',
                'load moved',
                'add 1',
                'store moved',
                'cpu 1',
                'exit',
              ],
            },
          ],
        },
      ],
      auto: { interrupts: true, delivery: true },
    },
  },
  {
    id: 'class-producer-consumer',
    title: { ko: '생산자–소비자와 세마포어', en: 'Producer–consumer with semaphores' },
    goal: {
      ko: '세마포어 empty와 full이 유한한 버퍼를 지킵니다. 생산자는 빈 칸을 wait하고, 소비자는 찬 칸을 wait합니다.',
      en: 'Semaphores empty and full guard a bounded buffer: the producer waits for an empty slot, the consumer for a full one.',
    },
    question: {
      ko: 'wait과 signal의 순서를 바꾸면 무엇이 잘못될까요?',
      en: 'What goes wrong if wait and signal are swapped?',
    },
    concepts: ['semaphore', 'producer-consumer'],
    scenario: {
      cores: 2,
      quantum: 0,
      switchCost: 1,
      semaphores: { empty: 2, full: 0 },
      channels: [{ name: 'buf', kind: 'mq', capacity: 2 }],
      processes: [
        ...LOAD,
        {
          name: 'producer',
          arrival: 0,
          threads: [
            {
              steered: true,
              program: [
                'wait empty',
                'send buf a',
                'signal full',
                'wait empty',
                'send buf b',
                'signal full',
                'wait empty',
                'send buf c',
                'signal full',
                'exit',
              ],
              palette: [
                'wait empty',
                'signal full',
                'send buf a',
                'send buf b',
                'send buf c',
                'cpu 1',
                'exit',
              ],
            },
          ],
        },
        {
          name: 'consumer',
          arrival: 0,
          threads: [
            {
              steered: true,
              program: [
                'wait full',
                'recv buf',
                'signal empty',
                'wait full',
                'recv buf',
                'signal empty',
                'wait full',
                'recv buf',
                'signal empty',
                'exit',
              ],
              palette: ['wait full', 'signal empty', 'recv buf', 'cpu 1', 'exit'],
            },
          ],
        },
      ],
      auto: { interrupts: true, delivery: false },
    },
  },
  {
    id: 'class-ipc-pipeline',
    title: {
      ko: 'IPC 파이프라인: 파이프, 메시지 큐, 소켓, 공유 메모리',
      en: 'An IPC pipeline: pipe, message queue, socket and shared memory',
    },
    goal: {
      ko: '채널마다 규칙과 속도가 다릅니다. 공유 메모리 > 소켓 > 파이프 > 메시지 큐 순으로 빠르고, 익명 파이프는 부모와 자식 사이에서만 쓸 수 있습니다.',
      en: 'Each channel has its own rules and speed: shared memory > socket > pipe > message queue; an anonymous pipe only joins a parent and its child.',
    },
    question: {
      ko: '같은 데이터를 더 빨리 넘기려면 어느 단계를 어떤 채널로 바꾸겠어요?',
      en: 'To pass the same data faster, which stage would you move to which channel?',
    },
    concepts: ['anonymous-pipe', 'message-queue', 'socket', 'shared-memory'],
    scenario: {
      cores: 3,
      quantum: 0,
      switchCost: 1,
      semaphores: { ready: 0 },
      channels: [
        { name: 'p', kind: 'pipe', owner: 'reader', capacity: 2 },
        { name: 'q', kind: 'mq', capacity: 2 },
        { name: 'net', kind: 'tcp', latency: 1 },
        { name: 'board', kind: 'shm' },
      ],
      processes: [
        ...LOAD,
        { name: 'reader', arrival: 0, program: ['send p r1', 'send p r2', 'join', 'exit'] },
        {
          name: 'parser',
          parent: 'reader',
          arrival: 0,
          program: ['recv p', 'send q j1', 'recv p', 'send q j2', 'exit'],
        },
        { name: 'sender', arrival: 0, program: ['recv q', 'send net n1', 'recv q', 'send net n2', 'exit'] },
        {
          name: 'server',
          arrival: 0,
          program: ['recv net', 'recv net', 'send board done', 'signal ready', 'exit'],
        },
        { name: 'display', arrival: 0, program: ['wait ready', 'recv board', 'exit'] },
      ],
      auto: { interrupts: true, delivery: false },
    },
  },
  {
    id: 'class-fork-exec',
    title: { ko: 'fork와 exec, 그리고 프로세스 트리', en: 'fork, exec and the process tree' },
    goal: {
      ko: 'fork는 부모를 복제해 자식을 만들고(PPID = 부모), exec는 그 자식의 코드를 새 프로그램으로 바꿉니다. 셸이 ls를 실행하는 방식입니다.',
      en: "fork copies the parent into a child (PPID = the parent); exec replaces the child's code with a new program. That is how the shell runs ls.",
    },
    question: {
      ko: '셸이 exec만 하고 fork를 하지 않으면 어떻게 될까요?',
      en: 'What would happen if the shell called exec without fork?',
    },
    concepts: ['fork-exec', 'process-tree'],
    scenario: {
      cores: 2,
      quantum: 0,
      switchCost: 1,
      programs: { child: ['exec ls'], ls: ['cpu 2', 'exit'], job: ['cpu 1', 'exit'] },
      processes: [
        ...LOAD,
        { name: 'updater', arrival: 0, priority: 3, length: 10 },
        {
          name: 'shell',
          arrival: 0,
          threads: [
            {
              steered: true,
              program: ['fork child', 'join', 'fork job', 'join', 'exit'],
              palette: ['fork child', 'fork job', 'join', 'cpu 1', 'exit'],
            },
          ],
        },
        {
          name: 'init',
          arrival: 0,
          threads: [
            {
              steered: true,
              program: ['fork job', 'fork job', 'join', 'exit'],
              palette: ['fork job', 'join', 'cpu 1', 'exit'],
            },
          ],
        },
      ],
      auto: { interrupts: true, delivery: true },
    },
  },
];
