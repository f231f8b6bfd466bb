// What a client passes when it joins a room (Colyseus join options), validated on arrival.
import { z } from 'zod';
import { LANGS, limitSchema } from '../kernel/limits.ts';

/** A browser's random id for its solo progress (server/http/solo-routes.ts); never a seat's credential. */
export const playerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a random id of 8–64 letters, digits, _ or -');

/** A browser's seat secret: random, kept by that browser only, proving a reload is the same person (the server keeps its hash). */
export const seatSecretSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'a random secret of 16–64 letters, digits, _ or -');

/** Join options of a class or solo room. */
export const joinOptionsSchema = z.object({
  secret: seatSecretSchema,
  /** Checked by checkNickname (the host may omit it). */
  nickname: z.string().max(64).optional(),
  lang: z.enum(LANGS).default('ko'),
  /** Class rooms: the join code the student typed. */
  code: z.string().max(16).optional(),
  /** Class rooms: the secret returned when the room was created; makes the joiner the host. */
  hostKey: z.string().max(100).optional(),
  /** Class rooms: a one-time host pass the dashboard got for its signed-in teacher; makes the joiner the host once. */
  hostPass: z.string().max(100).optional(),
  /** Class rooms: the projector link's read-only key; the joiner watches and controls nothing. */
  viewerKey: z.string().max(100).optional(),
  /** Solo rooms: the job to play, as a slot key ("scheduler", "interrupt", "thread:counter:0") or a role name. */
  role: z.string().max(80).optional(),
});

/** Join options after validation. */
export type JoinOptions = z.output<typeof joinOptionsSchema>;

/** Options a client may pass when it creates a solo room. */
export const soloCreateSchema = z.object({
  /** A campaign level to play (shared/levels): its scenario, the player's job, bots, tick limit and verdict. */
  levelId: z.string().max(80).optional(),
  /** A challenge to play (shared/levels/data/challenges.ts): rising load until its kept condition breaks. */
  challengeId: z.string().max(80).optional(),
  /**
   * A sandbox setup `{ scenario, policy?, player? }` (shared/levels/sandbox.ts): checked by
   * parseSandboxOption (its link at most LIMITS.sandboxLink characters) and the class rooms' caps.
   */
  sandbox: z.record(z.string(), z.unknown()).optional(),
  /** The language of a refusal's text (the join options' `lang`). */
  lang: z.enum(LANGS).default('ko'),
  /** A scenario id from the catalog, or a scenario's JSON. */
  scenario: z.union([z.string().max(60), z.record(z.string(), z.unknown())]).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  ticksPerSecond: limitSchema('speed').optional(),
});
