// Goals in words: every condition of the goal language (goal.ts) as a sentence in the notes' terms,
// in Korean and English ("music은 준비 상태에서 한 틱도 기다리지 않는다" / "music never waits in
// Ready"), so a student never reads `proc.music.waiting == 0`. Also each measured figure in words,
// for the result table. Figures this module cannot name are returned raw, which the tests reject.
import { CHANNEL_TERMS, type KernelEvent, type Lang, type MachineMetrics } from '../kernel/index.ts';
import { withParticles } from '../kernel/josa.ts';
import type { Clause, Expr, Goal, GoalOp } from './goal.ts';
import type { Level } from './level.ts';

type T = Record<Lang, string>;
/** How a figure's value reads: a duration, a moment, a count, a share, pages, or a bare number. */
type Unit = 'ticks' | 'tick' | 'count' | 'times' | 'percent' | 'pages' | 'plain';

/** A figure as a sentence names it; `none` is the sentence for "it stays 0", `yes`/`no` for a 0/1 figure, `is` for "it equals v". */
interface Noun {
  ko: string;
  en: string;
  unit: Unit;
  none?: T;
  yes?: T;
  no?: T;
  is?: (v: number) => T;
}

const n = (ko: string, en: string, unit: Unit, extra: Partial<Noun> = {}): Noun => ({
  ko,
  en,
  unit,
  ...extra,
});

const MACHINE: Record<string, Noun> = {
  elapsed: n('걸린 시간', 'the time the run takes', 'ticks'),
  utilization: n('CPU 이용률', 'CPU utilisation', 'percent'),
  throughput: n('처리량(100틱당 끝난 프로세스 수)', 'throughput (processes finished per 100 ticks)', 'plain'),
  completed: n('끝난 프로세스 수', 'the number of processes finished', 'count'),
  contextSwitches: n('문맥 교환 횟수', 'the number of context switches', 'times', {
    none: { ko: '문맥 교환이 한 번도 일어나지 않는다', en: 'no context switch happens' },
  }),
  switchTicks: n('문맥 교환에 쓴 시간', 'the time lost to context switches', 'ticks', {
    none: { ko: '문맥 교환에 한 틱도 쓰지 않는다', en: 'no tick is lost to context switches' },
  }),
  threadSwitches: n(
    '같은 프로세스의 스레드 사이 문맥 교환 횟수',
    'the number of switches between threads of one process',
    'times',
  ),
  threadSwitchTicks: n(
    '스레드 사이 문맥 교환에 쓴 시간',
    'the time lost to switches between threads',
    'ticks',
  ),
  cacheMisses: n('캐시 미스 횟수', 'the number of cache misses', 'times', {
    none: { ko: '캐시 미스가 한 번도 일어나지 않는다', en: 'no load or store misses the cache' },
  }),
  cacheFlushes: n('캐시 플러시 횟수', 'the number of cache flushes', 'times', {
    none: { ko: '캐시가 한 번도 비워지지 않는다', en: 'no switch flushes the cache' },
  }),
  meanUserWait: n('사용자가 키 입력 뒤 기다린 평균 시간', "the user's mean wait after a keystroke", 'ticks', {
    none: { ko: '사용자가 키 입력 뒤 한 틱도 기다리지 않는다', en: 'the user never waits after a keystroke' },
  }),
  interruptsRaised: n('발생한 인터럽트 수', 'the number of interrupts raised', 'count'),
  interruptsHandled: n('처리한 인터럽트 수', 'the number of interrupts handled', 'count'),
  meanInterruptLatency: n('평균 인터럽트 지연', 'the mean interrupt latency', 'ticks', {
    none: {
      ko: '모든 인터럽트를 발생한 그 틱에 처리한다',
      en: 'every interrupt is handled the tick it is raised',
    },
  }),
  'averages.response': n('평균 응답 시간', 'the mean response time', 'ticks'),
  'averages.turnaround': n('평균 반환 시간', 'the mean turnaround time', 'ticks'),
  'averages.waiting': n(
    '평균 대기 시간(준비 상태에서 기다린 시간)',
    'the mean time spent waiting in Ready',
    'ticks',
    { none: { ko: '어떤 프로세스도 준비 상태에서 기다리지 않는다', en: 'no process waits in Ready' } },
  ),
  finished: n('모든 프로세스의 종료', 'every process finishing', 'plain', {
    yes: { ko: '모든 프로세스가 끝난다', en: 'every process finishes' },
    no: { ko: '끝나지 않은 프로세스가 남는다', en: 'some process is left unfinished' },
  }),
  memory: n('사용 중인 메모리(프레임)', 'the memory in use (frames)', 'pages'),
  zombies: n(
    '좀비 프로세스 수(끝났지만 부모가 아직 거두지 않은 프로세스)',
    'the number of zombie processes (ended, not yet reaped by their parent)',
    'count',
    { none: { ko: '좀비 프로세스가 하나도 남지 않는다', en: 'no zombie process is left' } },
  ),
  'player.moves': n('내가 둔 수', 'the number of your moves', 'count'),
  'player.refused': n('거절된 내 명령 수', 'the number of your moves refused', 'count', {
    none: { ko: '내 명령이 한 번도 거절되지 않는다', en: 'none of your moves is refused' },
  }),
  'peak.memory': n('가장 많이 쓴 메모리(프레임)', 'the most memory in use at once (frames)', 'pages'),
};

