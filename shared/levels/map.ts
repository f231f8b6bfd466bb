// The level map: the campaign's order, which nodes are open given the player's progress, and the
// checkpoints between levels. Main nodes open one after another; an optional level opens with the
// main node it hangs from and never blocks the way on.
import type { ConceptId } from './concepts.ts';
import type { Level } from './level.ts';
import type { Checkpoint } from './questions.ts';

/** A place on the map: a level or a checkpoint with questions. */
export type MapNode =
  | { kind: 'level'; id: string; branch: 'main' | 'optional'; level: Level; after: string | null }
  | { kind: 'checkpoint'; id: string; branch: 'main'; checkpoint: Checkpoint; after: string | null };

/** Stars per node id, as the progress store keeps them (a checkpoint answered counts as at least 1). */
export type Progress = Readonly<Record<string, number>>;

/** A node as the map scene shows it. */
export type MapNodeView = MapNode & { status: 'locked' | 'open' | 'done'; stars: number };

/**
 * Builds the map from the levels (by order) and the checkpoints (each placed after a level id):
 * main levels and checkpoints form the path; an optional level hangs from the main node before it.
 */
export function buildMap(levels: readonly Level[], checkpoints: readonly Checkpoint[]): MapNode[] {
  const sorted = [...levels].sort((a, b) => a.order - b.order);
  const nodes: MapNode[] = [];
  let lastMain: string | null = null;
  const placeCheckpoints = (afterId: string) => {
    for (const c of checkpoints.filter((x) => x.after === afterId)) {
      nodes.push({ kind: 'checkpoint', id: c.id, branch: 'main', checkpoint: c, after: lastMain });
      lastMain = c.id;
    }
  };
  for (const level of sorted) {
    if (level.branch === 'main') {
      nodes.push({ kind: 'level', id: level.id, branch: 'main', level, after: lastMain });
      lastMain = level.id;
    } else {
      nodes.push({ kind: 'level', id: level.id, branch: 'optional', level, after: lastMain });
    }
    placeCheckpoints(level.id);
  }
  return nodes;
}

/** Whether a node counts as done: a passed level (≥1 star) or an answered checkpoint. */
export function isDone(progress: Progress, id: string): boolean {
  return (progress[id] ?? 0) >= 1;
}

/** The map with each node's status and stars for this player. */
export function mapView(map: readonly MapNode[], progress: Progress): MapNodeView[] {
  return map.map((n) => {
    const done = isDone(progress, n.id);
    const open = n.after === null || isDone(progress, n.after);
    return {
      ...n,
      status: done ? 'done' : open ? 'open' : 'locked',
      stars: progress[n.id] ?? 0,
    } as MapNodeView;
  });
}

/** Whether the player may start this node now. */
export function isUnlocked(map: readonly MapNode[], progress: Progress, id: string): boolean {
  const n = map.find((x) => x.id === id);
  return !!n && (n.after === null || isDone(progress, n.after));
}

/** A chapter of the map: its places up to and including the checkpoints that close it. */
export interface ChapterView {
  /** 1-based, in map order. */
  number: number;
  nodes: MapNodeView[];
  /** locked until its first main place opens (after the previous chapter's checkpoint); done when every main place is. */
  status: 'locked' | 'open' | 'done';
  /** What the chapter teaches, in map order, so a locked chapter can be previewed. */
  concepts: ConceptId[];
}

/** Splits the map view into chapters, each ending with its checkpoints, with a status and a preview. */
export function chaptersOf(view: readonly MapNodeView[]): ChapterView[] {
  const groups: MapNodeView[][] = [[]];
  view.forEach((n, i) => {
    groups[groups.length - 1]!.push(n);
    if (n.kind === 'checkpoint' && view[i + 1]?.kind !== 'checkpoint' && i < view.length - 1) groups.push([]);
  });
  return groups.map((nodes, i) => {
    const main = nodes.filter((n) => n.branch === 'main');
    const status = main.every((n) => n.status === 'done')
      ? 'done'
      : main[0]?.status === 'locked'
        ? 'locked'
        : 'open';
    const concepts = [...new Set(nodes.flatMap((n) => (n.kind === 'level' ? n.level.concepts : [])))];
    return { number: i + 1, nodes, status, concepts };
  });
}

/** The first open, not yet done main node: where the map scene puts the player's token. */
export function nextNode(map: readonly MapNode[], progress: Progress): MapNode | null {
  return (
    map.find((n) => n.branch === 'main' && !isDone(progress, n.id) && isUnlocked(map, progress, n.id)) ?? null
  );
}
