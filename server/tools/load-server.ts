// The game server as a child of the load harness (server/cli/load.ts): started with an IPC channel,
// it answers 'metrics' requests with the process's own figures (CPU, memory, event-loop delay, room
// step and patch times, full-state sizes), so the harness measures the server, not itself.
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { matchMaker } from '@colyseus/core';
import { readMetrics, watchEventLoop, type MetricsReading } from '../metrics.ts';
import { startServer } from '../main.ts';

/** A request from the harness. */
export type LoadServerRequest =
  | { id: number; type: 'metrics'; reset?: boolean; gc?: boolean; fullState?: boolean; heapSnapshot?: string }
  | { id: number; type: 'stop' };

/** The answer to a metrics request. */
export interface LoadServerMetrics extends MetricsReading {
  rooms: number;
  clients: number;
  /** Bytes of the largest full state any client would download on joining now (the host's holds every crew). */
  maxFullStateBytes: number | null;
  /** The median client's full state (a student's: its own crew's machine). */
  medianFullStateBytes: number | null;
  /** How long a forced collection (gc: true) stopped the process, in ms. */
  forcedGcMs: number | null;
}

/** The messages the child sends its parent. */
export type LoadServerMessage =
  { type: 'ready'; url: string } | { type: 'reply'; id: number; metrics?: LoadServerMetrics };

interface Inspectable {
  clients: { length: number } & Iterable<unknown>;
  _serializer?: { getFullState(client?: unknown): Uint8Array };
}

async function snapshot(req: Extract<LoadServerRequest, { type: 'metrics' }>): Promise<LoadServerMetrics> {
  let forcedGcMs: number | null = null;
  if (req.gc && typeof globalThis.gc === 'function') {
    const t = performance.now();
    globalThis.gc();
    forcedGcMs = Math.round((performance.now() - t) * 10) / 10;
    // Let the GC observer see this collection now, so a reset below leaves it out of the next window.
    await new Promise((r) => setTimeout(r, 5));
  }
  // A heap snapshot to diff (--heap-snapshots in the harness): taken after the GC, in the given file.
  if (req.heapSnapshot) writeHeapSnapshot(req.heapSnapshot);
  const listings = await matchMaker.query({});
  let clients = 0;
  const full: number[] = [];
  for (const listing of listings) {
    const room = matchMaker.getLocalRoomById(listing.roomId) as unknown as Inspectable | undefined;
    if (!room) continue;
    clients += room.clients.length;
    // each client's own first state (a student's holds its crew's machine; the host's every crew's)
    if (req.fullState && room._serializer)
      for (const client of room.clients) full.push(room._serializer.getFullState(client).byteLength);
  }
  return {
    ...readMetrics(req.reset === true),
    rooms: listings.length,
    clients,
    maxFullStateBytes: full.length > 0 ? Math.max(...full) : null,
    medianFullStateBytes: full.length > 0 ? full.sort((a, b) => a - b)[full.length >> 1]! : null,
    forcedGcMs,
  };
}

async function main(): Promise<void> {
  if (!process.send)
    throw new Error('load-server runs as a child of server/cli/load.ts (it needs an IPC channel)');
  watchEventLoop();
  const server = await startServer();
  const reply = (m: LoadServerMessage) => process.send?.(m);
  process.on('message', (req: LoadServerRequest) => {
    if (req.type === 'stop') {
      reply({ type: 'reply', id: req.id });
      void server.close().finally(() => process.exit(0));
      return;
    }
    snapshot(req).then(
      (metrics) => reply({ type: 'reply', id: req.id, metrics }),
      (e: unknown) => {
        console.error('[load-server]', e);
        reply({ type: 'reply', id: req.id });
      },
    );
  });
  process.once('disconnect', () => {
    void server.close().finally(() => process.exit(0));
  });
  reply({ type: 'ready', url: server.url });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
