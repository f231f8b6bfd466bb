// Solo challenge progress without an account: stars and best score per level, kept for a random
// browser id the client stores (the same format as the player id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CAMPAIGN, CHALLENGES } from '../../shared/levels/index.ts';
import { HTTP_ROUTES } from '../../shared/protocol/http.ts';
import type { DashboardContext } from './dashboard-context.ts';
import { bodyOf, clientAddress, reply, sendError, validate } from './http-kit.ts';

// A challenge's personal best (ticks survived) is kept like a level's best score, under its own id.
const knownLevel = (id: string): boolean =>
  CAMPAIGN.some((n) => n.id === id) || CHALLENGES.some((c) => c.spec.id === id);

// The declared body, and the level must exist (the campaign stays out of the clients' contract module).
const putBody = HTTP_ROUTES.putSoloProgress.body.extend({
  levelId: z.string().min(1).max(80).refine(knownLevel, { error: 'no level has this id' }),
});

/** Answers 429 when this address has used its solo budget (saves and token claims share it). */
function soloLimited(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  what: string,
): boolean {
  const take = ctx.soloLimiter.take(clientAddress(req, ctx.config.trustProxy));
  if (take.ok) return false;
  sendError(
    res,
    429,
    'rate-limited',
    `Too many ${what}: wait ${take.retryAfterSeconds} s.`,
    {},
    {
      'retry-after': String(take.retryAfterSeconds),
    },
  );
  return true;
}

/** GET /api/solo/progress?browserId=… — every level this browser has played. */
export async function getSoloProgress(
  _req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
  url: URL,
): Promise<void> {
  const checked = validate(
    HTTP_ROUTES.getSoloProgress.query.shape.browserId,
    url.searchParams.get('browserId') ?? '',
  );
  if (!checked.ok)
    return sendError(res, 400, 'malformed', `browserId: ${checked.issues[0]?.message ?? 'invalid'}`);
  reply(res, HTTP_ROUTES.getSoloProgress, 200, { progress: await ctx.db.soloProgress.get(checked.data) });
}

/** PUT /api/solo/progress — records a finished attempt; stars and best score never go down. */
export async function putSoloProgress(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DashboardContext,
): Promise<void> {
  if (soloLimited(req, res, ctx, 'saves')) return;
  const body = await bodyOf(req, res, putBody);
  if (!body) return;
  if (!(await ctx.db.soloTokens.verify(body.browserId, body.token)))
    return sendError(res, 403, 'bad-token', "This token was not issued for this browser's solo progress.");
  const saved = await ctx.db.soloProgress.set(body.browserId, {
    levelId: body.levelId,
    stars: body.stars,
    score: body.score,
    ...(body.undos === undefined ? {} : { undos: body.undos }),
  });
  reply(res, HTTP_ROUTES.putSoloProgress, 200, { progress: saved });
}

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
  if (soloLimited(req, res, ctx, 'requests')) return;
  const body = await bodyOf(req, res, HTTP_ROUTES.soloToken.body);
  if (!body) return;
  const token = await ctx.db.soloTokens.claim(body.browserId);
  if (!token) return sendError(res, 409, 'claimed', 'A token was already issued for this browser id.');
  reply(res, HTTP_ROUTES.soloToken, 200, { token });
}
