// One line per kernel event for the live feed, in the dashboard's language. The feed shows what a
// teacher may want to point at (dispatches, blocks, interrupts, faults); the noisiest events are skipped.
import { lang } from './texts.ts';

/** A kernel event as the room broadcasts it (docs/PROTOCOL.md, `events`). */
export type FeedEvent = { tick: number; type: string } & Record<string, unknown>;

type Texts = Record<string, (e: FeedEvent) => string>;

const T = (e: FeedEvent, k: string) => String(e[k] ?? '');

const EN: Texts = {
  arrived: (e) => `${T(e, 'name')} (P${T(e, 'pid')}) arrived`,
  dispatched: (e) => `T${T(e, 'tid')} → core ${T(e, 'core')}${e.switched ? ' (context switch)' : ''}`,
  preempted: (e) => `T${T(e, 'tid')} preempted on core ${T(e, 'core')} by the ${T(e, 'by')}`,
  blocked: (e) => `T${T(e, 'tid')} blocked`,
  'interrupt-raised': (e) => `${T(e, 'kind')} interrupt #${T(e, 'id')} for T${T(e, 'tid')}`,
  'interrupt-handled': (e) => `interrupt #${T(e, 'id')} handled after ${T(e, 'latency')} ticks`,
  'process-terminated': (e) => `P${T(e, 'pid')} terminated${e.faulted ? ' (fault)' : ''}`,
  forked: (e) => `P${T(e, 'parent')} forked P${T(e, 'child')}`,
  'quantum-changed': (e) => `quantum is now ${T(e, 'quantum')}`,
  'core-added': (e) => `core ${T(e, 'core')} added`,
  killed: (e) => `P${T(e, 'pid')} killed`,
  fault: (e) => `fault in P${T(e, 'pid')} (${T(e, 'why')})`,
  'lost-update': (e) => `lost update on ${T(e, 'var')}`,
  deadlock: () => 'deadlock',
  starvation: (e) => `T${T(e, 'tid')} starving (${T(e, 'waited')} ticks)`,
  'out-of-order': (e) => `message out of order on ${T(e, 'channel')}`,
  leak: (e) => `P${T(e, 'pid')} leaked ${T(e, 'pages')} pages`,
  'interrupt-unhandled': (e) => `interrupt #${T(e, 'id')} unhandled`,
  'message-dropped': (e) => `message dropped on ${T(e, 'channel')}`,
  'fork-failed': (e) => `fork failed in P${T(e, 'pid')}`,
};

const KO: Texts = {
  arrived: (e) => `${T(e, 'name')}(P${T(e, 'pid')}) 도착`,
  dispatched: (e) => `T${T(e, 'tid')} → 코어 ${T(e, 'core')}${e.switched ? ' (문맥 교환)' : ''}`,
  preempted: (e) => `코어 ${T(e, 'core')}의 T${T(e, 'tid')} 선점됨`,
  blocked: (e) => `T${T(e, 'tid')} 대기(Blocked)`,
  'interrupt-raised': (e) => `T${T(e, 'tid')}의 ${T(e, 'kind') === 'timer' ? '타이머' : 'I/O'} 인터럽트 #${T(e, 'id')}`,
  'interrupt-handled': (e) => `인터럽트 #${T(e, 'id')} 처리(${T(e, 'latency')}틱 뒤)`,
  'process-terminated': (e) => `P${T(e, 'pid')} 종료${e.faulted ? '(오류)' : ''}`,
  forked: (e) => `P${T(e, 'parent')}이(가) P${T(e, 'child')}을(를) fork`,
  'quantum-changed': (e) => `타임 슬라이스 ${T(e, 'quantum')}(으)로 변경`,
  'core-added': (e) => `코어 ${T(e, 'core')} 추가`,
  killed: (e) => `P${T(e, 'pid')} 강제 종료`,
  fault: (e) => `P${T(e, 'pid')} 오류(${T(e, 'why')})`,
  'lost-update': (e) => `${T(e, 'var')} 갱신 손실`,
  deadlock: () => '교착 상태(데드락)',
  starvation: (e) => `T${T(e, 'tid')} 기아(${T(e, 'waited')}틱)`,
  'out-of-order': (e) => `${T(e, 'channel')} 메시지 순서 어긋남`,
  leak: (e) => `P${T(e, 'pid')} 메모리 누수 ${T(e, 'pages')}페이지`,
  'interrupt-unhandled': (e) => `인터럽트 #${T(e, 'id')} 처리 안 됨`,
  'message-dropped': (e) => `${T(e, 'channel')} 메시지 유실`,
  'fork-failed': (e) => `P${T(e, 'pid')} fork 실패`,
};

/** Event types both tables describe, for the unit test. */
export const FEED_TABLES = { en: EN, ko: KO };

/** The feed line of an event, or null when the feed skips it. */
export function formatEvent(e: FeedEvent): string | null {
  const table = lang() === 'ko' ? KO : EN;
  return table[e.type]?.(e) ?? null;
}
