// Issue 11: what the five notes say, checked on literal machines (each case failed before its fix).
import { describe, expect, it } from 'vitest';
import { machine } from './harness.ts';

describe('fork copies the whole context (001: the child is a copy but for its PID and memory)', () => {
  it('a value loaded before fork is in the child\'s register: load x; fork; add 1; store x gives 11 in both', () => {
    const m = machine({ processes: [{ name: 'p', vars: { x: 10 }, program: ['load x', 'fork', 'add 1', 'store x'] }] });
    m.dispatch(0, 1).tick(1); // load x (1 tick); fork is instant, the child is Ready
    m.tick(2); // parent: add 1, store x
    expect(m.proc(1).vars.x).toBe(11);
    m.dispatch(0, 2).tick(2);
    expect(m.proc(2).vars.x).toBe(11);
    expect(m.thread(2).reg).toBe(11);
    expect(m.of('lost-update')).toHaveLength(0);
  });
});
