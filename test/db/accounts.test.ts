// Account flows and their refusals on each backend: sign up, sign in, sign out, expiry, wrong password, timing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAccounts,
  sessionTtlHoursFromEnv,
  type Accounts,
  type AccountResult,
  type SignedIn,
} from '../../server/accounts/index.ts';
import { hashSessionToken } from '../../server/accounts/session-token.ts';
import { openDatabase, type Database } from '../../server/db/index.ts';
import { BACKENDS, type FreshDatabase } from './backends.ts';
import { sampleRound } from './fixtures.ts';

const HOUR = 3_600_000;

function value<T>(result: AccountResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`accounts on ${backend.name}`, () => {
    let fresh: FreshDatabase;
    let db: Database;
    let clock: number;
    let accounts: Accounts;
    beforeEach(async () => {
      fresh = await backend.fresh();
      db = await openDatabase(fresh.config);
      clock = Date.UTC(2026, 2, 3, 8, 0, 0);
      accounts = createAccounts(db, { sessionTtlHours: 12, now: () => clock });
    });
    afterEach(async () => {
      await db.close();
      await fresh.dispose();
    });

    const signUpKim = () =>
      accounts.signUp({
        email: ' Kim@School.KR ',
        password: 'correct horse battery',
        displayName: ' 김 선생님 ',
      });

    it('signs up, signs in, recognises the session and signs out', async () => {
      const up = value(await signUpKim());
      expect(up.teacher).toMatchObject({ email: 'Kim@School.KR', displayName: '김 선생님' });
      expect(up.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(up.expiresAt).toBe(clock + 12 * HOUR);
      const signedIn = value(
        await accounts.signIn({ email: 'kim@school.kr', password: 'correct horse battery' }),
      );
      expect(signedIn.teacher).toEqual(up.teacher);
      expect(signedIn.token).not.toBe(up.token);
      expect(value(await accounts.authenticate(signedIn.token)).teacher).toEqual(up.teacher);
      await accounts.signOut(signedIn.token);
      expect(await accounts.authenticate(signedIn.token)).toEqual({
        ok: false,
        error: { code: 'not-signed-in' },
      });
      expect(value(await accounts.authenticate(up.token)).teacher.id).toBe(up.teacher.id);
    });

    it('stores only the SHA-256 of the token and a scrypt hash of the password', async () => {
      const up = value(await signUpKim());
      expect(await db.sessions.find(up.token)).toBeUndefined();
      expect(await db.sessions.find(hashSessionToken(up.token))).toBeDefined();
      expect((await db.teachers.findByEmail('kim@school.kr'))?.passwordHash).toMatch(
        /^\$scrypt\$ln=15,r=8,p=1\$/,
      );
    });

    it('refuses invalid sign-up input field by field', async () => {
      const result = await accounts.signUp({ email: 'not-an-email', password: 'short', displayName: '   ' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.issues?.map((i) => i.field).sort()).toEqual(['displayName', 'email', 'password']);
      expect((await accounts.signUp(null)).ok).toBe(false);
      expect((await accounts.signUp({ email: 'a@b.co', password: 'x'.repeat(9), displayName: 'A' })).ok).toBe(
        false,
      );
      expect(
        (await accounts.signUp({ email: 'a@b.co', password: 'x'.repeat(10), displayName: 'A' })).ok,
      ).toBe(true);
    });

    it('refuses a second account with the same email in another case', async () => {
      value(await signUpKim());
      expect(
        await accounts.signUp({
          email: 'KIM@school.kr',
          password: 'another password!',
          displayName: 'Kim 2',
        }),
      ).toEqual({ ok: false, error: { code: 'email-taken' } });
    });

    it('refuses a wrong password and an unknown email with the same error', async () => {
      value(await signUpKim());
      const wrong = await accounts.signIn({ email: 'kim@school.kr', password: 'correct horse batterY' });
      const unknown = await accounts.signIn({ email: 'nobody@school.kr', password: 'correct horse battery' });
      expect(wrong).toEqual({ ok: false, error: { code: 'bad-credentials' } });
      expect(unknown).toEqual(wrong);
      expect((await accounts.signIn({ email: 'kim@school.kr', password: '' })).ok).toBe(false);
    });

    it('takes about as long for an unknown email as for a wrong password', async () => {
      value(await signUpKim());
      const timeOnce = async (email: string) => {
        const start = performance.now();
        await accounts.signIn({ email, password: 'wrong password here' });
        return performance.now() - start;
      };
      // Interleaved so that a change in machine load affects both series alike; medians of 7.
      await timeOnce('kim@school.kr');
      const knownSamples: number[] = [];
      const unknownSamples: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        knownSamples.push(await timeOnce('kim@school.kr'));
        unknownSamples.push(await timeOnce('nobody@school.kr'));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const known = median(knownSamples);
      const unknown = median(unknownSamples);
      console.info(
        `${backend.name}: sign-in refusal median ${known.toFixed(1)} ms (wrong password) vs ${unknown.toFixed(1)} ms (unknown email)`,
      );
      // Skipping scrypt for an unknown email would make the ratio ~0.01; the bounds leave room for a busy CI machine.
      expect(unknown / known).toBeGreaterThan(0.4);
      expect(unknown / known).toBeLessThan(2.5);
    });

    it('refuses an expired session and forgets it; the expiry is fixed from sign-in', async () => {
      const { token } = value(await signUpKim());
      clock += 12 * HOUR - 1;
      expect((await accounts.authenticate(token)).ok).toBe(true);
      clock += 1;
      expect(await accounts.authenticate(token)).toEqual({ ok: false, error: { code: 'session-expired' } });
      expect(await accounts.authenticate(token)).toEqual({ ok: false, error: { code: 'not-signed-in' } });
    });

    it('refuses a missing or made-up token', async () => {
      expect(await accounts.authenticate(undefined)).toEqual({ ok: false, error: { code: 'not-signed-in' } });
      expect(await accounts.authenticate('')).toEqual({ ok: false, error: { code: 'not-signed-in' } });
      expect(await accounts.authenticate('x'.repeat(43))).toEqual({
        ok: false,
        error: { code: 'not-signed-in' },
      });
      await accounts.signOut('x'.repeat(43));
    });

    it('clears expired sessions when someone signs in', async () => {
      const first = value(await signUpKim());
      clock += 13 * HOUR;
      value(await accounts.signIn({ email: 'kim@school.kr', password: 'correct horse battery' }));
      expect(await db.sessions.find(hashSessionToken(first.token))).toBeUndefined();
    });

    it('upgrades a hash made with old parameters at the next sign-in', async () => {
      const { teacher } = value(await signUpKim());
      const { hashPassword } = await import('../../server/accounts/index.ts');
      await db.teachers.setPasswordHash(
        teacher.id,
        await hashPassword('correct horse battery', { logN: 14, r: 8, p: 1 }),
      );
      value(await accounts.signIn({ email: 'kim@school.kr', password: 'correct horse battery' }));
      expect((await db.teachers.findByEmail('kim@school.kr'))?.passwordHash).toMatch(/^\$scrypt\$ln=15,/);
    });

    it("a signed-in teacher reads their own report and CSV but not another teacher's", async () => {
      const kim: SignedIn = value(await signUpKim());
      const lee: SignedIn = value(
        await accounts.signUp({ email: 'lee@school.kr', password: 'another password!', displayName: 'Lee' }),
      );
      const session = await db.classSessions.create({
        teacherId: kim.teacher.id,
        joinCode: 'KIM1',
        settings: {},
      });
      const roundId = await db.rounds.save(sampleRound(session.id));
      const asKim = value(await accounts.authenticate(kim.token)).teacher;
      const asLee = value(await accounts.authenticate(lee.token)).teacher;
      expect((await db.rounds.getReport(roundId, asKim.id))?.players).toHaveLength(2);
      expect(await db.rounds.getReport(roundId, asLee.id)).toBeUndefined();
      expect(await db.csvForSession(session.id, asLee.id)).toBeUndefined();
      expect(await db.classSessions.listForTeacher(asLee.id)).toEqual([]);
    });
  });
}

describe('SESSION_TTL_HOURS', () => {
  it('defaults to 12 hours and refuses nonsense', () => {
    expect(sessionTtlHoursFromEnv({})).toBe(12);
    expect(sessionTtlHoursFromEnv({ SESSION_TTL_HOURS: '8' })).toBe(8);
    expect(sessionTtlHoursFromEnv({ SESSION_TTL_HOURS: '0.5' })).toBe(0.5);
    expect(() => sessionTtlHoursFromEnv({ SESSION_TTL_HOURS: '0' })).toThrow(RangeError);
    expect(() => sessionTtlHoursFromEnv({ SESSION_TTL_HOURS: 'twelve' })).toThrow(RangeError);
  });
});
