// Korean particles follow the word before them, never a "을(를)" fallback: unit cases on literal
// words, then a scan of every sentence the kernel and the game's tables produce in Korean.
import { describe, expect, it } from 'vitest';
import {
  describeEvent,
  describeRejection,
  REJECTIONS,
  type RejectionCode,
} from '../../shared/kernel/index.ts';
import { hasParticleFallback, particle, withParticles } from '../../shared/kernel/josa.ts';
import { LEVELS, LevelSession } from '../../shared/levels/index.ts';
import { MESSAGES, t, type MessageKey } from '../../client/src/i18n/index.ts';

describe('particles from the last syllable', () => {
  it('reads Hangul, digits and Latin letters as a Korean reader does', () => {
    expect(withParticles('코어 1은(는) 비어 있음')).toBe('코어 1은 비어 있음');
    expect(withParticles('코어 2은(는) 비어 있음')).toBe('코어 2는 비어 있음');
    expect(withParticles('메시지을(를) 받음')).toBe('메시지를 받음');
    expect(withParticles('셸이(가) 실행')).toBe('셸이 실행');
    expect(withParticles('P3이(가) fork')).toBe('P3이 fork');
    expect(withParticles('P4이(가) fork')).toBe('P4가 fork');
    expect(withParticles('ls을(를) 실행')).toBe('ls를 실행');
    expect(withParticles('락 m을(를) 기다림')).toBe('락 m을 기다림');
    expect(withParticles('P2와(과) 공유')).toBe('P2와 공유');
    expect(withParticles('P3와(과) 공유')).toBe('P3과 공유');
    expect(withParticles('T1 (music)은(는) 대기')).toBe('T1 (music)은 대기');
    expect(withParticles('코어 1(으)로')).toBe('코어 1로');
    expect(withParticles('코어 3(으)로')).toBe('코어 3으로');
    expect(particle('파이프', '이/가')).toBe('가');
    expect(withParticles('music은(는) · init이(가) · bash은(는) · mail(으)로 · sshd을(를) · PID와(과)')).toBe(
      'music은 · init이 · bash는 · mail로 · sshd를 · PID와',
    );
  });

  it('finds what is left', () => {
    expect(hasParticleFallback('메시지을(를)')).toBe(true);
    expect(hasParticleFallback('코어 1은 비어 있음')).toBe(false);
    expect(hasParticleFallback('프로세스 제어 블록(PCB)')).toBe(false);
  });
});

const WORDS = ['코어 1', 'P2', '메시지', 'ls', '셸', 'T3 (music)'];

describe('no particle fallback reaches the screen', () => {
  it('in any refusal, whatever word fills it', () => {
    for (const code of Object.keys(REJECTIONS) as RejectionCode[]) {
      const names = [...REJECTIONS[code].ko.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const w of WORDS) {
        const params = Object.fromEntries(names.map((n) => [n, w]));
        const text = describeRejection({ ok: false, code, params } as never, 'ko');
        expect(hasParticleFallback(text), `${code}: ${text}`).toBe(false);
      }
    }
  });

  it('in any event of any level played by its bots', () => {
    const seen = new Set<string>();
    for (const level of LEVELS) {
      const s = new LevelSession(level);
      for (let i = 0; i < 200 && !s.over(); i++) s.step();
      for (const e of s.events) {
        seen.add(e.type);
        const text = describeEvent(e, s.state, 'ko');
        expect(hasParticleFallback(text), `${level.id} ${e.type}: ${text}`).toBe(false);
      }
    }
    expect(seen.size).toBeGreaterThan(15);
  });

  it('in any text of the game\u2019s Korean table', () => {
    for (const key of Object.keys(MESSAGES.ko) as MessageKey[]) {
      const names = [...MESSAGES.ko[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const w of WORDS) {
        const text = t(key, Object.fromEntries(names.map((n) => [n, w])), 'ko');
        expect(hasParticleFallback(text), `${key}: ${text}`).toBe(false);
      }
    }
  });
});
