// Request and response shapes of the server's edge routes (keys, health, accounts, deletion, solo
// tokens): one zod schema each, read by the server's handlers, the dashboard and the tests.
import { z } from 'zod';

/** How the dashboard hosts a session's open room (GET /api/teacher/sessions/:id and key rotation). */
export const liveRoomSchema = z.object({
  roomId: z.string(),
  code: z.string(),
  hostKey: z.string(),
  joinPath: z.string(),
  projectorPath: z.string(),
  joinOrigin: z.string().nullable(),
  loopback: z.boolean(),
});

/** The answer of POST /api/teacher/sessions/:id/rotate-key: the room's new keys and how many seats the old ones had open. */
export const rotateKeyResponseSchema = z.object({ live: liveRoomSchema, closedSeats: z.number().int() });

/** The answer of POST /api/teacher/sessions/:id/rotate-key. */
export type RotateKeyResponse = z.infer<typeof rotateKeyResponseSchema>;

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