const FAULTS: Record<keyof MachineMetrics['faults'], Noun> = {
  lostUpdates: n('갱신 손실 횟수', 'the number of lost updates', 'times', {
    none: { ko: '갱신 손실이 한 번도 일어나지 않는다', en: 'no update is lost' },
  }),
  deadlocks: n('교착 상태 횟수', 'the number of deadlocks', 'times', {
    none: { ko: '교착 상태가 한 번도 생기지 않는다', en: 'no deadlock happens' },
  }),
  starvations: n('기아 상태 횟수', 'the number of starvations', 'times', {
    none: { ko: '어떤 스레드도 기아 상태에 빠지지 않는다', en: 'no thread starves' },
  }),
  livelocks: n('라이브락 횟수', 'the number of livelocks', 'times', {
    none: { ko: '라이브락이 한 번도 생기지 않는다', en: 'no livelock happens' },
  }),
  outOfOrder: n('순서가 뒤바뀐 메시지 수', 'the number of messages out of order', 'count', {
    none: {
      ko: '모든 메시지가 보낸 순서대로 도착한다',
      en: 'every message arrives in the order it was sent',
    },
  }),
  leaks: n('메모리 누수 횟수', 'the number of memory leaks', 'times', {
    none: { ko: '메모리 누수가 하나도 없다', en: 'no memory leaks' },
  }),
  unhandledInterrupts: n(
    '너무 오래 처리되지 않은 인터럽트 수',
    'the number of interrupts left unhandled too long',
    'count',
    { none: { ko: '모든 인터럽트가 제때 처리된다', en: 'every interrupt is handled in time' } },
  ),
  faults: n('오류로 비정상 종료한 횟수', 'the number of faults (crashes)', 'times', {
    none: { ko: '어떤 프로세스도 오류로 죽지 않는다', en: 'no process crashes' },
  }),
  messagesDropped: n('유실된 메시지 수', 'the number of messages lost', 'count', {
    none: { ko: '메시지가 하나도 유실되지 않는다', en: 'no message is lost' },
  }),
  refusedIpc: n('거부된 IPC 사용 횟수', 'the number of refused channel uses', 'times', {
    none: { ko: 'IPC 사용이 한 번도 거부되지 않는다', en: 'no use of a channel is refused' },
  }),
};

