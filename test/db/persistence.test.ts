// Stored reports survive closing and reopening the database (a server restart), on each backend.
import { afterEach, describe, expect, it } from 'vitest';
import { createAccounts } from '../../server/accounts/index.ts';
import { openDatabase } from '../../server/db/index.ts';
import { BACKENDS, type FreshDatabase } from './backends.ts';
import { sampleRound } from './fixtures.ts';

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`persistence on ${backend.name}`, () => {
    let fresh: FreshDatabase | undefined;
    afterEach(async () => {
      await fresh?.dispose();
      fresh = undefined;
    });

    it('keeps accounts, sessions, reports, CSV, solo progress and snapshots across a restart', async () => {
      fresh = await backend.fresh();
      const before = await openDatabase(fresh.config);
      const signedUp = await createAccounts(before).signUp({
        email: 'yoon@school.kr',
        password: 'correct horse battery',
        displayName: 'Yoon',
      });
      if (!signedUp.ok) throw new Error(signedUp.error.code);
      const { teacher, token } = signedUp.value;
      const session = await before.classSessions.create({
        teacherId: teacher.id,
        joinCode: 'YN42',
        settings: { cores: 4 },
      });
      const roundIds = [
        await before.rounds.save(sampleRound(session.id, 1)),
        await before.rounds.save(sampleRound(session.id, 2)),
      ];
      await before.classSessions.end(session.id, teacher.id);
      await before.soloProgress.set('browser-9', { levelId: 'l05-quantum', stars: 3, score: 70 });
      await before.snapshots.save({
        roomId: 'room-9',
        scenario: { id: 's' },
        seed: 42,
        actionLog: [{ tick: 5 }],
      });
      const reports = await Promise.all(roundIds.map((id) => before.rounds.getReport(id, teacher.id)));
      const csv = await before.csvForSession(session.id, teacher.id);
      const history = await before.classSessions.listForTeacher(teacher.id);
      await before.close();

      const after = await openDatabase(fresh.config);
      try {
        const accounts = createAccounts(after);
        expect((await accounts.authenticate(token)).ok).toBe(true);
        expect(
          (await accounts.signIn({ email: 'yoon@school.kr', password: 'correct horse battery' })).ok,
        ).toBe(true);
        expect(await Promise.all(roundIds.map((id) => after.rounds.getReport(id, teacher.id)))).toEqual(
          reports,
        );
        expect(await after.csvForSession(session.id, teacher.id)).toBe(csv);
        expect(await after.classSessions.listForTeacher(teacher.id)).toEqual(history);
        expect(history[0]?.endedAt).not.toBeNull();
        expect(await after.soloProgress.get('browser-9')).toMatchObject([
          { levelId: 'l05-quantum', stars: 3, bestScore: 70 },
        ]);
        expect(await after.snapshots.load('room-9')).toMatchObject({ seed: 42, actionLog: [{ tick: 5 }] });
      } finally {
        await after.close();
      }
    });
  });
}
