// Teacher accounts: sign up, sign in, sign out and recognise a signed-in teacher from a session token.
// Every refusal is a typed value with a code, never a thrown string.
import { z } from 'zod';
import type { Database, Teacher } from '../db/index.ts';
import { hashPassword, needsRehash, unmatchableHash, verifyPassword } from './password-hash.ts';
import { hashSessionToken, newSessionToken } from './session-token.ts';

/** Why an account operation was refused; the HTTP layer maps each code to a status and a translated message. */
export type AccountErrorCode =
  'invalid-input' | 'email-taken' | 'bad-credentials' | 'not-signed-in' | 'session-expired';

/** A refusal; `issues` lists the offending fields for 'invalid-input'. */
export interface AccountError {
  code: AccountErrorCode;
  issues?: { field: string; message: string }[];
}

/** The outcome of an account operation. */
export type AccountResult<T> = { ok: true; value: T } | { ok: false; error: AccountError };

/** A new session: the token goes to the browser (e.g. an HttpOnly cookie) and is never stored. */
export interface SignedIn {
  teacher: Teacher;
  token: string;
  expiresAt: number;
}

/** The teacher behind a valid session token. */
export interface Authenticated {
  teacher: Teacher;
  expiresAt: number;
}

/** The account operations the dashboard's HTTP endpoints call. */
export interface Accounts {
  /** Creates an account and signs it in. Refuses: invalid-input, email-taken. */
  signUp(input: unknown): Promise<AccountResult<SignedIn>>;
  /** Signs in; an unknown email and a wrong password take the same time and give the same error. Refuses: invalid-input, bad-credentials. */
  signIn(input: unknown): Promise<AccountResult<SignedIn>>;
  /**
   * Creates an account without signing it in, answering the same whether the email was free or taken
   * (the same work, a password hash, either way): sign-up must not tell who has an account. Refuses: invalid-input.
   */
  register(input: unknown): Promise<AccountResult<{ created: boolean }>>;
  /** A one-time reset token for the account with this email (valid RESET_TTL_MINUTES), or null when there is none. */
  requestReset(email: string): Promise<{ token: string; teacher: Teacher; expiresAt: number } | null>;
  /** Sets a new password with a reset token (spent once) and ends every session of that teacher. Refuses: invalid-input, bad-credentials (unknown, used or expired token). */
  resetPassword(input: unknown): Promise<AccountResult<{ teacher: Teacher }>>;
  /** Ends the session of this token (no error if it was already gone). */
  signOut(token: string): Promise<void>;
  /** Ends every session of the teacher this token belongs to (a lost or shared device); how many. Refuses like authenticate. */
  signOutEverywhere(token: string | undefined): Promise<AccountResult<{ ended: number }>>;
  /** The teacher signed in with this token. Refuses: not-signed-in (missing or unknown token), session-expired. */
  authenticate(token: string | undefined): Promise<AccountResult<Authenticated>>;
}

/** Settings for createAccounts; `now` lets tests move the clock. */
export interface AccountsOptions {
  /** Session lifetime in hours, fixed from sign-in (not sliding). Default 12: one school day. */
  sessionTtlHours?: number;
  now?: () => number;
}

/** Default session lifetime: a teacher signs in once per school day. */
export const DEFAULT_SESSION_TTL_HOURS = 12;

const email = z
  .string()
  .trim()
  .pipe(z.email({ error: 'Enter a valid email address.' }).max(254));
const signUpSchema = z.object({
  email,
  password: z.string().min(10, { error: 'The password needs at least 10 characters.' }).max(1024),
  displayName: z.string().trim().min(1, { error: 'Enter your name.' }).max(80),
});
const signInSchema = z.object({ email, password: z.string().min(1).max(1024) });
const resetSchema = z.object({
  token: z.string().min(20).max(100),
  password: signUpSchema.shape.password,
});

/** How long a password reset link works. */
export const RESET_TTL_MINUTES = 60;

