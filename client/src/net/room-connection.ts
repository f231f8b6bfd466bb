// One typed room connection for the game and the dashboard: messages go out with the payload the
// message table declares for their type, come in with the payload the server declares, and the state
// reads as the shared interfaces. Nothing here knows Phaser or the DOM.
import type { ClientMessages, ClientMessageType } from '../../../shared/protocol/messages.ts';
import type { ServerMessages, ServerMessageType } from '../../../shared/protocol/server-messages.ts';
import type { SyncedRoomState } from '../../../shared/protocol/state.ts';

/** The part of an SDK room this wraps (any Colyseus Room has it). */
export interface SdkRoom {
  readonly roomId: string;
  readonly state: unknown;
  send(type: string, payload?: unknown): void;
  onMessage(type: string, callback: (payload: any) => void): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any -- the SDK's own signature
  onStateChange(callback: () => void): unknown;
  onLeave(callback: (code: number) => void): unknown;
  leave(consented?: boolean): Promise<unknown>;
  /** The SDK's socket (absent in test doubles). */
  readonly connection?: { readonly isOpen: boolean };
}

/** A message's payload argument: optional when the message takes none. */
type PayloadArgs<K extends ClientMessageType> = undefined extends ClientMessages[K]
  ? [payload?: ClientMessages[K]]
  : [payload: ClientMessages[K]];

/** A joined room, typed by the wire package. */
export class RoomConnection {
  constructor(private readonly room: SdkRoom) {}

  /** The room's id (for keys that must be unique per room). */
  get roomId(): string {
    return this.room.roomId;
  }

  /** The synced state (decoded by reflection; undefined until the first patch). */
  get state(): SyncedRoomState {
    return this.room.state as SyncedRoomState;
  }

  /** Sends one client message with its declared payload. */
  send<K extends ClientMessageType>(type: K, ...payload: PayloadArgs<K>): void {
    this.room.send(type, payload[0]);
  }

  /** Listens to one server message. Register every type the server may send: the SDK warns about unheard ones. */
  on<K extends ServerMessageType>(type: K, listener: (payload: ServerMessages[K]) => void): void {
    this.room.onMessage(type, listener);
  }

  /** Runs after every state patch. */
  onStateChange(listener: () => void): void {
    this.room.onStateChange(listener);
  }

  /** Runs once the connection is gone, with its close code. */
  onLeave(listener: (code: number) => void): void {
    this.room.onLeave(listener);
  }

  /** Leaves for good; nothing to do when the server has closed the socket already (a rotated host key). */
  async leave(): Promise<void> {
    if (this.room.connection && !this.room.connection.isOpen) return;
    await this.room.leave(true);
  }
}
