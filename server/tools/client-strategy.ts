// How the demo and load-test bots play from what any client sees (the synced state), the way an
// attentive student would: this is a client, not a rule — the kernel still judges every move.
import { decodeMove } from '../../shared/protocol/actions.ts';
import { crewOf, type SyncedRoomState } from '../../shared/protocol/state.ts';

/** A message a client would send: its type and payload. */
export type Move = [type: string, payload: Record<string, unknown>];

/**
 * The moves the player in seat `seat` would make now in its crew's machine, chosen among the job's legal
 * moves the server projects (so a bot client, like the action bar, never offers what the kernel would refuse).
 */
export function movesFor(state: SyncedRoomState, seat: string): Move[] {
  const crew = crewOf(state, seat);
  const slot = crew?.slots.get(state.players.get(seat)?.slot ?? '');
  const m = crew?.machine;
  if (!crew || !slot || !m || state.phase !== 'running') return [];
  // a job's moves reach its crew's clients only (and a moment after a crew change)
  const legal = (slot.moves?.toArray() ?? []).map(decodeMove);
  switch (slot.role) {
    case 'scheduler': {
      // each idle core takes the next Ready thread in queue order (legal moves list them so)
      const moves: Move[] = [];
      const taken = new Set<number>();
      for (const core of slot.cores.toArray()) {
        const pick = legal.find(
          (x) => x.type === 'dispatch' && x.payload.core === core && !taken.has(x.payload.tid),
        );
        if (pick?.type !== 'dispatch') continue;
        taken.add(pick.payload.tid);
        moves.push(['dispatch', { ...pick.payload }]);
      }
      return moves;
    }
    case 'interrupt':
    case 'ipc': {
      // the oldest pending interrupt, the oldest deliverable message: the first legal move
      const first = legal[0];
      return first ? [[first.type, { ...(first.payload ?? {}) }]] : [];
    }
    case 'thread': {
      const thread = m.threads.get(String(slot.tid));
      if (!thread || thread.state === 'terminated' || thread.pc < thread.program.length) return [];
      const palette = thread.palette.toArray();
      const chosen = new Set(legal.flatMap((x) => (x.type === 'choose' ? [x.payload.instr] : [])));
      // Work through the palette in order (its last entry is exit), then exit; only what the kernel would take.
      const next = palette[Math.min(thread.program.length, palette.length - 1)];
      const instr = next !== undefined && chosen.has(next) ? next : [...chosen][0];
      return instr === undefined ? [] : [['choose', { instr }]];
    }
    default:
      return [];
  }
}
