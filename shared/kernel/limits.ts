// Every vocabulary and numeric range the kernel knows, declared once. TS unions, zod schemas, the
// dashboard's inputs, the CLI's checks and docs/LIMITS.md all derive from this file.
//
// The rule: the edge (a room's message table, an HTTP route) checks a message's *shape* and its
// *sender*; the kernel checks *range and legality*, so a number out of range is refused by the kernel
// with a bilingual sentence the player reads in their own language. Ranges the kernel cannot check
// (the room's clock speed, a live event's size) are checked at the edge, against the same table.
import { z } from 'zod';

// The languages are declared in langs.ts (no zod there, for the join form's page) and belong to this table.
export { LANGS, type Lang } from './langs.ts';

/** The scheduling policies the bots implement (and the headless CLI runs). */
export const POLICIES = ['fifo', 'sjf', 'stcf', 'rr', 'priority'] as const;
/** A scheduling policy. */
export type PolicyKind = (typeof POLICIES)[number];

/** The six IPC channel kinds of the notes (TCP and UDP are the two socket kinds). */
export const CHANNEL_KIND_NAMES = ['pipe', 'fifo', 'mq', 'tcp', 'udp', 'file', 'shm'] as const;
/** An IPC channel kind. */
export type ChannelKind = (typeof CHANNEL_KIND_NAMES)[number];

/** How a process is run, as in the notes: foreground, background, or a daemon/service. */
export const PROCESS_KINDS = ['foreground', 'background', 'daemon'] as const;
/** A process kind. */
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** The extra time a teacher may give one student: their job's grace time (`graceSeconds`) times this. */
export const GRACE_FACTORS = [1, 1.5, 2, 3] as const;
/** One student's grace multiplier. */
export type GraceFactor = (typeof GRACE_FACTORS)[number];

/** A closed numeric range, with the step a number in it moves by and what it is, for docs and inputs. */
export interface Limit {
  readonly min: number;
  readonly max: number;
  /** 1 for whole numbers; a fraction for continuous values (inputs step by it). */
  readonly step: number;
  readonly en: string;
  readonly ko: string;
}

/** Every numeric range. Keys are the field names used in scenarios, messages and the dashboard. */
export const LIMITS = {
  cores: { min: 1, max: 8, step: 1, en: 'CPU cores', ko: 'CPU 코어 수' },
  quantum: {
    min: 0,
    max: 1000,
    step: 1,
    en: 'time slice in ticks (0 = no timer interrupt)',
    ko: '타임 슬라이스(틱, 0 = 타이머 인터럽트 없음)',
  },
  switchCost: { min: 0, max: 20, step: 1, en: 'context-switch cost in ticks', ko: '문맥 교환 비용(틱)' },
  threadSwitchCost: {
    min: 0,
    max: 20,
    step: 1,
    en: 'switch cost between two threads of one process, in ticks (default half the switch cost, never more)',
    ko: '같은 프로세스의 스레드 사이 문맥 교환 비용(틱, 기본값은 문맥 교환 비용의 절반, 그보다 크지 않음)',
  },
  cacheMissCost: {
    min: 0,
    max: 20,
    step: 1,
    en: 'extra ticks a load or store pays on a cache miss (a switch to another process flushes the cache; 0 = no cache)',
    ko: '캐시 미스 때 load·store가 더 쓰는 틱(다른 프로세스로 문맥 교환하면 캐시 플러시, 0 = 캐시 없음)',
  },
  loadTicks: {
    min: 0,
    max: 100,
    step: 1,
    en: 'ticks an arriving process stays New while its program loads',
    ko: '도착한 프로세스가 프로그램을 불러오는 동안 생성 상태로 머무는 틱',
  },
  priority: {
    min: -20,
    max: 19,
    step: 1,
    en: 'process priority (lower runs first, as Unix nice)',
    ko: '프로세스 우선순위(작을수록 먼저, Unix nice와 같음)',
  },
  speed: { min: 0.25, max: 20, step: 0.25, en: 'room clock in ticks per second', ko: '방의 시계(초당 틱)' },
  countdown: {
    min: 0,
    max: 30,
    step: 1,
    en: 'seconds every student reads their role card before a round starts (0 = none; the host can skip it)',
    ko: '라운드가 시작되기 전 학생들이 역할 카드를 읽는 시간(초, 0 = 없음, 호스트가 건너뛸 수 있음)',
  },
  predictSeconds: {
    min: 0,
    max: 300,
    step: 1,
    en: "seconds students predict at a class round's end before the comparison is revealed (0 = no prediction)",
    ko: '학급 라운드가 끝난 뒤 비교 결과를 공개하기 전 학생들이 예측하는 시간(초, 0 = 예측 없음)',
  },
  deviceTicks: {
    min: 1,
    max: 1000,
    step: 1,
    en: 'ticks an I/O request takes on a device',
    ko: '장치 입출력 요청 하나의 시간(틱)',
  },
  capacity: {
    min: 1,
    max: 64,
    step: 1,
    en: 'messages a channel buffer holds',
    ko: '채널 버퍼가 담는 메시지 수',
  },
  latency: {
    min: 0,
    max: 100,
    step: 1,
    en: 'ticks a message travels (sockets)',
    ko: '메시지가 이동하는 시간(틱, 소켓)',
  },
  networkLatency: {
    min: 0,
    max: 100,
    step: 1,
    en: 'extra ticks a message takes to cross the network to another host',
    ko: '메시지가 네트워크를 건너 다른 호스트로 갈 때 더 걸리는 틱',
  },
  ioStormSize: {
    min: 1,
    max: 16,
    step: 1,
    en: 'processes an I/O storm starts',
    ko: '입출력 폭주가 만드는 프로세스 수',
  },
  forkBombDepth: {
    min: 1,
    max: 8,
    step: 1,
    en: 'forks in a fork bomb (2^depth processes)',
    ko: '포크 폭탄의 fork 횟수(2^깊이개 프로세스)',
  },
  crewSize: {
    min: 2,
    max: 12,
    step: 1,
    en: 'students per crew (each crew runs its own machine)',
    ko: '크루 한 팀의 학생 수(크루마다 자기 기계를 돌림)',
  },
  graceSeconds: {
    min: 0,
    max: 60,
    step: 1,
    en: 'seconds a job waits on its student before a "your turn" prompt, then a bot moves (0 = never)',
    ko: '학생의 차례를 기다리는 초, 지나면 "내 차례" 알림 뒤 봇이 대신 둠(0 = 끔)',
  },
  sandboxLink: {
    min: 1,
    max: 6000,
    step: 1,
    en: "characters of a shared sandbox link's scenario",
    ko: '공유한 샌드박스 링크에 담긴 시나리오의 글자 수',
  },
} as const satisfies Record<string, Limit>;

/** The name of a declared range. */
export type LimitName = keyof typeof LIMITS;

/** True when x lies in the named range and moves by its step (whole numbers for step 1). */
export function inLimit(name: LimitName, x: number): boolean {
  const l: Limit = LIMITS[name];
  if (!Number.isFinite(x) || x < l.min || x > l.max) return false;
  return l.step === 1 ? Number.isInteger(x) : true;
}

/** The zod schema of a number in the named range, for validators that own a range (scenarios, the clock). */
export function limitSchema(name: LimitName): z.ZodNumber {
  const l: Limit = LIMITS[name];
  const n = z.number().min(l.min).max(l.max);
  return l.step === 1 ? n.int() : n;
}
