// The sandbox: any scenario and policy, edited as JSON with bilingual errors, run by the level
// machinery with no goal, shared as a size-limited link that is validated when opened.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/kernel/index.ts';
import {
  LevelSession,
  decodeSandbox,
  encodeSandbox,
  parseSandbox,
  parseSandboxText,
  type SandboxSetup,
} from '../../shared/levels/index.ts';

const setup: SandboxSetup = {
  scenario: {
    cores: 2,
    processes: [
      { name: 'long', length: 8 },
      { name: 'mid', length: 4 },
      { name: 'short', arrival: 1, length: 1 },
    ],
  },
  policy: 'sjf',
  player: { role: 'scheduler', cores: [1] },
};

function run(s: SandboxSetup, playerMoves = true): LevelSession {
  const r = parseSandbox(s);
  if (!r.ok) throw new Error(r.error.en);
  const session = new LevelSession(r.level);
  // the player dispatches on its own core when it is free (an attempt with no move at all earns nothing)
  const mine = playerMoves && s.player.role === 'scheduler' ? (s.player.cores ?? []) : [];
  while (!session.over()) {
    for (const core of mine) {
      const st = session.state;
      if (st.cores[core]?.running === null && st.readyQueue.length > 0)
        session.act({ type: 'dispatch', core, tid: st.readyQueue[0]! });
    }
    session.step();
  }
  return session;
}