/** What each kernel event is called when a goal counts it (`events.forked`). */
const EVENTS: Record<KernelEvent['type'], T> = {
  arrived: { ko: '프로세스 생성', en: 'process creation' },
  admitted: { ko: '준비 상태로의 진입', en: 'admission to Ready' },
  dispatched: { ko: '디스패치', en: 'dispatch' },
  preempted: { ko: '선점', en: 'preemption' },
  blocked: { ko: '대기 상태로의 전환', en: 'block' },
  unblocked: { ko: '대기 상태에서 깨어남', en: 'wake-up' },
  'interrupt-raised': { ko: '인터럽트 발생', en: 'interrupt' },
  'interrupt-handled': { ko: '인터럽트 처리', en: 'interrupt handled' },
  'io-started': { ko: '입출력 시작', en: 'I/O start' },
  'io-done': { ko: '입출력 완료', en: 'I/O completion' },
  'thread-exited': { ko: '스레드 종료', en: 'thread exit' },
  'process-terminated': { ko: '프로세스 종료', en: 'process termination' },
  forked: { ko: 'fork', en: 'fork' },
  exec: { ko: 'exec', en: 'exec' },
  spawned: { ko: '스레드 생성', en: 'thread creation' },
  'cow-copy': { ko: '쓰기 시 복사', en: 'copy-on-write copy' },
  stored: { ko: '공유 변수 쓰기', en: 'store to a variable' },
  'lock-acquired': { ko: '락 획득', en: 'lock taken' },
  'lock-released': { ko: '락 해제', en: 'lock released' },
  'message-sent': { ko: '메시지 전송', en: 'message sent' },
  'message-delivered': { ko: '메시지 도착', en: 'message delivered' },
  'message-received': { ko: '메시지 수신', en: 'message received' },
  'recv-timeout': { ko: '수신 시간 초과', en: 'receive timeout' },
  'message-dropped': { ko: '메시지 유실', en: 'message lost' },
  'ipc-refused': { ko: 'IPC 사용 거부', en: 'refused channel use' },
  'fork-failed': { ko: 'fork 실패', en: 'failed fork' },
  chosen: { ko: '명령어 선택', en: 'instruction chosen' },
  'quantum-changed': { ko: '타임 슬라이스 변경', en: 'time-slice change' },
  'core-added': { ko: '코어 추가', en: 'core added' },
  killed: { ko: '강제 종료', en: 'kill' },
  fault: { ko: '오류', en: 'fault' },
  'lost-update': { ko: '갱신 손실', en: 'lost update' },
  deadlock: { ko: '교착 상태', en: 'deadlock' },
  starvation: { ko: '기아 상태', en: 'starvation' },
  livelock: { ko: '라이브락', en: 'livelock' },
  'out-of-order': { ko: '순서 뒤바뀜', en: 'out-of-order delivery' },
  leak: { ko: '메모리 누수', en: 'memory leak' },
  'interrupt-unhandled': { ko: '처리되지 않은 인터럽트', en: 'unhandled interrupt' },
};

function procField(p: string, field: string): Noun | null {
  const of = (ko: string, en: string, unit: Unit, extra: Partial<Noun> = {}) =>
    n(`${p}의 ${ko}`, `${p}'s ${en}`, unit, extra);
  switch (field) {
    case 'pid':
      return of('PID', 'PID', 'plain');
    case 'ppid':
      return of('부모 PID(PPID)', 'parent PID (PPID)', 'plain');
    case 'depth':
      return of(
        '프로세스 트리 깊이(최초의 프로세스가 0)',
        'depth in the process tree (the first process is 0)',
        'plain',
      );
    case 'priority':
      return of('우선순위', 'priority', 'plain');
    case 'waiting':
      return of('대기 시간(준비 상태에서 기다린 시간)', 'time waiting in Ready', 'ticks', {
        none: { ko: `${p}은(는) 준비 상태에서 한 틱도 기다리지 않는다`, en: `${p} never waits in Ready` },
      });
    case 'cpu':
      return of('CPU 사용 시간', 'CPU time', 'ticks');
    case 'response':
      return of('응답 시간', 'response time', 'ticks', {
        none: { ko: `${p}은(는) 도착한 그 틱에 바로 실행된다`, en: `${p} runs the tick it arrives` },
      });
    case 'turnaround':
      return of('반환 시간', 'turnaround time', 'ticks');
    case 'completion':
      return of('종료 시각', 'completion', 'tick');
    case 'firstRun':
      return of('처음 실행된 시각', 'first run', 'tick');
    case 'terminated':
      return of('종료', 'termination', 'plain', {
        yes: { ko: `${p}이(가) 종료 상태가 된다`, en: `${p} terminates` },
        no: { ko: `${p}은(는) 끝나지 않고 남는다`, en: `${p} keeps running` },
      });
    case 'faulted':
      return of('비정상 종료', 'crash', 'plain', {
        yes: { ko: `${p}이(가) 오류로 비정상 종료된다`, en: `${p} crashes` },
        no: { ko: `${p}은(는) 오류로 죽지 않는다`, en: `${p} never crashes` },
      });
    case 'alive':
      return of('생존', 'being alive', 'plain', {
        yes: { ko: `${p}이(가) 살아 있다`, en: `${p} is still alive` },
        no: { ko: `${p}이(가) 종료되어 있다`, en: `${p} has ended` },
      });
    case 'threads':
      return of('스레드 수', 'number of threads', 'count');
    case 'children':
      return of('자식 프로세스 수', 'number of child processes', 'count');
    case 'heap':
      return of('힙 크기', 'heap', 'pages');
    case 'cowPages':
      return of('쓰기 시 복사로 공유하는 페이지 수', 'pages shared copy-on-write', 'pages');
    case 'openFiles':
      return of('열린 파일 수', 'number of open files', 'count');
    default:
      return null;
  }
}

