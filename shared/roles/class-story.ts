// The moments a class should see on the projector, from the kernel's events: races (naming the
// students whose threads collided), deadlocks, crashes and the teacher's live events as banners,
// and repeated warnings grouped ("starvation ×11"). Pure, so the projector, the debrief and the
// tests tell the same story in the same words.
import type { Lang } from '../kernel/limits.ts';
import type { LabelOf } from '../kernel/presentation.ts';
import type { KernelEvent } from '../kernel/types.ts';
import { withParticles } from '../kernel/josa.ts';

/** How loud a moment is: banners for races, deadlocks, crashes and teacher events; grouped lines for warnings. */
export type MomentKind = 'race' | 'deadlock' | 'crash' | 'teacher' | 'warning';

/** One moment (or a group of the same warning), already worded in both languages. */
export interface Moment {
  /** Moments with the same key are one group (the same race on the same variable, starvation …). */
  key: string;
  kind: MomentKind;
  /** The first and latest tick of the group. */
  tick: number;
  lastTick: number;
  count: number;
  /** The students (or thread labels) it names, in order. */
  who: string[];
  text: Record<Lang, string>;
}

/** The event types a story reads (a room or view keeps only these of a round's events). */
export const STORY_EVENTS: ReadonlySet<KernelEvent['type']> = new Set<KernelEvent['type']>([
  'lost-update',
  'stored',
  'deadlock',
  'livelock',
  'fault',
  'killed',
  'core-added',
  'quantum-changed',
  'starvation',
  'out-of-order',
  'leak',
  'interrupt-unhandled',
  'message-dropped',
]);

/** Which kinds are banners (shown large), in the order a debrief lists them. */
export const BANNER_KINDS: readonly MomentKind[] = ['race', 'deadlock', 'crash', 'teacher'];

const WARNINGS = new Set<KernelEvent['type']>([
  'starvation',
  'out-of-order',
  'leak',
  'interrupt-unhandled',
  'message-dropped',
]);

/** One moment's sentence in both languages (Korean particles chosen from the word before them). */
function both(ko: string, en: string): Record<Lang, string> {
  return { ko: withParticles(ko), en };
}

function words(
  e: KernelEvent,
  events: readonly KernelEvent[],
  name: LabelOf,
): Omit<Moment, 'tick' | 'lastTick' | 'count'> | null {
  switch (e.type) {
    case 'lost-update': {
      const stored = events.find(
        (x) => x.type === 'stored' && x.tick === e.tick && x.tid === e.tid && x.var === e.var,
      );
      const value = stored && stored.type === 'stored' ? stored.value : null;
      const [by, victim] = [name(e.tid), name(e.overwritten)];
      const now = value === null ? '' : value;
      return {
        key: `race:${e.pid}:${e.var}`,
        kind: 'race',
        who: [victim, by],
        text: both(
          `${e.var}: 갱신 손실${value === null ? '' : ` (지금 ${now})`} — ${by}이(가) ${victim}의 변경을 덮어씀`,
          `${e.var}: an update was lost${value === null ? '' : ` (now ${now})`} — ${by} overwrote ${victim}'s`,
        ),
      };
    }
    case 'deadlock': {
      const who = e.tids.map(name);
      return {
        key: `deadlock:${[...e.tids].sort((a, b) => a - b).join(',')}`,
        kind: 'deadlock',
        who,
        text: both(
          `교착 상태: ${who.join(', ')}이(가) 서로를 영원히 기다림`,
          `Deadlock: ${who.join(', ')} wait for each other forever`,
        ),
      };
    }
    case 'livelock': {
      // Shown like a deadlock (a banner): the threads are stuck, only busy instead of Blocked.
      const who = e.tids.map(name);
      return {
        key: `livelock:${[...e.tids].sort((a, b) => a - b).join(',')}`,
        kind: 'deadlock',
        who,
        text: both(
          `라이브락: ${who.join(', ')}이(가) 문맥 교환만 되풀이하며 아무도 진행하지 못함`,
          `Livelock: ${who.join(', ')} keep being switched in and out and none makes progress`,
        ),
      };
    }
    case 'fault':
      return {
        key: `crash:${e.pid}`,
        kind: 'crash',
        who: [name(e.tid)],
        text: both(
          `충돌: ${name(e.tid)}의 오류로 프로세스 P${e.pid} 전체가 종료됨`,
          `Crash: ${name(e.tid)} faulted and all of P${e.pid} went down`,
        ),
      };
    case 'killed':
      return {
        key: `teacher:kill:${e.pid}`,
        kind: 'teacher',
        who: [],
        text: both(`교사가 P${e.pid}을(를) 강제 종료함`, `The teacher killed P${e.pid}`),
      };
    case 'core-added':
      return {
        key: `teacher:core:${e.core}`,
        kind: 'teacher',
        who: [],
        text: both(`교사가 코어 ${e.core + 1}을(를) 추가함`, `The teacher added core ${e.core + 1}`),
      };
    case 'quantum-changed':
      return {
        key: 'teacher:quantum',
        kind: 'teacher',
        who: [],
        text: both(
          `교사가 타임 슬라이스를 ${e.quantum}틱으로 바꿈`,
          `The teacher set the time slice to ${e.quantum} ticks`,
        ),
      };
    default:
      if (!WARNINGS.has(e.type)) return null;
      return {
        key: `warning:${e.type}`,
        kind: 'warning',
        who: [],
        text: WARNING_TEXT[e.type as keyof typeof WARNING_TEXT],
      };
  }
}

const WARNING_TEXT = {
  starvation: both('기아 상태', 'starvation'),
  'out-of-order': both('순서가 뒤바뀐 메시지', 'message out of order'),
  leak: both('메모리 누수', 'memory leak'),
  'interrupt-unhandled': both('처리되지 않은 인터럽트', 'unhandled interrupt'),
  'message-dropped': both('잃어버린 메시지', 'message dropped'),
} as const;

/** Folds a round's events into its moments, oldest group first; `name` gives a thread's student (or its label). */
export function classMoments(events: readonly KernelEvent[], name: LabelOf): Moment[] {
  const groups = new Map<string, Moment>();
  for (const e of events) {
    const w = words(e, events, name);
    if (!w) continue;
    const g = groups.get(w.key);
    if (g) {
      g.count++;
      g.lastTick = e.tick;
      for (const n of w.who) if (!g.who.includes(n)) g.who.push(n);
      if (w.kind !== 'warning') g.text = w.text;
    } else groups.set(w.key, { ...w, tick: e.tick, lastTick: e.tick, count: 1 });
  }
  return [...groups.values()];
}

/** A moment's line as shown: the text, with "×N" for a repeated one. */
export function momentLine(m: Moment, lang: Lang): string {
  return m.count > 1 ? `${m.text[lang]} ×${m.count}` : m.text[lang];
}

/** The moments a debrief discusses first: banners (races, deadlocks, crashes, teacher events) before warnings, each in tick order. */
export function keyMoments(moments: readonly Moment[]): Moment[] {
  const rank = (m: Moment) =>
    BANNER_KINDS.includes(m.kind) ? BANNER_KINDS.indexOf(m.kind) : BANNER_KINDS.length;
  return [...moments].sort((a, b) => rank(a) - rank(b) || a.tick - b.tick);
}
