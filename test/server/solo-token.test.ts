// Signed solo tokens (issue 14): a browser's solo progress is written only with the token issued for its
// id (an HMAC under a secret the server keeps in its database); each id is claimed once, so a browser whose
// progress predates tokens claims it on its next visit and no one can claim it after; a restart keeps tokens valid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CAMPAIGN } from '../../shared/levels/index.ts';
import { boot, type Harness } from './harness.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-solo-token-'));
const file = path.join(dir, 'db.sqlite');
const levelId = CAMPAIGN[0]!.id;
const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (h: Harness, method: string, p: string, body: unknown) =>
  fetch(`${h.server.url}${p}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it(
  'writes solo progress only with the token of its browser id, and keeps older progress',
  { timeout: 60_000 },
  async () => {
    const h = await boot({ database: { kind: 'sqlite', file } });
    open.push(h);
    // Progress an older server stored for a browser, before tokens existed.
    const legacy = 'legacy-browser-0123456789';
    await h.server.db.soloProgress.set(legacy, { levelId, stars: 2, score: 50 });

    const mine = 'my-browser-id-0123456789';
    const other = 'someone-else-0123456789';
    const claim = async (browserId: string) => call(h, 'POST', '/api/solo/token', { browserId });
    const myToken = ((await (await claim(mine)).json()) as { token: string }).token;
    const otherToken = ((await (await claim(other)).json()) as { token: string }).token;
    expect(myToken).not.toBe(otherToken);
    const put = (browserId: string, token: string | undefined, stars: number) =>
      call(h, 'PUT', '/api/solo/progress', {
        browserId,
        ...(token ? { token } : {}),
        levelId,
        stars,
        score: stars * 10,
      });

    expect((await put(mine, myToken, 3)).status).toBe(200);
    // Another browser cannot write mine: no token, or its own token.
    expect((await put(mine, undefined, 0)).status).toBe(400);
    const forged = await put(mine, otherToken, 1);
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'bad-token' });
    // An id is claimed once: a second claim (someone who read my id in a URL) gets nothing.
    expect((await claim(mine)).status).toBe(409);

    // The legacy browser claims its id on its next visit and keeps what it had.
    const legacyToken = ((await (await claim(legacy)).json()) as { token: string }).token;
    expect((await put(legacy, legacyToken, 1)).status).toBe(200);
    const got = (await (await fetch(`${h.server.url}/api/solo/progress?browserId=${legacy}`)).json()) as {
      progress: { stars: number; bestScore: number }[];
    };
    expect(got.progress).toEqual([expect.objectContaining({ stars: 2, bestScore: 50 })]);
    await h.close();
    open.pop();

    // A restart on the same database: the secret is kept, so the token still works.
    const again = await boot({ database: { kind: 'sqlite', file } });
    open.push(again);
    const after = await call(again, 'PUT', '/api/solo/progress', {
      browserId: mine,
      token: myToken,
      levelId,
      stars: 3,
      score: 30,
    });
    expect(after.status).toBe(200);
    const forgedAfter = await call(again, 'PUT', '/api/solo/progress', {
      browserId: mine,
      token: otherToken,
      levelId,
      stars: 3,
      score: 30,
    });
    expect(forgedAfter.status).toBe(403);
  },
);
