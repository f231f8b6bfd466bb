// The kernel's sentences, in Korean and English, written for a student: why an action was refused
// and what just happened. Terms follow the study notes (준비·실행·대기 상태, 디스패치, 문맥 교환 …).
import { withParticles } from './josa.ts';
import { label } from './machine.ts';
import type {
  BlockReason,
  ChannelKind,
  KernelEvent,
  KernelState,
  Rejection,
  RejectionCode,
} from './types.ts';

import type { Lang } from './limits.ts';
import type { LabelOf } from './presentation.ts';
import { describeProblem, problemOfParams } from './problems.ts';
import { fill, type Template } from './template.ts';

/** The two languages every text exists in (declared in limits.ts). */
export type { Lang } from './limits.ts';

/** One sentence per refusal code; {name} is replaced by the rejection's parameter of that name. */
export const REJECTIONS: Record<RejectionCode, Template> = {
  'no-such-core': { en: 'There is no core {core}.', ko: '코어 {core}은(는) 없습니다.' },
  'no-such-thread': { en: 'There is no thread {tid}.', ko: '스레드 {tid}은(는) 없습니다.' },
  'no-such-process': { en: 'There is no process P{pid}.', ko: '프로세스 P{pid}은(는) 없습니다.' },
  'no-such-interrupt': {
    en: 'Interrupt #{id} is not pending: it was already handled or never raised.',
    ko: '인터럽트 #{id}은(는) 처리되지 않은 인터럽트가 아닙니다. 이미 처리되었거나 발생한 적이 없습니다.',
  },
  'no-such-channel': { en: 'There is no channel "{channel}".', ko: '"{channel}" 채널은 없습니다.' },
  'no-such-message': {
    en: 'Message #{message} is not travelling on {channel}.',
    ko: '메시지 #{message}은(는) {channel}에서 전달 중이 아닙니다.',
  },
  'core-busy': {
    en: 'Core {core} is already running {thread}: replace it in one move, preempt it first, or pick a free core.',
    ko: '코어 {core}은(는) 이미 {thread}을(를) 실행 중입니다. 한 번에 교체하거나, 먼저 선점하거나, 빈 코어를 고르세요.',
  },
  'core-idle': {
    en: 'Core {core} is idle: there is nothing to preempt.',
    ko: '코어 {core}은(는) 비어 있어 선점할 것이 없습니다.',
  },
  'replace-idle': {
    en: 'Core {core} is idle: there is nothing to replace, so dispatch {thread} to it instead.',
    ko: '코어 {core}은(는) 비어 있어 교체할 것이 없습니다. {thread}을(를) 그냥 디스패치하세요.',
  },
  'replace-same': {
    en: '{thread} is already Running on core {core}: replacing it with itself changes nothing.',
    ko: '{thread}은(는) 이미 코어 {core}에서 실행 상태입니다. 자기 자신으로 교체할 수는 없습니다.',
  },
  'thread-running': {
    en: '{thread} is already Running on core {core}.',
    ko: '{thread}은(는) 이미 코어 {core}에서 실행 상태입니다.',
  },
  'thread-terminated': {
    en: '{thread} has Terminated: it will never run again.',
    ko: '{thread}은(는) 종료 상태입니다. 다시 실행될 수 없습니다.',
  },
  'thread-new': {
    en: '{thread} is still New: it must be admitted to Ready first.',
    ko: '{thread}은(는) 아직 생성 상태입니다. 먼저 준비 상태가 되어야 합니다.',
  },
  'blocked-device': {
    en: '{thread} is Blocked on the {device}: it cannot be dispatched until its I/O completes.',
    ko: '{thread}은(는) {device} 입출력을 기다리는 대기 상태입니다. 입출력이 끝나야 디스패치할 수 있습니다.',
  },
  'blocked-lock': {
    en: '{thread} is Blocked waiting for lock {lock}, held by {owner}: it cannot run until {owner} unlocks it.',
    ko: '{thread}은(는) {owner}이(가) 가진 락 {lock}을(를) 기다리는 대기 상태입니다. {owner}이(가) 풀어야 실행할 수 있습니다.',
  },
  'io-interrupt-pending': {
    en: "{thread}'s I/O on the {device} is done, but its I/O-completion interrupt #{id} has not been handled: handle it first, and {thread} goes back to Ready.",
    ko: '{thread}의 {device} 입출력은 끝났지만 입출력 완료 인터럽트 #{id}이(가) 아직 처리되지 않았습니다. 먼저 처리해야 {thread}이(가) 준비 상태로 돌아갑니다.',
  },
  'blocked-semaphore': {
    en: '{thread} is Blocked on semaphore {semaphore}: it cannot run until another thread signals it.',
    ko: '{thread}은(는) 세마포어 {semaphore}에서 대기 상태입니다. 다른 스레드가 signal해야 실행할 수 있습니다.',
  },
  'blocked-recv': {
    en: '{thread} is Blocked receiving on the {kind} {channel}, which has nothing for it: it cannot run until a message arrives.',
    ko: '{thread}은(는) {kind} {channel}에서 받을 메시지가 없어 기다리는 대기 상태입니다. 메시지가 도착해야 실행할 수 있습니다.',
  },
  'blocked-send': {
    en: '{thread} is Blocked sending on the {kind} {channel}, which is full: it cannot run until a reader makes room.',
    ko: '{thread}은(는) 가득 찬 {kind} {channel}에 보내려고 기다리는 대기 상태입니다. 누군가 읽어서 자리가 나야 실행할 수 있습니다.',
  },
  'blocked-join': {
    en: '{thread} is Blocked waiting for its child processes to finish.',
    ko: '{thread}은(는) 자식 프로세스가 끝나기를 기다리는 대기 상태입니다.',
  },
  'blocked-await': {
    en: '{thread} is Blocked in await: {count} of its asynchronous I/O requests are not done yet.',
    ko: '{thread}은(는) await에서 대기 상태입니다. 비동기 입출력 요청 {count}개가 아직 끝나지 않았습니다.',
  },
  'not-steered': {
    en: '{thread} runs its own program: no one chooses its instructions.',
    ko: '{thread}은(는) 자기 프로그램대로 실행되므로 명령어를 고를 수 없습니다.',
  },
  'bad-instruction': {
    en: '{thread} cannot run that: {error}.',
    ko: '{thread}은(는) 그 명령어를 실행할 수 없습니다: {error}.',
  },
  'not-in-palette': {
    en: '"{instr}" is not one of {thread}\'s instructions ({palette}).',
    ko: '"{instr}"은(는) {thread}이(가) 쓸 수 있는 명령어({palette})가 아닙니다.',
  },
  'plan-full': {
    en: '{thread} already has {max} instructions waiting: let it run some first.',
    ko: '{thread}에는 이미 명령어 {max}개가 기다리고 있습니다. 먼저 실행되게 하세요.',
  },
  'unlock-not-held': {
    en: '{thread} would not hold lock {lock} at that point: a thread can only unlock a lock it holds.',
    ko: '그 시점에 {thread}은(는) 락 {lock}을(를) 가지고 있지 않습니다. 자기가 가진 락만 풀 수 있습니다.',
  },
  'message-not-ready': {
    en: 'Message #{message} is still travelling on {channel}: it can be delivered in {ticks} ticks.',
    ko: '메시지 #{message}은(는) 아직 {channel}을(를) 지나는 중입니다. {ticks}틱 뒤에 전달할 수 있습니다.',
  },
  'delivery-automatic': {
    en: 'The kernel delivers messages on {channel} by itself in this scenario.',
    ko: '이 시나리오에서는 커널이 {channel}의 메시지를 직접 전달합니다.',
  },
  'interrupts-automatic': {
    en: 'The kernel handles interrupts by itself in this scenario.',
    ko: '이 시나리오에서는 커널이 인터럽트를 직접 처리합니다.',
  },
  'bad-quantum': {
    en: 'A time slice must be a whole number of ticks from {min} (no timer) to {max}, not {quantum}.',
    ko: '타임 슬라이스는 {min}(타이머 없음)부터 {max}까지의 정수 틱이어야 합니다. {quantum}은(는) 안 됩니다.',
  },
  'too-many-cores': {
    en: 'The machine already has the most cores it can have ({max}).',
    ko: '코어는 최대 {max}개까지입니다.',
  },
  'process-terminated': { en: 'P{pid} has already Terminated.', ko: 'P{pid}은(는) 이미 종료 상태입니다.' },
  'kill-init': {
    en: 'P{pid} is init, the first process: it adopts orphans and must outlive them all.',
    ko: 'P{pid}은(는) 최초의 프로세스 init입니다: 고아 프로세스를 입양하며 끝까지 살아 있어야 합니다.',
  },
  'bad-process': {
    en: 'That process cannot be created: {error}.',
    ko: '그 프로세스는 만들 수 없습니다: {error}.',
  },
  'no-process-to-crash': {
    en: 'There is no live process to crash.',
    ko: '강제로 종료할 실행 중인 프로세스가 없습니다.',
  },
  'process-table-full': {
    en: 'The process table is full ({max} processes): no new process can be created.',
    ko: '프로세스 테이블이 가득 찼습니다({max}개). 새 프로세스를 만들 수 없습니다.',
  },
};

