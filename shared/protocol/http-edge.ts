// Request and response shapes of the server's edge routes (keys, health, accounts, deletion, solo
// tokens): one zod schema each, read by the server's handlers, the dashboard and the tests.
import { z } from 'zod';

/**
 * A session's open room as the dashboard shows it (GET /api/teacher/sessions/:id): no host key, which
 * the server keeps only as a hash; the page hosts with a host pass (POST .../host-pass).
 */
export const liveRoomSchema = z.object({
  roomId: z.string(),
  code: z.string(),
  joinPath: z.string(),
  projectorPath: z.string(),
  joinOrigin: z.string().nullable(),
  loopback: z.boolean(),
});

/** The answer of POST /api/teacher/sessions/:id/rotate-key: the room's new keys (the host key this once) and how many seats the old ones had open. */
export const rotateKeyResponseSchema = z.object({
  live: liveRoomSchema.extend({ hostKey: z.string() }),
  closedSeats: z.number().int(),
});

/** The answer of POST /api/teacher/sessions/:id/rotate-key. */
export type RotateKeyResponse = z.infer<typeof rotateKeyResponseSchema>;

/** The answer of POST /api/teacher/sessions/:id/host-pass: a one-time pass that joins the open room as its host (`{hostPass}`) until `expiresAt`. */
export const hostPassResponseSchema = z.object({
  roomId: z.string(),
  hostPass: z.string(),
  expiresAt: z.number(),
});

/** The answer of POST /api/teacher/sessions/:id/host-pass. */
export type HostPassResponse = z.infer<typeof hostPassResponseSchema>;

/** The answer of GET /api/health (200 when ok, 503 otherwise): what the dashboard's health line shows. */
export const healthResponseSchema = z.object({
  ok: z.boolean(),
  /** Finished rounds whose report is not stored yet (kept and retried). */
  unsavedReports: z.number().int().min(0),
  /** ok; busy: a query waits for a lock another process holds; failing: the latest query failed. */
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    state: z.enum(['ok', 'busy', 'failing']),
    detail: z.string().optional(),
  }),
  /** What is wrong, in English for the server's operator (the dashboard words it itself). */
  message: z.string().optional(),
});

/** The answer of GET /api/health. */
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** The one answer of POST /api/auth/signup, for a free and a taken email alike. */
export const SIGN_UP_ANSWER = 'If this email can be used, its account is ready: sign in with it.';

/** The answer of POST /api/auth/signup (202): the same for every email, so it tells no one who has an account. */
export const signUpResponseSchema = z.object({ status: z.literal('sign-in'), message: z.string() });

/** The answer of POST /api/auth/signup. */
export type SignUpResponse = z.infer<typeof signUpResponseSchema>;

/** The one answer of POST /api/auth/forgot. */
export const FORGOT_ANSWER =
  "If an account has this email, a one-time reset link is in the server's console: ask whoever runs the server.";

/** The answer of POST /api/auth/forgot (202), the same for every email. */
export const forgotResponseSchema = z.object({ status: z.literal('sent'), message: z.string() });

/** The answer of POST /api/auth/forgot. */
export type ForgotResponse = z.infer<typeof forgotResponseSchema>;

/** The dashboard path of a password reset link: the token in the fragment, so it never reaches a server log. */
export function resetPath(token: string): string {
  return `/dashboard#/reset/${encodeURIComponent(token)}`;
}

/** The answer of POST /api/solo/token: the signed token that lets this browser write its solo progress. */
export const soloTokenResponseSchema = z.object({ token: z.string() });

/** The answer of POST /api/solo/token. */
export type SoloTokenResponse = z.infer<typeof soloTokenResponseSchema>;
