// Chapter 5, synchronisation: races and when they happen, locks, deadlock, and semaphores for
// producer–consumer.
import type { LevelInput } from '../level.ts';

const depositTwice = ['load balance', 'add 1', 'store balance', 'load balance', 'add 1', 'store balance', 'exit'];

const lockedDeposit = ['lock m', 'load balance', 'add 1', 'store balance', 'unlock m'];

const raceTiming: LevelInput = {
  id: 'race-timing',
  order: 140,
  branch: 'optional',
  concepts: ['race-lock', 'context-switch'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    processes: [
      { name: 'bank', vars: { balance: 0 }, threads: [{ program: depositTwice }, { program: depositTwice }] },
      { name: 'alarm', arrival: 1, length: 1 },
    ],
  },
  goal: 'finished == 1 and lostUpdates == 0 and var.bank.balance == 4 and proc.alarm.response <= 2',
  stars: ['lostUpdates == 0', 'proc.alarm.response <= 2', 'proc.alarm.response <= 2 and contextSwitches <= 3'],
  tickLimit: 40,
  title: { ko: '경쟁 상태는 언제 생길까', en: 'When does a race happen?' },
  goalText: {
    ko: 'bank의 두 스레드가 balance에 1씩 두 번 더합니다(락 없음). alarm이 오면 2틱 안에 실행하되, balance는 4가 되어야 합니다.',
    en: 'bank\'s two threads each add 1 to balance twice, with no lock. Run alarm within 2 ticks of its arrival, and balance must still end at 4.',
  },
  card: {
    ko: [
      'balance에 1을 더하는 일은 읽기(load), 더하기(add), 쓰기(store) 세 단계입니다.',
      '한 스레드가 읽고 아직 쓰기 전에 다른 스레드가 끼어들면, 나중에 쓰는 값이 앞선 변경을 덮어씁니다. 이것이 경쟁 상태(갱신 손실)입니다.',
      '스레드는 데이터를 공유하므로 공유 자원에 대한 동기화 문제가 생길 수 있습니다.',
      '스케줄러가 언제 문맥 교환을 하느냐에 따라 경쟁이 생기기도, 안 생기기도 합니다.',
    ],
    en: [
      'Adding 1 to balance takes three steps: read (load), add, write (store).',
      'If another thread slips in after one has read but before it writes, the later write overwrites the earlier change: a race (a lost update).',
      'Threads share data, so access to shared resources needs synchronisation.',
      'Whether a race happens depends on when the scheduler switches.',
    ],
  },
  hints: [
    { when: 'lostUpdates > 0', ko: 'load 다음, store 전에 스레드를 바꾸면 갱신이 사라집니다. store가 끝난 뒤에만 선점하세요.', en: 'Switching after a load and before its store loses an update: preempt only right after a store.' },
    { ko: 'PCB 카드의 레지스터에 값이 읽혀 있으면 아직 쓰기 전입니다.', en: 'If the register in the PCB card holds a loaded value, the write has not happened yet.' },
  ],
};

