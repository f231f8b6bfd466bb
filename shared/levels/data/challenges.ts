// The challenges: one for each chapter whose role can be put under rising load (the scheduler in
// chapters 1 and 4, the interrupt handler in chapter 2). Survive as long as you can.
import { buildChallenge, type Challenge, type ChallengeSpec } from '../challenge.ts';

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
    id: 'challenge-interrupts', chapter: 2,
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
    id: 'challenge-cores', chapter: 4,
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
];

/** Every challenge, built and validated once. */
export const CHALLENGES: readonly Challenge[] = SPECS.map(buildChallenge);