/** Builds the account operations over the teachers and sessions repositories. */
export function createAccounts(
  db: Pick<Database, 'teachers' | 'sessions' | 'passwordResets'>,
  options: AccountsOptions = {},
): Accounts {
  const ttlMs = Math.round((options.sessionTtlHours ?? DEFAULT_SESSION_TTL_HOURS) * 3_600_000);
  if (!(ttlMs > 0)) throw new RangeError('sessionTtlHours must be positive');
  const now = options.now ?? Date.now;
  // Sign-in for an unknown email verifies against this, so it costs one scrypt exactly like a wrong password.
  const dummyHash = unmatchableHash();

  async function startSession(teacher: Teacher): Promise<SignedIn> {
    const token = newSessionToken();
    const expiresAt = now() + ttlMs;
    await db.sessions.create({ tokenHash: hashSessionToken(token), teacherId: teacher.id, expiresAt });
    return { teacher, token, expiresAt };
  }

  /** Validates a sign-up and creates the teacher (or finds the email taken): the one path both sign-up routes take. */
  async function createTeacher(input: unknown) {
    const parsed = signUpSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { email: address, password, displayName } = parsed.data;
    const created = await db.teachers.create({
      email: address,
      displayName,
      passwordHash: await hashPassword(password),
    });
    return { ok: true as const, value: created };
  }

  return {
    async signUp(input) {
      const made = await createTeacher(input);
      if (!made.ok) return made;
      if (made.value === 'email-taken') return refuse('email-taken');
      return { ok: true, value: await startSession(made.value) };
    },

    async register(input) {
      const made = await createTeacher(input);
      if (!made.ok) return made;
      return { ok: true, value: { created: made.value !== 'email-taken' } };
    },

    async requestReset(address) {
      const parsed = email.safeParse(address);
      if (!parsed.success) return null;
      const found = await db.teachers.findByEmail(parsed.data);
      if (!found) return null;
      const token = newSessionToken();
      const expiresAt = now() + RESET_TTL_MINUTES * 60_000;
      await db.passwordResets.create({ tokenHash: hashSessionToken(token), teacherId: found.id, expiresAt });
      const { passwordHash: _, ...teacher } = found;
      return { token, teacher, expiresAt };
    },

    async resetPassword(input) {
      const parsed = resetSchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      const teacherId = await db.passwordResets.spend(hashSessionToken(parsed.data.token), now());
      if (!teacherId) return refuse('bad-credentials');
      await db.teachers.setPasswordHash(teacherId, await hashPassword(parsed.data.password));
      await db.sessions.deleteForTeacher(teacherId);
      const teacher = await db.teachers.findById(teacherId);
      if (!teacher) return refuse('bad-credentials');
      return { ok: true, value: { teacher } };
    },

    async signIn(input) {
      const parsed = signInSchema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      const { email: address, password } = parsed.data;
      const found = await db.teachers.findByEmail(address);
      if (!found) {
        await verifyPassword(password, dummyHash);
        return refuse('bad-credentials');
      }
      if (!(await verifyPassword(password, found.passwordHash))) return refuse('bad-credentials');
      if (needsRehash(found.passwordHash))
        await db.teachers.setPasswordHash(found.id, await hashPassword(password));
      await db.sessions.deleteExpired(now());
      const { passwordHash: _, ...teacher } = found;
      return { ok: true, value: await startSession(teacher) };
    },

    async signOut(token) {
      if (token) await db.sessions.delete(hashSessionToken(token));
    },

    async signOutEverywhere(token) {
      const who = await this.authenticate(token);
      if (!who.ok) return who;
      return { ok: true, value: { ended: await db.sessions.deleteForTeacher(who.value.teacher.id) } };
    },

    async authenticate(token) {
      if (!token) return refuse('not-signed-in');
      const tokenHash = hashSessionToken(token);
      const session = await db.sessions.find(tokenHash);
      if (!session) return refuse('not-signed-in');
      if (session.expiresAt <= now()) {
        await db.sessions.delete(tokenHash);
        return refuse('session-expired');
      }
      return { ok: true, value: { teacher: session.teacher, expiresAt: session.expiresAt } };
    },
  };
}

/** Reads SESSION_TTL_HOURS (default 12) from the environment the server config passes in; a bad value stops start-up. */
export function sessionTtlHoursFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.SESSION_TTL_HOURS?.trim();
  if (!raw) return DEFAULT_SESSION_TTL_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0)
    throw new RangeError(`SESSION_TTL_HOURS must be a positive number of hours, got "${raw}"`);
  return hours;
}

function refuse(code: AccountErrorCode): { ok: false; error: AccountError } {
  return { ok: false, error: { code } };
}

function invalid(error: z.ZodError): { ok: false; error: AccountError } {
  return {
    ok: false,
    error: {
      code: 'invalid-input',
      issues: error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message })),
    },
  };
}
