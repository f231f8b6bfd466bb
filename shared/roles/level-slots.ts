// The jobs a solo level gives its player, as room slots: the room assigns them and the level's HUD
// offers to switch between them when a level has two (both ends of a channel, two threads).
import type { Level } from '../levels/index.ts';
import type { RoleSlot } from './types.ts';

/** The jobs a level gives its player, as room slots (the first is the seat's; the rest are the same player's too). */
export function levelSlots(level: Level): RoleSlot[] {
  const p = level.player;
  switch (p.role) {
    case 'scheduler':
      return [
        {
          key: 'scheduler',
          role: 'scheduler',
          cores: p.cores ?? Array.from({ length: level.scenarioParsed.cores }, (_, i) => i),
        },
      ];
    case 'interrupt':
      return [{ key: 'interrupt', role: 'interrupt' }];
    case 'thread':
      return p.threads.map((t) => ({
        key: `thread:${t.process}:${t.thread ?? 0}`,
        role: 'thread',
        process: t.process,
        thread: t.thread ?? 0,
      }));
    case 'ipc':
      return p.channels.map((c) => ({ key: `ipc:${c}`, role: 'ipc', channel: c }));
  }
}
