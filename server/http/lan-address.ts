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

/** The join origin for a dashboard request, from its Host header and the server's network interfaces. */
export function joinOriginFor(
  req: IncomingMessage,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): JoinOrigin {
  const host = req.headers.host ?? '';
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  if (!match || !isLoopback(match[1]!.toLowerCase())) return { joinOrigin: null, loopback: false };
  const port = match[2] ?? '';
  const lan = Object.values(interfaces)
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return { joinOrigin: lan ? `${scheme}://${lan.address}${port ? `:${port}` : ''}` : null, loopback: true };
}
