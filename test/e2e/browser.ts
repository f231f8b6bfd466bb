// Real-browser helpers for e2e tests: Debian's Chromium through playwright-core, failing on any console or page error.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT } from './build-client.ts';

/** The Chromium the tests drive (installed by .ci/run with apt). */
export const CHROMIUM = process.env.KC_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go; look at them after a run. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** The screens the game must work on: a projector, a school laptop and a phone held upright. */
export const VIEWPORTS = {
  projector: { width: 1920, height: 1080, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  laptop: { width: 1366, height: 768, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  /** A 16:10 school laptop (issue 13's screenshots). */
  'laptop-16x10': { width: 1280, height: 800, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  phone: { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  /** An older classroom projector (4:3). */
  'small-projector': { width: 1024, height: 768, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
} as const;
/** One of VIEWPORTS' names. */
export type ViewportName = keyof typeof VIEWPORTS;

/** A launched browser with its own throw-away profile. */
export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** The Chromium flags every run uses: headless, no sandbox (containers), no GPU and no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless Chromium with a fresh, empty profile. playwright-core refuses --user-data-dir in
 * launch(): it always creates a new empty temporary profile itself and deletes it on close.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return { browser, close: () => browser.close() };
}

/** Options for one page. */
export interface PageOptions {
  viewport?: ViewportName;
  /** Browser language, e.g. 'ko-KR' (navigator.language). */
  locale?: string;
  /** Errors a test provokes on purpose (e.g. a join with no game server); anything else fails. */
  expectedErrors?: RegExp[];
}

/** A page plus the errors it produced. */
export interface TestPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  /** Saves test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
}

/** Opens a page, records console errors, uncaught exceptions and failed requests. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<TestPage> {
  const { viewport = 'laptop', locale = 'en-US', expectedErrors = [] } = options;
  const { width, height, ...device } = VIEWPORTS[viewport];
  const context = await browser.newContext({ viewport: { width, height }, ...device, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  const record = (message: string): void => {
    if (!expectedErrors.some((pattern) => pattern.test(message))) errors.push(message);
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') record(`console.error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => record(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is the browser cancelling a request itself (a reload or navigation while the
    // favicon or a font was loading), not the server failing it
    const why = request.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') record(`request failed: ${request.url()} ${why}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) record(`HTTP ${response.status()}: ${response.url()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    context,
    errors,
    screenshot: async (name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
  };
}

/**
 * Runs body on a fresh page and fails if the page logged any unexpected error, even when body passed.
 * This is how every e2e test should use a page.
 */
export async function withPage(
  browser: Browser,
  options: PageOptions,
  body: (tp: TestPage) => Promise<void>,
): Promise<void> {
  const tp = await openPage(browser, options);
  try {
    await body(tp);
    await tp.page.waitForTimeout(50); // let late console messages arrive
  } finally {
    await tp.context.close();
  }
  if (tp.errors.length > 0) throw new Error(`The page reported errors:\n${tp.errors.join('\n')}`);
}

/** Fails if any of the pages logged an unexpected error (for tests that keep several pages open). */
export function failOnErrors(...pages: TestPage[]): void {
  const errors = pages.flatMap((p) => p.errors);
  if (errors.length > 0) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
}

/** Waits until the game shows a scene with its texts drawn (the fonts are loaded by then). */
export async function waitForScene(page: Page, key: string): Promise<void> {
  await page.waitForFunction(
    (k) => {
      const kc = window.__kcDebug;
      return !!kc && kc.activeScenes().includes(k) && kc.texts().length > 0;
    },
    key,
    { timeout: 15_000 },
  );
}

/** The canvas texts of the visible scene, read through the game's debug hook. */
export async function canvasTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__kcDebug?.texts() ?? []);
}

/** Options for expect.poll: a loaded CI machine needs more than its 1 s default to fetch fonts and redraw. */
export const POLL = { timeout: 10_000, interval: 100 } as const;

/**
 * The fixture every browser test file shares: starts the app (a preview or the game server) and a
 * browser before the file's tests, hands both over, and closes them after.
 */
export function startWithBrowser<T extends { close(): Promise<unknown> }>(
  start: () => Promise<T>,
  ready: (app: T, tb: TestBrowser) => void,
  timeoutMs = 180_000,
): void {
  let app: T | undefined;
  let tb: TestBrowser | undefined;
  beforeAll(async () => {
    [app, tb] = await Promise.all([start(), launchBrowser()]);
    ready(app, tb);
  }, timeoutMs);
  afterAll(async () => {
    await tb?.close();
    await app?.close();
  });
}
