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
import { lockDatabaseFile } from './db/file-lock.ts';
import { dashboardApi } from './http/dashboard-api.ts';
import { guardHttp, httpServerOptions } from './http/edge.ts';
import { installReservationGate } from './rooms/reservation-gate.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { DatabaseRoundReports } from './reports/database-reports.ts';
import { staticHandler } from './http/static-files.ts';
import { compressOnTheFly } from './http/compress-on-the-fly.ts';
import { recoverRooms } from './rooms/recovery.ts';
import { rateLimitedColyseusLogger } from './rooms/frame-guard.ts';
import { scaleOutOptions } from './scale-out.ts';
import { MemoryRoundReports, type RoundReportSink } from './game/round-reports.ts';
import { BaselinePool } from './game/baseline-pool.ts';
import { ClassRoom } from './rooms/ClassRoom.ts';
import { CreationGrants, ROOM_NAMES } from './rooms/directory.ts';
import type { RoomServices } from './rooms/KernelRoom.ts';
import { SoloRoom } from './rooms/SoloRoom.ts';
import { Encoder } from '@colyseus/schema';

// Every client receives every crew's machine, so a class's full state grows with its crews: 13.4 KB for 30
// students in 6 crews (load.test), about twice that for 60 in 12. The encoder's default 8 KB buffer was regrown,
// with a console warning, in every room of more than 20 or so students (seen in the 40 × 40 load run).
Encoder.BUFFER_SIZE = 64 * 1024;

/** What startServer accepts: any setting (else the environment's), where round reports also go, and a clock for session and host-pass expiry (tests). */
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

// The express app Colyseus builds for routes outside its own; only `use` and `disable` are needed.
interface UseApp {
  use(handler: Handler): unknown;
  disable(setting: string): unknown;
}

/** Starts the game server and resolves once it is listening. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { reports: given, now, ...overrides } = options;
  const config: ServerConfig = { ...loadConfig(), ...overrides };
  // One server per SQLite file (PostgreSQL is how several processes share a database).
  const lock =
    config.database.kind === 'sqlite' && config.database.file !== ':memory:'
      ? lockDatabaseFile(config.database.file)
      : null;
  let db: Database;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const accounts = createAccounts(db, { sessionTtlHours: config.sessionTtlHours, now });
  const stored = new DatabaseRoundReports(db);
  const reports: RoundReportSink = given ?? new MemoryRoundReports();
  // Every round goes to the given sink (tests read it) and to the database (teachers' rooms only).
  const sink: RoundReportSink = {
    save: (r) => Promise.all([reports.save(r), stored.save(r)]).then(() => undefined),
    predictions: (ref, p) =>
      Promise.all([reports.predictions?.(ref, p), stored.predictions(ref, p)]).then(() => undefined),
    journal: (r, job) => stored.journal(r, job),
    journaled: (sessionId, round) => stored.journaled(sessionId, round),
    roomClosed: (id, session) =>
      Promise.all([reports.roomClosed?.(id, session), stored.roomClosed(id, session)]).then(() => undefined),
  };
  const pool = new BaselinePool();
  const services: RoomServices = {
    config,
    grants: new CreationGrants(),
    reports: sink,
    snapshots: config.saveRooms ? db.snapshots : undefined,
    baselines: pool.run,
    now,
  };
  const dashboard = dashboardApi({
    config,
    db,
    accounts,
    reports: stored,
    grants: services.grants,
    now: now ?? Date.now,
    authLimiter: new RateLimiter(config.authRatePerMinute, config.authRatePerMinute),
    soloLimiter: new RateLimiter(60, 60),
    roomLimiters: {
      teacher: new RateLimiter(config.roomsPerTeacherPerHour, config.roomsPerTeacherPerHour / 60),
      address: new RateLimiter(config.roomsPerAddressPerHour, config.roomsPerAddressPerHour / 60),
    },
  });
  const httpServer = http.createServer(httpServerOptions(config.requestTimeoutSeconds));
  // Bodies, paths, origins, headers and connections are checked before Colyseus or any route sees a request.
  guardHttp(httpServer, config);
  // A class room's seat is reserved only for a join that shows its code or a key.
  installReservationGate();
  const gameServer = new Server({
    ...(await scaleOutOptions(config)),
    logger: rateLimitedColyseusLogger(),
    transport: new WebSocketTransport({ server: httpServer }),
    greet: false,
    gracefullyShutdown: false,
    express: (app: UseApp) => {
      app.disable('x-powered-by');
      app.use(compressOnTheFly());
      app.use(dashboard);
      app.use(
        apiHandler({
          trustProxy: config.trustProxy,
          wrongCodes: new RateLimiter(config.wrongCodesPerMinute, config.wrongCodesPerMinute),
          unsavedReports: () => stored.unsaved(),
          database: () => ({ kind: db.kind, ...db.status() }),
        }),
      );
      app.use(staticHandler(config.clientDir));
    },
  });
  gameServer.define(ROOM_NAMES.class, ClassRoom, { services });
  gameServer.define(ROOM_NAMES.solo, SoloRoom, { services });
  try {
    await gameServer.listen(config.port, config.host);
    // Rounds that ended just before a crash: journaled, their reports are stored now.
    await stored.drain(pool.run);
    // Rooms a killed process was running come back with their codes, seats and machines.
    if (services.snapshots) await recoverRooms(services.snapshots, services.grants);
  } catch (error) {
    await pool.close();
    await db.close();
    lock?.release();
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
      stored.stopRetrying(); // a round's end held by a failing journal write must not hold the shutdown
      await gameServer.gracefullyShutdown(false);
      await pool.close();
      await stored.flush();
      await db.close();
      lock?.release();
    },
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  console.log(`Kernel Crew is running on ${server.url}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