function channelOf(level: Level | undefined, name: string, lang: Lang): string {
  const kind = level?.scenarioParsed.channels.find((c) => c.name === name)?.kind;
  return kind ? `${CHANNEL_TERMS[kind][lang]} ${name}` : name;
}

/** A figure as a sentence names it, or null when this module does not know it. */
function noun(name: string, level: Level | undefined): Noun | null {
  if (name in MACHINE) return MACHINE[name]!;
  const fault = name.startsWith('faults.') ? name.slice(7) : name;
  if (fault in FAULTS) return FAULTS[fault as keyof typeof FAULTS];
  const parts = name.split('.');
  const [head, a = '', b = ''] = parts;
  const rest = parts.slice(2).join('.');
  switch (head) {
    case 'proc':
      return parts.length === 3 ? procField(a, b) : null;
    case 'count':
      return n(`${a} 프로세스 수`, `the number of ${a} processes`, 'count', {
        is: (v) => ({
          ko: `${a} 프로세스가 ${v}개 있다`,
          en: v === 1 ? `there is one ${a} process` : `there are ${v} ${a} processes`,
        }),
      });
    case 'crashed':
      return n(`오류로 죽은 ${a} 프로세스 수`, `the number of ${a} processes that crashed`, 'count', {
        none: { ko: `${a} 프로세스는 하나도 오류로 죽지 않는다`, en: `no ${a} process crashes` },
      });
    case 'done':
      return n(`정상 종료한 ${a} 프로세스 수`, `the number of ${a} processes that finish normally`, 'count', {
        is: (v) => ({
          ko: `${a} 프로세스 ${v}개가 정상 종료한다`,
          en: v === 1 ? `${a} finishes normally` : `${v} ${a} processes finish normally`,
        }),
      });
    case 'var':
      return parts.length >= 3 ? n(`${a}의 변수 ${rest}`, `${a}'s variable ${rest}`, 'plain') : null;
    case 'shm':
      return parts.length >= 3
        ? n(`공유 메모리 ${a}의 ${rest}`, `${rest} in shared memory ${a}`, 'plain')
        : null;
    case 'chan': {
      const ko = channelOf(level, a, 'ko');
      const en = channelOf(level, a, 'en');
      if (b === 'sent')
        return n(`${ko}에 보낸 메시지 수`, `the number of messages sent on the ${en}`, 'count');
      if (b === 'delivered')
        return n(`${ko}이(가) 전달한 메시지 수`, `the number of messages the ${en} delivered`, 'count');
      if (b === 'dropped')
        return n(`${ko}에서 유실된 메시지 수`, `the number of messages lost on the ${en}`, 'count', {
          none: { ko: `${ko}에서 메시지가 하나도 유실되지 않는다`, en: `no message is lost on the ${en}` },
        });
      if (b === 'buffered')
        return n(
          `${ko}의 버퍼에 남은 메시지 수`,
          `the number of messages left in the ${en}'s buffer`,
          'count',
        );
      if (b === 'waiting')
        return n(
          `${ko}이(가) 가득 차 보내기를 기다리는 프로세스 수`,
          `the number of senders waiting because the ${en} is full`,
          'count',
          {
            none: {
              ko: `${ko}이(가) 가득 차서 보내기를 기다리는 프로세스가 없다`,
              en: `no process waits to send on a full ${en}`,
            },
          },
        );
      return null;
    }
    case 'dev':
      if (b === 'served')
        return n(`${a} 장치가 처리한 요청 수`, `the number of requests the ${a} served`, 'count', {
          is: (v) => ({
            ko: `${a} 장치가 요청 ${v}개를 처리한다`,
            en: `the ${a} serves ${v} request${v === 1 ? '' : 's'}`,
          }),
        });
      if (b === 'busy') return n(`${a} 장치가 일한 시간`, `the time the ${a} was busy`, 'ticks');
      return null;
    case 'events': {
      const ev = EVENTS[a as KernelEvent['type']];
      return ev
        ? n(`${ev.ko} 횟수`, `the number of times ${ev.en} happens`, 'times', {
            none: { ko: `${ev.ko}이(가) 한 번도 일어나지 않는다`, en: `no ${ev.en} happens` },
          })
        : null;
    }
    case 'recv':
      return n(`${a}이(가) 받은 메시지 수`, `the number of messages ${a} receives`, 'count', {
        is: (v) => ({
          ko: `${a}이(가) 메시지 ${v}개를 받는다`,
          en: `${a} receives ${v} message${v === 1 ? '' : 's'}`,
        }),
      });
    case 'got':
      return n(
        `${a}이(가) 받은 서로 다른 메시지 수`,
        `the number of different messages ${a} receives`,
        'count',
        {
          is: (v) => ({
            ko: `${a}이(가) 서로 다른 메시지 ${v}개를 받는다`,
            en: `${a} receives ${v} different message${v === 1 ? '' : 's'}`,
          }),
        },
      );
    case 'peak': {
      if (a === 'heap' && parts.length === 3)
        return n(`${b}의 가장 큰 힙 크기`, `${b}'s largest heap`, 'pages');
      const tracked = level?.track[name.slice(5)];
      if (!tracked) return null;
      const e = { ko: exprWords(tracked, level, 'ko'), en: exprWords(tracked, level, 'en') };
      if (e.ko === null || e.en === null) return null;
      return n(`${e.ko}의 최댓값`, `the highest value of ${e.en}`, 'plain');
    }
    default:
      return null;
  }
}