describe('the sandbox', () => {
  it('runs any scenario with bots on every core the player does not hold, until the machine is done', () => {
    const session = run(setup);
    expect(Object.values(session.state.processes).every((p) => p.terminated)).toBe(true);
    expect(session.result().passed).toBe(true); // no goal: any run that ends is fine
  });

  it('keeps the chosen policy: shortest-first waits less than first-come on the same machine', () => {
    const waiting = (policy: SandboxSetup['policy']) =>
      run({ ...setup, policy }, false).figures()['averages.waiting']!;
    expect(waiting('sjf')).toBeLessThan(waiting('fifo'));
  });

  it('refuses a role the machine has no place for, in both languages', () => {
    const bad = parseSandbox({ ...setup, player: { role: 'thread', threads: [{ process: 'ghost' }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.en).toBe(
        'The scenario cannot run: player.threads: no thread 0 in a process named "ghost"',
      );
      expect(bad.error.ko).toBe(
        '시나리오를 돌릴 수 없습니다. player.threads: "ghost"라는 프로세스에 스레드 0이 없습니다.',
      );
    }
  });

  it('gives the editor bilingual errors for text that is not JSON or not a scenario', () => {
    const notJson = parseSandboxText('{ cores: 1');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) {
      expect(notJson.error.en).toBe(
        'This is not JSON: line 1, column 3: a field name in double quotes ("name") belongs here, not \'cores\'',
      );
      expect(notJson.error.ko).toBe(
        'JSON이 아닙니다. 1행 3열: 큰따옴표로 감싼 항목 이름("name")이 와야 하는데 \'cores\'가 있습니다.',
      );
    }
    const badScenario = parseSandboxText(JSON.stringify({ scenario: { cores: 99, processes: [] } }));
    expect(badScenario.ok).toBe(false);
    if (!badScenario.ok) {
      expect(badScenario.error.en).toContain('scenario.cores');
      expect(badScenario.error.ko).toContain('scenario.cores');
    }
  });

  const error = (text: string) => {
    const r = parseSandboxText(text);
    if (r.ok) throw new Error('expected an error');
    return r.error;
  };
  const scenarioError = (scenario: unknown) => error(JSON.stringify({ scenario }));
  /** What a Korean message may hold in Latin letters: quoted names and fields, paths, instruction names. */
  const latin = (ko: string) =>
    ko
      .replace(/"[^"]*"|'[^']*'/g, '')
      .replace(/\b[A-Za-z]+(\[\d+\]|\.[A-Za-z]+)+/g, '')
      .replace(/\b(JSON|scenario|player|policy|cpu|true|false|null)\b/g, '')
      .match(/[A-Za-z]+/g);

  it.each([
    [
      'an unclosed bracket',
      '{ "cores": 1,\n  "processes": [ ',
      'JSON이 아닙니다. 2행 18열: 글이 중간에 끝났습니다. 닫히지 않은 괄호나 따옴표가 있는지 보세요.',
      'This is not JSON: line 2, column 18: it ends too soon: a bracket or a quote is not closed',
    ],
    [
      'a trailing comma',
      '{ "cores": 1, }',
      "JSON이 아닙니다. 1행 15열: 닫는 '}' 바로 앞에 쉼표가 있습니다. 쉼표를 지우세요.",
      "This is not JSON: line 1, column 15: a comma stands before the closing '}': remove it",
    ],
    [
      'a missing comma on the next line',
      '{ "cores": 1\n  "quantum": 2 }',
      "JSON이 아닙니다. 2행 3열: 쉼표(,)나 닫는 괄호가 와야 하는데 '\"'가 있습니다.",
      "This is not JSON: line 2, column 3: a comma or a closing bracket belongs here, not '\"'",
    ],
  ])('says where and why a text is not JSON, in the player’s language: %s', (_, text, ko, en) => {
    expect(error(text)).toEqual({ ko, en });
    expect(() => JSON.parse(text)).toThrow(); // the reader agrees with the engine on what is JSON
  });

  it.each([
    [
      'an unknown program',
      { processes: [{ name: 'A', program: 'worker' }] },
      '시나리오를 돌릴 수 없습니다. scenario.processes[0].program: "programs"에 "worker"라는 프로그램이 없습니다.',
      'The scenario cannot run: scenario.processes[0].program: no program named "worker" in "programs"',
    ],
    [
      'two processes of one name',
      {
        processes: [
          { name: 'A', length: 1 },
          { name: 'A', length: 2 },
        ],
      },
      '시나리오를 돌릴 수 없습니다. scenario.processes[1].name: "A"라는 이름을 두 프로세스가 함께 쓰고 있습니다. 프로세스마다 이름이 달라야 합니다.',
      'The scenario cannot run: scenario.processes[1].name: "A" is used by two processes',
    ],
    [
      'a bad instruction',
      { processes: [{ name: 'A', program: ['cpu x'] }] },
      '시나리오를 돌릴 수 없습니다. scenario.processes[0].program[0]: cpu: "x"는 0 이상의 정수가 아닙니다.',
      'The scenario cannot run: scenario.processes[0].program[0]: cpu: "x" is not a whole number',
    ],
    [
      'a text where a number belongs',
      { cores: '2', processes: [{ name: 'A', length: 1 }] },
      '시나리오를 돌릴 수 없습니다. scenario.cores: 숫자가 와야 하는데 문자열이 왔습니다.',
      'The scenario cannot run: scenario.cores: expected a number, got a text',
    ],
  ])('gives a scenario’s problem wholly in the player’s language: %s', (_, scenario, ko, en) => {
    expect(scenarioError(scenario)).toEqual({ ko, en });
    expect(latin(ko)).toBeNull();
  });

  it('gives a setup’s own shape problem in the player’s language', () => {
    const r = error(JSON.stringify({ ...setup, policy: 'fastest' }));
    expect(r.ko).toBe(
      '샌드박스 설정이 올바르지 않습니다(policy): "fastest"는 쓸 수 없습니다. 다음 중 하나여야 합니다: "fifo", "sjf", "stcf", "rr", "priority"',
    );
    expect(latin(r.ko)).toBeNull();
  });

  it('shares as a link that opens to the same setup', () => {
    const link = encodeSandbox(setup);
    expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = decodeSandbox(link);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.setup).toEqual(setup);
  });

  it('validates a link on open: damaged, tampered or too long links are refused, never run', () => {
    const link = encodeSandbox(setup);
    expect(decodeSandbox(`${link.slice(0, 10)}!${link.slice(11)}`).ok).toBe(false);
    const tampered = encodeSandbox({ ...setup, scenario: { cores: 0 } as never });
    expect(decodeSandbox(tampered).ok).toBe(false);
    expect(decodeSandbox('').ok).toBe(false);
    const long = decodeSandbox('A'.repeat(LIMITS.sandboxLink.max + 1));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.en).toContain(String(LIMITS.sandboxLink.max));
  });
});
