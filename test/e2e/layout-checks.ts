// Geometry checks on the HTML overlay: everything on screen, nothing on top of anything else.
import type { Page } from 'playwright-core';

/** An element's box in CSS pixels, with the selector it came from. */
export interface Box {
  selector: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bounding boxes of the first element matching each selector (throws if one is missing). */
export async function overlayBoxes(page: Page, selectors: string[]): Promise<Box[]> {
  return Promise.all(
    selectors.map(async (selector) => {
      const box = await page.locator(selector).first().boundingBox();
      if (!box) throw new Error(`${selector} is not on the page`);
      return { selector, ...box };
    }),
  );
}

/** True when two boxes share any area. */
export function boxesOverlap(a: Box | undefined, b: Box | undefined): boolean {
  if (!a || !b) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Why the first element matching selector is not wholly in view, or '' when it is: each edge inside the
 * viewport and inside every ancestor that clips its overflow, and the element itself (or a child) is
 * what a click at its centre reaches. The reason gives the numbers ("bottom 873 > viewport 800").
 */
export async function notInView(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return `${sel}: not on the page`;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return `${sel}: not drawn (${r.width}×${r.height})`;
    const near = (a: number) => Math.round(a * 10) / 10;
    const outside = (name: string, c: { top: number; bottom: number; left: number; right: number }) => {
      const bad: string[] = [];
      if (r.top < c.top - 0.5) bad.push(`top ${near(r.top)} < ${name} ${near(c.top)}`);
      if (r.bottom > c.bottom + 0.5) bad.push(`bottom ${near(r.bottom)} > ${name} ${near(c.bottom)}`);
      if (r.left < c.left - 0.5) bad.push(`left ${near(r.left)} < ${name} ${near(c.left)}`);
      if (r.right > c.right + 0.5) bad.push(`right ${near(r.right)} > ${name} ${near(c.right)}`);
      return bad;
    };
    const bad = outside('viewport', { top: 0, left: 0, bottom: innerHeight, right: innerWidth });
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      // the box the ancestor shows its content in: inside its borders, without its scrollbars
      const b = p.getBoundingClientRect();
      const top = b.top + p.clientTop;
      const left = b.left + p.clientLeft;
      const name = `${p.tagName.toLowerCase()}.${[...p.classList].join('.')}`;
      bad.push(...outside(name, { top, left, bottom: top + p.clientHeight, right: left + p.clientWidth }));
    }
    if (bad.length === 0) {
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !el.contains(hit)) {
        const what = hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : 'nothing';
        bad.push(`its centre reaches ${what}`);
      }
    }
    return bad.length ? `${sel}: ${bad.join(', ')}` : '';
  }, selector);
}

/** The part of the first element matching selector that can be seen: its box cut by the viewport and by every ancestor that clips its overflow (to whole pixels). */
export async function shownBox(page: Page, selector: string): Promise<Box> {
  const box = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    let [top, left, bottom, right] = [r.top, r.left, r.bottom, r.right];
    const cut = (t: number, l: number, b: number, rt: number) => {
      [top, left, bottom, right] = [
        Math.max(top, t),
        Math.max(left, l),
        Math.min(bottom, b),
        Math.min(right, rt),
      ];
    };
    cut(0, 0, innerHeight, innerWidth);
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const b = p.getBoundingClientRect();
      const t = b.top + p.clientTop;
      const l = b.left + p.clientLeft;
      cut(t, l, t + p.clientHeight, l + p.clientWidth);
    }
    // whole pixels inward: a scrolling box's client height is rounded, its top is not
    [top, left, bottom, right] = [Math.ceil(top), Math.ceil(left), Math.floor(bottom), Math.floor(right)];
    return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
  }, selector);
  if (!box) throw new Error(`${selector} is not on the page`);
  return { selector, ...box };
}
