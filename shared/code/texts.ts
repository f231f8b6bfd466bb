// The comments a code view writes, in the notes' terms, in Korean and English.
import type { Instr } from '../kernel/types.ts';

/** The two languages of every text a player sees. */
export type CommentLanguage = 'ko' | 'en';

type Pair = { ko: string; en: string };
const fill = (p: Pair, lang: CommentLanguage, v: Record<string, string | number>): string =>
  p[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

const OP: Record<Instr['op'], Pair> = {
  cpu: { ko: 'CPU에서 {n}틱 계산', en: 'compute for {n} ticks on the CPU' },
  io: { ko: '{device} 입출력: 끝날 때까지 대기(Blocked)', en: 'I/O on {device}: Blocked until it completes' },
  'io-async': {
    ko: '{device} 비동기 입출력: 요청만 하고 계속 실행',
    en: 'asynchronous I/O on {device}: request it and go on',
  },
  await: { ko: '비동기 요청이 모두 끝날 때까지 대기', en: 'wait until every asynchronous request is done' },
  fork: {
    ko: 'fork: 자식 프로세스 생성(새 PID, 부모 메모리의 copy-on-write 사본)',
    en: 'fork: a child process (new PID, a copy-on-write copy of the memory)',
  },
  exec: {
    ko: 'exec {program}: 코드와 데이터를 {program} 프로그램으로 교체',
    en: 'exec {program}: code and data replaced by the new program',
  },
  spawn: { ko: '같은 프로세스 안에 스레드 {program} 생성', en: 'a new thread {program} in the same process' },
  join: { ko: '자식 프로세스가 모두 끝날 때까지 대기', en: 'wait until every child process has ended' },
  lock: {
    ko: '뮤텍스 {name} 잠금(다른 스레드가 쥐고 있으면 대기)',
    en: 'lock mutex {name} (wait while another thread holds it)',
  },
  unlock: { ko: '뮤텍스 {name} 풀기', en: 'unlock mutex {name}' },
  wait: { ko: '세마포 {name} 감소(0이면 대기)', en: 'semaphore {name} down (wait while it is 0)' },
  signal: {
    ko: '세마포 {name} 증가(기다리는 스레드를 깨움)',
    en: 'semaphore {name} up (wakes a waiting thread)',
  },
  load: { ko: '레지스터 ← {var} (읽기)', en: 'register ← {var} (read)' },
  add: { ko: '레지스터 ← 레지스터 {sign} {abs}', en: 'register ← register {sign} {abs}' },
  store: { ko: '{var} ← 레지스터 (쓰기)', en: '{var} ← register (write)' },
  alloc: { ko: '힙에 {n}페이지 할당', en: 'allocate heap pages: {n}' },
  free: { ko: '힙에서 {n}페이지 해제', en: 'free heap pages: {n}' },
  send: { ko: '{channel} 채널에 "{msg}" 보내기', en: 'send "{msg}" on {channel}' },
  recv: { ko: '{channel}에서 받기(비어 있으면 대기)', en: 'receive from {channel} (wait while it is empty)' },
  fault: {
    ko: '잘못된 메모리 접근: 프로세스 전체가 종료',
    en: 'bad memory access: the whole process is killed',
  },
  exit: { ko: '스레드 종료', en: 'the thread ends' },
};

/** The comment beside one instruction in the pseudo-assembly view. */
export function opComment(i: Instr, lang: CommentLanguage): string {
  const extra: Record<string, string | number> =
    i.op === 'add' ? { sign: i.n < 0 ? '-' : '+', abs: Math.abs(i.n) } : {};
  return fill(OP[i.op], lang, { ...(i as unknown as Record<string, string | number>), ...extra });
}

const T = {
  header: {
    ko: '{who}: 기계의 명령어 프로그램을 옮긴 {as} 코드 (자동 생성)',
    en: '{who}: the machine program as {as} (generated)',
  },
  steps: {
    ko: '{var} += {n}, 세 단계로: 읽기, 더하기, 쓰기 (그 사이에 다른 스레드가 끼어들 수 있음)',
    en: '{var} += {n} in three steps: read, add, write (another thread may run in between)',
  },
  register: { ko: '이 스레드의 레지스터', en: "this thread's register" },
  data: {
    ko: '프로세스의 데이터 영역: 스레드끼리 공유',
    en: "the process's data segment: its threads share it",
  },
  empty: { ko: '아직 고른 명령어가 없음', en: 'no instruction chosen yet' },
} satisfies Record<string, Pair>;

/** A comment of the generated files other than the per-instruction ones. */
export function comment(
  key: keyof typeof T,
  lang: CommentLanguage,
  v: Record<string, string | number> = {},
): string {
  return fill(T[key], lang, v);
}

/** Every comment text of one language, so the game's font loader fetches the glyphs the code panel needs. */
export function commentGlyphs(lang: CommentLanguage): string {
  return [...Object.values(OP), ...Object.values(T)].map((p) => p[lang]).join('');
}
