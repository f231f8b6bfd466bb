// Measures what a first visit downloads: every JS, CSS and font response until the menu is up, each size gzipped.
// Run with `npm run bench:client-size`; it builds the client if needed and loads it in headless Chromium.
import { gzipSync } from 'node:zlib';
import { startApp } from '../e2e/app-server.ts';
import { launchBrowser, openPage, waitForScene } from '../e2e/browser.ts';

/** One downloaded file: its path, raw bytes and bytes after gzip -6 (what a typical server sends). */
interface Download {
  path: string;
  kind: string;
  raw: number;
  gzip: number;
}

function kindOf(path: string): string {
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.woff2')) return 'font';
  if (path.endsWith('.html') || path === '/') return 'html';
  return 'other';
}

async function measure(baseUrl: string, locale: string): Promise<Download[]> {
  const tb = await launchBrowser();
  try {
    const { page, context } = await openPage(tb.browser, { locale });
    const pending: Promise<Download | null>[] = [];
    page.on('response', (response) => {
      pending.push(
        response.body().then(
          (body) => {
            const path = new URL(response.url()).pathname;
            return { path, kind: kindOf(path), raw: body.length, gzip: gzipSync(body).length };
          },
          () => null,
        ),
      );
    });
    await page.goto(baseUrl);
    await waitForScene(page, 'Menu');
    await page.waitForLoadState('networkidle');
    const downloads = (await Promise.all(pending)).filter((d): d is Download => d !== null);
    await context.close();
    return downloads;
  } finally {
    await tb.close();
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;

const app = await startApp();
try {
  for (const locale of ['ko-KR', 'en-US']) {
    const downloads = await measure(app.baseUrl, locale);
    console.log(`\nFirst visit with a ${locale} browser (${downloads.length} files):`);
    for (const d of downloads.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${d.kind.padEnd(5)} ${kb(d.gzip).padStart(10)} gz ${kb(d.raw).padStart(11)} raw  ${d.path}`);
    const byKind = new Map<string, number>();
    for (const d of downloads) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + d.gzip);
    const counted = ['js', 'css', 'font'];
    const total = counted.reduce((sum, k) => sum + (byKind.get(k) ?? 0), 0);
    console.log(`  total JS+CSS+font, gzipped: ${kb(total)} (${counted.map((k) => `${k} ${kb(byKind.get(k) ?? 0)}`).join(', ')})`);
  }
} finally {
  await app.close();
}
