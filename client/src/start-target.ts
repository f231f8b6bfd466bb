// Where a URL sends the player first; decided without the game engine, so the entry can show the join form at once.
import { codeFromUrl } from './net/join-code.ts';
import { projectorFromUrl } from './net/projector-link.ts';

/** Where the Preloader should go once everything is loaded. */
export interface BootTarget {
  next: string;
  data: object;
}

/** A shared sandbox's link text (`#sandbox=…`, shared/levels/sandbox.ts encodeSandbox), or null. */
export function sandboxLinkFromUrl(url: URL): string | null {
  const m = /^#sandbox=(.*)$/s.exec(url.hash);
  return m ? m[1]! : null;
}

/** The first scene to show for a URL: Join with the code pre-filled for a join link, the sandbox editor for a shared sandbox, the Menu otherwise. */
export function targetFor(url: URL): BootTarget {
  const projector = projectorFromUrl(url);
  if (projector) return { next: 'Machine', data: { projector } };
  // checked (decodeSandbox) by the Sandbox scene, which says why a damaged link cannot open
  const sandbox = sandboxLinkFromUrl(url);
  if (sandbox !== null) return { next: 'Sandbox', data: { link: sandbox } };
  const code = codeFromUrl(url);
  return code ? { next: 'Join', data: { code } } : { next: 'Menu', data: {} };
}
