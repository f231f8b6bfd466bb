// The addresses the dashboard hands out and the client opens: one definition for both sides.

/** Where a student joins a class by its code. */
export function joinPath(code: string): string {
  return `/join/${encodeURIComponent(code)}`;
}

/** The projector (spectator) view: its read-only viewer key rides in the fragment, so it never reaches a server log. */
export function projectorPath(roomId: string, viewerKey: string): string {
  return `/project#room=${encodeURIComponent(roomId)}&key=${encodeURIComponent(viewerKey)}`;
}
