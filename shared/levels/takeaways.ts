// The interview-style takeaway of each concept: the one or two sentences a student should be able to
// say when asked about it, in the notes' terms. The debrief after a level shows its concepts' lines.
import type { Lang } from '../kernel/index.ts';
import type { ConceptId } from './concepts.ts';

/** Each concept's takeaway, as an answer to an interviewer. */
export const TAKEAWAYS: Record<ConceptId, Record<Lang, string>> = {
  'program-vs-process': {
    ko: '프로그램은 보조기억장치에 저장된 실행 파일이고, 프로세스는 그것이 메모리에 적재되어 실행 중인 것입니다. 같은 프로그램도 실행할 때마다 PID가 다른 프로세스가 됩니다.',
    en: 'A program is an executable file on storage; a process is that program loaded into memory and running. The same program run twice is two processes with different PIDs.',
  },
  'foreground-background-daemon': {
    ko: '포그라운드 프로세스는 사용자와 상호작용하고, 백그라운드 프로세스는 보이지 않는 곳에서 일하며, 데몬(서비스)은 사용자와 상호작용 없이 계속 실행되는 백그라운드 프로세스입니다. 사용자가 기다리는 쪽을 먼저 챙기는 것이 응답성입니다.',
    en: 'A foreground process interacts with the user, a background process works out of sight, and a daemon (a service) is a background process that keeps running with no user interaction. Responsiveness means serving the one the user waits for first.',
  },
  pcb: {
    ko: 'PCB(프로세스 제어 블록)는 커널이 프로세스마다 두는 자료구조로 PID, 상태, 우선순위, 레지스터와 프로그램 카운터, 메모리 정보, 열린 파일을 담습니다. 스케줄러는 PCB를 보고 결정합니다.',
    en: "The PCB (process control block) is the kernel's record of a process: PID, state, priority, registers and program counter, memory information and open files. The scheduler decides by reading PCBs.",
  },
  dispatch: {
    ko: '디스패치는 준비 상태의 프로세스를 골라 CPU에 올려 실행 상태로 만드는 일입니다. 짧은 작업을 먼저 실행하면 평균 대기 시간이 가장 작아지지만(SJF), 짧은 작업이 계속 들어오면 긴 작업은 끝없이 기다릴 수 있습니다(기아).',
    en: 'Dispatch moves a Ready process onto a CPU, making it Running. Running the shortest job first gives the smallest average waiting time (SJF), but while short jobs keep arriving a long one can wait forever (starvation).',
  },
  'time-slice-timer': {
    ko: '타임 슬라이스가 끝나면 타이머 인터럽트가 발생하고 실행 중인 프로세스는 준비 상태로 돌아갑니다. 라운드 로빈은 응답 시간을 줄이지만 반환 시간과 문맥 교환 비용을 늘립니다.',
    en: 'When a time slice ends, the timer interrupt sends the running process back to Ready. Round robin shortens response time at the cost of turnaround time and context switches.',
  },
  'blocked-io-interrupt': {
    ko: '입출력을 요청한 프로세스는 대기 상태가 되어 CPU를 내놓고, 입출력 완료 인터럽트가 처리되어야 준비 상태로 돌아갑니다. 그동안 CPU에 다른 프로세스를 올리면 이용률이 올라갑니다.',
    en: 'A process that requests I/O becomes Blocked and gives up the CPU; only when its I/O-completion interrupt is handled does it return to Ready. Running another process meanwhile keeps the CPU busy.',
  },
  'context-switch': {
    ko: '문맥 교환은 실행 중인 프로세스의 문맥을 PCB에 저장하고 다음 프로세스의 문맥을 복구하는 일이며, 그동안 CPU는 유용한 일을 하지 못합니다. 너무 잦은 문맥 교환은 오버헤드입니다.',
    en: "A context switch saves the running process's context to its PCB and restores the next one's; the CPU does no useful work meanwhile. Switching too often is pure overhead.",
  },
  'memory-segments-leaks': {
    ko: '프로세스의 메모리는 코드, 데이터, 힙, 스택 영역으로 나뉩니다. 힙은 실행 중에 할당하고 직접 해제해야 하며, 해제하지 않으면 메모리 누수가 됩니다.',
    en: "A process's memory is split into code, data, heap and stack segments. The heap is allocated at run time and must be freed; memory not freed is a leak.",
  },
  'process-tree': {
    ko: '프로세스는 fork로 자식 프로세스를 만들어 계층 구조(트리)를 이룹니다. 최초의 프로세스(init, PID 1)가 모든 프로세스의 조상입니다.',
    en: 'Processes create children with fork, forming a tree. The first process (init, PID 1) is the ancestor of every other process.',
  },
  'fork-exec': {
    ko: 'fork는 부모를 복제해 새 PID의 자식을 만들고, exec는 자기 메모리를 새 프로그램으로 덮어씁니다. 셸은 fork한 뒤 자식에서 exec해서 명령을 실행합니다.',
    en: "fork copies the parent into a child with a new PID; exec replaces a process's memory with a new program. A shell runs a command by forking and exec-ing in the child.",
  },
  'threads-share': {
    ko: '같은 프로세스의 스레드는 코드, 데이터, 힙, 열린 파일을 공유하고, 각자 자기 스레드 ID, 프로그램 카운터, 레지스터, 스택을 가집니다.',
    en: 'Threads of one process share its code, data, heap and open files; each has its own thread ID, program counter, registers and stack.',
  },
  'fork-threads-cow': {
    ko: '멀티프로세스는 자원을 공유하지 않아 하나가 죽어도 나머지는 안전하지만 무겁고, 멀티스레드는 가볍지만 한 스레드의 오류가 프로세스 전체를 죽입니다. fork는 쓰기 시 복사로 실제 복사를 쓰는 순간까지 미룹니다.',
    en: "Processes share nothing, so one crash spares the others, but they are heavier; threads are light, but one thread's fault kills the whole process. fork defers copying until a write (copy-on-write).",
  },
  'race-lock': {
    ko: '여러 스레드가 공유 자원을 동시에 읽고 고치면 실행 순서에 따라 결과가 달라지는 경쟁 상태가 생기고 갱신이 손실됩니다. 임계 구역을 락(뮤텍스)으로 감싸 한 번에 하나만 들어가게 합니다.',
    en: 'When threads read and modify shared data at once, the result depends on their order (a race condition) and updates get lost. A lock (mutex) around the critical section lets one in at a time.',
  },
  deadlock: {
    ko: '교착 상태는 스레드들이 서로가 가진 자원을 기다리며 아무도 진행하지 못하는 상태입니다. 모든 스레드가 락을 같은 순서로 잡으면 순환 대기가 생기지 않습니다.',
    en: 'A deadlock is threads each waiting for a resource another holds, so none can go on. Taking locks in one fixed order everywhere rules out the circular wait.',
  },
  semaphore: {
    ko: '세마포어는 공유 자원에 들어갈 수 있는 수를 세는 변수로, wait는 하나를 차지하고 signal은 돌려줍니다. 생산자-소비자 문제에서 빈 칸과 찬 칸을 세마포어로 세면 버퍼가 넘치거나 빈 채 읽지 않습니다.',
    en: 'A semaphore counts how many may use a resource: wait takes one, signal gives it back. In producer–consumer, counting empty and full slots with semaphores keeps the buffer from overflowing or being read empty.',
  },
  'ipc-anonymous-pipe': {
    ko: '익명 파이프는 부모와 자식 프로세스 사이의 단방향 FIFO 통로입니다. 양방향으로 통신하려면 파이프가 두 개 필요합니다.',
    en: 'An anonymous pipe is a one-way FIFO channel between a parent and its child. Two-way talk needs two pipes.',
  },
  'ipc-named-pipe': {
    ko: '명명된 파이프는 이름이 있어 부모-자식이 아닌 프로세스끼리도 쓸 수 있고, 양방향으로 쓸 수 있어 클라이언트와 서버가 통신합니다.',
    en: 'A named pipe has a name, so unrelated processes can use it, and it can be two-way: clients and a server talk through it.',
  },
  'ipc-message-queue': {
    ko: '메시지 큐는 커널이 관리하는 큐로, 프로세스가 메시지 단위로 넣고 꺼냅니다. 보내는 쪽과 받는 쪽이 동시에 실행될 필요가 없습니다.',
    en: 'A message queue is kept by the kernel: processes put and take whole messages, and sender and receiver need not run at the same time.',
  },
  'ipc-shared-memory': {
    ko: '공유 메모리는 여러 프로세스가 같은 메모리 영역을 매핑해 커널을 거치지 않으므로 가장 빠른 IPC입니다. 대신 동기화는 프로세스가 직접 해야 합니다.',
    en: 'Shared memory maps one region into several processes with no kernel in between, so it is the fastest IPC; in exchange, the processes must synchronise themselves.',
  },
  'ipc-socket': {
    ko: '소켓은 네트워크를 통한 통신의 끝점입니다. TCP는 연결형으로 순서와 전달을 보장하고, UDP는 비연결형으로 빠르지만 메시지가 유실되거나 순서가 바뀔 수 있습니다.',
    en: 'A socket is an endpoint of network communication. TCP is connection-oriented and guarantees order and delivery; UDP is connectionless and faster, but messages may be lost or reordered.',
  },
  'ipc-file': {
    ko: '파일로도 프로세스가 데이터를 주고받을 수 있지만, 보조기억장치를 거치므로 가장 느린 IPC입니다.',
    en: 'Processes can exchange data through a file, but it goes through storage, so it is the slowest IPC.',
  },
  'ipc-speed': {
    ko: 'IPC 속도는 대체로 공유 메모리, 소켓, 파이프, 메시지 큐, 파일 순입니다. 같은 프로세스의 스레드는 메모리를 공유하므로 IPC 자체가 필요 없습니다.',
    en: 'IPC speed ranks roughly shared memory, sockets, pipes, message queues, files. Threads of one process share memory, so they need no IPC at all.',
  },
  'concurrency-parallelism': {
    ko: '동시성은 하나의 코어가 여러 작업을 번갈아 실행해 동시에 실행되는 것처럼 보이는 것이고, 병렬성은 여러 코어가 실제로 같은 순간에 여러 작업을 실행하는 것입니다.',
    en: 'Concurrency is one core taking turns between tasks so they seem simultaneous; parallelism is several cores running tasks at the same instant.',
  },
  'browser-multiprocess': {
    ko: '크롬 같은 브라우저는 탭마다 렌더러 프로세스를 따로 두어, 한 탭이 죽어도 다른 탭과 브라우저는 살아남습니다. 한 프로세스 안의 스레드가 죽으면 그 프로세스 전체가 죽습니다.',
    en: 'Browsers such as Chrome give each tab its own renderer process, so one crashing tab spares the others and the browser. A thread that crashes takes its whole process down.',
  },
  'sync-async': {
    ko: '동기 입출력은 결과가 올 때까지 기다리고, 비동기 입출력은 요청만 해 두고 다른 일을 하다가 나중에 결과를 받습니다. 여러 요청을 비동기로 겹치면 전체 시간이 가장 긴 요청 하나 정도로 줄어듭니다.',
    en: 'Synchronous I/O waits for its result; asynchronous I/O makes the request, does other work and takes the result later. Overlapping several requests asynchronously cuts the total to about the longest one.',
  },
};
