// "Predict the machine" items for the checkpoints: small literal machines whose next step the player
// predicts; predict.ts runs each through the kernel, so the right answer is whatever the kernel does.
import { predictionQuestion, type Prediction } from '../predict.ts';
import type { Question } from '../questions.ts';

const N001 = '001_9f2a2de4693c9327.txt';
const N002 = '002_7fc991048c84041e.txt';
const N003 = '003_c38713c5a4f4a8d4.txt';

const ask = (ko: string, en: string) => ({ ko, en });

const PREDICTIONS: Record<'cpu' | 'sync' | 'ipc', Prediction[]> = {
  cpu: [
    {
      id: 'predict-timer', source: N001, before: 1,
      scenario: { cores: 1, quantum: 2, processes: [{ name: 'music', length: 5 }, { name: 'mail', length: 2 }] },
      probe: { kind: 'running', core: 0 },
      ask: ask('다음 틱이 지나면 코어에서는 무엇이 실행될까요?', 'After the next tick, what runs on the core?'),
      explain: ask('music이 타임 슬라이스 2틱을 다 쓰면 타이머 인터럽트가 music을 준비 상태로 돌려보내고, 준비 큐의 맨 앞인 mail이 디스패치됩니다.', 'When music has used its 2-tick slice, the timer interrupt sends it back to Ready and mail, at the head of the Ready queue, is dispatched.'),
    },
    {
      id: 'predict-io', source: N001,
      scenario: { cores: 1, devices: { disk: 3 }, processes: [{ name: 'db', program: ['cpu 1', 'io disk', 'cpu 1', 'exit'] }, { name: 'calc', length: 3 }] },
      probe: { kind: 'running', core: 0 },
      ask: ask('다음 틱이 지나면 코어에서는 무엇이 실행될까요?', 'After the next tick, what runs on the core?'),
      explain: ask('db는 cpu 1을 마치고 바로 디스크 입출력을 요청해 대기 상태가 됩니다. 빈 코어에는 준비 상태인 calc가 디스패치됩니다.', 'db finishes its cpu 1 and asks the disk at once, so it is Blocked; the free core gets calc, which is Ready.'),
    },
  ],
  sync: [
    {
      id: 'predict-race', source: N002, after: 3,
      scenario: { cores: 2, processes: [{ name: 'bank', vars: { balance: 0 }, threads: [{ program: ['load balance', 'add 1', 'store balance', 'exit'] }, { program: ['load balance', 'add 1', 'store balance', 'exit'] }] }] },
      probe: { kind: 'var', process: 'bank', name: 'balance', values: [0, 1, 2, 3] },
      ask: ask('두 스레드가 두 코어에서 동시에 달립니다. 3틱 뒤 balance는 얼마일까요?', 'The two threads run at once on two cores. What is balance after 3 ticks?'),
      explain: ask('두 스레드가 같은 틱에 0을 읽고 각자 1을 씁니다. 나중의 store가 앞의 것을 덮어써서 갱신 하나가 사라집니다.', 'Both threads read 0 in the same tick and each writes 1: the later store overwrites the earlier, and one update is lost.'),
    },
    {
      id: 'predict-lock', source: N002,
      scenario: { cores: 2, locks: ['m'], processes: [{ name: 'bank', vars: { balance: 0 }, threads: [{ program: ['lock m', 'load balance', 'add 1', 'store balance', 'unlock m', 'exit'] }, { program: ['cpu 1', 'lock m', 'load balance', 'add 1', 'store balance', 'unlock m', 'exit'] }] }] },
      probe: { kind: 'state', process: 'bank', thread: 1 },
      ask: ask('다음 틱이 지나면 bank·T2는 어떤 상태일까요?', 'After the next tick, what state is bank·T2 in?'),
      explain: ask('락 m은 T1이 쥐고 있습니다. T2의 lock m은 T1이 unlock 할 때까지 T2를 대기 상태로 둡니다.', 'T1 holds lock m, so T2\'s lock m leaves it Blocked until T1 unlocks.'),
    },
  ],
  ipc: [
    {
      id: 'predict-semaphore', source: N003,
      scenario: { cores: 2, semaphores: { empty: 1, full: 0 }, processes: [{ name: 'shop', vars: { made: 0 }, threads: [{ program: ['wait empty', 'cpu 1', 'signal full', 'wait empty', 'cpu 1', 'signal full', 'exit'] }, { program: ['cpu 4', 'wait full', 'signal empty', 'exit'] }] }] },
      after: 2,
      probe: { kind: 'state', process: 'shop', thread: 0 },
      ask: ask('선반은 한 칸이고 소비자는 아직 바쁩니다. 2틱 뒤 생산자 shop·T1은 어떤 상태일까요?', 'The shelf has one slot and the consumer is still busy. After 2 ticks, what state is the producer shop·T1 in?'),
      explain: ask('첫 물건이 빈 칸 하나를 차지해 empty가 0입니다. 두 번째 wait empty에서 생산자는 소비자가 signal empty 할 때까지 대기 상태가 됩니다.', 'The first item took the only free slot, so empty is 0: at its second wait empty the producer is Blocked until the consumer signals empty.'),
    },
  ],
};

/** The prediction questions of each checkpoint, computed once from the kernel. */
export const PREDICTION_QUESTIONS: Record<'cpu' | 'sync' | 'ipc', Question[]> = {
  cpu: PREDICTIONS.cpu.map(predictionQuestion),
  sync: PREDICTIONS.sync.map(predictionQuestion),
  ipc: PREDICTIONS.ipc.map(predictionQuestion),
};
