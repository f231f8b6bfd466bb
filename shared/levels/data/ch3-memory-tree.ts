// Chapter 3, a process's memory and its family: the segments and leaks, the process tree from the
// first process, and fork + exec (the shell running `ls`).
import type { LevelInput } from '../level.ts';

const memoryLeak: LevelInput = {
  id: 'memory-leak',
  order: 80,
  branch: 'main',
  concepts: ['memory-segments-leaks'],
  player: { role: 'thread', threads: [{ process: 'viewer' }] },
  scenario: {
    cores: 1,
    processes: [{
      name: 'viewer',
      threads: [{ steered: true, program: ['alloc 4', 'cpu 2', 'free 4', 'alloc 4', 'cpu 2', 'free 4', 'exit'], palette: ['alloc 4', 'free 4', 'cpu 2', 'exit'] }],
    }],
  },
  goal: 'finished == 1 and leaks == 0 and proc.viewer.cpu >= 8 and peak.heap.viewer >= 4',
  stars: ['leaks == 0', 'peak.heap.viewer <= 4', 'elapsed <= 9'],
  tickLimit: 40,
  title: { ko: '힙 영역과 메모리 누수', en: 'The heap and memory leaks' },
  goalText: {
    ko: 'viewer 스레드를 직접 조종합니다. 사진 두 장을 여세요: 한 장마다 힙에 4페이지를 할당(alloc 4)하고 cpu 2로 처리합니다. 끝나기 전에 모두 해제하세요.',
    en: 'You steer the viewer thread. Open two pictures: each needs 4 heap pages (alloc 4) and cpu 2 of work. Free everything before you exit.',
  },
  card: {
    ko: [
      '프로세스는 사용자 영역에 코드 영역, 데이터 영역, 힙 영역, 스택 영역으로 나뉘어 저장됩니다.',
      '코드 영역은 실행할 명령어가 담긴 읽기 전용 공간이고, 데이터 영역에는 전역 변수처럼 실행 내내 유지할 데이터가 저장됩니다.',
      '코드와 데이터 영역은 크기가 변하지 않는 정적 할당 영역이고, 힙과 스택은 실행 중에 크기가 변합니다.',
      '힙은 프로그래머가 직접 할당하는 공간이라 언젠가 반환해야 합니다. 반환하지 않으면 메모리 누수가 생깁니다.',
    ],
    en: [
      'A process lives in the user area as four segments: code, data, heap and stack.',
      'The code segment holds the instructions and is read-only; the data segment keeps data for the whole run, such as globals.',
      'Code and data have a fixed size (static allocation); the heap and the stack grow and shrink while it runs.',
      'The heap is allocated by the programmer and must be given back some day; memory never returned is a memory leak.',
    ],
  },
  hints: [
    { when: 'leaks > 0', ko: 'exit 전에 할당한 만큼 free 하세요. 반환하지 않은 힙은 메모리 누수입니다.', en: 'Free what you allocated before exit: heap never returned is a leak.' },
    { when: 'peak.heap.viewer > 4', ko: '첫 번째 사진의 버퍼를 해제한 뒤에 두 번째를 할당하면 힙이 4페이지를 넘지 않습니다.', en: 'Free the first picture\'s buffer before allocating the second and the heap never exceeds 4 pages.' },
    { ko: '순서: alloc 4 → cpu 2 → free 4, 그리고 한 번 더, 마지막에 exit.', en: 'The order: alloc 4 → cpu 2 → free 4, once more, then exit.' },
  ],
};

