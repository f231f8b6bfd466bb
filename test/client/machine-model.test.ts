// The game's machine model computes no kernel figure: labels and figures arrive projected from the
// kernel's presentation module, so the projector, the dashboard and the kernel agree (also after a core is added).
import { describe, expect, it } from 'vitest';
import { readMachine } from '../../client/src/views/machine-model.ts';
import { RoomState, crewView, projectMachine } from '../../server/rooms/projection.ts';
import {
  applyActionInPlace,
  kernelLabels,
  label,
  machineMetrics,
  screenFigures,
  semaphoreShelf,
  startKernel,
  tickInPlace,
  waitForCycles,
} from '../../shared/kernel/index.ts';
import { machine } from '../kernel/harness.ts';
import { LEVELS } from '../../shared/levels/index.ts';
import { MACHINES, walk } from '../kernel/walk.ts';

describe('the machine model reads projected presentation', () => {
  it("has the kernel's labels and figures, before and after a core is added", () => {
    const m = MACHINES.find((x) => x.name === 'class-workshop')!;
    for (const s of walk(m, 3, [6, 20, 40], new Set())) {
      if (s.tick === 20) expect(applyActionInPlace(s, { type: 'add-core' }).ok).toBe(true);
      const state = new RoomState();
      const crew = crewView(state, 'c1', 1);
      projectMachine(crew.machine, s);
      const model = readMachine(state, null);
      const labels = kernelLabels(s);
      for (const [tid, th] of model.threads) {
        expect(th.label).toBe(label(s, tid));
        expect(th.label).toBe(labels(tid));
      }
      const f = screenFigures(s);
      expect(model.metrics.utilization).toBe(machineMetrics(s).utilization);
      expect(model.metrics).toMatchObject({
        throughput: f.throughput,
        completed: f.completed,
        response: f.response,
        turnaround: f.turnaround,
        waiting: f.waiting,
        switches: f.switches,
      });
      expect(crew.machine.figures.faultTotal).toBe(f.faultTotal);
    }
  });

  it('gives each PCB the state of its threads: a Ready process reads Ready, not Running', () => {
    const m = MACHINES.find((x) => x.name === 'class-workshop')!;
    const states = new Set<string>();
    for (const s of walk(m, 3, [0, 6, 20, 40], new Set())) {
      const state = new RoomState();
      projectMachine(crewView(state, 'c1', 1).machine, s);
      for (const p of readMachine(state, null).processes) {
        const own = s.processes[p.pid]!.threads.map((tid) => s.threads[tid]!.state);
        const want = p.terminated
          ? 'terminated'
          : own.includes('running')
            ? 'running'
            : own.includes('ready')
              ? 'ready'
              : own.includes('blocked')
                ? 'blocked'
                : 'new';
        expect(p.state, `P${p.pid} at tick ${s.tick}`).toBe(want);
        states.add(p.state);
      }
    }
    expect(states).toContain('ready');
    expect(states).toContain('running');
  });
});

describe("a thread's PC names its next instruction (issue 16)", () => {
  it('is empty after the chosen instruction ran and once the thread ended, never the one already run', () => {
    const level = LEVELS.find((l) => l.id === 'mutex')!;
    const { state: s } = startKernel(level.scenarioParsed, 1);
    const tid = Number(Object.keys(s.threads)[0]);
    const model = () => {
      const state = new RoomState();
      projectMachine(crewView(state, 'c1', 1).machine, s);
      return readMachine(state, null).threads.get(tid)!;
    };
    expect(applyActionInPlace(s, { type: 'choose', tid, instr: 'lock m' }).ok).toBe(true);
    expect(model()).toMatchObject({ pc: 0, instr: 'lock m' });
    expect(applyActionInPlace(s, { type: 'dispatch', core: 0, tid }).ok).toBe(true);
    for (let k = 0; k < 3 && s.threads[tid]!.pc === 0; k++) tickInPlace(s);
    expect(model()).toMatchObject({ pc: 1, instr: '' }); // was "lock m": the instruction that had already run
    expect(applyActionInPlace(s, { type: 'choose', tid, instr: 'exit' }).ok).toBe(true);
    for (let k = 0; k < 5 && s.threads[tid]!.state !== 'terminated'; k++) tickInPlace(s);
    expect(model()).toMatchObject({ state: 'terminated', instr: '' });
  });
});

describe('a deadlock and a semaphore as the machine view gets them (issue 13 item 5)', () => {
  it("carries the wait-for cycle in order with its labels, and each semaphore's shelf, and drops the cycle once it is gone", () => {
    const m = machine({
      cores: 2,
      semaphores: { empty: 2 },
      processes: [
        {
          name: 'bank',
          threads: [
            { program: ['wait empty', 'lock a', 'cpu 1', 'lock b'] },
            { program: ['lock b', 'cpu 1', 'lock a'] },
          ],
        },
      ],
    });
    const state = new RoomState();
    const crew = crewView(state, 'c1', 1);
    const read = () => {
      projectMachine(crew.machine, m.s);
      return readMachine(state, null);
    };
    expect(read().waitCycles).toEqual([]);
    m.dispatch(0, 1).dispatch(1, 2).tick(2);
    const model = read();
    const labels = kernelLabels(m.s);
    expect(model.waitCycles).toEqual(
      waitForCycles(m.s).map((c) =>
        c.map((step) => ({ ...step, label: labels(step.tid), holderLabel: labels(step.holder) })),
      ),
    );
    expect(model.waitCycles[0]!.map((step) => step.lock)).toEqual(['b', 'a']);
    expect(model.semaphores).toEqual([
      { name: 'empty', value: 1, slots: semaphoreShelf(m.s, 'empty').slots, waiters: [] },
    ]);
    expect(model.semaphores[0]!.slots).toBe(2);
    // killing the process ends the cycle: the view gets none to draw
    m.act({ type: 'kill', pid: 1 });
    expect(read().waitCycles).toEqual([]);
  });
});
