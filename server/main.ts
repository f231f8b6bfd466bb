// The game server: one process, one port — the HTTP API, the Colyseus rooms over WebSocket and the
// built client. `npm start` runs this file; tests and tools call startServer().
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { loadConfig, type ServerConfig } from './config.ts';
import { apiHandler, type Handler } from './http/api.ts';
import { staticHandler } from './http/static-files.ts';
import { MemoryRoundReports, type RoundReportSink } from './game/round-reports.ts';
import { ClassRoom } from './rooms/ClassRoom.ts';
import { CreationGrants, ROOM_NAMES } from './rooms/directory.ts';
import type { RoomServices } from './rooms/KernelRoom.ts';
import { SoloRoom } from './rooms/SoloRoom.ts';

/** What startServer accepts: any setting (else the environment's), and where round reports go. */
export type StartOptions = Partial<ServerConfig> & { reports?: RoundReportSink };

/** A running server. */
export interface RunningServer {
  /** http://host:port — the WebSocket endpoint is the same address with ws://. */
  url: string;
  port: number;
  config: ServerConfig;
  reports: RoundReportSink;
  /** The Colyseus server, for @colyseus/testing and tools. */
  colyseus: Server;
  close(): Promise<void>;
}

// The express app Colyseus builds for routes outside its own; only `use` is needed.
interface UseApp { use(handler: Handler): unknown }

/** Starts the game server and resolves once it is listening. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { reports = new MemoryRoundReports(), ...overrides } = options;
  const config: ServerConfig = { ...loadConfig(), ...overrides };
  const services: RoomServices = { config, grants: new CreationGrants(), reports };
  const httpServer = http.createServer();
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer }),
    greet: false,
    gracefullyShutdown: false,
    express: (app: UseApp) => {
      app.use(apiHandler(config, services.grants));
      app.use(staticHandler(config.clientDir));
    },
  });
  gameServer.define(ROOM_NAMES.class, ClassRoom, { services });
  gameServer.define(ROOM_NAMES.solo, SoloRoom, { services });
  await gameServer.listen(config.port, config.host);
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    config: { ...config, port },
    reports,
    colyseus: gameServer,
    close: () => gameServer.gracefullyShutdown(false),
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
