// Chapter 2, sharing one CPU: time slices and the timer interrupt, Blocked and the I/O-completion
// interrupt, context switches and their overhead.
import type { LevelInput } from '../level.ts';

const timeSlice: LevelInput = {
  id: 'time-slice',
  order: 50,
  branch: 'main',
  concepts: ['time-slice-timer'],
  player: { role: 'interrupt' },
  policy: 'rr',
  scenario: {
    cores: 1,
    quantum: 2,
    switchCost: 1,
    auto: { interrupts: false },
    interruptBound: 3,
    processes: [
      { name: 'report', length: 9 },
      { name: 'chat', arrival: 1, length: 4 },
      { name: 'clock', arrival: 2, length: 1 },
      { name: 'mail', arrival: 7, length: 4 },
      { name: 'news', arrival: 11, length: 1 },
      { name: 'ping', arrival: 13, length: 1 },
      { name: 'key', arrival: 14, length: 1 },
    ],
  },
  goal: 'finished == 1 and unhandledInterrupts == 0 and averages.response <= 7',
  stars: ['averages.response <= 7', 'switchTicks <= 9', 'elapsed <= 30 and averages.response <= 6.6'],
  tickLimit: 40,
  title: { ko: '타임 슬라이스와 타이머 인터럽트', en: 'Time slices and the timer interrupt' },
  goalText: {
    ko: '여러분은 인터럽트 핸들러입니다. 타이머 인터럽트를 처리하면 실행 중인 프로세스가 준비 상태로 돌아가고, 문맥 교환마다 1틱이 듭니다. 새 프로세스가 점점 자주 도착합니다. 평균 응답 시간 7틱 이하로 모두 끝내세요.',
    en: 'You are the interrupt handler. Handling a timer interrupt sends the running process back to Ready, and each context switch costs 1 tick. New processes arrive more and more often. Finish everything with an average response of at most 7 ticks.',
  },
  card: {
    ko: [
      '프로세스들은 차례대로 돌아가며 정해진 시간(타임 슬라이스)만큼만 CPU를 사용합니다.',
      '시간이 끝나면 타이머 인터럽트(타임아웃 인터럽트)가 발생합니다. 클럭 신호로 주기적으로 발생하는 하드웨어 인터럽트입니다.',
      '인터럽트를 처리하면 실행 중이던 프로세스는 준비 상태로 돌아가고 다음 차례가 CPU를 받습니다.',
      '처리하지 않으면 실행 중인 프로세스가 계속 CPU를 씁니다.',
    ],
    en: [
      'Processes take turns, each using the CPU for a fixed time: its time slice.',
      'When the slice ends, a timer (timeout) interrupt is raised: a hardware interrupt from the clock.',
      'Handling it sends the running process back to Ready, and the next one gets the CPU.',
      'Leave it unhandled and the running process keeps the CPU.',
    ],
  },
  hints: [
    { when: 'unhandledInterrupts > 0', ko: '인터럽트를 처리하지 않고 오래 두면 처리되지 않은 인터럽트로 기록됩니다.', en: 'An interrupt left pending too long is recorded as unhandled.' },
    { when: 'switchTicks > 9', ko: '곧 끝날 프로세스의 타이머 인터럽트를 처리하면 문맥 교환만 두 번 늘어납니다. 남은 일을 보고 정하세요.', en: 'Handling the timer of a process that is about to finish only adds two context switches: look at the work it has left before you decide.' },
    { ko: '남은 일이 많은 프로세스가 CPU를 쥐고 있으면 새로 온 프로세스의 응답 시간이 늘어납니다. 그럴 때는 타이머 인터럽트를 처리해 차례를 넘기세요.', en: 'While a process with much work left holds the CPU, the newcomers\' response grows: that is when a timer interrupt is worth handling.' },
  ],
};

