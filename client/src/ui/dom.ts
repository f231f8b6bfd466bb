// Small DOM helpers for the HTML overlay: real inputs and buttons work with phones, keyboards and screen readers.
import type { Rect } from './layout.ts';

type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element with attributes and children, the one way overlay markup is built. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children);
  return el;
}

/** Looks up an element the page must contain (index.html), failing loudly if the markup is broken. */
export function required<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html has no #${id}`);
  return el as T;
}

/** Positions an overlay element over a rectangle of the game canvas (both use CSS pixels in RESIZE mode). */
export function place(el: HTMLElement, rect: Rect): void {
  el.style.left = `${Math.round(rect.x)}px`;
  el.style.top = `${Math.round(rect.y)}px`;
  el.style.width = `${Math.round(rect.width)}px`;
  el.style.maxHeight = `${Math.max(0, Math.round(rect.height))}px`;
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a short message in the polite live region, visible and read aloud, for a few seconds. */
export function announce(message: string): void {
  const region = required('status');
  region.textContent = message;
  region.hidden = false;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    region.hidden = true;
    region.textContent = '';
  }, 5000);
}
