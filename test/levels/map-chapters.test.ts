// The map's chapters: each closes with its checkpoint, its first level opens once the previous
// checkpoint is answered, and a locked chapter can still be previewed (what it teaches).
import { describe, expect, it } from 'vitest';
import { CAMPAIGN, chaptersOf, mapView, type Progress } from '../../shared/levels/index.ts';

describe('map chapters', () => {
  const chapters = chaptersOf(mapView(CAMPAIGN, {}));

  it('split the map at the checkpoints, one chapter per checkpoint group', () => {
    expect(chapters.length).toBe(6);
    for (const ch of chapters) expect(ch.nodes.at(-1)!.kind).toBe('checkpoint');
    expect(chapters.flatMap((c) => c.nodes).map((n) => n.id)).toEqual(CAMPAIGN.map((n) => n.id));
  });

  it('preview what a locked chapter teaches', () => {
    expect(chapters[0]!.status).toBe('open');
    for (const ch of chapters.slice(1)) {
      expect(ch.status).toBe('locked');
      expect(ch.concepts.length).toBeGreaterThan(0);
    }
  });

  it("open a chapter's first level exactly when the previous chapter's checkpoint is answered", () => {
    const first = chapters[0]!;
    const done: Record<string, number> = {};
    for (const n of first.nodes.filter((x) => x.kind === 'level' && x.branch === 'main')) done[n.id] = 3;
    const before = chaptersOf(mapView(CAMPAIGN, done as Progress));
    expect(before[1]!.status).toBe('locked');
    expect(before[0]!.status).toBe('open');
    const checkpoint = first.nodes.at(-1)!.id;
    const after = chaptersOf(mapView(CAMPAIGN, { ...done, [checkpoint]: 1 }));
    expect(after[0]!.status).toBe('done');
    expect(after[1]!.status).toBe('open');
    expect(after[1]!.nodes[0]!.status).toBe('open');
  });
});
