// The first look at every WebSocket frame a room receives, before Colyseus decodes it: only the frame
// kinds this game uses pass, and a message whose payload does not decode is an offence (the client is
// closed) instead of an error Colyseus would print once per frame. Offences are logged rate-limited,
// so a hostile client cannot flood the server's log.
import { Room, type Client } from '@colyseus/core';
import { decode } from '@colyseus/schema';
import { unpack } from 'msgpackr';
import { CLOSE_CODES } from '../../shared/protocol/errors.ts';

const CODE_MASK = 31;
/** Colyseus protocol codes a game client sends: join, leave, ping and data messages (colyseus-internals.ts checks them). */
export const GAME_FRAME_CODES = { join: 10, leave: 12, data: 13, ping: 18 } as const;
const { join: JOIN_ROOM, leave: LEAVE_ROOM, data: ROOM_DATA, ping: PING } = GAME_FRAME_CODES;

/** Why a frame is refused, or null when Colyseus may handle it. */
export function frameProblem(buffer: unknown): string | null {
  if (!(buffer instanceof Uint8Array) || buffer.byteLength === 0) return 'empty or non-binary frame';
  const code = buffer[0]! & CODE_MASK;
  if (code === JOIN_ROOM || code === LEAVE_ROOM || code === PING) return null;
  if (code !== ROOM_DATA) return `frame kind ${code} is not used by this game`;
  try {
    const it = { offset: 1 };
    const type = decode.stringCheck(buffer as never, it)
      ? decode.string(buffer as never, it)
      : decode.number(buffer as never, it);
    if (typeof type === 'number' && !Number.isFinite(type)) return 'undecodable message type';
    if (it.offset > buffer.byteLength) return 'truncated message';
    if (buffer.byteLength > it.offset) unpack(buffer.subarray(it.offset));
    return null;
  } catch {
    return 'undecodable message';
  }
}

/** Process-wide offence log: at most LINES lines per window, then one line counting the rest. */
export class OffenceLog {
  private windowStart = 0;
  private lines = 0;
  private suppressed = 0;
  /** Every offence noted, logged or not (tests and metrics read it). */
  total = 0;

  constructor(
    private readonly out: (line: string) => void = (l) => console.warn(l),
    private readonly perWindow = 5,
    private readonly windowMs = 10_000,
  ) {}

  /** Notes an offence; logs it unless this window's lines are used up. */
  note(roomId: string, who: string, what: string): void {
    this.total++;
    const now = Date.now();
    if (now - this.windowStart >= this.windowMs) {
      if (this.suppressed > 0)
        this.out(
          `[offences] ${this.suppressed} more offences in the last ${Math.round(this.windowMs / 1000)} s were not logged`,
        );
      this.windowStart = now;
      this.lines = 0;
      this.suppressed = 0;
    }
    if (this.lines < this.perWindow) {
      this.lines++;
      this.out(`[offences] room ${roomId}, ${who}: ${what.slice(0, 120)}`);
    } else this.suppressed++;
  }
}

/** The server's offence log. */
export const offences = new OffenceLog();

type OnMessage = (this: Room, client: Client, buffer: Uint8Array) => void;

/** Puts the guard in front of a room class's frame handler (Colyseus binds `_onMessage` per client at join). */
export function guardFrames(roomClass: abstract new (...args: never[]) => Room): void {
  const proto = roomClass.prototype as unknown as { _onMessage: OnMessage };
  const original = (Room.prototype as unknown as { _onMessage: OnMessage })._onMessage;
  const refused = new WeakSet<Client>();
  proto._onMessage = function guarded(this: Room, client: Client, buffer: Uint8Array): void {
    if (refused.has(client)) return;
    const problem = frameProblem(buffer);
    if (problem === null) {
      original.call(this, client, buffer);
      return;
    }
    refused.add(client);
    offences.note(this.roomId, `session ${client.sessionId}`, problem);
    client.leave(CLOSE_CODES.abuse, 'malformed frame');
  };
}

/**
 * The logger handed to Colyseus: its errors, warnings and notices (what hostile frames, payloads over the
 * size limit, broken handshakes and bogus reconnection tokens produce, once per event) share a rate
 * limit, so no client can flood the log.
 */
export function rateLimitedColyseusLogger(
  perWindow = 10,
  windowMs = 10_000,
): {
  debug(...a: unknown[]): void;
  info(...a: unknown[]): void;
  trace(...a: unknown[]): void;
  warn(...a: unknown[]): void;
  error(...a: unknown[]): void;
} {
  let windowStart = 0,
    lines = 0,
    suppressed = 0;
  const limited =
    (write: (...a: unknown[]) => void) =>
    (...args: unknown[]) => {
      const now = Date.now();
      if (now - windowStart >= windowMs) {
        if (suppressed > 0)
          console.warn(
            `[colyseus] ${suppressed} more errors in the last ${Math.round(windowMs / 1000)} s were not logged`,
          );
        windowStart = now;
        lines = 0;
        suppressed = 0;
      }
      if (lines < perWindow) {
        lines++;
        write(...args);
      } else suppressed++;
    };
  // info too: Colyseus reports a bogus reconnection token or a disposed room there, once per attempt.
  return {
    debug: () => undefined,
    trace: () => undefined,
    info: limited((...a) => console.info(...a)),
    warn: limited((...a) => console.warn(...a)),
    error: limited((...a) => console.error(...a)),
  };
}