/** The notes' names of the channel kinds (익명 파이프, 명명된 파이프, 메시지 큐, 소켓, 공유 메모리, 파일). */
export const CHANNEL_TERMS: Record<ChannelKind, Template> = {
  pipe: { en: 'anonymous pipe', ko: '익명 파이프' },
  fifo: { en: 'named pipe', ko: '명명된 파이프' },
  mq: { en: 'message queue', ko: '메시지 큐' },
  tcp: { en: 'TCP socket', ko: 'TCP 소켓' },
  udp: { en: 'UDP socket', ko: 'UDP 소켓' },
  file: { en: 'file', ko: '파일' },
  shm: { en: 'shared memory', ko: '공유 메모리' },
};

/** A channel as a sentence names it: its kind in the notes' terms, then its name ("익명 파이프 p"). */
export function channelName(s: KernelState, channel: string, lang: Lang): string {
  return channelTerm(s.channels[channel]?.spec.kind, channel, lang);
}

function channelTerm(kind: ChannelKind | undefined, channel: string, lang: Lang): string {
  return kind ? `${CHANNEL_TERMS[kind][lang]} ${channel}` : channel;
}

/**
 * The sentence for a refusal, in the player's language (a `kind` parameter is a channel kind, named
 * in the notes' terms; a problem carried by problemParams is described in that language too).
 */
