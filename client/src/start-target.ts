// Where a URL sends the player first; decided without the game engine, so the entry can show the join form at once.
import { codeFromUrl } from './net/join-code.ts';
import { projectorFromUrl } from './net/projector-link.ts';

/** Where the Preloader should go once everything is loaded. */
export interface BootTarget {
  next: string;
  data: object;
}

/** The first scene to show for a URL: Join with the code pre-filled for a join link, the Menu otherwise. */
export function targetFor(url: URL): BootTarget {
  const projector = projectorFromUrl(url);
  if (projector) return { next: 'Machine', data: { projector } };
  const code = codeFromUrl(url);
  return code ? { next: 'Join', data: { code } } : { next: 'Menu', data: {} };
}
