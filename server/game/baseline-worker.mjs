// A worker thread of the baseline pool (server/game/baseline-pool.ts). Plain JavaScript so that any Node
// can start it; it loads the TypeScript sources through tsx, as `npm start` and vitest run the server.
import { tsImport } from 'tsx/esm/api';

const { runBaselines } = await tsImport('./baselines.ts', import.meta.url);

/** Piscina's task: every classic policy over the round's scenario, seed and host events. */
export default function task({ scenario, seed, hostEvents, tickLimit }) {
  return runBaselines(scenario, seed, hostEvents, tickLimit);
}
