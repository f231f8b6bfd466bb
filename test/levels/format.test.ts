// The level format, the goal language, the session's role boundaries, the map and the questions.
import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN,
  CHECKPOINTS,
  LEVELS,
  LevelSession,
  answerQuestion,
  checkpointStars,
  evaluateLevel,
  goalHolds,
  isUnlocked,
  levelById,
  mapView,
  mustParseLevel,
  nextNode,
  parseGoal,
  parseLevel,
  playLevel,
  questionProblems,
  type LevelInput,
} from '../../shared/levels/index.ts';
import { legalMoves, type KernelAction } from '../../shared/kernel/index.ts';
import { roleSlots } from '../../shared/roles/assign.ts';
import { levelSlots } from '../../shared/roles/level-slots.ts';

const tiny: LevelInput = {
  id: 'tiny',
  order: 1,
  branch: 'main',
  concepts: ['dispatch'],
  player: { role: 'scheduler' },
  scenario: { processes: [{ name: 'A', length: 2 }] },
  goal: 'finished == 1',
  stars: ['elapsed <= 5', 'elapsed <= 3', 'elapsed <= 2'],
  tickLimit: 10,
  title: { ko: '작은 레벨', en: 'Tiny' },
  goalText: { ko: '끝내세요.', en: 'Finish.' },
  card: { ko: ['하나.', '둘.', '셋.'], en: ['One.', 'Two.', 'Three.'] },
  hints: [{ ko: '디스패치하세요.', en: 'Dispatch.' }],
};

describe('the goal language', () => {
  it('parses sentences joined by "and", objects and lists', () => {
    const g = parseGoal('lostUpdates == 0 and var.bank.balance == 4');
    expect(g.ok && g.goal.map((c) => c.text)).toEqual(['lostUpdates == 0', 'var.bank.balance == 4']);
    const o = parseGoal({ metric: 'averages.waiting', op: '<=', value: 7 });
    expect(o.ok && goalHolds(o.goal, { 'averages.waiting': 7 })).toBe(true);
    const l = parseGoal(['a > 1', { metric: 'b', op: '!=', value: 'a' }]);
    expect(l.ok && goalHolds(l.goal, { a: 2, b: 3 })).toBe(true);
    expect(l.ok && goalHolds(l.goal, { a: 2, b: 2 })).toBe(false);
  });

  it('compares sums and differences of figures', () => {
    const g = parseGoal('var.shop.made - var.shop.sold <= 2 and x + 1 == y');
    expect(g.ok && goalHolds(g.goal, { 'var.shop.made': 4, 'var.shop.sold': 2, x: 1, y: 2 })).toBe(true);
    expect(g.ok && goalHolds(g.goal, { 'var.shop.made': 5, 'var.shop.sold': 2, x: 1, y: 2 })).toBe(false);
  });

  it('treats a missing figure as not holding', () => {
    const g = parseGoal('proc.ls.ppid == proc.bash.pid');
    expect(g.ok && goalHolds(g.goal, { 'proc.bash.pid': 1 })).toBe(false);
  });

  it('says what is wrong with a bad goal', () => {
    for (const bad of ['balance', 'a == ', 'a = 1', 'a == b +', '== 3', 'a $ 2 == 1']) {
      const r = parseGoal(bad);
      expect(r.ok, bad).toBe(false);
    }
  });
});