const mutex: LevelInput = {
  id: 'mutex',
  order: 150,
  branch: 'main',
  concepts: ['race-lock'],
  player: { role: 'thread', threads: [{ process: 'bank', thread: 0 }] },
  scenario: {
    cores: 2,
    locks: ['m'],
    processes: [{
      name: 'bank',
      vars: { balance: 0 },
      threads: [
        { steered: true, program: [...lockedDeposit, 'cpu 2', ...lockedDeposit, 'exit'], palette: ['lock m', 'unlock m', 'load balance', 'add 1', 'store balance', 'cpu 1', 'cpu 2', 'exit'] },
        { steered: true, program: [...lockedDeposit, 'cpu 1', ...lockedDeposit, 'cpu 1', ...lockedDeposit, 'cpu 1', ...lockedDeposit, 'exit'] },
      ],
    }],
  },
  goal: 'finished == 1 and lostUpdates == 0 and var.bank.balance == 6 and elapsed <= 20',
  stars: ['elapsed <= 20', 'elapsed <= 19'],
  tickLimit: 40,
  title: { ko: '락으로 지키는 임계 구역', en: 'A lock guards the critical section' },
  goalText: {
    ko: '여러분은 bank의 첫 번째 스레드입니다. 두 번 입금(balance에 1씩)하고, 입금 사이에 영수증을 씁니다(cpu 2). 다른 스레드는 다른 코어에서 네 번 입금합니다. 20틱 안에 끝내고, balance는 6이어야 합니다.',
    en: 'You are bank\'s first thread. Deposit twice (add 1 to balance each time) and write a receipt between them (cpu 2), while the other thread deposits four times on the other core. Finish within 20 ticks; balance must end at 6.',
  },
  card: {
    ko: [
      '같은 프로세스의 스레드들은 데이터 영역의 balance를 함께 씁니다.',
      'load → add → store 사이에 다른 스레드가 끼어들면 갱신이 사라집니다.',
      '락(lock)을 잡은 스레드만 임계 구역에 들어가고, 다른 스레드는 unlock까지 대기 상태가 됩니다.',
      '임계 구역은 짧을수록 좋습니다. 락을 오래 쥐면 다른 스레드가 그만큼 기다립니다.',
    ],
    en: [
      'Threads of one process use the same balance in the data segment.',
      'If another thread slips in between load → add → store, an update is lost.',
      'Only the thread holding the lock enters the critical section; the others are Blocked until it unlocks.',
      'Keep the critical section short: while you hold the lock, others wait.',
    ],
  },
  hints: [
    { when: 'lostUpdates > 0', ko: 'load 앞에 lock m, store 뒤에 unlock m을 두세요. 다른 스레드도 같은 락을 씁니다.', en: 'Put lock m before the load and unlock m after the store: the other thread uses the same lock.' },
    { when: 'elapsed > 19', ko: '락을 쥔 채로 cpu를 돌리면 다른 스레드가 기다립니다.', en: 'Running cpu while holding the lock makes the other thread wait.' },
  ],
};

const deadlock: LevelInput = {
  id: 'deadlock',
  order: 160,
  branch: 'main',
  concepts: ['deadlock', 'race-lock'],
  player: { role: 'thread', threads: [{ process: 'bank', thread: 0 }] },
  scenario: {
    cores: 2,
    locks: ['a', 'b'],
    processes: [{
      name: 'bank',
      vars: { moved: 0 },
      threads: [
        { steered: true, program: ['lock b', 'lock a', 'load moved', 'add 1', 'store moved', 'unlock a', 'unlock b', 'exit'], palette: ['lock a', 'lock b', 'unlock a', 'unlock b', 'load moved', 'add 1', 'store moved', 'cpu 1', 'exit'] },
        { steered: true, program: ['lock b', 'cpu 2', 'lock a', 'load moved', 'add 1', 'store moved', 'unlock a', 'unlock b', 'exit'] },
      ],
    }],
  },
  goal: 'finished == 1 and deadlocks == 0 and var.bank.moved == 2 and lostUpdates == 0',
  stars: ['deadlocks == 0', 'elapsed <= 10', 'elapsed <= 8'],
  tickLimit: 40,
  title: { ko: '교착 상태', en: 'Deadlock' },
  goalText: {
    ko: '계좌 이체에는 락 a와 b가 모두 필요합니다. 다른 스레드도 같은 두 락으로 이체합니다. 그 스레드의 코드를 읽고, 여러분도 이체를 한 번(moved에 1) 하고 끝내세요.',
    en: 'A transfer needs both locks a and b. The other thread transfers with the same two locks: read its code, then do your one transfer (add 1 to moved) and finish.',
  },
  card: {
    ko: [
      '스레드는 자원을 공유하므로 동기화가 필요하고, 락을 여러 개 쓰면 새로운 문제가 생깁니다.',
      '스레드 1이 a를 쥐고 b를 기다리는데 스레드 2가 b를 쥐고 a를 기다리면, 둘 다 영원히 대기 상태입니다.',
      '이렇게 서로가 가진 자원을 기다리며 아무도 진행하지 못하는 상태를 교착 상태라고 합니다.',
      '모든 스레드가 같은 순서로 락을 잡으면 대기의 고리가 생기지 않습니다.',
    ],
    en: [
      'Threads share resources and need synchronisation, and several locks bring a new problem.',
      'If thread 1 holds a and waits for b while thread 2 holds b and waits for a, both stay Blocked forever.',
      'Waiting for each other\'s resources so that no one can go on is deadlock.',
      'If every thread takes the locks in the same order, no cycle of waiting can form.',
    ],
  },
  hints: [
    { when: 'deadlocks > 0', ko: '다른 스레드는 b → a 순서로 잡습니다. 여러분이 a → b 순서면 서로 기다리는 고리가 생깁니다.', en: 'The other thread takes b → a. If you take a → b, a cycle of waiting forms.' },
    { ko: '락을 같은 순서(b 다음 a)로 잡고, 다 쓰면 바로 푸세요.', en: 'Take the locks in the same order (b, then a) and release them as soon as you are done.' },
  ],
};

