// Scenario and instruction problems in the student's language: every code has a Korean and an English
// sentence with no slot left unfilled and no particle pair left, the Korean is Korean (names, paths
// and the scenario's own field names aside), and broken scenarios give the right sentence in each.
import { describe, expect, it } from 'vitest';
import {
  PROBLEMS,
  describeProblem,
  describeRejection,
  parseInstr,
  parseScenario,
  type ProblemCode,
} from '../../shared/kernel/index.ts';
import { hasParticleFallback } from '../../shared/kernel/josa.ts';
import { fill, render, type Template } from '../../shared/kernel/template.ts';
import { JSON_MESSAGE, JSON_PROBLEMS } from '../../shared/levels/json-problem.ts';
import { ROLE_PROBLEMS } from '../../shared/levels/level.ts';
import { machine } from './harness.ts';

/** Every table of bilingual problem sentences: the kernel's, the role's, the JSON reader's. */
const TABLES: Record<string, Record<string, Template>> = {
  PROBLEMS,
  ROLE_PROBLEMS,
  JSON_PROBLEMS,
  JSON_MESSAGE,
};

/**
 * The Korean left once the words that stay as written are taken out: slots, quoted names and fields,
 * paths (player.threads), instruction names and JSON's literals, which a Korean programmer reads as is.
 */
function latinLeft(ko: string): string[] {
  const kept = ko
    .replace(/^[a-z.]+: /, ' ')
    .replace(/\{\w+\}/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/\b[a-z]+(\.[a-z]+)+\b/g, ' ')
    .replace(/\b(cpu|fork|recv|send|fifo|tcp|udp|true|false|null|JSON|[bfnrtu])\b/g, ' ');
  return kept.match(/[A-Za-z]+/g) ?? [];
}

describe('every problem in both languages', () => {
  for (const [table, texts] of Object.entries(TABLES)) {
    it(`${table}: a Korean and an English sentence for every code, each slot filled and no particle pair left`, () => {
      for (const [code, t] of Object.entries(texts)) {
        expect(t.en.trim(), `${table}.${code}.en`).not.toBe('');
        expect(t.ko, `${table}.${code}.ko`).toMatch(/[가-힣]/);
        // the two languages name the same slots, so a parameter is never said in one only
        const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(slots(t.ko), `${table}.${code}`).toEqual(slots(t.en));
        const params = Object.fromEntries(slots(t.en).map((n) => [n!, 'P3']));
        for (const lang of ['ko', 'en'] as const) {
          const text = fill(t[lang], params);
          expect(text, `${table}.${code}.${lang}`).not.toMatch(/\{\w+\}/);
          if (lang === 'ko') {
            const said =
              table === 'PROBLEMS'
                ? describeProblem({ code: code as ProblemCode, params, path: '' }, 'ko')
                : render(t, params, 'ko');
            expect(hasParticleFallback(said), `${code}: ${said}`).toBe(false);
          }
        }
        expect(latinLeft(t.ko), `${table}.${code}.ko: ${t.ko}`).toEqual([]);
      }
    });
  }
});

const bad = (json: unknown) => {
  const r = parseScenario(json);
  if (r.ok) throw new Error('expected a problem');
  return { en: describeProblem(r.problem, 'en'), ko: describeProblem(r.problem, 'ko'), error: r.error };
};

