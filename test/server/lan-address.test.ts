// A dashboard opened at 127.0.0.1 gets the server's network address for the join link and QR code,
// and is told it was opened from loopback (issue 16: the QR code pointed phones at 127.0.0.1).
import type { IncomingMessage } from 'node:http';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { joinOriginFor } from '../../server/http/lan-address.ts';

const req = (host: string): IncomingMessage =>
  ({ headers: { host }, socket: {} }) as unknown as IncomingMessage;
const iface = (address: string, internal: boolean): NetworkInterfaceInfo => ({
  address,
  internal,
  family: 'IPv4',
  netmask: '255.255.255.0',
  mac: '00:00:00:00:00:00',
  cidr: null,
});
const school = { lo: [iface('127.0.0.1', true)], eth0: [iface('192.168.10.23', false)] };

describe('the join origin', () => {
  it.each(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000'])(
    'a dashboard at %s gets the LAN address and a warning',
    (host) => {
      expect(joinOriginFor(req(host), '0.0.0.0', school)).toEqual({
        joinOrigin: 'http://192.168.10.23:3000',
        loopback: true,
      });
    },
  );

  it('a dashboard at the LAN address keeps its own origin, without a warning', () => {
    expect(joinOriginFor(req('192.168.10.23:3000'), '0.0.0.0', school)).toEqual({
      joinOrigin: null,
      loopback: false,
    });
  });

  it('a server with no network address: the warning, and no address to offer', () => {
    expect(joinOriginFor(req('localhost:3000'), '0.0.0.0', { lo: [iface('127.0.0.1', true)] })).toEqual({
      joinOrigin: null,
      loopback: true,
    });
  });

  it('a server listening on loopback only (HOST=127.0.0.1) offers no network address: no phone could open it', () => {
    expect(joinOriginFor(req('127.0.0.1:3000'), '127.0.0.1', school)).toEqual({
      joinOrigin: null,
      loopback: true,
    });
  });

  it('a server listening on one address offers that one, not another interface', () => {
    const two = { ...school, wlan0: [iface('10.0.0.7', false)] };
    expect(joinOriginFor(req('localhost:3000'), '10.0.0.7', two)).toEqual({
      joinOrigin: 'http://10.0.0.7:3000',
      loopback: true,
    });
    expect(joinOriginFor(req('localhost:3000'), '::', two).joinOrigin).toBe('http://192.168.10.23:3000');
  });
});
