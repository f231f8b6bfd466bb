// The concepts the solo campaign must teach (issue 6's list), each with its name in the notes' terms.
// A level names the concepts it teaches; a test checks that every one here is taught somewhere.
import type { Lang } from '../kernel/index.ts';

/** Every concept id, in the order the notes introduce them. */
export const CONCEPT_IDS = [
  'program-vs-process',
  'foreground-background-daemon',
  'pcb',
  'dispatch',
  'time-slice-timer',
  'blocked-io-interrupt',
  'context-switch',
  'memory-segments-leaks',
  'process-tree',
  'fork-exec',
  'threads-share',
  'fork-threads-cow',
  'race-lock',
  'deadlock',
  'semaphore',
  'ipc-anonymous-pipe',
  'ipc-named-pipe',
  'ipc-message-queue',
  'ipc-shared-memory',
  'ipc-socket',
  'ipc-file',
  'ipc-speed',
  'concurrency-parallelism',
  'browser-multiprocess',
  'sync-async',
] as const;

/** A concept the campaign teaches. */
export type ConceptId = (typeof CONCEPT_IDS)[number];

/** Each concept's name as the level map and the concept card show it. */
export const CONCEPT_NAMES: Record<ConceptId, Record<Lang, string>> = {
  'program-vs-process': { ko: '프로그램과 프로세스', en: 'Program vs process' },
  'foreground-background-daemon': {
    ko: '포그라운드·백그라운드 프로세스와 데몬',
    en: 'Foreground, background and daemons',
  },
  pcb: { ko: '프로세스 제어 블록(PCB)', en: 'The process control block (PCB)' },
  dispatch: { ko: '디스패치', en: 'Dispatch' },
  'time-slice-timer': { ko: '타임 슬라이스와 타이머 인터럽트', en: 'Time slices and the timer interrupt' },
  'blocked-io-interrupt': {
    ko: '대기 상태와 입출력 완료 인터럽트',
    en: 'Blocked and the I/O-completion interrupt',
  },
  'context-switch': { ko: '문맥 교환과 오버헤드', en: 'Context switching and its overhead' },
  'memory-segments-leaks': {
    ko: '코드·데이터·힙·스택 영역과 메모리 누수',
    en: 'Code, data, heap and stack segments, and leaks',
  },
  'process-tree': {
    ko: '프로세스 계층 구조와 최초의 프로세스',
    en: 'The process tree and the first process',
  },
  'fork-exec': { ko: 'fork와 exec', en: 'fork and exec' },
  'threads-share': {
    ko: '스레드가 공유하는 것과 공유하지 않는 것(스택)',
    en: 'What threads share, and their own stacks',
  },
  'fork-threads-cow': { ko: 'fork, 스레드, 쓰기 시 복사', en: 'fork vs threads vs copy-on-write' },
  'race-lock': { ko: '경쟁 상태와 락', en: 'Races and locks' },
  deadlock: { ko: '교착 상태', en: 'Deadlock' },
  semaphore: { ko: '세마포어와 생산자-소비자', en: 'Semaphores and producer–consumer' },
  'ipc-anonymous-pipe': { ko: '익명 파이프', en: 'Anonymous pipes' },
  'ipc-named-pipe': { ko: '명명된 파이프', en: 'Named pipes' },
  'ipc-message-queue': { ko: '메시지 큐', en: 'Message queues' },
  'ipc-shared-memory': { ko: '공유 메모리', en: 'Shared memory' },
  'ipc-socket': { ko: '소켓: TCP와 UDP', en: 'Sockets: TCP and UDP' },
  'ipc-file': { ko: '파일을 통한 프로세스 간 통신', en: 'Communicating through a file' },
  'ipc-speed': { ko: 'IPC 속도 비교', en: 'The speed ranking of IPC' },
  'concurrency-parallelism': { ko: '동시성과 병렬성', en: 'Concurrency vs parallelism' },
  'browser-multiprocess': { ko: '웹 브라우저의 멀티프로세스 구조', en: "The browser's multi-process design" },
  'sync-async': { ko: '동기와 비동기', en: 'Synchronous vs asynchronous' },
};