export function describeRejection(r: Rejection, lang: Lang): string {
  const kind = r.params.kind;
  const params: Record<string, string | number> =
    typeof kind === 'string' && kind in CHANNEL_TERMS
      ? { ...r.params, kind: CHANNEL_TERMS[kind as ChannelKind][lang] }
      : { ...r.params };
  // an instruction's or a process's problem is said in the reader's language too (its sentence's own full stop dropped)
  const problem = problemOfParams(r.params);
  if (problem) params.error = describeProblem(problem, lang).replace(/\.$/, '');
  const text = fill(REJECTIONS[r.code][lang], params);
  return lang === 'ko' ? withParticles(text) : text;
}

/** Why a channel one kernel keeps cannot be reached from another host, in the notes' terms (003). */
function otherHost(kind: ChannelKind | undefined, lang: Lang): string {
  const ko = lang === 'ko';
  switch (kind) {
    case 'pipe':
      return ko
        ? '익명 파이프는 네트워크를 건너지 못합니다. 다른 호스트의 프로세스와는 명명된 파이프나 소켓으로 통신해야 합니다'
        : 'an anonymous pipe does not cross a network: with a process on another host, use a named pipe or a socket';
    case 'mq':
      return ko
        ? '메시지 큐는 한 컴퓨터의 커널이 관리하므로 네트워크를 건너지 못합니다'
        : "a message queue is kept by one computer's kernel: it does not cross a network";
    case 'shm':
      return ko
        ? '공유 메모리는 한 컴퓨터의 메모리이므로 다른 호스트에서는 쓸 수 없습니다'
        : "shared memory is one computer's memory: another host cannot use it";
    default:
      return ko
        ? '이 채널은 네트워크를 건너지 못합니다. 다른 호스트와는 명명된 파이프나 소켓을 써야 합니다'
        : 'this channel does not cross a network: with another host, use a named pipe or a socket';
  }
}