describe('the level format', () => {
  it('accepts a well-formed level', () => {
    expect(parseLevel(tiny).ok).toBe(true);
  });

  it('refuses a level with the reason, naming the field', () => {
    const cases: [Partial<LevelInput> & Record<string, unknown>, RegExp][] = [
      [{ id: 'Bad Id' }, /id/],
      [{ concepts: ['not-a-concept' as never] }, /concepts/],
      [{ scenario: { processes: [] } }, /scenario/],
      [{ goal: 'nonsense' }, /goal/],
      [{ stars: ['a > 1', 'a > 2', 'a > 3', 'a > 4'] }, /stars/],
      [{ player: { role: 'interrupt' } }, /interrupts/],
      [{ player: { role: 'ipc', channels: ['x'] } }, /delivery/],
      [{ player: { role: 'thread', threads: [{ process: 'A' }] } }, /steered/],
      [{ player: { role: 'scheduler', cores: [3] } }, /core 3/],
      [{ card: { ko: ['하나.'], en: ['One.'] } }, /card/],
      [{ title: { ko: '', en: 'x' } }, /title/],
    ];
    for (const [patch, why] of cases) {
      const r = parseLevel({ ...tiny, ...patch });
      expect(r.ok, JSON.stringify(patch)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(why);
    }
  });

  it('gives stars by leading thresholds met, and all three when fewer thresholds are all met', () => {
    const level = mustParseLevel(tiny);
    const s = new LevelSession(level);
    while (!s.over()) {
      if (s.state.cores[0]!.running === null && s.state.readyQueue.length)
        s.act({ type: 'dispatch', core: 0, tid: s.state.readyQueue[0]! });
      s.step();
    }
    expect(s.result()).toMatchObject({ passed: true, stars: 3 });
    const one = mustParseLevel({ ...tiny, stars: ['finished == 1'] });
    expect(evaluateLevel(one, s.state).stars).toBe(3);
    const two = mustParseLevel({ ...tiny, stars: ['elapsed <= 5', 'elapsed <= 1', 'elapsed <= 0'] });
    expect(evaluateLevel(two, s.state).stars).toBe(1);
  });

  it('gives no star when the 1★ row fails, even if the goal holds (level 1 once gave 1★ beside a ✗ row)', () => {
    const level = levelById('boot-hello')!;
    // FIFO by hand, but the first dispatch only at tick 8: the goal holds (everything finishes), 16 ticks do not
    const late = playLevel(level, (st) =>
      st.tick >= 8 && st.cores[0]!.running === null && st.readyQueue.length > 0
        ? [{ type: 'dispatch', core: 0, tid: st.readyQueue[0]! }]
        : [],
    );
    expect(goalHolds(level.goal, late.figures)).toBe(true);
    expect(goalHolds(level.stars[0]!, late.figures)).toBe(false);
    expect(late).toMatchObject({ passed: false, stars: 0, score: 0 });
    const prompt = playLevel(level, (st) =>
      st.cores[0]!.running === null && st.readyQueue.length > 0
        ? [{ type: 'dispatch', core: 0, tid: st.readyQueue[0]! }]
        : [],
    );
    expect(goalHolds(level.stars[0]!, prompt.figures)).toBe(true);
    expect(prompt.passed).toBe(true);
    expect(prompt.stars).toBeGreaterThanOrEqual(1);
  });

  it('an attempt where nothing happened earns nothing: no move by the player, or no core ever ran', () => {
    const lazy = mustParseLevel({
      ...tiny,
      goal: 'averages.waiting <= 7',
      stars: ['averages.waiting <= 7'],
      mustFinish: false,
    });
    const s = new LevelSession(lazy);
    while (!s.over()) s.step();
    expect(s.state.cores[0]!.busyTicks).toBe(0);
    expect(goalHolds(lazy.goal, s.result().figures)).toBe(true); // the figure alone would pass it: averages.waiting = 0
    expect(s.result()).toMatchObject({ passed: false, stars: 0, idle: true });
    expect(evaluateLevel(lazy, s.state)).toMatchObject({ passed: false, idle: true }); // judged from the machine alone: no core ran
    const busy = new LevelSession(lazy);
    busy.act({ type: 'dispatch', core: 0, tid: busy.state.readyQueue[0]! });
    while (!busy.over()) busy.step();
    expect(busy.result()).toMatchObject({ passed: true, stars: 3, idle: false });
  });
});

describe('a level session', () => {
  it("refuses moves that are not the player's job and counts refusals", () => {
    const level = levelById('time-slice')!;
    const s = new LevelSession(level);
    const r = s.act({ type: 'dispatch', core: 0, tid: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.rejection.code).toBe('not-your-job');
    expect(s.refused).toBe(1);
    expect(s.figures()['player.refused']).toBe(1);
  });

  it("takes exactly the player's jobs' moves, in every level: other jobs' legal moves are not-your-job", () => {
    // The oracle: the move is legal for one of the level's own jobs (the kernel's list, not the edge's table).
    const key = (a: KernelAction) => JSON.stringify(a, Object.keys(a).sort());
    const mine = (level: (typeof LEVELS)[number], st: LevelSession['state'], a: KernelAction): boolean =>
      levelSlots(level).some((slot) => legalMoves(st, slot).some((b) => key(b) === key(a)));
    let theirs = 0;
    let others = 0;
    // and a scheduler of one core of two (no campaign level splits the cores)
    const halfCpu = mustParseLevel({
      ...tiny,
      player: { role: 'scheduler', cores: [1] },
      scenario: { cores: 2, processes: ['A', 'B', 'C'].map((name) => ({ name, length: 3 })) },
    });
    for (const level of [...LEVELS, halfCpu]) {
      const slots = roleSlots(level.scenarioParsed, 1000);
      for (let ticks = 0; ticks < 12; ticks++) {
        const probe = new LevelSession(level);
        for (let k = 0; k < ticks && !probe.over(); k++) probe.step();
        const moves = slots.flatMap((slot) => legalMoves(probe.state, slot)).slice(0, 12);
        for (const a of moves) {
          const s = new LevelSession(level);
          for (let k = 0; k < ticks && !s.over(); k++) s.step();
          const expected = mine(level, s.state, a);
          const r = s.act(a);
          expect(
            r.ok || r.rejection.code !== 'not-your-job',
            `${level.id} @${ticks}: ${JSON.stringify(a)}`,
          ).toBe(expected);
          if (expected) theirs++;
          else others++;
        }
      }
    }
    // both sides were exercised, in many levels
    expect(theirs).toBeGreaterThan(50);
    expect(others).toBeGreaterThan(50);
  });

  it("leaves the player's role to the player: no bot handles the interrupt handler's interrupts", () => {
    const s = new LevelSession(levelById('time-slice')!);
    for (let i = 0; i < 3; i++) s.step();
    expect(s.state.interrupts.length).toBeGreaterThan(0);
    const id = s.state.interrupts[0]!.id;
    expect(s.act({ type: 'handle-interrupt', id }).ok).toBe(true);
  });

  it("leaves the scheduler's cores to the player", () => {
    const s = new LevelSession(levelById('first-dispatch')!);
    s.step();
    expect(s.state.cores[0]!.running).toBe(null);
  });

  it("leaves a steered thread's choices to the player and the bots play the other thread", () => {
    const s = new LevelSession(levelById('mutex')!);
    s.step();
    const [mine, theirs] = Object.values(s.state.threads);
    expect(mine!.program).toEqual([]);
    expect(theirs!.program.length).toBeGreaterThan(0);
  });
});

describe('the map', () => {
  const main = CAMPAIGN.filter((n) => n.branch === 'main');

  it('places every level and checkpoint once, levels in order', () => {
    expect(CAMPAIGN.filter((n) => n.kind === 'level').map((n) => n.id)).toEqual(LEVELS.map((l) => l.id));
    expect(CAMPAIGN.filter((n) => n.kind === 'checkpoint').length).toBe(CHECKPOINTS.length);
    expect(CAMPAIGN.some((n) => n.branch === 'optional')).toBe(true);
    for (const c of CHECKPOINTS) expect(levelById(c.after), c.id).toBeDefined();
  });

  it('opens only the first node at the start', () => {
    const view = mapView(CAMPAIGN, {});
    expect(view.filter((n) => n.status === 'open').map((n) => n.id)).toEqual([CAMPAIGN[0]!.id]);
    expect(nextNode(CAMPAIGN, {})!.id).toBe(CAMPAIGN[0]!.id);
  });

  it('unlocks the main path in order, one node at a time', () => {
    const progress: Record<string, number> = {};
    for (let i = 0; i < main.length; i++) {
      for (let k = i + 1; k < main.length; k++)
        expect(isUnlocked(CAMPAIGN, progress, main[k]!.id), `${main[k]!.id} before ${main[i]!.id}`).toBe(
          false,
        );
      expect(isUnlocked(CAMPAIGN, progress, main[i]!.id)).toBe(true);
      expect(nextNode(CAMPAIGN, progress)!.id).toBe(main[i]!.id);
      progress[main[i]!.id] = 1;
    }
    expect(nextNode(CAMPAIGN, progress)).toBe(null);
    expect(
      mapView(CAMPAIGN, progress)
        .filter((n) => n.branch === 'main')
        .every((n) => n.status === 'done'),
    ).toBe(true);
  });

  it('opens an optional level with the main node before it, and never blocks the path on it', () => {
    for (const opt of CAMPAIGN.filter((n) => n.branch === 'optional')) {
      expect(isUnlocked(CAMPAIGN, {}, opt.id)).toBe(opt.after === null);
      expect(isUnlocked(CAMPAIGN, { [opt.after!]: 2 }, opt.id)).toBe(true);
    }
    const allMain = Object.fromEntries(main.map((n) => [n.id, 3]));
    expect(nextNode(CAMPAIGN, allMain)).toBe(null);
  });
});

describe('the questions', () => {
  const all = CHECKPOINTS.flatMap((c) => c.questions);

  it('number at least 30, five of them the interview questions of 004', () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
    const interview = all.filter((q) => q.interview);
    expect(interview.length).toBe(5);
    for (const q of interview) expect(q.source).toMatch(/^004_/);
    expect(all.filter((q) => !q.interview).length).toBeGreaterThanOrEqual(25);
  });

  it('are well-formed: unique ids, one correct answer among the choices, explanations in both languages', () => {
    expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
    for (const q of all) {
      expect(questionProblems(q), q.id).toEqual([]);
      expect(q.source).toMatch(/^00[0-4]_[0-9a-f]+\.txt$/);
      expect(q.ko.question).toMatch(/[가-힣]/);
      expect(q.en.question).not.toMatch(/[가-힣]/);
      const right = [0, 1, 2, 3, 4].filter(
        (i) => i < q.en.choices.length && answerQuestion(q, i, 'en').correct,
      );
      expect(right).toEqual([q.answer]);
      expect(answerQuestion(q, q.answer, 'ko').explanation).toBe(q.ko.explanation);
    }
  });

  it('do not always hide the answer in the same place', () => {
    expect(new Set(all.map((q) => q.answer)).size).toBeGreaterThanOrEqual(4);
  });

  it('turn right answers into checkpoint stars', () => {
    expect(checkpointStars(6, 6)).toBe(3);
    expect(checkpointStars(4, 6)).toBe(2);
    expect(checkpointStars(1, 6)).toBe(1);
    expect(checkpointStars(0, 0)).toBe(0);
  });
});
