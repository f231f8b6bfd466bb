// What a student's browser really downloads from the game server, read from Chromium's own network events
// (CDP Network.loadingFinished encodedDataLength: compressed bodies plus headers, as they crossed the wire):
// a first visit in ko and en, a second visit, and, on a throttled school profile, how soon the join form
// takes input and the Menu canvas shows. Run with `npm run bench:client-size` (builds the client if needed).
import type { Socket } from 'node:net';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { RunningServer } from '../../server/main.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { startGameServer } from '../e2e/game-server.ts';

/** Waits for the Menu with its texts drawn, as e2e's waitForScene does, but with room for a busy machine. */
async function waitForMenu(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const kc = window.__kcDebug;
      return !!kc && kc.activeScenes().includes('Menu') && kc.texts().length > 0;
    },
    undefined,
    { timeout: 90_000 },
  );
}

/** One response as the browser's network layer saw it. */
interface Transfer {
  path: string;
  kind: string;
  /** Bytes on the wire: headers and (possibly compressed) body; 0 when served from the browser's cache. */
  wire: number;
  status: number;
  encoding: string;
  cached: boolean;
}

/** The throttled profile: a busy school Wi-Fi (about 1.6 Mbit/s down, 150 ms latency) and a slow laptop (4× CPU). */
const SCHOOL = {
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  cpuSlowdown: 4,
};
/** A code the server never issued: enough for the join form to show; nobody joins in the bench. */
const JOIN_PATH = '/join/K7M4QX';
/** How many times the throttled pages are timed (the median is reported). */
const THROTTLED_RUNS = 3;

function kindOf(path: string): string {
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.woff2')) return 'font';
  if (path.endsWith('.html') || !/\.[a-z0-9]+$/i.test(path)) return 'html';
  return 'other';
}