/**
 * Linux's word for what runs (001: Linux calls both processes and threads tasks): every thread is a
 * task (a task_struct), and a process is the thread group of its tasks, which share one memory map;
 * fork makes a task with memory of its own, a new thread a task sharing it. `tasks` are the labels of
 * the process's live threads; a process with none (the kernel's init) has no sentence.
 */
export function taskSentence(pid: number, tasks: readonly string[], lang: Lang): string | null {
  if (tasks.length === 0) return null;
  const ko = lang === 'ko';
  if (tasks.length === 1)
    return ko
      ? withParticles(
          `리눅스는 프로세스와 스레드를 모두 태스크(task)라고 부릅니다. P${pid}은(는) 태스크 ${tasks[0]} 하나로 된 스레드 그룹입니다. fork는 메모리를 따로 가진 새 태스크를, 스레드 생성은 이 메모리를 함께 쓰는 새 태스크를 만듭니다.`,
        )
      : `Linux calls both processes and threads tasks: P${pid} is a thread group of one task, ${tasks[0]}. fork makes a task with memory of its own; a new thread is a task that shares this memory.`;
  const list = tasks.join(', ');
  return ko
    ? withParticles(
        `리눅스는 프로세스와 스레드를 모두 태스크(task)라고 부릅니다. P${pid}은(는) 태스크 ${list}(으)로 된 스레드 그룹이고, 이 태스크들은 메모리 하나를 함께 씁니다.`,
      )
    : `Linux calls both processes and threads tasks: P${pid} is a thread group of the tasks ${list}, which share one memory map.`;
}

function reason(b: BlockReason, C: (channel: string) => string, lang: Lang): string {
  const ko = lang === 'ko';
  switch (b.on) {
    case 'device':
      return ko ? `${b.device} 입출력` : `I/O on the ${b.device}`;
    case 'lock':
      return ko ? `락 ${b.name}` : `lock ${b.name}`;
    case 'semaphore':
      return ko ? `세마포어 ${b.name}` : `semaphore ${b.name}`;
    case 'recv':
      return ko ? `${C(b.channel)}에서 받을 메시지` : `a message on the ${C(b.channel)}`;
    case 'send':
      return ko ? `${C(b.channel)}의 빈 자리` : `room on the ${C(b.channel)}`;
    case 'join':
      return ko ? '자식 프로세스의 종료' : 'its children to finish';
    case 'await':
      return ko ? '비동기 입출력의 완료' : 'its asynchronous I/O to finish';
  }
}

/**
 * A one-line account of an event for the feed ("P4's two threads lost an update on balance"), naming
 * threads by the machine's state or by a label function (a client reading the synced state), and
 * channels by their kind in the notes' terms (from the state, or from `kindOf` for a client).
 */
export function describeEvent(
  e: KernelEvent,
  s: KernelState | LabelOf,
  lang: Lang,
  kindOf?: (channel: string) => ChannelKind | undefined,
): string {
  const text = eventSentence(e, s, lang, kindOf);
  return lang === 'ko' ? withParticles(text) : text;
}

