// The solo campaign's progress for a returning browser without an account: stars per map node (levels
// and answered checkpoints) and per challenge (whose best score is its ticks survived), saved in localStorage at once and mirrored to the server's
// /api/solo/progress (keyed by the browser's player id) when it is reachable.
import type { Progress } from '../../../shared/levels/index.ts';
import { HTTP_ROUTES, pathOf, type HttpBodyOf } from '../../../shared/protocol/http.ts';
import { serverEndpoint } from '../net/classroom.ts';
import { playerId } from '../net/player-id.ts';

const KEY = 'kernel-crew.solo-progress';

interface Stored {
  stars: Record<string, number>;
  scores: Record<string, number>;
  /** Ticks undone in the attempt that set the best score (absent in records saved before undo existed: none). */
  undos: Record<string, number>;
}

let memory: Stored | null = null;

function read(): Stored {
  if (memory) return memory;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(localStorage.getItem(KEY) ?? 'null');
  } catch {
    parsed = null; // storage blocked or a corrupt record: start afresh
  }
  const p = parsed as Partial<Stored> | null;
  memory = {
    stars: { ...(p?.stars ?? {}) },
    scores: { ...(p?.scores ?? {}) },
    undos: { ...(p?.undos ?? {}) },
  };
  return memory;
}

function write(s: Stored): void {
  memory = s;
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // not persisted; the progress still counts for this visit
  }
}

/** Stars per node id, as the map module reads them. */
export function localProgress(): Progress {
  return { ...read().stars };
}

/** The best recorded for a node or a challenge (a challenge's score is its ticks survived), or null before any attempt. */
export function bestOf(id: string): { score: number; stars: number } | null {
  const s = read();
  const score = s.scores[id];
  return score === undefined ? null : { score, stars: s.stars[id] ?? 0 };
}

/** Records a finished attempt (a level's stars, or an answered checkpoint's); never lowers what was earned. */
export function recordProgress(id: string, stars: number, score: number, undos = 0): Progress {
  const s = read();
  if (stars > (s.stars[id] ?? -1)) s.stars[id] = stars;
  const best = s.scores[id] ?? -Infinity;
  // The best attempt's undo count; between equal scores, the one that needed fewer undos.
  if (score > best || (score === best && undos < (s.undos[id] ?? Infinity))) s.undos[id] = undos;
  if (score > best) s.scores[id] = score;
  write(s);
  void soloToken()
    .then((token) => {
      if (token === null) return undefined;
      const put: HttpBodyOf<typeof HTTP_ROUTES.putSoloProgress> = {
        browserId: playerId(),
        token,
        levelId: id,
        stars,
        score,
        undos,
      };
      return fetch(`${serverEndpoint()}${pathOf(HTTP_ROUTES.putSoloProgress)}`, {
        method: HTTP_ROUTES.putSoloProgress.method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(put),
      }).then((res) => res.text()); // read to the end, so the request is complete
    })
    .catch(() => undefined);
  return localProgress();
}

const TOKEN_KEY = 'kernel-crew.solo-token';

/**
 * The signed token that lets this browser write its solo progress on the server: asked for once (a
 * browser whose id predates tokens claims it the same way) and kept; null when the server will not
 * issue one for this id (claimed already) or cannot be reached.
 */
async function soloToken(): Promise<string | null> {
  const id = playerId();
  try {
    const kept = JSON.parse(localStorage.getItem(TOKEN_KEY) ?? 'null') as {
      id?: string;
      token?: string;
    } | null;
    if (kept?.id === id && typeof kept.token === 'string') return kept.token;
  } catch {
    /* storage blocked or corrupt: ask again */
  }
  const claim: HttpBodyOf<typeof HTTP_ROUTES.soloToken> = { browserId: id };
  const res = await fetch(`${serverEndpoint()}${pathOf(HTTP_ROUTES.soloToken)}`, {
    method: HTTP_ROUTES.soloToken.method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claim),
  });
  if (!res.ok) return null;
  const answer = HTTP_ROUTES.soloToken.response.safeParse(await res.json());
  if (!answer.success) return null;
  const { token } = answer.data;
  try {
    localStorage.setItem(TOKEN_KEY, JSON.stringify({ id, token }));
  } catch {
    /* not kept: asked again next time, and refused (claimed), so this visit's saves stay local */
  }
  return token;
}

/** Merges what the server remembers for this browser (another visit, cleared storage) into the local record. */
export async function syncProgress(): Promise<Progress> {
  try {
    const res = await fetch(
      `${serverEndpoint()}${pathOf(HTTP_ROUTES.getSoloProgress)}?browserId=${encodeURIComponent(playerId())}`,
      { headers: { accept: 'application/json' } },
    );
    if (!res.ok) return localProgress();
    const body = HTTP_ROUTES.getSoloProgress.response.safeParse(await res.json());
    if (!body.success) return localProgress();
    const s = read();
    let changed = false;
    for (const row of body.data.progress) {
      if (row.stars > (s.stars[row.levelId] ?? -1)) {
        s.stars[row.levelId] = row.stars;
        changed = true;
      }
      if (row.bestScore > (s.scores[row.levelId] ?? -Infinity)) {
        s.scores[row.levelId] = row.bestScore;
        if (typeof row.undos === 'number') s.undos[row.levelId] = row.undos;
        else delete s.undos[row.levelId];
        changed = true;
      }
    }
    if (changed) write(s);
  } catch {
    // offline or no server progress API: the local record stands
  }
  return localProgress();
}
