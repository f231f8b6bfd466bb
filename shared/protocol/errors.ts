// Every refusal the server can send, as stable codes: clients translate them, tests assert on them.

/** Why a join was refused; sent as the matchmaking error code (the SDK rejects join() with it). */
export const JOIN_ERRORS = {
  'wrong-code': 4601,
  'room-locked': 4602,
  'room-full': 4603,
  'bad-nickname': 4604,
  'late-join-closed': 4605,
  kicked: 4606,
  'bad-host-key': 4607,
  'bad-options': 4608,
} as const;

/** The names of join refusals. */
export type JoinError = keyof typeof JOIN_ERRORS;

/** Finds the name of a join refusal from the numeric code the SDK reports. */
export function joinErrorName(code: number): JoinError | undefined {
  return (Object.keys(JOIN_ERRORS) as JoinError[]).find((k) => JOIN_ERRORS[k] === code);
}

/**
 * The join refusal an SDK error carries: by its code (refused by the room) or by the name its message
 * starts with (refused at matchmaking, where the HTTP status is all the SDK keeps as the code).
 */
export function joinRefusalOf(code: number, message: string): JoinError | undefined {
  const named = /^([a-z-]+):/.exec(message)?.[1];
  return joinErrorName(code) ?? (Object.keys(JOIN_ERRORS) as JoinError[]).find((k) => k === named);
}

/** The HTTP status of a join refused at matchmaking, before any seat is reserved (the reason is in the message). */
export const REFUSED_AT_MATCHMAKING = 403;

/** WebSocket close codes the server uses when it ends a connection on purpose. */
export const CLOSE_CODES = {
  /** The host removed the player. */
  kicked: 4606,
  /** Too many malformed or forbidden messages. */
  abuse: 4610,
  /** The room was closed for good: the teacher closed the class, or it stayed empty too long. */
  closed: 4611,
  /** The same player opened the game elsewhere (another tab, a reload that beat the reconnection). */
  replaced: 4612,
  /** The teacher rotated the room's host key: the old host key and the projector link made from it no longer open it. */
  rekeyed: 4613,
} as const;

/** Colyseus's close code for a leave the client asked for (CloseCode.CONSENTED). */
export const CONSENTED_CLOSE = 4000;

/** Why a message was refused at the edge, before reaching the kernel (sent in an `error` message). */
export type EdgeErrorCode =
  | 'unknown-type'
  | 'malformed'
  | 'not-your-role'
  | 'not-your-core'
  | 'not-your-channel'
  | 'no-thread-yet'
  | 'not-running'
  | 'prediction-not-open'
  | 'prediction-closed'
  | 'bad-state'
  | 'no-such-player'
  | 'no-such-slot'
  | 'no-such-crew'
  | 'bad-nickname';
