// Texts the solo scenes build from level data: a level's title and sentences in the current language,
// the job it gives the player, and stars written with symbols and words (never colour alone).
import { CAMPAIGN, type Level, type MapNode } from '../../../shared/levels/index.ts';
import { getLanguage, t, type Language } from '../i18n/index.ts';

/** One language's side of a ko/en pair. */
export function pick<T>(texts: Record<Language, T>): T {
  return texts[getLanguage()];
}

/** A map node's title (a level's or a checkpoint's). */
export function nodeTitle(node: MapNode): string {
  return node.kind === 'level' ? pick(node.level.title) : pick(node.checkpoint.title);
}

/** The title of the node with this id, for "finish … first". */
export function titleOf(id: string): string {
  const node = CAMPAIGN.find((n) => n.id === id);
  return node ? nodeTitle(node) : id;
}

/** The level's number on the map (levels only, in map order). */
export function levelNumber(id: string): number {
  return CAMPAIGN.filter((n) => n.kind === 'level').findIndex((n) => n.id === id) + 1;
}

/** What the player controls in this level, in a sentence. */
export function roleSentence(level: Level): string {
  const p = level.player;
  switch (p.role) {
    case 'scheduler': {
      const all = level.scenarioParsed.cores;
      const cores = p.cores ?? Array.from({ length: all }, (_, i) => i);
      return t('solo.role.scheduler', { cores: cores.map((c) => t('solo.core', { core: c })).join(', ') });
    }
    case 'interrupt':
      return t('solo.role.interrupt');
    case 'thread':
      return t('solo.role.thread', {
        threads: p.threads.map((x) => `${x.process}${x.thread ? ` #${x.thread}` : ''}`).join(', '),
      });
    case 'ipc':
      return t('solo.role.channel', { channels: p.channels.join(', ') });
  }
}

/** The role's short name (i18n), for badges. */
export function roleName(level: Level): string {
  const role = level.player.role;
  return t(`role.${role}` as 'role.scheduler');
}

/** Stars as symbols, e.g. ★★☆ (shape and count carry the meaning, colour only decorates). */
export function starSymbols(stars: number, max = 3): string {
  return '★'.repeat(Math.max(0, Math.min(max, stars))) + '☆'.repeat(Math.max(0, max - stars));
}

/** Stars in words, for labels and screen readers. */
export function starWords(stars: number, max = 3): string {
  return t('solo.stars', { stars, max });
}
