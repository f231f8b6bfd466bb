// The game server: one process, one port — the HTTP API, the Colyseus rooms over WebSocket and the
// built client. `npm start` runs this file; tests and tools call startServer().
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { loadConfig, type ServerConfig } from './config.ts';
import { apiHandler, type Handler } from './http/api.ts';
import { createAccounts, type Accounts } from './accounts/index.ts';
import { openDatabase, type Database } from './db/index.ts';
import { dashboardApi } from './http/dashboard-api.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { DatabaseRoundReports } from './reports/database-reports.ts';
import { staticHandler } from './http/static-files.ts';
import { compressOnTheFly } from './http/compress-on-the-fly.ts';
import { recoverRooms } from './rooms/recovery.ts';
import { rateLimitedColyseusLogger } from './rooms/frame-guard.ts';
import { scaleOutOptions } from './scale-out.ts';
import { MemoryRoundReports, type RoundReportSink } from './game/round-reports.ts';
import { ClassRoom } from './rooms/ClassRoom.ts';
import { CreationGrants, ROOM_NAMES } from './rooms/directory.ts';
import type { RoomServices } from './rooms/KernelRoom.ts';
import { SoloRoom } from './rooms/SoloRoom.ts';

/** What startServer accepts: any setting (else the environment's), where round reports also go, and a clock for session expiry (tests). */
export type StartOptions = Partial<ServerConfig> & { reports?: RoundReportSink; now?: () => number };

/** A running server. */
export interface RunningServer {
  /** http://host:port — the WebSocket endpoint is the same address with ws://. */
  url: string;
  port: number;
  config: ServerConfig;
  reports: RoundReportSink;
  /** The database (teachers, sessions, reports, solo progress), closed by close(). */
  db: Database;
  accounts: Accounts;
  /** The Colyseus server, for @colyseus/testing and tools. */
  colyseus: Server;
  close(): Promise<void>;
}

// The express app Colyseus builds for routes outside its own; only `use` is needed.
interface UseApp { use(handler: Handler): unknown }

/** Starts the game server and resolves once it is listening. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { reports: given, now, ...overrides } = options;
  const config: ServerConfig = { ...loadConfig(), ...overrides };
  const db = await openDatabase(config.database);
  const accounts = createAccounts(db, { sessionTtlHours: config.sessionTtlHours, now });
  const stored = new DatabaseRoundReports(db);
  const reports: RoundReportSink = given ?? new MemoryRoundReports();
  // Every round goes to the given sink (tests read it) and to the database (teachers' rooms only).
  const sink: RoundReportSink = {
    save: (r) => Promise.all([reports.save(r), stored.save(r)]).then(() => undefined),
    roomClosed: (id, session) => Promise.all([reports.roomClosed?.(id, session), stored.roomClosed(id, session)]).then(() => undefined),
  };
  const services: RoomServices = { config, grants: new CreationGrants(), reports: sink, snapshots: config.saveRooms ? db.snapshots : undefined };
  const dashboard = dashboardApi({
    config, db, accounts, reports: stored, grants: services.grants,
    authLimiter: new RateLimiter(config.authRatePerMinute, config.authRatePerMinute),
    soloLimiter: new RateLimiter(60, 60),
  });
  const httpServer = http.createServer();
  const gameServer = new Server({
    ...(await scaleOutOptions(config)),
    logger: rateLimitedColyseusLogger(),
    transport: new WebSocketTransport({ server: httpServer }),
    greet: false,
    gracefullyShutdown: false,
    express: (app: UseApp) => {
      app.use(compressOnTheFly());
      app.use(dashboard);
      app.use(apiHandler(config, services.grants));
      app.use(staticHandler(config.clientDir));
    },
  });
  gameServer.define(ROOM_NAMES.class, ClassRoom, { services });
  gameServer.define(ROOM_NAMES.solo, SoloRoom, { services });
  try {
    await gameServer.listen(config.port, config.host);
    // Rooms a killed process was running come back with their codes, seats and machines.
    if (services.snapshots) await recoverRooms(services.snapshots, services.grants);
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    config: { ...config, port },
    reports,
    db,
    accounts,
    colyseus: gameServer,
    close: async () => {
      await gameServer.gracefullyShutdown(false);
      await stored.flush();
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  console.log(`Kernel Crew is running on ${server.url}`);
  const stop = () => { server.close().then(() => process.exit(0), () => process.exit(1)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => { console.error(e); process.exit(1); });
}
