// Bringing class rooms back after the server process died: at start-up every saved room no live
// process hosts is created again under its old id, and its machine is rebuilt by replaying the log.
import { matchMaker } from '@colyseus/core';
import type { Scenario, TimedAction } from '../../shared/kernel/index.ts';
import type { RoundReportSink } from '../game/round-reports.ts';
import { replayCrews, replayRoom, type ReplayedMachine, type RoomDocument } from '../game/room-snapshot.ts';
import { ROOM_NAMES, withoutPlainHostKey, type CreationGrants } from './directory.ts';
import type { SavedPosition, SnapshotStore } from './room-saver.ts';

/** A saved room, loaded and replayed, ready for ClassRoom.onCreate. */
export interface RestoredRoom {
  roomId: string;
  scenario: Scenario;
  seed: number;
  doc: RoomDocument;
  /** Crew 1's machine. */
  machine: ReplayedMachine;
  /** Every later crew's machine, by crew number. */
  crews: Map<number, ReplayedMachine>;
  position: SavedPosition;
}

/** Loads a room's snapshot and replays its machine; null when there is none or it is unreadable. */
export async function loadRestoredRoom(store: SnapshotStore, roomId: string): Promise<RestoredRoom | null> {
  const snap = await store.load(roomId);
  if (!snap) return null;
  const saved = snap.actionLog as RoomDocument;
  if (saved?.version !== 1) return null;
  // A snapshot saved before host keys were hashed: kept as the hash and viewer key from here on (the next save rewrites it).
  const doc: RoomDocument = { ...saved, create: withoutPlainHostKey(saved.create) };
  const { entries, chunks } = await store.readLog(roomId);
  const scenario = snap.scenario as Scenario;
  const machine = replayRoom(scenario, snap.seed, doc, entries);
  const crews = replayCrews(scenario, snap.seed, doc, entries);
  return {
    roomId,
    scenario,
    seed: snap.seed,
    doc,
    machine,
    crews,
    position: {
      round: doc.round,
      logLengths: {
        1: doc.logLength,
        ...Object.fromEntries((doc.crews ?? []).map((c) => [c.number, c.logLength])),
      },
      chunks,
    },
  };
}

/**
 * A saved room whose round ended (and was journaled) after its last snapshot: the document and crew 1's
 * machine as the round ended, so it comes back ended with its summary instead of as a live round (the
 * journal holds crew 1's log: later crews come back at their last saved machines, ended, and the summary
 * has every crew's result). Null otherwise.
 */
export async function journaledEnd(
  restored: RestoredRoom,
  session: { id: string } | undefined,
  reports: RoundReportSink,
): Promise<{ doc: RoomDocument; machine: ReplayedMachine } | null> {
  if (!session || restored.doc.phase === 'ended' || !reports.journaled) return null;
  const end = await reports.journaled(session.id, restored.doc.round);
  if (!end) return null;
  const doc: RoomDocument = {
    ...restored.doc,
    phase: 'ended',
    tick: end.summary.ticks,
    logLength: end.log.length,
    lastSummary: end.summary,
  };
  return { doc, machine: replayRoom(restored.scenario, restored.seed, doc, end.log as TimedAction[]) };
}

/** Recreates every saved room that no running process hosts; returns the ids brought back. */
export async function recoverRooms(store: SnapshotStore, grants: CreationGrants): Promise<string[]> {
  const live = new Set((await matchMaker.query({ name: ROOM_NAMES.class })).map((r) => r.roomId));
  const back: string[] = [];
  for (const { roomId } of await store.list()) {
    if (live.has(roomId)) continue;
    // With several processes starting at once, only the first to claim a room restores it.
    const claim = `kernel-crew:restore:${roomId}`;
    if ((await matchMaker.presence.incr(claim)) !== 1) continue;
    await matchMaker.presence.expire(claim, 60);
    try {
      await matchMaker.createRoom(ROOM_NAMES.class, { ticket: grants.issue(), restore: roomId });
      back.push(roomId);
    } catch (e) {
      console.error(`[recovery] room ${roomId} could not be restored; its snapshot is kept`, e);
    }
  }
  return back;
}
