// Solo challenge progress without an account: stars and best score per level, kept for a random
// browser id the client stores (the same format as the player id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CAMPAIGN, CHALLENGES } from '../../shared/levels/index.ts';
import { playerIdSchema } from '../../shared/protocol/join.ts';
import type { DashboardContext } from './dashboard-context.ts';
import { bodyOf, clientAddress, sendError, sendJson, validate } from './http-kit.ts';
import type { SoloTokenResponse } from '../../shared/protocol/http-edge.ts';

// A challenge's personal best (ticks survived) is kept like a level's best score, under its own id.
const knownLevel = (id: string): boolean =>
  CAMPAIGN.some((n) => n.id === id) || CHALLENGES.some((c) => c.spec.id === id);

const putBody = z.strictObject({
  browserId: playerIdSchema,
  /** The signed token issued for this browser id (POST /api/solo/token). */
  token: z.string().min(1).max(100),
  levelId: z.string().min(1).max(80).refine(knownLevel, { error: 'no level has this id' }),
  stars: z.number().int().min(0).max(3),
  score: z.number().int().min(-1_000_000).max(1_000_000),
});

/** GET /api/solo/progress?browserId=… — every level this browser has played. */
export async function getSoloProgress(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  url: URL,
): Promise<void> {
  const checked = validate(playerIdSchema, url.searchParams.get('browserId') ?? '');
  if (!checked.ok)
    return sendError(res, 400, 'malformed', `browserId: ${checked.issues[0]?.message ?? 'invalid'}`);
  sendJson(res, 200, { progress: await ctx.db.soloProgress.get(checked.data) });
}

/** PUT /api/solo/progress — records a finished attempt; stars and best score never go down. */
export async function putSoloProgress(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  const take = ctx.soloLimiter.take(clientAddress(req, ctx.config.trustProxy));
  if (!take.ok)
    return sendError(
      res,
      429,
      'rate-limited',
      `Too many saves: wait ${take.retryAfterSeconds} s.`,
      {},
      { 'retry-after': String(take.retryAfterSeconds) },
    );
  const body = await bodyOf(req, res, putBody);
  if (!body) return;
  if (!(await ctx.db.soloTokens.verify(body.browserId, body.token)))
    return sendError(res, 403, 'bad-token', "This token was not issued for this browser's solo progress.");
  const saved = await ctx.db.soloProgress.set(body.browserId, {
    levelId: body.levelId,
    stars: body.stars,
    score: body.score,
  });
  sendJson(res, 200, { progress: saved });
}

const claimBody = z.strictObject({ browserId: playerIdSchema });

/**
 * POST /api/solo/token {browserId} — the signed token for a browser id, issued once: a new browser gets
 * it on first use, and a browser whose progress predates tokens claims its id once the same way (200
 * {token}); an id already claimed answers 409, so no one else can sign for it.
 */
export async function claimSoloToken(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  const take = ctx.soloLimiter.take(clientAddress(req, ctx.config.trustProxy));
  if (!take.ok)
    return sendError(
      res,
      429,
      'rate-limited',
      `Too many requests: wait ${take.retryAfterSeconds} s.`,
      {},
      { 'retry-after': String(take.retryAfterSeconds) },
    );
  const body = await bodyOf(req, res, claimBody);
  if (!body) return;
  const token = await ctx.db.soloTokens.claim(body.browserId);
  if (!token) return sendError(res, 409, 'claimed', 'A token was already issued for this browser id.');
  const answer: SoloTokenResponse = { token };
  sendJson(res, 200, answer);
}