/** Records every response of a page from CDP events until stop() is called. */
async function recordTransfers(page: Page): Promise<{ cdp: CDPSession; stop(): Transfer[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Omit<Transfer, 'wire'>>();
  const done: Transfer[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const url = new URL(e.response.url);
    if (url.protocol !== 'http:') return;
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    seen.set(e.requestId, {
      path: url.pathname,
      kind: kindOf(url.pathname),
      status: e.response.status,
      encoding: headers['content-encoding'] ?? '',
      cached: e.response.fromDiskCache === true || e.response.fromServiceWorker === true,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const entry = seen.get(e.requestId);
    if (entry) entry.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const entry = seen.get(e.requestId);
    if (entry) done.push({ ...entry, wire: entry.cached ? 0 : e.encodedDataLength });
  });
  return { cdp, stop: () => [...done] };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;

function report(title: string, transfers: Transfer[]): void {
  const total = transfers.reduce((sum, t) => sum + t.wire, 0);
  console.log(
    `\n${title}: ${kb(total)} on the wire in ${transfers.filter((t) => t.wire > 0).length} responses (${transfers.length} requests)`,
  );
  for (const t of [...transfers].sort((a, b) => b.wire - a.wire)) {
    const how = t.cached ? 'cache' : `${t.status} ${t.encoding || 'identity'}`;
    console.log(`  ${t.kind.padEnd(5)} ${kb(t.wire).padStart(10)}  ${how.padEnd(12)} ${t.path}`);
  }
  const byKind = new Map<string, number>();
  for (const t of transfers) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + t.wire);
  console.log(
    `  by kind: ${[...byKind]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${kb(n)}`)
      .join(', ')}`,
  );
}

/**
 * Bytes the game server wrote to its sockets (HTTP headers, bodies, WebSocket frames): the wire as the
 * server sees it, including what the service worker fetches, which the page's network events do not show.
 */
function serverBytes(server: RunningServer): () => number {
  const http = server.colyseus.transport.server;
  if (!http) throw new Error('the transport has no HTTP server');
  const open = new Set<Socket>();
  let closed = 0;
  http.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => {
      closed += socket.bytesWritten;
      open.delete(socket);
    });
  });
  return () => closed + [...open].reduce((sum, s) => sum + s.bytesWritten, 0);
}

/** Waits until the page's service worker is active (its precache done), when the browser has one. */
async function workerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    if ('serviceWorker' in navigator && (await navigator.serviceWorker.getRegistration()))
      await navigator.serviceWorker.ready;
  });
  await page.waitForLoadState('networkidle');
}

/** A first visit to / in a fresh profile until the Menu is drawn and the network is quiet, then a second visit. */
async function visits(
  server: RunningServer,
  locale: string,
  sent: () => number,
): Promise<{ first: Transfer[]; second: Transfer[]; firstServer: number; secondServer: number }> {
  const tb = await launchBrowser();
  try {
    const context = await tb.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
    const page = await context.newPage();
    let rec = await recordTransfers(page);
    let before = sent();
    await page.goto(`${server.url}/`);
    await waitForMenu(page);
    await workerReady(page);
    const first = rec.stop();
    const firstServer = sent() - before;
    await rec.cdp.detach();
    // A second visit: the same browser opens the game again in a new tab (as a student does the next lesson).
    await page.close();
    const again = await context.newPage();
    rec = await recordTransfers(again);
    before = sent();
    await again.goto(`${server.url}/`);
    await waitForMenu(again);
    await workerReady(again);
    const second = rec.stop();
    const secondServer = sent() - before;
    await context.close();
    return { first, second, firstServer, secondServer };
  } finally {
    await tb.close();
  }
}

/** When each file of a page started and finished loading (ms since navigation), to see what the wait is made of. */
async function timeline(page: Page): Promise<string> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const lines = performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming;
      return `  ${String(Math.round(r.startTime)).padStart(6)}–${String(Math.round(r.responseEnd)).padEnd(6)} ${new URL(r.name).pathname}`;
    });
    return [
      `  ${String(Math.round(nav?.responseStart ?? 0)).padStart(6)}–${String(Math.round(nav?.responseEnd ?? 0)).padEnd(6)} (html); DOMContentLoaded at ${Math.round(nav?.domContentLoadedEventEnd ?? 0)}`,
      ...lines,
    ].join('\n');
  });
}

/** Milliseconds from navigation until the nickname input of the join form takes typing, and until the Menu's canvas texts show. */
async function throttled(
  server: RunningServer,
  printTimeline: boolean,
): Promise<{ joinForm: number; menuCanvas: number }> {
  const tb = await launchBrowser();
  try {
    // Each page in a fresh profile: a first visit, with nothing cached and no service worker yet.
    const contexts: BrowserContext[] = [];
    const open = async (): Promise<Page> => {
      const context = await tb.browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'ko-KR',
      });
      contexts.push(context);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: SCHOOL.latency,
        downloadThroughput: SCHOOL.downloadThroughput,
        uploadThroughput: SCHOOL.uploadThroughput,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SCHOOL.cpuSlowdown });
      return page;
    };
    const joinPage = await open();
    // The page reports the moment itself (a frame-by-frame check added before any of its scripts), so
    // nothing of the harness runs in it while it loads: Playwright's waitForFunction injects its own
    // script, which cost the 4×-throttled main thread about 190 ms before the form could be shown.
    // A string, not a function: tsx would wrap a function's inner arrows in a helper the page lacks.
    await joinPage.addInitScript({
      content: `(() => {
        const check = () => {
          const input = document.querySelector('#join-nickname');
          if (input && !input.disabled && !input.readOnly && input.offsetParent !== null)
            console.debug('kc:join-form ' + performance.now());
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      })();`,
    });
    const reported = joinPage.waitForEvent('console', {
      predicate: (m) => m.text().startsWith('kc:join-form '),
      timeout: 60_000,
    });
    await joinPage.goto(`${server.url}${JOIN_PATH}`, { waitUntil: 'commit' });
    const joinForm = Number((await reported).text().split(' ')[1]);
    if (printTimeline)
      console.log(
        `\nJoin page (${JOIN_PATH}), throttled, until the form took input:\n${await timeline(joinPage)}`,
      );
    await joinPage.close();
    const menuPage = await open();
    await menuPage.goto(`${server.url}/`, { waitUntil: 'commit' });
    const menuCanvas = await menuPage
      .waitForFunction(
        () => {
          const kc = window.__kcDebug;
          return !!kc && kc.activeScenes().includes('Menu') && kc.texts().length > 0
            ? performance.now()
            : false;
        },
        undefined,
        { timeout: 90_000, polling: 20 },
      )
      .then((h) => h.jsonValue() as Promise<number>);
    if (printTimeline)
      console.log(
        `\nMenu page (/), throttled, until the canvas showed the Menu:\n${await timeline(menuPage)}`,
      );
    await Promise.all(contexts.map((c) => c.close()));
    return { joinForm, menuCanvas };
  } finally {
    await tb.close();
  }
}

const round1 = (bytes: number): number => Math.round(bytes / 102.4) / 10;

const server = await startGameServer();
const sent = serverBytes(server);
try {
  const summary: Record<string, number> = {};
  for (const locale of ['ko-KR', 'en-US']) {
    const { first, second, firstServer, secondServer } = await visits(server, locale, sent);
    report(`First visit, ${locale} browser`, first);
    console.log(
      `  the server wrote ${kb(firstServer)} to its sockets for this visit (service worker included)`,
    );
    report(`Second visit, ${locale} browser`, second);
    console.log(
      `  the server wrote ${kb(secondServer)} to its sockets for this visit (service worker included)`,
    );
    summary[`first_${locale}_kB`] = round1(first.reduce((s, t) => s + t.wire, 0));
    summary[`first_${locale}_server_kB`] = round1(firstServer);
    summary[`second_${locale}_kB`] = round1(second.reduce((s, t) => s + t.wire, 0));
    summary[`second_${locale}_server_kB`] = round1(secondServer);
  }
  // Three throttled runs, the median reported: timings on a shared machine swing by seconds.
  const runs: { joinForm: number; menuCanvas: number }[] = [];
  for (let i = 0; i < THROTTLED_RUNS; i += 1) runs.push(await throttled(server, i === 0));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const joinForm = median(runs.map((r) => r.joinForm));
  const menuCanvas = median(runs.map((r) => r.menuCanvas));
  console.log(
    `\nThrottled (${SCHOOL.latency} ms, 1.6 Mbit/s down, CPU ×${SCHOOL.cpuSlowdown}, ko), median of ${runs.length}: join form takes input after ${Math.round(joinForm)} ms (${JOIN_PATH}; runs ${runs.map((r) => Math.round(r.joinForm)).join(', ')}), Menu canvas after ${Math.round(menuCanvas)} ms (/; runs ${runs.map((r) => Math.round(r.menuCanvas)).join(', ')})`,
  );
  summary.joinFormMs = Math.round(joinForm);
  summary.menuCanvasMs = Math.round(menuCanvas);
  console.log(JSON.stringify(summary));
} finally {
  await server.close();
}