const producerConsumer: LevelInput = {
  id: 'producer-consumer',
  order: 170,
  branch: 'main',
  concepts: ['semaphore'],
  player: { role: 'thread', threads: [{ process: 'shop', thread: 0 }] },
  scenario: {
    cores: 2,
    semaphores: { empty: 2, full: 0 },
    processes: [{
      name: 'shop',
      vars: { made: 0, sold: 0 },
      threads: [
        {
          steered: true,
          program: ['wait empty', 'load made', 'add 1', 'store made', 'signal full', 'exit'],
          palette: ['wait empty', 'signal full', 'cpu 1', 'load made', 'add 1', 'store made', 'exit'],
        },
        {
          steered: true,
          program: [
            'wait full', 'load sold', 'add 1', 'store sold', 'signal empty', 'cpu 4',
            'wait full', 'load sold', 'add 1', 'store sold', 'signal empty', 'cpu 4',
            'wait full', 'load sold', 'add 1', 'store sold', 'signal empty', 'cpu 4',
            'wait full', 'load sold', 'add 1', 'store sold', 'signal empty', 'cpu 4', 'exit',
          ],
        },
      ],
    }],
  },
  track: { inBuffer: 'var.shop.made - var.shop.sold' },
  goal: 'finished == 1 and var.shop.made == 4 and var.shop.sold == 4 and peak.inBuffer <= 2',
  stars: ['peak.inBuffer <= 2', 'elapsed <= 36', 'elapsed <= 32'],
  tickLimit: 60,
  title: { ko: '생산자와 소비자: 세마포어', en: 'Producer and consumer: semaphores' },
  goalText: {
    ko: '여러분은 생산자 스레드입니다. 물건 4개를 만들어(made에 1씩) 두 칸짜리 선반에 올리세요. 소비자는 하나 팔 때마다 4틱을 더 씁니다. 선반이 넘치면 안 됩니다.',
    en: 'You are the producer thread. Make 4 items (add 1 to made each) for a two-slot shelf. The consumer spends 4 more ticks on each sale. The shelf must never overflow.',
  },
  card: {
    ko: [
      '파이프와 버퍼는 생산자-소비자 모델입니다. 생산자가 넣고 소비자가 꺼내는 선입선출 큐, 원형 버퍼입니다.',
      '세마포어는 개수를 세는 동기화 도구입니다. wait는 값을 1 줄이고, 0이면 대기 상태가 됩니다. signal은 1 늘리거나 기다리는 스레드를 깨웁니다.',
      'empty는 빈 칸 수, full은 찬 칸 수입니다.',
      '소비자의 코드는 화면에 있습니다. 소비자가 어떤 세마포어를 기다리고 어느 세마포어에 signal 하는지 읽어 보세요.',
    ],
    en: [
      'Pipes and buffers follow the producer–consumer model: a first-in first-out queue, a circular buffer, filled by one side and emptied by the other.',
      'A semaphore is a counting synchronisation tool: wait takes one and blocks at zero; signal gives one back or wakes a waiter.',
      'empty counts the free slots, full the filled ones.',
      'The consumer\'s code is on screen: read which semaphore it waits on and which one it signals.',
    ],
  },
  hints: [
    { when: 'peak.inBuffer > 2', ko: '빈 칸이 있는지 wait empty로 먼저 확인하세요. 선반이 차 있으면 생산자는 기다려야 합니다.', en: 'Check for a free slot with wait empty first: when the shelf is full, the producer must wait.' },
    { when: 'var.shop.sold < 4', ko: '물건을 올린 뒤 signal full을 하지 않으면 소비자는 계속 잠들어 있습니다.', en: 'Without signal full after each item, the consumer sleeps forever.' },
    { ko: '한 개마다: wait empty → load made → add 1 → store made → signal full.', en: 'For each item: wait empty → load made → add 1 → store made → signal full.' },
  ],
};

/** Chapter 5's levels. */
export const CHAPTER_5: LevelInput[] = [raceTiming, mutex, deadlock, producerConsumer];
