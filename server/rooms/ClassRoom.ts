// A class room: created only through POST /api/teacher/rooms (a signed-in teacher), joined with its code, run by whoever holds its
// host key or a host pass its teacher's dashboard got; closes itself after staying empty for a while. The room holds
// only the host key's hash (and the passes' hashes), never a key.
import { randomInt } from 'node:crypto';
import { tuneScenario } from '../game/room-tuning.ts';
import { resolveScenario } from '../scenarios/catalog.ts';
import {
  registerJoinCode,
  releaseJoinCode,
  type ClassRoomCreateOptions,
  type ClassRoomMetadata,
} from './directory.ts';
import { KernelRoom, type RoomServices } from './KernelRoom.ts';
import { journaledEnd, loadRestoredRoom, type RestoredRoom } from './recovery.ts';
import { RoomSaver } from './room-saver.ts';
import { CLOSE_CODES } from '../../shared/protocol/errors.ts';
import { registerRoomGate, releaseRoomGate } from './reservation-gate.ts';
import { restoreRoom } from '../game/room-snapshot.ts';
import { keyHash } from '../game/key-hash.ts';

/** Seconds between crash-recovery saves of a live room (also saved whenever its phase changes). */
const SAVE_SECONDS = 3;

/** Options a class room is created with: the API's (unchecked until the ticket proves them), plus the services registered with the room type. */
export type ClassRoomOptions = { services: RoomServices; restore?: string } & Partial<ClassRoomCreateOptions>;

/** The class room. */
export class ClassRoom extends KernelRoom<ClassRoomMetadata> {
  private services!: RoomServices;
  private emptySince = Date.now();
  private saver: RoomSaver | null = null;
  private shuttingDown = false;
  /** A round's end whose journal write never succeeded (given up at shutdown): no snapshot may say it ended. */
  private endNotDurable = false;

  override async onCreate(given: ClassRoomOptions): Promise<void> {
    this.services = given.services;
    if (!(await given.services.grants.consume(given.ticket)))
      throw new Error('class rooms are created through POST /api/teacher/rooms');
    // A room brought back after a crash keeps its id, code, host key, seats and machine.
    const restored: RestoredRoom | null =
      given.restore && given.services.snapshots
        ? await loadRestoredRoom(given.services.snapshots, String(given.restore))
        : null;
    if (given.restore && !restored) throw new Error(`no usable snapshot for room ${String(given.restore)}`);
    if (restored) this.roomId = restored.roomId;
    const options = (
      restored ? { ...restored.doc.create, seed: restored.seed, services: given.services } : given
    ) as ClassRoomCreateOptions & { services: RoomServices };
    const scenario = restored
      ? { ok: true as const, scenario: restored.scenario, name: restored.doc.scenarioName }
      : resolveScenario(options.scenario);
    if (!scenario.ok) throw new Error(scenario.error);
    const config = options.services.config;
    const maxPlayers = Math.min(options.maxPlayers ?? config.maxPlayers, config.maxPlayers);
    this.metadata = {
      code: options.code,
      title: options.title ?? scenario.name,
      ...(options.session ? { sessionId: options.session.id } : {}),
    };
    // Colyseus counts seats held for reconnection towards maxClients and then locks the room; our own
    // capacity check counts only present players, so the framework's limit is kept well above it.
    this.maxClients = maxPlayers * 2 + 10;
    this.autoDispose = false;
    this.setup(options.services, {
      kind: 'class',
      code: options.code,
      hostKeyHash: options.hostKeyHash,
      viewerKey: options.viewerKey,
      now: options.services.now,
      onHostPasses: () =>
        void this.registerGate().catch((e: unknown) => console.error(`[gate] room ${this.roomId}`, e)),
      maxPlayers,
      leaderboard: options.leaderboard ?? true,
      countdownSeconds: options.countdown ?? config.countdownSeconds,
      session: options.session,
      match: {
        scenario: tuneScenario(scenario.scenario, options.tuning),
        scenarioName: scenario.name,
        seed: options.seed ?? randomInt(1, 2 ** 31 - 1),
        ticksPerSecond: options.ticksPerSecond ?? config.ticksPerSecond,
        tickLimit: config.roundTickLimit,
        scoring: options.scoring ?? 'standard',
      },
    });
    if (options.lateJoin === false) this.game.lateJoin = false;
    this.state.lateJoin = this.game.lateJoin;
    this.state.code = options.code;
    this.state.scenario = scenario.name;
    this.state.tickLimit = config.roundTickLimit;
    this.clock.setInterval(() => this.closeIfIdle(), 10_000);
    if (restored) {
      const ended = await journaledEnd(restored, options.session, given.services.reports);
      restoreRoom(this.game, ended?.doc ?? restored.doc, ended?.machine ?? restored.machine, restored.crews);
      this.project();
    }
    await this.registerGate();
    await registerJoinCode(options.code, this.roomId);
    const store = options.services.snapshots;
    if (store) {
      const {
        code,
        hostKeyHash,
        viewerKey,
        title,
        maxPlayers: max,
        ticksPerSecond,
        lateJoin,
        leaderboard,
        countdown,
        scoring,
        session,
      } = options;
      this.saver = new RoomSaver(
        store,
        this.roomId,
        this.game,
        {
          code,
          hostKeyHash,
          viewerKey,
          title,
          maxPlayers: max,
          ticksPerSecond,
          lateJoin,
          leaderboard,
          countdown,
          scoring,
          session,
        },
        restored?.position,
      );
      let phase = this.game.match.phase;
      let lastSave = Date.now();
      // A round's end reaches the snapshot only after its journal (then at once): a crash between the
      // two brings the room back with that round ended (journaledEnd), never without its report.
      this.game.onJournaled = (stored) => {
        // Given up at shutdown with the write still failing: that end is durable nowhere, so no snapshot
        // may say "ended" either; the last one stays (the round comes back as it was saved, not ended
        // with its report lost).
        if (!stored) {
          this.endNotDurable = true;
          return;
        }
        phase = this.game.match.phase;
        lastSave = Date.now();
        void this.saver?.flush();
      };
      this.clock.setInterval(() => {
        if (this.game.journaling > 0 || this.endNotDurable) return;
        const now = this.game.match.phase;
        if (now !== phase || Date.now() - lastSave >= SAVE_SECONDS * 1000) {
          phase = now;
          lastSave = Date.now();
          void this.saver?.flush();
        }
      }, 250);
      void this.saver.flush();
    }
  }

