// Round trip of every repository method, on each backend, including the teacher scoping of reports and CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, openDatabase, type Database, type Teacher } from '../../server/db/index.ts';
import { BACKENDS, type FreshDatabase } from './backends.ts';
import { sampleRound } from './fixtures.ts';

async function teacher(db: Database, email: string): Promise<Teacher> {
  const created = await db.teachers.create({
    email,
    displayName: email.split('@')[0]!,
    passwordHash: `hash-of-${email}`,
  });
  if (created === 'email-taken') throw new Error(`${email} taken`);
  return created;
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`repositories on ${backend.name}`, () => {
    let fresh: FreshDatabase;
    let db: Database;
    beforeEach(async () => {
      fresh = await backend.fresh();
      db = await openDatabase(fresh.config);
    });
    afterEach(async () => {
      await db.close();
      await fresh.dispose();
    });

    it('reports which backend it is', () => {
      expect(db.kind).toBe(backend.name);
    });

    it('teachers: create, find by email ignoring case, refuse a duplicate email, replace the hash', async () => {
      const lee = await teacher(db, 'Lee.Teacher@School.KR');
      expect(lee).toMatchObject({ email: 'Lee.Teacher@School.KR', displayName: 'Lee.Teacher' });
      expect(lee.createdAt).toBeGreaterThan(Date.now() - 60_000);
      expect(await db.teachers.findByEmail('lee.teacher@school.kr')).toEqual({
        ...lee,
        passwordHash: 'hash-of-Lee.Teacher@School.KR',
      });
      expect(
        await db.teachers.create({ email: 'LEE.TEACHER@school.kr', displayName: 'Other', passwordHash: 'y' }),
      ).toBe('email-taken');
      expect(await db.teachers.findByEmail('nobody@school.kr')).toBeUndefined();
      await db.teachers.setPasswordHash(lee.id, 'new-hash');
      expect((await db.teachers.findByEmail('lee.teacher@school.kr'))?.passwordHash).toBe('new-hash');
    });

    it('sessions: create, find with the teacher, delete, delete expired', async () => {
      const park = await teacher(db, 'park@school.kr');
      await db.sessions.create({ tokenHash: 'a'.repeat(64), teacherId: park.id, expiresAt: 2_000 });
      await db.sessions.create({ tokenHash: 'b'.repeat(64), teacherId: park.id, expiresAt: 9_000 });
      expect(await db.sessions.find('a'.repeat(64))).toMatchObject({
        tokenHash: 'a'.repeat(64),
        expiresAt: 2_000,
        teacher: park,
      });
      expect(await db.sessions.find('c'.repeat(64))).toBeUndefined();
      expect(await db.sessions.deleteExpired(2_000)).toBe(1);
      expect(await db.sessions.find('a'.repeat(64))).toBeUndefined();
      expect(await db.sessions.delete('b'.repeat(64))).toBe(true);
      expect(await db.sessions.delete('b'.repeat(64))).toBe(false);
    });

    it('class sessions: create, get, list newest first with round counts, end once, scoped to the teacher', async () => {
      const choi = await teacher(db, 'choi@school.kr');
      const other = await teacher(db, 'other@school.kr');
      const settings = {
        scenarioId: 'dispatch-basics',
        cores: 2,
        quantum: 4,
        speed: 1,
        switchCost: 1,
        leaderboard: true,
        roles: { scheduler: 2 },
      };
      const first = await db.classSessions.create({ teacherId: choi.id, joinCode: 'K7Q2', settings });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await db.classSessions.create({ teacherId: choi.id, joinCode: 'M3X9', settings: {} });
      expect(first).toMatchObject({ teacherId: choi.id, joinCode: 'K7Q2', settings, endedAt: null });
      expect(await db.classSessions.get(first.id, choi.id)).toEqual(first);
      expect(await db.classSessions.get(first.id, other.id)).toBeUndefined();
      await db.rounds.save(sampleRound(first.id, 1));
      await db.rounds.save(sampleRound(first.id, 2));
      const list = await db.classSessions.listForTeacher(choi.id);
      expect(list.map((s) => [s.joinCode, s.roundCount])).toEqual([
        ['M3X9', 0],
        ['K7Q2', 2],
      ]);
      expect(await db.classSessions.listForTeacher(other.id)).toEqual([]);
      expect(await db.classSessions.end(second.id, other.id, 5_000)).toBe(false);
      expect(await db.classSessions.end(second.id, choi.id, 5_000)).toBe(true);
      expect(await db.classSessions.end(second.id, choi.id, 6_000)).toBe(false);
      expect((await db.classSessions.get(second.id, choi.id))?.endedAt).toBe(5_000);
    });

    it('rounds: save with players, read the report back, list for the session, refuse a repeated round', async () => {
      const jung = await teacher(db, 'jung@school.kr');
      const session = await db.classSessions.create({ teacherId: jung.id, joinCode: 'AB12', settings: {} });
      const round = sampleRound(session.id, 1);
      const id = await db.rounds.save(round);
      const report = await db.rounds.getReport(id, jung.id);
      expect(report).toEqual({ ...round, id, predictions: null }); // no prediction was stored with it
      const emptyId = await db.rounds.save({ ...sampleRound(session.id, 2), players: [] });
      expect(await db.rounds.listForSession(session.id, jung.id)).toEqual([
        {
          id,
          roundNumber: 1,
          scenarioId: 'dispatch-basics',
          startedAt: round.startedAt,
          endedAt: round.endedAt,
          playerCount: 2,
        },
        {
          id: emptyId,
          roundNumber: 2,
          scenarioId: 'dispatch-basics',
          startedAt: round.startedAt,
          endedAt: round.endedAt,
          playerCount: 0,
        },
      ]);
      await expect(db.rounds.save(sampleRound(session.id, 1))).rejects.toThrow(/already stored/);
      await expect(
        db.rounds.save({ ...sampleRound(session.id, 3), players: [{ ...round.players[0]!, score: 1.5 }] }),
      ).rejects.toThrow(RangeError);
      await expect(db.rounds.save(sampleRound('no-such-session', 1))).rejects.toThrow();
      expect(await db.rounds.listForSession(session.id, jung.id)).toHaveLength(2);
    });

    it("roles across rounds: every student's role, crew, jobs and score per round, the latest nickname, the owner only", async () => {
      const kim = await teacher(db, 'kim-roles@school.kr');
      const other = await teacher(db, 'other-roles@school.kr');
      const session = await db.classSessions.create({ teacherId: kim.id, joinCode: 'R0L3', settings: {} });
      await db.rounds.save(sampleRound(session.id, 1));
      const second = sampleRound(session.id, 2);
      second.players[0] = {
        ...second.players[0]!,
        nickname: 'Ada',
        role: 'thread',
        score: 7,
        crew: 1,
        jobs: [{ slot: 'thread:counter:0', crew: 1, fromTick: 0 }],
      };
      second.players.pop(); // 민수 sat round 2 out
      await db.rounds.save(second);
      const roles = await db.rounds.rolesForSession(session.id, kim.id);
      expect(roles).toEqual([
        {
          playerId: 'p-1',
          nickname: 'Ada',
          rounds: [
            {
              roundNumber: 1,
              role: 'scheduler',
              crew: 2,
              jobs: [
                { slot: 'scheduler:0', crew: 2, fromTick: 0 },
                { slot: 'thread:counter:1', crew: 2, fromTick: 14 },
              ],
              score: 120,
            },
            {
              roundNumber: 2,
              role: 'thread',
              crew: 1,
              jobs: [{ slot: 'thread:counter:0', crew: 1, fromTick: 0 }],
              score: 7,
            },
          ],
        },
        {
          playerId: 'p-2',
          nickname: '민수',
          rounds: [{ roundNumber: 1, role: 'interrupt-handler', crew: null, jobs: null, score: 95 }],
        },
      ]);
      expect(await db.rounds.rolesForSession(session.id, other.id)).toEqual([]);
    });

    it("a teacher cannot read another teacher's report, round list or CSV", async () => {
      const owner = await teacher(db, 'owner@school.kr');
      const intruder = await teacher(db, 'intruder@school.kr');
      const session = await db.classSessions.create({ teacherId: owner.id, joinCode: 'ZZ99', settings: {} });
      const id = await db.rounds.save(sampleRound(session.id));
      expect(await db.rounds.getReport(id, owner.id)).toBeDefined();
      expect(await db.rounds.getReport(id, intruder.id)).toBeUndefined();
      expect(await db.rounds.listForSession(session.id, intruder.id)).toEqual([]);
      expect(await db.csvForSession(session.id, intruder.id)).toBeUndefined();
      expect(await db.csvForSession(session.id, owner.id)).toBeDefined();
    });

    it('CSV: a header and one row per student per round, quoted, formula-safe, UTF-8 with BOM', async () => {
      const han = await teacher(db, 'han@school.kr');
      const session = await db.classSessions.create({ teacherId: han.id, joinCode: 'Q1W2', settings: {} });
      const r1 = await db.rounds.save(sampleRound(session.id, 1));
      const second = sampleRound(session.id, 2);
      second.players[1] = { ...second.players[1]!, nickname: '=HYPERLINK("x")', meanLatencyMs: 333.333 };
      const r2 = await db.rounds.save(second);
      const csv = (await db.csvForSession(session.id, han.id))!;
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const lines = csv.slice(1).split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines[0]).toBe(CSV_COLUMNS.join(','));
      expect(lines.slice(1, -1)).toEqual([
        `${session.id},Q1W2,1,${r1},dispatch-basics,2026-03-03T09:00:00.000Z,2026-03-03T09:04:30.000Z,p-1,"Ada, ""the"" scheduler",scheduler,120,31,2,812.5,2,scheduler:0 @0 → thread:counter:1 @14`,
        `${session.id},Q1W2,1,${r1},dispatch-basics,2026-03-03T09:00:00.000Z,2026-03-03T09:04:30.000Z,p-2,민수,interrupt-handler,95,12,0,,,`,
        `${session.id},Q1W2,2,${r2},dispatch-basics,2026-03-03T09:00:00.000Z,2026-03-03T09:04:30.000Z,p-2,"'=HYPERLINK(""x"")",interrupt-handler,95,12,0,333.3,,`,
        `${session.id},Q1W2,2,${r2},dispatch-basics,2026-03-03T09:00:00.000Z,2026-03-03T09:04:30.000Z,p-1,"Ada, ""the"" scheduler",scheduler,120,31,2,812.5,2,scheduler:0 @0 → thread:counter:1 @14`,
      ]);
      const empty = await db.classSessions.create({ teacherId: han.id, joinCode: 'E000', settings: {} });
      expect(await db.csvForSession(empty.id, han.id)).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
    });

    it("CSV in the teacher's language and time zone: Korean headers, local times, the zone in the header", async () => {
      const han = await teacher(db, 'han-ko@school.kr');
      const session = await db.classSessions.create({ teacherId: han.id, joinCode: 'K0R1', settings: {} });
      await db.rounds.save(sampleRound(session.id, 1));
      const csv = (await db.csvForSession(session.id, han.id, { lang: 'ko', timeZone: 'Asia/Seoul' }))!;
      const [header, first] = csv.slice(1).split('\r\n');
      expect(header).toBe(
        '세션 ID,참가 코드,라운드,라운드 ID,시나리오,라운드 시작 시각 (Asia/Seoul),라운드 종료 시각 (Asia/Seoul),학생 ID,닉네임,역할,점수,행동 수,거부된 행동 수,평균 반응 시간(ms),크루,맡은 일(시작 틱)',
      );
      // 09:00 UTC is 18:00 in Seoul.
      expect(first).toContain(',2026-03-03 18:00:00,2026-03-03 18:04:30,');
      const en = (await db.csvForSession(session.id, han.id, { lang: 'en', timeZone: 'America/New_York' }))!;
      expect(en.slice(1).split('\r\n')[0]).toContain('round_started_at (America/New_York)');
      expect(en).toContain(',2026-03-03 04:00:00,');
    });

    it('solo progress: get and set, keeping the best stars and score', async () => {
      expect(await db.soloProgress.get('browser-1')).toEqual([]);
      expect(
        await db.soloProgress.set('browser-1', { levelId: 'l02-dispatch', stars: 2, score: 40 }),
      ).toMatchObject({ stars: 2, bestScore: 40 });
      expect(
        await db.soloProgress.set('browser-1', { levelId: 'l02-dispatch', stars: 1, score: 55 }),
      ).toMatchObject({ stars: 2, bestScore: 55 });
      expect(
        await db.soloProgress.set('browser-1', { levelId: 'l02-dispatch', stars: 3, score: 10 }),
      ).toMatchObject({ stars: 3, bestScore: 55 });
      await db.soloProgress.set('browser-1', { levelId: 'l01-boot', stars: 1, score: 5 });
      await db.soloProgress.set('browser-2', { levelId: 'l01-boot', stars: 3, score: 99 });
      const progress = await db.soloProgress.get('browser-1');
      expect(progress.map((p) => [p.levelId, p.stars, p.bestScore])).toEqual([
        ['l01-boot', 1, 5],
        ['l02-dispatch', 3, 55],
      ]);
      await expect(db.soloProgress.set('browser-1', { levelId: 'x', stars: -1, score: 0 })).rejects.toThrow(
        RangeError,
      );
    });

    it('solo progress keeps the undo count of the best attempt (fewer wins a tie; none sent: unknown)', async () => {
      const set = (score: number, undos?: number) =>
        db.soloProgress.set('browser-u', {
          levelId: 'l03',
          stars: 1,
          score,
          ...(undos === undefined ? {} : { undos }),
        });
      expect(await set(10)).toMatchObject({ bestScore: 10, undos: null });
      expect(await set(10, 4)).toMatchObject({ bestScore: 10, undos: 4 });
      expect(await set(10, 6)).toMatchObject({ bestScore: 10, undos: 4 });
      expect(await set(10, 1)).toMatchObject({ bestScore: 10, undos: 1 });
      expect(await set(5, 0)).toMatchObject({ bestScore: 10, undos: 1 });
      expect(await set(20, 3)).toMatchObject({ bestScore: 20, undos: 3 });
      expect(await set(20)).toMatchObject({ bestScore: 20, undos: 3 });
      expect((await db.soloProgress.get('browser-u'))[0]).toMatchObject({ bestScore: 20, undos: 3 });
      await expect(
        db.soloProgress.set('browser-u', { levelId: 'l03', stars: 1, score: 1, undos: -1 }),
      ).rejects.toThrow(RangeError);
    });

    it('snapshots: save, replace, load, list, delete', async () => {
      expect(await db.snapshots.load('room-a')).toBeUndefined();
      const scenario = { id: 'race', cores: 2, programs: { counter: ['load x', 'add 1', 'store x'] } };
      await db.snapshots.save({
        roomId: 'room-a',
        scenario,
        seed: 0xdeadbeef,
        actionLog: [{ tick: 1, action: { type: 'dispatch' } }],
      });
      await db.snapshots.save({ roomId: 'room-b', scenario: {}, seed: 1, actionLog: [] });
      await db.snapshots.save({
        roomId: 'room-a',
        scenario,
        seed: 0xdeadbeef,
        actionLog: [{ tick: 1 }, { tick: 2 }],
      });
      expect(await db.snapshots.load('room-a')).toMatchObject({
        roomId: 'room-a',
        scenario,
        seed: 0xdeadbeef,
        actionLog: [{ tick: 1 }, { tick: 2 }],
      });
      expect((await db.snapshots.list()).map((s) => s.roomId).sort()).toEqual(['room-a', 'room-b']);
      expect(await db.snapshots.delete('room-a')).toBe(true);
      expect(await db.snapshots.delete('room-a')).toBe(false);
      expect(await db.snapshots.load('room-a')).toBeUndefined();
    });
  });
}

describe('database configuration from the environment', () => {
  it('uses PostgreSQL when DATABASE_URL is set, else a SQLite file under data/ at the repository root', async () => {
    const { databaseConfigFromEnv } = await import('../../server/db/index.ts');
    const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://u@h/db', DATABASE_FILE: 'x.sqlite' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
    expect(databaseConfigFromEnv({})).toEqual({ kind: 'sqlite', file: `${root}/data/kernel-crew.sqlite` });
    expect(databaseConfigFromEnv({ DATABASE_FILE: '/var/lib/kc.sqlite' })).toEqual({
      kind: 'sqlite',
      file: '/var/lib/kc.sqlite',
    });
    expect(databaseConfigFromEnv({ DATABASE_FILE: ':memory:', DATABASE_URL: ' ' })).toEqual({
      kind: 'sqlite',
      file: ':memory:',
    });
  });

  it('opens an in-memory SQLite database for throwaway use', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    expect(await db.teachers.findByEmail('a@b.co')).toBeUndefined();
    await db.close();
  });
});