/** Whether goal-text can word this figure (the level tests check every figure of every level). */
export function knowsFigure(name: string, level?: Level): boolean {
  return noun(name, level) !== null;
}

function term(t: number | string, level: Level | undefined, lang: Lang): string | null {
  if (typeof t === 'number') return String(t);
  const x = noun(t, level);
  return x ? x[lang] : null;
}

function exprWords(e: Expr, level: Level | undefined, lang: Lang): string | null {
  const words = e.map((x) => term(x.term, level, lang));
  if (words.some((w) => w === null)) return null;
  if (e.length === 1) return words[0]!;
  if (e.length === 2 && lang === 'ko')
    return e[1]!.sign === 1
      ? `${words[0]}와(과) ${words[1]}의 합`
      : `${words[0]}에서 ${words[1]}을(를) 뺀 값`;
  if (e.length === 2)
    return e[1]!.sign === 1 ? `${words[0]} plus ${words[1]}` : `${words[0]} minus ${words[1]}`;
  return `(${words.map((w, i) => (i === 0 ? w : `${e[i]!.sign === 1 ? '+' : '−'} ${w}`)).join(' ')})`;
}

/** A number with its unit, as a sentence writes it ("3틱", "3 ticks", "tick 12", "90 %"). */
export function valueWords(v: number, unit: Unit, lang: Lang): string {
  const ko = lang === 'ko';
  switch (unit) {
    case 'ticks':
      return ko ? `${v}틱` : `${v} tick${v === 1 ? '' : 's'}`;
    case 'tick':
      return ko ? `${v}틱` : `tick ${v}`;
    case 'count':
      return ko ? `${v}개` : `${v}`;
    case 'times':
      return ko ? `${v}번` : `${v}`;
    case 'percent':
      return `${Math.round(v * 1000) / 10}%`;
    case 'pages':
      return ko ? `${v}페이지` : `${v} page${v === 1 ? '' : 's'}`;
    case 'plain':
      return `${v}`;
  }
}

const FLIP: Record<GoalOp, GoalOp> = { '<=': '>=', '<': '>', '>=': '<=', '>': '<', '==': '==', '!=': '!=' };

function compare(subject: string, op: GoalOp, value: string, lang: Lang): string {
  if (lang === 'en') {
    const words = {
      '<=': 'is at most',
      '<': 'is less than',
      '>=': 'is at least',
      '>': 'is more than',
      '==': 'is',
      '!=': 'is not',
    }[op];
    return `${subject} ${words} ${value}`;
  }
  const tail = {
    '<=': `${value} 이하이다`,
    '<': `${value} 미만이다`,
    '>=': `${value} 이상이다`,
    '>': `${value}을(를) 넘는다`,
    '==': `${value}이다`,
    '!=': `${value}이(가) 아니다`,
  }[op];
  return `${subject}이(가) ${tail}`;
}

