// Every declared limit fits the synced field that carries it (issue 12): a machine set at each limit's
// edge (shared/kernel/limits.ts) goes through the real schema encoder and decoder and comes back with the
// same numbers. A field too narrow for its limit (a uint8 for a range that grew past 255, an unsigned
// field for a negative priority) would wrap silently on the wire; this fails instead.
import { Decoder, Encoder, StateView } from '@colyseus/schema';
import { describe, expect, it } from 'vitest';
import { createKernel } from '../../shared/kernel/index.ts';
import { LIMITS } from '../../shared/kernel/limits.ts';
import { parseScenario } from '../../shared/kernel/scenario.ts';
import { RoomState, crewView, projectMachine } from '../../server/rooms/projection.ts';

function roundTrip(edge: 'min' | 'max') {
  const at = <K extends keyof typeof LIMITS>(k: K): number => LIMITS[k][edge];
  const parsed = parseScenario({
    cores: at('cores'),
    quantum: at('quantum'),
    switchCost: at('switchCost'),
    threadSwitchCost: at('threadSwitchCost'),
    processes: [
      { name: 'a', priority: at('priority'), program: ['cpu 1', 'exit'] },
      { name: 'b', priority: LIMITS.priority.min, program: ['cpu 1', 'exit'] },
    ],
    channels: [{ name: 'c', kind: 'tcp', capacity: at('capacity'), latency: at('latency') }],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const kernel = createKernel(parsed.scenario);
  const state = new RoomState();
  const crew = crewView(state, 'crew-1', 1);
  projectMachine(crew.machine, kernel);
  // encoded as for the crew's own clients: the machine is a filtered field (server/rooms/crew-views.ts)
  const encoder = new Encoder(state);
  const view = new StateView();
  view.add(crew);
  const it = { offset: 0 };
  encoder.encodeAll(it);
  const decoded = new RoomState();
  new Decoder(decoded).decode(encoder.encodeAllView(view, it.offset, it));
  return { kernel, machine: decoded.crews.get('crew-1')!.machine };
}

describe('the synced machine holds every limit', () => {
  for (const edge of ['min', 'max'] as const) {
    it(`at each limit's ${edge}`, () => {
      const { kernel, machine } = roundTrip(edge);
      expect(machine.quantum).toBe(LIMITS.quantum[edge]);
      expect(machine.switchCost).toBe(LIMITS.switchCost[edge]);
      expect(machine.threadSwitchCost).toBe(LIMITS.threadSwitchCost[edge]);
      expect(machine.cores.length).toBe(LIMITS.cores[edge]);
      const priorities = [...machine.processes.values()].map((p) => p.priority).sort((a, b) => a - b);
      expect(priorities).toEqual(
        Object.values(kernel.processes)
          .map((p) => p.priority)
          .sort((a, b) => a - b),
      );
      expect(priorities).toContain(LIMITS.priority[edge]);
      expect(machine.channels.get('c')?.capacity).toBe(LIMITS.capacity[edge]);
    });
  }
});
