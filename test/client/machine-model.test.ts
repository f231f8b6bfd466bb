// The game's machine model computes no kernel figure: labels and figures arrive projected from the
// kernel's presentation module, so the projector, the dashboard and the kernel agree (also after a core is added).
import { describe, expect, it } from 'vitest';
import { readMachine } from '../../client/src/views/machine-model.ts';
import { RoomState, crewView, projectMachine } from '../../server/rooms/projection.ts';
import { applyActionInPlace, kernelLabels, label, machineMetrics, screenFigures } from '../../shared/kernel/index.ts';
import { MACHINES, walk } from '../kernel/walk.ts';

describe('the machine model reads projected presentation', () => {
  it('has the kernel\'s labels and figures, before and after a core is added', () => {
    const m = MACHINES.find((x) => x.name === 'class-workshop')!;
    for (const s of walk(m, 3, [6, 20, 40], new Set())) {
      if (s.tick === 20) expect(applyActionInPlace(s, { type: 'add-core' }).ok).toBe(true);
      const state = new RoomState();
      const crew = crewView(state, 'c1', 1);
      projectMachine(crew.machine, s);
      const model = readMachine(state, null);
      const labels = kernelLabels(s);
      for (const [tid, th] of model.threads) { expect(th.label).toBe(label(s, tid)); expect(th.label).toBe(labels(tid)); }
      const f = screenFigures(s);
      expect(model.metrics.utilization).toBe(machineMetrics(s).utilization);
      expect(model.metrics).toMatchObject({ throughput: f.throughput, completed: f.completed, response: f.response, turnaround: f.turnaround, waiting: f.waiting, switches: f.switches });
      expect(crew.machine.figures.faultTotal).toBe(f.faultTotal);
    }
  });
});