const ioWait: LevelInput = {
  id: 'io-wait',
  order: 60,
  branch: 'main',
  concepts: ['blocked-io-interrupt'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    devices: { disk: 4 },
    processes: [
      { name: 'db', program: ['cpu 2', 'io disk', 'cpu 2', 'io disk', 'cpu 1', 'exit'] },
      { name: 'calc', length: 8 },
    ],
  },
  goal: 'finished == 1 and elapsed <= 19',
  stars: ['elapsed <= 19', 'utilization >= 0.8', 'elapsed <= 16'],
  tickLimit: 40,
  title: { ko: '대기 상태: 입출력을 기다리는 동안', en: 'Blocked: while the I/O runs' },
  goalText: {
    ko: 'db는 디스크를 자주 기다립니다. 두 프로세스를 19틱 안에 끝내세요. db가 대기 상태일 때 코어를 놀리지 마세요.',
    en: 'db often waits for the disk. Finish both within 19 ticks, and never leave the core idle while db is Blocked.',
  },
  card: {
    ko: [
      '입출력 작업은 CPU보다 느려서, 입출력을 요청한 프로세스는 끝날 때까지 기다려야 합니다. 이것이 대기 상태입니다.',
      '입출력이 끝나면 입출력 완료 인터럽트가 발생하고, 프로세스는 다시 준비 상태가 됩니다.',
      '대기 상태인 프로세스는 디스패치할 수 없습니다.',
      '그동안 다른 준비 상태 프로세스를 실행하면 CPU가 놀지 않습니다.',
    ],
    en: [
      'I/O is slower than the CPU, so a process that asks for I/O must wait until it is done: that is the Blocked state.',
      'When the I/O finishes, an I/O-completion interrupt is raised and the process becomes Ready again.',
      'A Blocked process cannot be dispatched.',
      'Meanwhile, running another Ready process keeps the CPU from idling.',
    ],
  },
  hints: [
    { when: 'utilization < 0.8', ko: 'db가 디스크를 기다리는 동안 calc를 실행하세요.', en: 'Run calc while db waits for the disk.' },
    { ko: 'db가 입출력을 마치고 돌아오면 calc를 선점하고 db를 먼저 보내세요. db의 다음 입출력이 그만큼 일찍 시작됩니다.', en: 'When db is back from the disk, preempt calc and run db: its next I/O starts that much earlier.' },
  ],
};

const ioInterrupt: LevelInput = {
  id: 'io-interrupt',
  order: 65,
  branch: 'optional',
  concepts: ['blocked-io-interrupt', 'time-slice-timer'],
  player: { role: 'interrupt' },
  policy: 'rr',
  scenario: {
    cores: 1,
    quantum: 3,
    switchCost: 1,
    auto: { interrupts: false },
    interruptBound: 4,
    devices: { disk: 3, net: 2 },
    processes: [
      { name: 'scanner', program: ['cpu 1', 'io disk', 'cpu 1', 'io disk', 'cpu 1', 'exit'] },
      { name: 'mailer', program: ['cpu 2', 'io net', 'cpu 2', 'io net', 'cpu 1', 'exit'] },
      { name: 'render', length: 9 },
    ],
  },
  goal: 'finished == 1 and unhandledInterrupts == 0',
  stars: ['unhandledInterrupts == 0', 'meanInterruptLatency <= 1.5', 'switchTicks <= 7 and elapsed <= 24'],
  tickLimit: 60,
  title: { ko: '입출력 완료 인터럽트', en: 'The I/O-completion interrupt' },
  goalText: {
    ko: '디스크와 네트워크가 일을 마칠 때마다 입출력 완료 인터럽트가 오고, 3틱 타임 슬라이스마다 타이머 인터럽트도 옵니다. 문맥 교환에는 1틱이 듭니다. 처리되지 않은 인터럽트 없이 모든 프로세스를 끝내세요.',
    en: 'Each time the disk or the network finishes, an I/O-completion interrupt arrives, and the timer rings at every 3-tick time slice. A context switch costs 1 tick. Let all processes finish with no interrupt left unhandled.',
  },
  card: {
    ko: [
      '대기 상태는 입출력처럼 특정 이벤트가 일어나길 기다리는 상태입니다.',
      '입출력장치가 일을 끝내면 입출력 완료 인터럽트로 CPU에 알립니다.',
      '인터럽트 핸들러가 처리해야 그 프로세스가 대기 상태에서 준비 상태로 옮겨집니다.',
      '처리가 늦을수록 프로세스는 괜히 더 기다립니다(인터럽트 지연).',
    ],
    en: [
      'Blocked means waiting for some event, most often I/O.',
      'When a device finishes, it tells the CPU with an I/O-completion interrupt.',
      'Only when the handler handles it does the process move from Blocked to Ready.',
      'The later you handle it, the longer the process waits for nothing (interrupt latency).',
    ],
  },
  hints: [
    { when: 'finished == 0', ko: '입출력 완료 인터럽트를 처리하지 않으면 그 프로세스는 영원히 대기 상태에 머뭅니다.', en: 'If an I/O-completion interrupt is never handled, its process stays Blocked forever.' },
    { when: 'meanInterruptLatency > 1.5', ko: '입출력 완료 인터럽트는 급합니다. 처리할 때까지 그 프로세스는 대기 상태에 묶여 있습니다.', en: 'An I/O-completion interrupt is urgent: its process stays Blocked until you handle it.' },
    { ko: '타이머 인터럽트는 급하지 않을 때가 있습니다. 곧 끝나거나 곧 입출력을 시작할 프로세스를 내리면 문맥 교환만 늘어납니다.', en: 'A timer interrupt is not always urgent: taking the CPU from a process about to finish or to start its I/O only adds context switches.' },
  ],
};