const bootTree: LevelInput = {
  id: 'boot-tree',
  order: 90,
  branch: 'main',
  concepts: ['process-tree'],
  player: { role: 'thread', threads: [{ process: 'init' }] },
  scenario: {
    cores: 1,
    devices: { keyboard: 2 },
    programs: {
      login: ['cpu 1', 'fork bash', 'join', 'exit'],
      bash: ['cpu 1', 'fork vim', 'join', 'exit'],
      vim: { instructions: ['cpu 2', 'io keyboard', 'cpu 1', 'exit'], code: 4, data: 2 },
      sshd: ['cpu 1', 'exit'],
    },
    processes: [{
      name: 'init',
      threads: [{ steered: true, program: ['fork login', 'join', 'exit'], palette: ['fork login', 'fork bash', 'fork vim', 'fork sshd', 'join', 'exit'] }],
    }],
  },
  goal: 'finished == 1 and count.vim == 1 and count.bash == 1 and count.login == 1 and proc.login.depth == 1 and proc.bash.depth == 2 and proc.vim.depth == 3',
  stars: ['proc.vim.depth == 3', 'proc.init.completion >= proc.vim.completion', 'done.sshd == 1 and proc.sshd.depth == 1'],
  tickLimit: 40,
  title: { ko: '최초의 프로세스와 프로세스 계층', en: 'The first process and the process tree' },
  goalText: {
    ko: '컴퓨터가 막 켜졌습니다. 여러분은 최초의 프로세스 init입니다. 사용자가 로그인해서 bash 셸로 vim을 실행하도록 프로세스 트리를 만드세요: init → login → bash → vim. sshd 데몬도 함께 띄우면 별 세 개입니다.',
    en: 'The computer has just booted; you are the first process, init. Build the tree so that the user logs in and runs vim from the bash shell: init → login → bash → vim. Starting the sshd daemon as well earns the third star.',
  },
  card: {
    ko: [
      '프로세스는 실행 도중 시스템 호출로 다른 프로세스를 생성할 수 있습니다. 만든 쪽이 부모, 만들어진 쪽이 자식 프로세스입니다.',
      '부모와 자식은 다른 PID를 가지며, 자식의 PCB에는 부모의 PID인 PPID가 기록됩니다.',
      '부팅 때 실행되는 최초의 프로세스는 유닉스의 init, 리눅스의 systemd, macOS의 launchd입니다.',
      '최초의 프로세스가 로그인 프로세스를 낳고, 로그인이 bash 셸을, 셸이 vim을 낳습니다.',
    ],
    en: [
      'A running process can create another through a system call: the creator is the parent, the new one its child.',
      'They have different PIDs, and the child\'s PCB records its parent\'s PID as the PPID.',
      'The first process at boot is init on Unix, systemd on Linux and launchd on macOS.',
      'The first process creates the login process, login creates the bash shell, and the shell creates vim.',
    ],
  },
  hints: [
    { when: 'proc.vim.depth != 3', ko: 'init이 vim이나 bash를 직접 낳으면 로그인을 건너뛴 셈입니다. init은 login만 낳으면 나머지는 login과 bash가 이어서 만듭니다.', en: 'If init creates vim or bash itself, the login was skipped. init only needs to create login; login and bash do the rest.' },
    { ko: '최초의 프로세스는 자식이 끝날 때까지 기다려야(join) 트리의 뿌리로 남습니다.', en: 'The first process should wait (join) for its children, so it stays the root of the tree.' },
    { when: 'done.sshd == 0', ko: '데몬도 최초의 프로세스가 띄웁니다. init의 자식으로 sshd를 fork 하세요.', en: 'Daemons are started by the first process too: fork sshd as a child of init.' },
  ],
};

const shellLs: LevelInput = {
  id: 'shell-ls',
  order: 100,
  branch: 'main',
  concepts: ['fork-exec', 'process-tree'],
  player: { role: 'thread', threads: [{ process: 'bash' }] },
  scenario: {
    cores: 1,
    devices: { disk: 2 },
    programs: {
      child: ['exec ls'],
      ls: { instructions: ['cpu 1', 'io disk', 'cpu 1', 'exit'], code: 3, data: 2 },
    },
    processes: [{
      name: 'bash',
      threads: [{ steered: true, program: ['fork child', 'join', 'fork child', 'join', 'exit'], palette: ['fork child', 'exec ls', 'join', 'exit'] }],
    }],
  },
  goal: 'finished == 1 and done.ls == 2 and count.bash == 1 and proc.ls.ppid == proc.bash.pid',
  stars: ['done.ls == 2', 'proc.bash.completion >= proc.ls.completion', 'events.exec == 2 and elapsed <= 10'],
  tickLimit: 40,
  title: { ko: '셸이 ls를 실행할 때: fork와 exec', en: 'The shell runs ls: fork and exec' },
  goalText: {
    ko: '여러분은 bash 셸의 스레드입니다. 사용자가 ls를 두 번 입력했습니다. ls를 두 번 실행하고, 셸은 끝까지 살아 있어야 합니다.',
    en: 'You are the bash shell\'s thread. The user typed ls twice. Run ls twice, and keep the shell alive to the end.',
  },
  card: {
    ko: [
      '부모 프로세스는 fork()로 자신의 복사본을 자식 프로세스로 만듭니다. 복사본이어도 PID와 저장된 메모리 위치는 다릅니다.',
      '자식은 exec()로 자신의 메모리 공간을 새 프로그램으로 덮어씁니다. 코드와 데이터 영역이 바뀌고 나머지 영역은 초기화됩니다.',
      '셸에서 ls를 치면 셸이 fork()로 자식을 만들고, 자식이 exec()로 ls가 됩니다.',
      '셸이 직접 exec를 하면 셸 자신이 ls로 바뀌어 사라집니다.',
    ],
    en: [
      'A parent creates a copy of itself as a child with fork(); the copy still has its own PID and memory location.',
      'The child replaces its memory with a new program with exec(): code and data are replaced, the rest is reset.',
      'When you type ls in a shell, the shell forks a child and the child execs ls.',
      'If the shell itself calls exec, the shell turns into ls and is gone.',
    ],
  },
  hints: [
    { when: 'count.bash == 0', ko: '셸이 exec ls를 하면 셸이 ls로 바뀌어 버립니다. 먼저 fork로 자식을 만드세요(자식은 exec ls를 실행합니다).', en: 'When the shell runs exec ls, the shell becomes ls. Fork a child first (the child runs exec ls).' },
    { when: 'proc.bash.completion < proc.ls.completion', ko: '포그라운드 명령은 셸이 join으로 자식이 끝나길 기다립니다.', en: 'For a foreground command the shell waits (join) for its child.' },
    { ko: 'fork child → join, 한 번 더, 그리고 exit.', en: 'fork child → join, once more, then exit.' },
  ],
};

/** Chapter 3's levels. */
export const CHAPTER_3: LevelInput[] = [memoryLeak, bootTree, shellLs];