  /** Waits until the latest state of the room is saved (tests, shutdown). */
  saved(): Promise<void> {
    return this.saver?.flush() ?? Promise.resolve();
  }

  /** Tells the reservation gate (in presence) the room's code, key hashes and open host passes. */
  private registerGate(): Promise<void> {
    const { code, hostKeyHash, viewerKey } = this.game.options;
    const keys = [hostKeyHash, viewerKey ? keyHash(viewerKey) : null].filter((k): k is string => !!k);
    return registerRoomGate(this.roomId, code, keys, this.game.openHostPasses());
  }

  /**
   * Rotates the host key (the teacher's dashboard asked, through POST /api/teacher/sessions/:id/rotate-key,
   * which passes only the new key's hash and viewer key): the old host key, its passes and its projector
   * link stop opening the room at once, and their seats are closed. Returns how many seats were closed.
   */
  async rotateHostKey(hostKeyHash: string, viewerKey: string): Promise<number> {
    const closed = this.game.rotateHostKey(hostKeyHash, viewerKey);
    await this.registerGate();
    await this.saver?.rekey({ hostKeyHash, viewerKey });
    return closed;
  }

  /**
   * Registers a host pass (its hash) the teacher's dashboard got through POST
   * /api/teacher/sessions/:id/host-pass: it opens the room as its host once, until `expiresAt`.
   */
  async addHostPass(passHash: string, expiresAt: number): Promise<void> {
    this.game.addHostPass(String(passHash), Number(expiresAt));
    await this.registerGate();
  }

  /** Closes the class for good (the teacher ended the session): every student is told so by the close code. */
  closeForGood(): Promise<unknown> {
    return this.disconnect(CLOSE_CODES.closed);
  }

  override onBeforeShutdown(): void {
    this.shuttingDown = true;
    super.onBeforeShutdown();
  }

  private closeIfIdle(): void {
    if (this.clients.length > 0) {
      this.emptySince = Date.now();
      return;
    }
    if (Date.now() - this.emptySince > this.services.config.roomIdleMinutes * 60_000)
      void this.closeForGood();
  }

  override async onDispose(): Promise<void> {
    if (!this.game) return; // onCreate refused the room before it had one
    await releaseJoinCode(this.game.options.code, this.roomId).catch(() => undefined);
    await releaseRoomGate(this.roomId).catch(() => undefined);
    await this.game.settled();
    // A shutdown keeps the snapshot so the next start resumes the room; closing for good forgets it.
    if (this.saver && !(this.shuttingDown && this.endNotDurable))
      await (this.shuttingDown ? this.saver.flush() : this.saver.discard());
    if (!this.shuttingDown) await this.services.reports.roomClosed?.(this.roomId, this.game.options.session);
  }

  protected reconnectSeconds(): number {
    return this.services.config.reconnectSeconds;
  }
}
