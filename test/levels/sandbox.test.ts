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
      expect(bad.error.en).toContain('a process named "ghost"');
      expect(bad.error.ko).toContain('a process named "ghost"');
      expect(bad.error.ko).toMatch(/[가-힣]/);
    }
  });

  it('gives the editor bilingual errors for text that is not JSON or not a scenario', () => {
    const notJson = parseSandboxText('{ cores: 1');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) {
      expect(notJson.error.en).toMatch(/^This is not JSON/);
      expect(notJson.error.ko).toMatch(/^JSON이 아닙니다/);
    }
    const badScenario = parseSandboxText(JSON.stringify({ scenario: { cores: 99, processes: [] } }));
    expect(badScenario.ok).toBe(false);
    if (!badScenario.ok) {
      expect(badScenario.error.en).toContain('scenario.cores');
      expect(badScenario.error.ko).toContain('scenario.cores');
    }
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
