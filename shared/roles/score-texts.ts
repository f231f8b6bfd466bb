// The sentence beside each score change, in Korean and English with the notes' terms: one wording for
// the student's screen, the projector and the reports. Threads are named by whoever steers them.
import type { Lang } from '../kernel/limits.ts';
import type { LabelOf } from '../kernel/presentation.ts';
import type { ScoreReason } from './score.ts';
import { withParticles } from '../kernel/josa.ts';

/** "+3" / "−2" / "0": the points as a student reads them. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
}

/** Why a score changed, as one sentence; `name` gives a thread's steering student (or its label). */
/** The reason in one language (Korean particles chosen from the word before them: "코어 1이", "P2를"). */
export function describeScore(r: ScoreReason, lang: Lang, name: LabelOf): string {
  const text = scoreSentence(r, lang, name);
  return lang === 'ko' ? withParticles(text) : text;
}

function scoreSentence(r: ScoreReason, lang: Lang, name: LabelOf): string {
  const ko = lang === 'ko';
  const core = (c: number) => (ko ? `코어 ${c + 1}` : `core ${c + 1}`);
  switch (r.code) {
    case 'core-busy-fast':
      return ko
        ? `${core(r.core)}이(가) ${Math.max(r.ticks, 1)}틱 안에 다시 일함`
        : `${core(r.core)} busy again within ${Math.max(r.ticks, 1)} tick${r.ticks > 1 ? 's' : ''}`;
    case 'core-busy':
      return ko
        ? `${core(r.core)}이(가) ${r.ticks}틱 쉬고 나서 다시 일함`
        : `${core(r.core)} busy again after ${r.ticks} idle ticks`;
    case 'core-idle':
      return ko
        ? `스레드 ${r.ready}개가 준비 상태인데 ${core(r.core)}이(가) ${r.ticks}틱째 놀고 있음`
        : `${core(r.core)} idle for ${r.ticks} ticks while ${r.ready} thread${r.ready > 1 ? 's were' : ' was'} Ready`;
    case 'pick-like-sjf':
      return ko
        ? `남은 일이 가장 적은 ${name(r.tid)}(${r.work}틱)을 골랐음 — SJF와 같은 선택`
        : `picked ${name(r.tid)}, least work left (${r.work} ticks) — as SJF would`;
    case 'pick-like-fifo':
      return ko
        ? `가장 오래 기다린 ${name(r.tid)}을(를) 골랐음 — FIFO와 같은 선택`
        : `picked ${name(r.tid)}, first in the Ready queue — as FIFO would`;
    case 'first-run':
      return ko
        ? `${name(r.tid)}이(가) 도착 ${r.waited}틱 만에 처음 실행됨 (응답 시간)`
        : `${name(r.tid)} ran for the first time ${r.waited} ticks after arriving (response time)`;
    case 'preempt-cost':
      return ko
        ? `${core(r.core)}에서 ${name(r.tid)}을(를) 선점함: 문맥 교환에 시간이 듦`
        : `preempted ${name(r.tid)} on ${core(r.core)}: a context switch costs time`;
    case 'starvation':
      return ko
        ? `기아 상태: ${name(r.tid)}이(가) ${r.waited}틱째 준비 상태에서 기다림`
        : `starvation: ${name(r.tid)} has waited ${r.waited} ticks in Ready`;
    case 'irq-fast':
      return ko
        ? `인터럽트 #${r.id}을(를) ${r.latency}틱 만에 처리함`
        : `interrupt #${r.id} handled within ${Math.max(r.latency, 1)} tick${r.latency > 1 ? 's' : ''}`;
    case 'irq-ok':
      return ko
        ? `인터럽트 #${r.id}을(를) ${r.latency}틱 만에 처리함`
        : `interrupt #${r.id} handled after ${r.latency} ticks`;
    case 'irq-slow':
      return ko
        ? `인터럽트 #${r.id}이(가) ${r.latency}틱이나 기다림 (인터럽트 지연)`
        : `interrupt #${r.id} waited ${r.latency} ticks (interrupt latency)`;
    case 'irq-unhandled':
      return ko
        ? `인터럽트 #${r.id}이(가) ${r.waited}틱째 처리되지 않음`
        : `interrupt #${r.id} unhandled for ${r.waited} ticks`;
    case 'thread-finished':
      return ko
        ? `${name(r.tid)}이(가) 공유 데이터를 망가뜨리지 않고 끝남`
        : `${name(r.tid)} finished without breaking shared data`;
    case 'thread-finished-broken':
      return ko
        ? `${name(r.tid)}이(가) 끝났지만 갱신 손실 ${r.lost}번을 일으킴`
        : `${name(r.tid)} finished, but caused ${r.lost} lost update${r.lost > 1 ? 's' : ''}`;
    case 'lost-update':
      return ko
        ? `경쟁 상태: ${name(r.tid)}의 store가 ${name(r.victim)}의 ${r.var} 변경을 덮어씀 (갱신 손실)`
        : `race: ${name(r.tid)}'s store overwrote ${name(r.victim)}'s update to ${r.var} (a lost update)`;
    case 'deadlock':
      return ko
        ? `교착 상태: ${r.tids.map(name).join(', ')}이(가) 서로를 기다림`
        : `deadlock: ${r.tids.map(name).join(', ')} wait for each other`;
    case 'fault':
      return ko
        ? `${name(r.tid)} 오류: 프로세스 전체가 종료됨`
        : `${name(r.tid)} faulted: its whole process went down`;
    case 'delivered-fast':
      return ko ? `${r.channel} 메시지를 바로 전달함` : `delivered on ${r.channel} as soon as it could go`;
    case 'delivered':
      return ko
        ? `${r.channel} 메시지를 ${r.waited}틱 늦게 전달함`
        : `delivered on ${r.channel}, ${r.waited} ticks late`;
    case 'out-of-order':
      return ko
        ? `${r.channel}: ${r.expected}번보다 ${r.seq}번을 먼저 전달해 순서가 뒤바뀜`
        : `${r.channel}: message ${r.seq} delivered before ${r.expected}, out of order`;
    // a room scored without speed: the decision, with no word of how soon it came
    case 'core-dispatched':
      return ko ? `${core(r.core)}에 스레드를 디스패치함` : `dispatched a thread on ${core(r.core)}`;
    case 'irq-handled':
      return ko ? `인터럽트 #${r.id}을(를) 처리함` : `interrupt #${r.id} handled`;
    case 'message-delivered':
      return ko ? `${r.channel} 메시지를 전달함` : `delivered a message on ${r.channel}`;
  }
}
