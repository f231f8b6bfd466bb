// Chapter 1, processes: a program becomes a process, dispatch, the PCB, foreground/background/daemons.
import type { LevelInput } from '../level.ts';

const bootHello: LevelInput = {
  id: 'boot-hello',
  order: 10,
  branch: 'main',
  concepts: ['program-vs-process', 'dispatch'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    programs: { hello: { instructions: ['cpu 2', 'exit'], code: 2, data: 1 } },
    processes: [
      { name: 'shell', program: ['fork hello', 'fork hello', 'exit'] },
      { name: 'backup', kind: 'background', length: 8 },
    ],
  },
  goal: 'done.hello == 2 and done.backup == 1',
  stars: ['elapsed <= 18', 'elapsed <= 15', 'averages.waiting <= 2.75'],
  tickLimit: 40,
  title: { ko: '프로그램이 프로세스가 되는 순간', en: 'When a program becomes a process' },
  goalText: {
    ko: '셸이 hello 프로그램을 두 번 실행합니다. 두 hello 프로세스와 backup을 모두 끝내세요. 짧은 일을 먼저 하면 별이 늘어납니다.',
    en: 'The shell runs the hello program twice. Finish both hello processes and the backup. Short work first earns more stars.',
  },
  card: {
    ko: [
      '프로그램은 실행되기 전까지 보조기억장치에 있는 데이터 덩어리일 뿐입니다.',
      '프로그램을 메모리에 적재하고 실행하는 순간 프로세스가 됩니다. 이것을 "프로세스를 생성한다"고 합니다.',
      '같은 프로그램을 두 번 실행하면 PID가 다른 프로세스 두 개가 생깁니다.',
      '여러분은 스케줄러입니다. 준비 상태의 PCB 카드를 코어로 옮기면 실행 상태가 됩니다.',
    ],
    en: [
      'A program is just data on secondary storage until it runs.',
      'The moment it is loaded into memory and run, it becomes a process: "the process is created".',
      'Run the same program twice and you get two processes with different PIDs.',
      'You are the scheduler: move a Ready PCB card onto the core and it becomes Running.',
    ],
  },
  hints: [
    { when: 'finished == 0', ko: '코어가 비어 있으면 아무 일도 일어나지 않습니다. 준비 상태의 카드를 코어에 올리세요.', en: 'An empty core does nothing: put a Ready card on it.' },
    { ko: 'hello 두 개는 짧고 backup은 깁니다. 짧은 일을 먼저 하면 모두가 덜 기다립니다.', en: 'The two hellos are short and the backup is long: short work first means less waiting for everyone.' },
  ],
};

const firstDispatch: LevelInput = {
  id: 'first-dispatch',
  order: 20,
  branch: 'main',
  concepts: ['dispatch'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    processes: [
      { name: 'A', length: 6 }, { name: 'B', length: 8 }, { name: 'C', length: 7 }, { name: 'D', length: 3 },
    ],
  },
  goal: 'completed == 4 and averages.waiting <= 10.75',
  stars: ['averages.waiting <= 10.75', 'averages.waiting <= 10', 'averages.waiting <= 9.5'],
  tickLimit: 60,
  title: { ko: '디스패치: 누구를 먼저?', en: 'Dispatch: who goes first?' },
  goalText: {
    ko: '네 프로세스를 모두 끝내되, 준비 상태에서 기다린 평균 시간을 10.75틱 이하로 줄이세요.',
    en: 'Finish all four processes with an average wait in Ready of at most 10.75 ticks.',
  },
  card: {
    ko: [
      '준비 상태는 당장 CPU를 할당받아 실행할 수 있지만 아직 차례가 아니라 기다리는 상태입니다.',
      '준비 상태인 프로세스가 실행 상태로 바뀌는 것을 디스패치라고 합니다.',
      '누구를 먼저 디스패치하느냐에 따라 모두가 기다리는 시간이 달라집니다.',
      'PCB의 CPU 스케줄링 정보에는 남은 실행 시간도 보입니다.',
    ],
    en: [
      'Ready means a process could use the CPU right now but it is not its turn yet.',
      'Moving a Ready process to Running is called dispatch.',
      'Who you dispatch first changes how long everyone waits.',
      "The PCB's scheduling information shows how much work each one still needs.",
    ],
  },
  hints: [
    { when: 'averages.waiting > 10.75', ko: '긴 프로세스가 먼저 달리면 나머지가 모두 그만큼 기다립니다.', en: 'When a long process runs first, everyone else waits that long.' },
    { ko: '남은 일이 가장 적은 프로세스부터 디스패치해 보세요.', en: 'Try dispatching the one with the least work left first.' },
  ],
};