function eventSentence(
  e: KernelEvent,
  s: KernelState | LabelOf,
  lang: Lang,
  kindOf?: (channel: string) => ChannelKind | undefined,
): string {
  const L = typeof s === 'function' ? s : (tid: number) => label(s, tid);
  const C = (channel: string) =>
    channelTerm(typeof s === 'function' ? kindOf?.(channel) : s.channels[channel]?.spec.kind, channel, lang);
  const ko = lang === 'ko';
  switch (e.type) {
    case 'arrived':
      return ko ? `P${e.pid} (${e.name}) 생성` : `P${e.pid} (${e.name}) was created`;
    case 'admitted':
      return ko ? `P${e.pid} 준비 상태로` : `P${e.pid} admitted to Ready`;
    case 'dispatched': {
      const how = e.flushed
        ? ko
          ? ' (문맥 교환, 캐시 플러시: 다른 프로세스의 캐시가 비워짐)'
          : " (context switch, cache flushed: another process's lines thrown away)"
        : e.switched
          ? ko
            ? ' (문맥 교환)'
            : ' (context switch)'
          : '';
      return ko
        ? `${L(e.tid)} → 코어 ${e.core} 디스패치${how}`
        : `${L(e.tid)} dispatched to core ${e.core}${how}`;
    }
    case 'preempted': {
      const why = {
        scheduler: ko ? '스케줄러가 선점' : 'preempted by the scheduler',
        timer: ko ? '타임 슬라이스 만료' : 'its time slice ran out',
        host: ko ? '교사가 선점' : 'preempted by the host',
      }[e.by];
      return ko
        ? `${L(e.tid)} 코어 ${e.core}에서 준비 상태로: ${why}`
        : `${L(e.tid)} back to Ready from core ${e.core}: ${why}`;
    }
    case 'blocked':
      return ko
        ? `${L(e.tid)} 대기 상태: ${reason(e.reason, C, lang)}을(를) 기다림`
        : `${L(e.tid)} Blocked, waiting for ${reason(e.reason, C, lang)}`;
    case 'unblocked':
      return ko
        ? `${L(e.tid)} 준비 상태로 (${reason(e.reason, C, lang)} 해결)`
        : `${L(e.tid)} Ready again (${reason(e.reason, C, lang)} is done)`;
    case 'interrupt-raised':
      return e.kind === 'timer'
        ? ko
          ? `타이머 인터럽트 #${e.id}: 코어 ${e.core}의 ${L(e.tid)}`
          : `Timer interrupt #${e.id}: ${L(e.tid)} on core ${e.core}`
        : ko
          ? `입출력 완료 인터럽트 #${e.id}: ${e.device}, ${L(e.tid)}`
          : `I/O-completion interrupt #${e.id}: ${e.device} finished for ${L(e.tid)}`;
    case 'interrupt-handled':
      return ko
        ? `인터럽트 #${e.id} 처리 (지연 ${e.latency}틱)`
        : `Interrupt #${e.id} handled (latency ${e.latency} ticks)`;
    case 'io-started':
      return ko ? `${e.device}: ${L(e.tid)}의 요청 처리 시작` : `${e.device} starts ${L(e.tid)}'s request`;
    case 'io-done':
      return ko ? `${e.device}: ${L(e.tid)}의 요청 완료` : `${e.device} finished ${L(e.tid)}'s request`;
    case 'thread-exited':
      return ko ? `${L(e.tid)} 종료` : `${L(e.tid)} exited`;
    case 'process-terminated':
      return e.faulted
        ? ko
          ? `P${e.pid} 비정상 종료: 모든 스레드가 함께 끝남`
          : `P${e.pid} crashed: all its threads ended with it`
        : ko
          ? `P${e.pid} 종료 상태`
          : `P${e.pid} Terminated`;
    case 'forked':
      return ko
        ? `P${e.parent}이(가) fork → 자식 P${e.child} (쓰기 시 복사)`
        : `P${e.parent} forked child P${e.child} (copy-on-write)`;
    case 'exec':
      return ko
        ? `P${e.pid}이(가) exec ${e.program}: 코드와 데이터가 바뀜`
        : `P${e.pid} exec'd ${e.program}: code and data replaced`;
    case 'spawned':
      return ko ? `P${e.pid}에 새 스레드 ${L(e.tid)}` : `P${e.pid} started a new thread ${L(e.tid)}`;
    case 'cow-copy':
      return ko
        ? `P${e.pid}이(가) 쓰기를 해서 ${e.pages}페이지를 복사 (쓰기 시 복사)`
        : `P${e.pid} wrote, so ${e.pages} shared pages were copied (copy-on-write)`;
    case 'stored':
      return ko ? `${L(e.tid)}: ${e.var} = ${e.value}` : `${L(e.tid)} stored ${e.var} = ${e.value}`;
    case 'lock-acquired':
      return ko ? `${L(e.tid)}이(가) 락 ${e.name} 획득` : `${L(e.tid)} took lock ${e.name}`;
    case 'lock-released':
      return ko ? `${L(e.tid)}이(가) 락 ${e.name} 해제` : `${L(e.tid)} released lock ${e.name}`;
    case 'message-sent':
      return ko ? `${L(e.tid)} → ${C(e.channel)} 전송` : `${L(e.tid)} sent on the ${C(e.channel)}`;
    case 'message-delivered':
      return ko
        ? `${C(e.channel)}: 메시지 #${e.message} 도착`
        : `The ${C(e.channel)}: message #${e.message} delivered`;
    case 'message-received':
      return ko ? `${L(e.tid)} ← ${C(e.channel)} 수신` : `${L(e.tid)} received from the ${C(e.channel)}`;
    case 'recv-timeout':
      return ko
        ? `${L(e.tid)}의 ${C(e.channel)} 수신 시간 초과 (${e.waited}틱 동안 메시지 없음)`
        : `${L(e.tid)} gave up receiving on the ${C(e.channel)}: no message in ${e.waited} ticks (a receive timeout)`;
    case 'message-dropped':
      return ko
        ? `${C(e.channel)}: 메시지 #${e.message} 유실`
        : `The ${C(e.channel)}: message #${e.message} was lost`;
    case 'ipc-refused': {
      const kindOfEvent = (channel: string) =>
        typeof s === 'function' ? kindOf?.(channel) : s.channels[channel]?.spec.kind;
      const why = {
        'not-related': ko
          ? '익명 파이프는 부모와 자식 프로세스만 쓸 수 있음'
          : 'an anonymous pipe is only for a parent and its child',
        'read-end': ko ? '읽는 쪽은 쓸 수 없음 (단방향)' : 'the read end cannot write (pipes are one-way)',
        'write-end': ko ? '쓰는 쪽은 읽을 수 없음 (단방향)' : 'the write end cannot read (pipes are one-way)',
        'other-host': otherHost(kindOfEvent(e.channel), lang),
      }[e.why];
      return ko
        ? `${L(e.tid)}의 ${C(e.channel)} 사용 거부: ${why}`
        : `${L(e.tid)} refused on the ${C(e.channel)}: ${why}`;
    }
    case 'fork-failed':
      return ko
        ? `P${e.pid}의 fork 실패: 프로세스 테이블이 가득 참`
        : `P${e.pid}'s fork failed: the process table is full`;
    case 'chosen':
      return ko ? `${L(e.tid)} 다음 명령어: ${e.instr}` : `${L(e.tid)} will run: ${e.instr}`;
    case 'quantum-changed':
      return ko ? `타임 슬라이스 = ${e.quantum}틱` : `Time slice set to ${e.quantum} ticks`;
    case 'core-added':
      return ko ? `코어 ${e.core} 추가` : `Core ${e.core} added`;
    case 'killed':
      return ko ? `교사가 P${e.pid}을(를) 강제 종료` : `The host killed P${e.pid}`;
    case 'fault': {
      const why = {
        fault: ko ? '잘못된 메모리 접근' : 'an invalid memory access',
        'unlock-not-held': ko ? '갖지 않은 락 해제' : 'unlocking a lock it does not hold',
        'bad-program': ko ? '잘못된 명령어' : 'a bad instruction',
        'read-only': ko ? '읽기 전용인 코드 영역에 쓰기' : 'a write to the read-only code segment',
      }[e.why];
      return ko
        ? `${L(e.tid)} 오류(${why}): 프로세스 P${e.pid} 전체가 종료됨`
        : `${L(e.tid)} faulted (${why}): all of P${e.pid} goes down, other processes are safe`;
    }
    case 'lost-update':
      return ko
        ? `경쟁 상태! ${L(e.tid)}이(가) ${L(e.overwritten)}의 ${e.var} 변경을 덮어씀 (갱신 손실)`
        : `Race! ${L(e.tid)} overwrote ${L(e.overwritten)}'s update to ${e.var} (a lost update)`;
    case 'deadlock': {
      const who = e.tids.map(L).join(', ');
      // What each thread waits on is read from the state; a client naming threads by labels only gets the general sentence.
      const blockedOf = (tid: number): BlockReason | undefined =>
        typeof s === 'function' ? undefined : (s.threads[tid]?.blocked ?? undefined);
      if (typeof s !== 'function' && e.tids.every((tid) => blockedOf(tid)?.on === 'lock')) {
        return ko
          ? `교착 상태! ${who}이(가) 서로의 락을 기다림`
          : `Deadlock! ${who} wait for each other's locks`;
      }
      const waits = e.tids
        .map(blockedOf)
        .filter((b): b is BlockReason => !!b)
        .map((b) => reason(b, C, lang));
      if (e.tids.length === 1) {
        return ko
          ? `${who}은(는) 영원히 대기 상태: 깨울 수 있는 것이 남아 있지 않음 (${waits.join(', ')})`
          : `${who} is Blocked for ever: nothing left can wake it (${waits.join(', ')})`;
      }
      return ko
        ? `교착 상태! ${who}이(가) 서로를 기다려 아무도 깨울 수 없음 (${[...new Set(waits)].join(', ')})`
        : `Deadlock! ${who} wait on each other and none can wake the others (${[...new Set(waits)].join(', ')})`;
    }
    case 'starvation':
      return ko
        ? `기아 상태: ${L(e.tid)}이(가) ${e.waited}틱째 준비 상태에서 기다림`
        : `Starvation: ${L(e.tid)} has waited ${e.waited} ticks in Ready`;
    case 'livelock': {
      const who = e.tids.map(L).join(', ');
      return ko
        ? `라이브락! ${who}이(가) ${e.ticks}틱 동안 문맥 교환만 되풀이함: CPU는 바쁘지만 아무 스레드도 진행하지 못함`
        : `Livelock! ${who} kept being switched in and out for ${e.ticks} ticks: the CPU was busy, yet no thread made progress`;
    }
    case 'out-of-order':
      return ko
        ? `${C(e.channel)}: 순서가 뒤바뀐 메시지 (${e.seq}번이 늦게 도착)`
        : `The ${C(e.channel)}: message ${e.seq} arrived out of order`;
    case 'leak':
      return ko
        ? `메모리 누수: P${e.pid}이(가) 힙 ${e.pages}페이지를 해제하지 않고 종료`
        : `Memory leak: P${e.pid} exited without freeing ${e.pages} heap pages`;
    case 'interrupt-unhandled':
      return ko
        ? `인터럽트 #${e.id}이(가) ${e.waited}틱째 처리되지 않음`
        : `Interrupt #${e.id} unhandled for ${e.waited} ticks`;
  }
}