function clauseRaw(c: Clause, level: Level | undefined, lang: Lang): string {
  // figure OP number, with the number on either side
  let left = c.left,
    right = c.right,
    op = c.op;
  if (
    left.length === 1 &&
    typeof left[0]!.term === 'number' &&
    !(right.length === 1 && typeof right[0]!.term === 'number')
  ) {
    [left, right] = [right, left];
    op = FLIP[op];
  }
  const one =
    right.length === 1 && typeof right[0]!.term === 'number' && right[0]!.sign === 1
      ? (right[0]!.term as number)
      : null;
  if (left.length === 1 && typeof left[0]!.term === 'string' && left[0]!.sign === 1 && one !== null) {
    const name = left[0]!.term;
    const x = noun(name, level);
    if (!x) return c.text;
    if (one === 0 && (op === '==' || op === '<=') && x.none) return x.none[lang];
    if (x.yes && x.no) {
      if (
        (op === '==' && one === 1) ||
        (op === '>=' && one === 1) ||
        (op === '>' && one === 0) ||
        (op === '!=' && one === 0)
      )
        return x.yes[lang];
      if (
        (op === '==' && one === 0) ||
        (op === '<' && one === 1) ||
        (op === '<=' && one === 0) ||
        (op === '!=' && one === 1)
      )
        return x.no[lang];
    }
    if (op === '==' && x.is) return x.is(one)[lang];
    if (name === 'elapsed' && (op === '<=' || op === '<')) {
      const limit = op === '<=' ? one : one - 1;
      return lang === 'ko' ? `${limit}틱 안에 모두 끝난다` : `everything is done within ${limit} ticks`;
    }
    return compare(x[lang], op, valueWords(one, x.unit, lang), lang);
  }
  // figure OP figure, and sums
  const l = exprWords(left, level, lang);
  const r = exprWords(right, level, lang);
  if (l === null || r === null) return c.text;
  const lp = left.length === 1 ? left[0]!.term : null;
  const rp = right.length === 1 ? right[0]!.term : null;
  if (
    typeof lp === 'string' &&
    typeof rp === 'string' &&
    lp.endsWith('.completion') &&
    rp.endsWith('.completion') &&
    (op === '>=' || op === '>')
  ) {
    const a = lp.split('.')[1],
      b = rp.split('.')[1];
    if (lang === 'ko')
      return op === '>=' ? `${a}은(는) ${b}와(과) 같거나 더 늦게 끝난다` : `${a}은(는) ${b}보다 늦게 끝난다`;
    return op === '>=' ? `${a} finishes no earlier than ${b}` : `${a} finishes after ${b}`;
  }
  if (op === '==') return lang === 'ko' ? `${l}이(가) ${r}와(과) 같다` : `${l} equals ${r}`;
  return compare(l, op, r, lang);
}

/** One condition as a sentence in the player's language. */
export function clauseSentence(c: Clause, level: Level | undefined, lang: Lang): string {
  const s = clauseRaw(c, level, lang);
  // English starts with a capital unless it starts with a name (music, ls), which keeps its case.
  const text =
    lang === 'en' && /^(the|every|no|none|everything|some|there)\b/.test(s)
      ? s.charAt(0).toUpperCase() + s.slice(1)
      : s;
  return lang === 'ko' ? withParticles(text) : text;
}

/** Every condition of a goal or a star row as a sentence, in order. */
export function goalSentences(goal: Goal, level: Level | undefined, lang: Lang): string[] {
  return goal.map((c) => clauseSentence(c, level, lang));
}

/** A goal or star row on one line: its sentences joined. */
export function goalLine(goal: Goal, level: Level | undefined, lang: Lang): string {
  return goalSentences(goal, level, lang).join(lang === 'ko' ? ' · ' : '; ');
}

/** One measured figure in words ("music의 대기 시간(…): 3틱"), for the result table. */
export function figureWords(
  name: string,
  value: number | undefined,
  level: Level | undefined,
  lang: Lang,
): string {
  const x = noun(name, level);
  const label = x ? x[lang] : name;
  const shown = value === undefined ? '—' : x ? valueWords(value, x.unit, lang) : String(value);
  const text = `${label}: ${shown}`;
  return lang === 'ko' ? withParticles(text) : text;
}
