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
