// A solo room: one player, one job, bots in every other role; the player also runs the clock. With a
// levelId it plays a campaign level: the level's scenario and job, its tick limit, and its verdict; with
// a challengeId a challenge (rising load until its kept condition breaks, scored by ticks survived); with
// a sandbox setup any scenario, policy and role with no goal. A refused option creates nothing and says
// why in the player's language (`lang`).
import { randomInt } from 'node:crypto';
import { ServerError, type Client } from '@colyseus/core';
import {
  challengeById,
  levelById,
  parseSandboxOption,
  unknownChallenge,
  type Level,
} from '../../shared/levels/index.ts';
import { soloCreateSchema } from '../../shared/protocol/join.ts';
import { resolveScenario } from '../scenarios/catalog.ts';
import { scenarioCapTexts } from '../scenarios/caps.ts';
import { ChallengeEngine, LevelEngine, SandboxEngine, type LevelVerdict } from '../game/level-engine.ts';
import type { Engine } from '../game/engine.ts';
import { KernelRoom, type RoomServices } from './KernelRoom.ts';

// Creation goes through Colyseus's HTTP matchmaking, which needs an HTTP status (a 46xx code becomes a bare 500).
const refuse = (message: string): ServerError => new ServerError(400, message);

/** The solo room. */
export class SoloRoom extends KernelRoom {
  private services!: RoomServices;

  override onCreate(options: { services: RoomServices } & Record<string, unknown>): void {
    this.services = options.services;
    const { services: _services, ...given } = options;
    const parsed = soloCreateSchema.safeParse(given);
    if (!parsed.success) throw refuse(`bad-options: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    // One player, plus room for the same player's new connection while the old one is held.
    this.maxClients = 2;
    const ticksPerSecond = parsed.data.ticksPerSecond ?? options.services.config.ticksPerSecond;
    const { levelId, challengeId, sandbox, scenario: scenarioOption, lang } = parsed.data;
    // what to play: at most one of these (a scenario, a seed and a role are then ignored, as for a level)
    const asked = [levelId, challengeId, sandbox].filter((x) => x !== undefined).length;
    if (asked > 1) throw refuse('bad-options: give one of levelId, challengeId and sandbox');
    if (levelId !== undefined) {
      const level = levelById(levelId);
      if (!level) throw refuse(`bad-options: no level has the id "${levelId.slice(0, 80)}"`);
      this.playLevel(level, ticksPerSecond, () => new LevelEngine(level));
      return;
    }
    if (challengeId !== undefined) {
      const challenge = challengeById(challengeId);
      if (!challenge) throw refuse(`bad-challenge: ${unknownChallenge(challengeId)[lang]}`);
      this.playLevel(challenge.level, ticksPerSecond, () => new ChallengeEngine(challenge));
      return;
    }
    if (sandbox !== undefined) {
      const r = parseSandboxOption(sandbox);
      if (!r.ok) throw refuse(`bad-sandbox: ${r.error[lang]}`);
      // Anyone may open a sandbox: its machine gets the class rooms' caps over the sandbox's whole run.
      const tooBig = scenarioCapTexts(r.level.scenarioParsed, r.level.tickLimit);
      if (tooBig) throw refuse(`bad-sandbox: ${tooBig[lang]}`);
      const level = r.level;
      this.playLevel(level, ticksPerSecond, () => new SandboxEngine(level));
      return;
    }
    const scenario = resolveScenario(scenarioOption);
    if (!scenario.ok) throw refuse(`bad-options: ${scenario.texts[lang]}`);
    // Anyone may open a solo room: a scenario of its own gets the class rooms' caps.
    const tooBig = scenarioCapTexts(scenario.scenario, options.services.config.roundTickLimit);
    if (tooBig) throw refuse(`scenario-too-large: ${tooBig[lang]}`);
    this.setup(options.services, {
      kind: 'solo',
      code: '',
      hostKeyHash: null,
      maxPlayers: 1,
      match: {
        scenario: scenario.scenario,
        scenarioName: scenario.name,
        seed: parsed.data.seed ?? randomInt(1, 2 ** 31 - 1),
        ticksPerSecond,
        tickLimit: options.services.config.roundTickLimit,
      },
    });
    this.state.scenario = scenario.name;
    this.state.tickLimit = options.services.config.roundTickLimit;
  }

  /** Sets the room up to play a level's machine (a campaign level, a challenge or a sandbox) with `engine` for each attempt. */
  private playLevel(level: Level, ticksPerSecond: number, engine: () => Engine): void {
    this.setup(this.services, {
      kind: 'solo',
      code: '',
      hostKeyHash: null,
      maxPlayers: 1,
      match: {
        scenario: level.scenarioParsed,
        scenarioName: level.id,
        seed: level.seed,
        ticksPerSecond,
        tickLimit: level.tickLimit,
      },
      engine,
      onVerdict: (v) => this.verdict(v),
    });
    this.state.scenario = level.id;
    this.state.tickLimit = level.tickLimit;
  }

  /** Sends a level attempt's verdict once the final state has reached the player. */
  private verdict(v: LevelVerdict): void {
    this.broadcast('level-result', v, { afterNextPatch: true });
  }

  override onJoin(client: Client): void {
    super.onJoin(client);
    this.resendVerdict(client);
  }

  override onReconnect(client: Client): void {
    super.onReconnect(client);
    this.resendVerdict(client);
  }

  private resendVerdict(client: Client): void {
    const v = this.game.match.verdict;
    if (v && this.game.match.phase === 'ended') client.send('level-result', v);
  }

  protected reconnectSeconds(): number {
    return this.services.config.reconnectSeconds;
  }
}
