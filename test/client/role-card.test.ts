// Role cards come from the role and the score rule: every role has all five sections in both languages,
// the slot's cores, thread or channel are named, and the points quoted are SCORE_POINTS' own.
import { afterAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../client/src/i18n/index.ts';
import { roleCardTexts } from '../../client/src/views/role-card.ts';
import { SCORE_POINTS } from '../../shared/roles/score.ts';
import { signedPoints } from '../../shared/roles/score-texts.ts';

afterAll(() => setLanguage('en'));

describe('role cards', () => {
  for (const lang of ['en', 'ko'] as const) {
    it(`${lang}: every role has a title and five non-empty sections with no placeholder left`, () => {
      setLanguage(lang);
      for (const role of ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator', 'host']) {
        const card = roleCardTexts({ role, cores: [0, 1], thread: 'P3·T1', channel: 'jobs' });
        expect(card.sections).toHaveLength(5);
        for (const s of [card.title, ...card.sections.flatMap((x) => [x.heading, x.text])]) {
          expect(s.trim().length, `${role}: ${s}`).toBeGreaterThan(0);
          expect(s, `${role}`).not.toMatch(/\{\w+\}/);
        }
      }
    });
  }

  it("names the job and quotes the score rule's points", () => {
    setLanguage('en');
    const scheduler = roleCardTexts({ role: 'scheduler', cores: [0, 1], thread: '', channel: '' });
    expect(scheduler.sections[0]!.text).toContain('cores 1, 2');
    expect(scheduler.sections[4]!.text).toContain(
      `${signedPoints(SCORE_POINTS['preempt-cost'])} per preempt`,
    );
    expect(scheduler.sections[4]!.text).toContain(
      `+${SCORE_POINTS['core-busy-fast']} when a freed core runs again`,
    );
    const thread = roleCardTexts({ role: 'thread', cores: [], thread: 'P3·T1', channel: '' });
    expect(thread.sections[0]!.text).toContain('P3·T1');
    expect(thread.sections[4]!.text).toContain(
      `${signedPoints(SCORE_POINTS['lost-update'])} when your store overwrites`,
    );
    setLanguage('ko');
    expect(roleCardTexts({ role: 'ipc', cores: [], thread: '', channel: 'jobs' }).title).toBe(
      '내 역할: IPC 채널',
    );
  });

  for (const lang of ['en', 'ko'] as const)
    it(`${lang}: a room without speed bonus quotes no time in the score section`, () => {
      setLanguage(lang);
      for (const role of ['scheduler', 'interrupt', 'ipc']) {
        const subject = { role, cores: [0], thread: '', channel: 'jobs' };
        const timed = roleCardTexts(subject).sections[4]!.text;
        const untimed = roleCardTexts({ ...subject, scoring: 'no-speed' }).sections[4]!.text;
        expect(timed, role).toMatch(lang === 'en' ? /tick|as soon/ : /틱|바로/);
        expect(untimed, role).not.toMatch(lang === 'en' ? /tick|as soon|later/ : /틱|바로|늦으면/);
        expect(untimed, role).not.toMatch(/\{\w+\}/);
      }
    });
});