describe('broken scenarios in Korean and English', () => {
  it('an unknown program reference', () => {
    expect(bad({ processes: [{ name: 'A', program: 'worker' }] })).toEqual({
      en: 'processes[0].program: no program named "worker" in "programs"',
      ko: 'processes[0].program: "programs"에 "worker"라는 프로그램이 없습니다.',
      error: 'processes[0].program: no program named "worker" in "programs"',
    });
  });

  it('a name two processes share', () => {
    const r = bad({
      jobs: [
        { name: 'web', length: 1 },
        { name: 'web', length: 2 },
      ],
    });
    expect(r.en).toBe('jobs[1].name: "web" is used by two processes');
    expect(r.ko).toBe(
      'jobs[1].name: "web"이라는 이름을 두 프로세스가 함께 쓰고 있습니다. 프로세스마다 이름이 달라야 합니다.',
    );
  });

  it('an instruction that does not parse: "cpu x"', () => {
    const r = bad({ jobs: [{ name: 'A', program: ['cpu x'] }] });
    expect(r.en).toBe('jobs[0].program[0]: cpu: "x" is not a whole number');
    expect(r.ko).toBe('jobs[0].program[0]: cpu: "x"는 0 이상의 정수가 아닙니다.');
  });

  it('a text where a number belongs, and a fraction where a whole number does', () => {
    const r = bad({ jobs: [{ name: 'A', arrival: 'soon', length: 2 }] });
    expect(r.en).toBe('jobs[0].arrival: expected a number, got a text');
    expect(r.ko).toBe('jobs[0].arrival: 숫자가 와야 하는데 문자열이 왔습니다.');
    expect(bad({ jobs: [{ name: 'A', length: 1.5 }] }).ko).toBe(
      'jobs[0].length: 정수가 와야 하는데 소수가 왔습니다.',
    );
  });

  it('a number out of range, an unknown field and a choice not offered', () => {
    expect(bad({ cores: 99, jobs: [{ name: 'A', length: 1 }] })).toMatchObject({
      en: 'cores: must be at most 8, not 99',
      ko: 'cores: 8 이하여야 합니다. 99는 너무 큽니다.',
    });
    expect(bad({ jobs: [{ name: 'A', length: 1, colour: 'red' }] }).ko).toBe(
      'jobs[0]: "colour"는 여기에 쓸 수 없는 항목입니다. 철자를 확인하세요.',
    );
    expect(bad({ jobs: [{ name: 'A', kind: 'batch', length: 1 }] }).ko).toBe(
      'jobs[0].kind: "batch"는 쓸 수 없습니다. 다음 중 하나여야 합니다: "foreground", "background", "daemon"',
    );
  });

  it('a union names the branch that got furthest, and the whole scenario is "scenario" in English', () => {
    expect(bad({ jobs: [{ name: 'A', program: ['cpu 1', 5] }] }).ko).toBe(
      'jobs[0].program[1]: 문자열이 와야 하는데 숫자가 왔습니다.',
    );
    expect(bad({ jobs: [{ name: 'A', program: 5 }] }).en).toBe(
      'jobs[0].program: expected a list [ ] or a text, got a number',
    );
    // a text where a list or a program's name belongs: the name branch matched the type and says why
    expect(bad({ jobs: [{ name: 'A', program: 'w'.repeat(33) }] }).en).toMatch(
      /^jobs\[0\]\.program: "w{33}" is not a name: at most 32 letters/,
    );
    const whole = bad('nonsense');
    expect(whole.error).toBe('scenario: expected an object { }, got a text');
    expect(whole.ko).toBe('객체({ })가 와야 하는데 문자열이 왔습니다.');
  });
});

describe('an instruction refused in play, in the player’s language', () => {
  it('a steered thread choosing "jump 4": the reason in Korean has no English sentence in it', () => {
    const m = machine({
      processes: [{ name: 'A', threads: [{ program: ['cpu 1'], steered: true }] }],
    });
    const r = m.refuse({ type: 'choose', tid: 1, instr: 'jump 4' });
    expect(r.code).toBe('bad-instruction');
    expect(r.params.error).toMatch(/^unknown instruction "jump"/); // the logs' English
    const ko = describeRejection(r, 'ko');
    expect(ko).toContain('"jump"는 모르는 명령어입니다');
    expect(ko).not.toMatch(/unknown|known:/);
    expect(describeRejection(r, 'en')).toContain('cannot run that: unknown instruction "jump"');
  });

  it('parseInstr gives its problem as data and its English sentence', () => {
    expect(parseInstr('cpu')).toEqual({
      ok: false,
      error: 'cpu needs a number',
      problem: { code: 'instr-needs-number', params: { op: 'cpu' } },
    });
  });
});