const pcbPriority: LevelInput = {
  id: 'pcb-priority',
  order: 30,
  branch: 'main',
  concepts: ['pcb', 'dispatch'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    devices: { disk: 2 },
    processes: [
      { name: 'backup', priority: 10, kind: 'background', length: 6 },
      { name: 'music', priority: 0, program: ['cpu 1', 'io disk', 'cpu 1', 'io disk', 'cpu 1', 'exit'] },
      { name: 'mail', priority: 5, arrival: 2, length: 3 },
    ],
  },
  goal: 'finished == 1 and proc.music.waiting <= 4',
  stars: ['proc.music.waiting <= 4', 'player.refused == 0', 'proc.music.waiting <= 3 and proc.mail.waiting <= 4'],
  tickLimit: 40,
  title: { ko: 'PCB를 읽는 스케줄러', en: 'A scheduler reads the PCB' },
  goalText: {
    ko: 'music은 우선순위가 가장 높습니다(0). music이 준비 상태에서 모두 합쳐 4틱 넘게 기다리지 않게 하세요.',
    en: 'music has the highest priority (0). Never let it wait in Ready for more than 4 ticks in all.',
  },
  card: {
    ko: [
      'PCB(프로세스 제어 블록)는 운영체제가 프로세스를 식별하고 관리하려고 커널 영역에 만드는 자료구조입니다.',
      'PCB에는 PID, 프로그램 카운터를 비롯한 레지스터 값, 프로세스 상태, CPU 스케줄링 정보(우선순위), 메모리 관리 정보, 사용한 파일과 입출력장치 목록이 담깁니다.',
      'PCB는 프로세스 생성 시에 만들어지고 실행이 끝나면 폐기됩니다.',
      '대기 상태인 프로세스는 디스패치할 수 없습니다. PCB의 상태를 먼저 읽으세요.',
    ],
    en: [
      'The PCB (process control block) is the data structure the OS keeps in the kernel area to identify and manage a process.',
      'It holds the PID, the registers including the program counter, the state, scheduling information such as priority, memory information, and the files and devices in use.',
      'It is created with the process and discarded when the process ends.',
      'A Blocked process cannot be dispatched: read its state in the PCB first.',
    ],
  },
  hints: [
    { when: 'proc.music.waiting > 4', ko: 'music이 입출력을 마치고 돌아오면 backup을 선점해서라도 music을 먼저 실행하세요.', en: 'When music comes back from its I/O, preempt the backup if you must and run music first.' },
    { when: 'player.refused > 0', ko: '대기 상태(입출력 중)인 카드는 디스패치가 거절됩니다. PCB의 상태를 보세요.', en: 'Dispatching a Blocked card (waiting for I/O) is refused: check the state in its PCB.' },
    { ko: '우선순위 숫자가 작을수록 먼저입니다.', en: 'A smaller priority number goes first.' },
  ],
};

const foregroundDaemon: LevelInput = {
  id: 'foreground-daemon',
  order: 40,
  branch: 'main',
  concepts: ['foreground-background-daemon'],
  player: { role: 'scheduler' },
  scenario: {
    cores: 1,
    devices: { keyboard: 3, clock: 6 },
    processes: [
      { name: 'build', kind: 'background', length: 10 },
      { name: 'vim', kind: 'foreground', program: ['cpu 1', 'io keyboard', 'cpu 1', 'io keyboard', 'cpu 1', 'io keyboard', 'cpu 1', 'exit'] },
      { name: 'cron', kind: 'daemon', priority: 10, program: ['cpu 1', 'io clock', 'cpu 1', 'io clock', 'cpu 1', 'exit'] },
    ],
  },
  goal: 'finished == 1 and proc.vim.waiting <= 5',
  stars: ['proc.vim.waiting <= 5', 'utilization >= 0.65', 'proc.vim.waiting <= 4 and elapsed <= 25'],
  tickLimit: 60,
  title: { ko: '포그라운드, 백그라운드, 데몬', en: 'Foreground, background and daemons' },
  goalText: {
    ko: '사용자가 vim으로 글을 씁니다. vim이 준비 상태에서 모두 합쳐 5틱 넘게 기다리지 않게 하면서 build와 cron도 끝내세요.',
    en: 'The user is typing in vim. Keep vim from waiting more than 5 ticks in Ready in all, and still finish build and cron.',
  },
  card: {
    ko: [
      '사용자가 보는 앞에서 실행되는 프로세스를 포그라운드 프로세스라고 합니다.',
      '사용자가 보지 못하는 뒤편에서 실행되는 프로세스는 백그라운드 프로세스입니다.',
      '사용자와 상호작용하지 않고 정해진 일만 묵묵히 하는 백그라운드 프로세스를 유닉스에서는 데몬, 윈도우에서는 서비스라고 부릅니다.',
      'cron은 시계 장치를 기다리며 자고, 깨어나면 CPU를 1틱만 씁니다. build는 오래 걸리지만 급하지 않습니다.',
    ],
    en: [
      'A process running in front of the user is a foreground process.',
      'One running behind the scenes, out of the user\'s sight, is a background process.',
      'A background process that quietly does its job without talking to the user is a daemon on Unix and a service on Windows.',
      'cron sleeps on the clock device and, once awake, needs the CPU for one tick; build takes long but is in no hurry.',
    ],
  },
  hints: [
    { when: 'proc.vim.waiting > 5', ko: 'build를 끝까지 돌리면 사용자는 화면이 멈춘 것처럼 느낍니다. vim이 준비 상태가 되면 build를 선점하세요.', en: 'Running build to the end feels like a frozen screen to the user: preempt build when vim becomes Ready.' },
    { when: 'utilization < 0.65', ko: 'vim과 cron이 입출력을 기다리는 동안 코어가 놀지 않게 build를 올려 두세요.', en: 'While vim and cron wait for I/O, keep the core busy with build.' },
    { ko: '데몬(cron)은 CPU를 1틱씩만 씁니다. 잠깐 실행해 주면 다음 시계 대기가 일찍 시작되어 모두가 일찍 끝납니다.', en: 'The daemon (cron) needs the CPU for one tick at a time: a quick turn starts its next clock wait early, so everything ends sooner.' },
  ],
};

/** Chapter 1's levels. */
export const CHAPTER_1: LevelInput[] = [bootHello, firstDispatch, pcbPriority, foregroundDaemon];