const contextSwitch: LevelInput = {
  id: 'context-switch',
  order: 70,
  branch: 'main',
  concepts: ['context-switch', 'time-slice-timer'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    quantum: 2,
    switchCost: 2,
    processes: [
      { name: 'A', length: 6 },
      { name: 'B', length: 6 },
      { name: 'ping', arrival: 5, length: 1 },
    ],
  },
  goal: 'finished == 1 and switchTicks <= 8',
  stars: ['switchTicks <= 8', 'proc.ping.response <= 7', 'switchTicks <= 4 and elapsed <= 24'],
  tickLimit: 60,
  title: { ko: '문맥 교환의 비용', en: 'The cost of a context switch' },
  goalText: {
    ko: '문맥 교환 한 번에 2틱이 듭니다. 문맥 교환에 쓰는 시간을 8틱 이하로 줄이면서 모두 끝내세요. ping에게는 금방 차례를 주세요.',
    en: 'Each context switch costs 2 ticks. Finish everything with at most 8 ticks lost to switching, and give ping a turn soon.',
  },
  card: {
    ko: [
      '하나의 프로세스 수행을 재개하기 위해 기억해야 할 정보를 문맥이라고 하며, PCB에 표현되어 있습니다.',
      '기존 프로세스의 문맥을 PCB에 백업하고 새 프로세스의 문맥을 PCB에서 복구하는 것을 문맥 교환이라고 합니다.',
      '문맥 교환을 하는 동안에는 유용한 작업을 할 수 없으므로 그 시간은 오버헤드입니다.',
      '타이머 인터럽트 뒤에 같은 프로세스를 다시 디스패치하면 문맥 교환이 없습니다.',
    ],
    en: [
      'The context is what must be remembered to resume a process; it is kept in the PCB.',
      'Saving the old process\'s context to its PCB and restoring the new one\'s from its PCB is a context switch.',
      'No useful work happens during a switch, so its time is overhead.',
      'After a timer interrupt, dispatching the same process again costs no switch.',
    ],
  },
  hints: [
    { when: 'switchTicks > 8', ko: '타임 슬라이스마다 다른 프로세스로 바꾸면 문맥 교환 비용이 계속 쌓입니다.', en: 'Switching to another process at every time slice piles up switching costs.' },
    { when: 'proc.ping.response > 7', ko: 'ping은 1틱짜리입니다. 도착하면 곧 한 번 바꿔 줄 만합니다.', en: 'ping needs one tick: when it arrives, one switch for it is worth it.' },
    { ko: '문맥 교환을 자주 하면 동시에 실행되는 것처럼 보이지만, 너무 잦으면 오버헤드가 됩니다.', en: 'Frequent switches make processes look simultaneous, but too many become overhead.' },
  ],
};

/** Chapter 2's levels. */
export const CHAPTER_2: LevelInput[] = [timeSlice, ioWait, ioInterrupt, contextSwitch];
