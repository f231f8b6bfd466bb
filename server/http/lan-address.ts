// The address students' devices can reach: a dashboard opened at 127.0.0.1 or localhost would put
// that loopback address in the join link and QR code, which no phone can open; the server's own
// network (LAN) address is offered instead, and the dashboard warns that it was opened from loopback.
import type { IncomingMessage } from 'node:http';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** Where the join link should point: null origin = the page's own; loopback = the dashboard was opened from this machine only. */
export interface JoinOrigin {
  joinOrigin: string | null;
  loopback: boolean;
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' ||
  host.endsWith('.localhost') ||
  /^127\./.test(host) ||
  host === '[::1]' ||
  host === '::1';

/**
 * The join origin for a dashboard request, from its Host header, the interface the server listens on
 * (HOST) and the machine's network interfaces. A network address is offered only where the server
 * listens: on every interface (0.0.0.0, ::) the first LAN address, on one address that one; a server
 * listening on loopback only (the default HOST) has no address a phone can reach, and gets the warning alone.
 */
export function joinOriginFor(
  req: IncomingMessage,
  listenHost: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): JoinOrigin {
  const host = req.headers.host ?? '';
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match || !isLoopback(match[1]!.toLowerCase())) return { joinOrigin: null, loopback: false };
  const port = match[2] ?? '';
  const everywhere = listenHost === '' || listenHost === '0.0.0.0' || listenHost === '::';
  const lan = Object.values(interfaces)
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal && (everywhere || i.address === listenHost));
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return { joinOrigin: lan ? `${scheme}://${lan.address}${port ? `:${port}` : ''}` : null, loopback: true };
}
