// Several server processes sharing rooms: with REDIS_URL set, Colyseus's RedisPresence (pub/sub,
// shared keys: creation tickets, join codes) and RedisDriver (the room listing every process queries)
// replace the in-process defaults. docs/SCALING.md describes the topology.
import type { MatchMakerDriver, Presence } from '@colyseus/core';
import type { ServerConfig } from './config.ts';

/** What `new Server()` takes for running as one of several processes; empty for a single process. */
export interface ScaleOutOptions {
  presence?: Presence;
  driver?: MatchMakerDriver;
  publicAddress?: string;
}

/** Builds the presence and driver for REDIS_URL (the packages are loaded only when it is set). */
export async function scaleOutOptions(
  config: Pick<ServerConfig, 'redisUrl' | 'publicAddress'>,
): Promise<ScaleOutOptions> {
  const out: ScaleOutOptions = {};
  if (config.publicAddress) out.publicAddress = config.publicAddress;
  if (!config.redisUrl) return out;
  const [{ RedisPresence }, { RedisDriver }] = await Promise.all([
    import('@colyseus/redis-presence'),
    import('@colyseus/redis-driver'),
  ]);
  out.presence = new RedisPresence(config.redisUrl);
  out.driver = new RedisDriver(config.redisUrl);
  return out;
}
