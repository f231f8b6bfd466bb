// A class room: created only through POST /api/rooms, joined with its code, run by whoever holds its
// host key; closes itself after staying empty for a while.
import { randomInt } from 'node:crypto';
import { tuneScenario } from '../game/room-tuning.ts';
import { resolveScenario } from '../scenarios/catalog.ts';
import type { ClassRoomCreateOptions, ClassRoomMetadata } from './directory.ts';
import { KernelRoom, type RoomServices } from './KernelRoom.ts';

/** Options a class room is created with: the API's (unchecked until the ticket proves them), plus the services registered with the room type. */
export type ClassRoomOptions = { services: RoomServices } & Partial<ClassRoomCreateOptions>;

/** The class room. */
export class ClassRoom extends KernelRoom<ClassRoomMetadata> {
  private services!: RoomServices;
  private emptySince = Date.now();

  override onCreate(given: ClassRoomOptions): void {
    this.services = given.services;
    if (!given.services.grants.consume(given.ticket)) throw new Error('class rooms are created through POST /api/rooms');
    const options = given as ClassRoomCreateOptions & { services: RoomServices };
    const scenario = resolveScenario(options.scenario);
    if (!scenario.ok) throw new Error(scenario.error);
    const config = options.services.config;
    const maxPlayers = Math.min(options.maxPlayers ?? config.maxPlayers, config.maxPlayers);
    this.metadata = { code: options.code, title: options.title ?? scenario.name };
    // Colyseus counts seats held for reconnection towards maxClients and then locks the room; our own
    // capacity check counts only present players, so the framework's limit is kept well above it.
    this.maxClients = maxPlayers * 2 + 10;
    this.autoDispose = false;
    this.setup(options.services, {
      kind: 'class',
      code: options.code,
      hostKey: options.hostKey,
      maxPlayers,
      leaderboard: options.leaderboard ?? true,
      match: {
        scenario: tuneScenario(scenario.scenario, options.tuning),
        scenarioName: scenario.name,
        seed: options.seed ?? randomInt(1, 2 ** 31 - 1),
        ticksPerSecond: options.ticksPerSecond ?? config.ticksPerSecond,
        tickLimit: config.roundTickLimit,
      },
    });
    if (options.lateJoin === false) this.classroom.lateJoin = false;
    this.state.lateJoin = this.classroom.lateJoin;
    this.state.code = options.code;
    this.state.scenario = scenario.name;
    this.state.tickLimit = config.roundTickLimit;
    this.clock.setInterval(() => this.closeIfIdle(), 10_000);
  }

  private closeIfIdle(): void {
    if (this.clients.length > 0) { this.emptySince = Date.now(); return; }
    if (Date.now() - this.emptySince > this.services.config.roomIdleMinutes * 60_000) void this.disconnect();
  }

  override onDispose(): Promise<void> | void {
    return this.services.reports.roomClosed?.(this.roomId);
  }

  protected reconnectSeconds(): number {
    return this.services.config.reconnectSeconds;
  }
}
