// How the demo and load-test bots play from what any client sees (the synced state), the way an
// attentive student would: this is a client, not a rule — the kernel still judges every move.
import type { SyncedRoomState } from '../rooms/projection.ts';

/** A message a client would send: its type and payload. */
export type Move = [type: string, payload: Record<string, unknown>];

/** The moves a player in `slotKey` would make now, judged only from the synced state. */
export function movesFor(state: SyncedRoomState, slotKey: string): Move[] {
  const slot = state.slots.get(slotKey);
  const m = state.machine;
  if (!slot || state.phase !== 'running') return [];
  switch (slot.role) {
    case 'scheduler': {
      const ready = m.readyQueue.toArray();
      const moves: Move[] = [];
      for (const core of slot.cores.toArray()) {
        if (m.cores.at(core)?.running !== -1) continue;
        const tid = ready.shift();
        if (tid === undefined) break;
        moves.push(['dispatch', { core, tid }]);
      }
      return moves;
    }
    case 'interrupt': {
      const oldest = [...m.interrupts.values()].sort((a, b) => a.raisedAt - b.raisedAt || a.id - b.id)[0];
      return oldest ? [['handle-interrupt', { id: oldest.id }]] : [];
    }
    case 'ipc': {
      const channel = m.channels.get(slot.channel);
      if (!channel) return [];
      const due = [...channel.messages.values()].filter((msg) => !msg.delivered && msg.readyAt <= m.tick).sort((a, b) => a.seq - b.seq);
      return due.slice(0, 1).map((msg) => ['deliver', { message: msg.id }]);
    }
    case 'thread': {
      const thread = m.threads.get(String(slot.tid));
      if (!thread || thread.state === 'terminated' || thread.pc < thread.program.length) return [];
      const palette = thread.palette.toArray();
      if (palette.length === 0) return [];
      // Work through the palette in order (its last entry is exit), then exit.
      const next = palette[Math.min(thread.program.length, palette.length - 1)]!;
      return [['choose', { instr: next }]];
    }
    default:
      return [];
  }
}
