// A solo room: one player, one job, bots in every other role; the player also runs the clock.
import { randomInt } from 'node:crypto';
import { soloCreateSchema } from '../../shared/protocol/join.ts';
import { resolveScenario } from '../scenarios/catalog.ts';
import { KernelRoom, type RoomServices } from './KernelRoom.ts';

/** The solo room. */
export class SoloRoom extends KernelRoom {
  private services!: RoomServices;

  override onCreate(options: { services: RoomServices } & Record<string, unknown>): void {
    this.services = options.services;
    const { services: _services, ...given } = options;
    const parsed = soloCreateSchema.safeParse(given);
    if (!parsed.success) throw new Error(`solo room options: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const scenario = resolveScenario(parsed.data.scenario);
    if (!scenario.ok) throw new Error(scenario.error);
    // One player, plus room for the same player's new connection while the old one is held.
    this.maxClients = 2;
    this.setup(options.services, {
      kind: 'solo',
      code: '',
      hostKey: null,
      maxPlayers: 1,
      match: {
        scenario: scenario.scenario,
        scenarioName: scenario.name,
        seed: parsed.data.seed ?? randomInt(1, 2 ** 31 - 1),
        ticksPerSecond: parsed.data.ticksPerSecond ?? options.services.config.ticksPerSecond,
        tickLimit: options.services.config.roundTickLimit,
      },
    });
    this.state.scenario = scenario.name;
    this.state.tickLimit = options.services.config.roundTickLimit;
  }

  protected reconnectSeconds(): number {
    return this.services.config.reconnectSeconds;
  }
}
