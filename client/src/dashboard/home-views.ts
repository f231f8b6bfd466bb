// The dashboard's simple pages: sign in / sign up, create a room with the lesson's settings, the
// history of sessions, and one session's rounds with its CSV download.
import { ApiError, api, type RoomSettings, type Teacher } from './api.ts';
import { SCORE_MODES, type ScoreMode } from '../../../shared/roles/types.ts';
import type { Limit } from '../../../shared/kernel/limits.ts';
import { openDialog } from './dialog.ts';
import { checkbox, field, fill, h } from './dom.ts';
import { lang, t, type TextKey } from './texts.ts';
import { roleText, slotLabel } from './job-text.ts';

/** Turns an API refusal into a sentence in the current language. */
export function explain(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}` as TextKey;
    if (key === 'error.network' || key in KNOWN) return t(key);
    return t('error.generic', { message: error.message });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}
const KNOWN = {
  'error.bad-credentials': 1,
  'error.email-taken': 1,
  'error.rate-limited': 1,
  'error.session-expired': 1,
  'error.not-signed-in': 1,
};

function alertBox(): HTMLElement {
  return h('p', { class: 'alert', role: 'alert', hidden: true });
}

function showAlert(box: HTMLElement, text: string): void {
  box.textContent = text;
  box.hidden = false;
}

/** What the sign-in page says once when it opens (a password just reset), instead of a browser alert. */
let signInNotice: string | null = null;

/** The sign-in and sign-up forms side by side. */
export function authView(root: HTMLElement, onSignedIn: (teacher: Teacher) => void): void {
  const notice = signInNotice;
  signInNotice = null;
  const inEmail = h('input', { type: 'email', autocomplete: 'username', required: true });
  const inPassword = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const inAlert = alertBox();
  const signIn = h(
    'form',
    { class: 'card', 'aria-labelledby': 'signin-h' },
    h('h2', { id: 'signin-h' }, t('auth.signin')),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    field('signin-email', t('auth.email'), inEmail),
    field('signin-password', t('auth.password'), inPassword),
    inAlert,
    h('button', { type: 'submit', class: 'primary' }, t('auth.signin')),
  );
  signIn.addEventListener('submit', (e) => {
    e.preventDefault();
    api.signIn(inEmail.value, inPassword.value).then(
      (r) => onSignedIn(r.teacher),
      (err: unknown) => showAlert(inAlert, explain(err)),
    );
  });

  const upName = h('input', { type: 'text', autocomplete: 'name', required: true, maxlength: 80 });
  const upEmail = h('input', { type: 'email', autocomplete: 'email', required: true });
  const upPassword = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 10,
  });
  const upAlert = alertBox();
  const signUp = h(
    'form',
    { class: 'card', 'aria-labelledby': 'signup-h' },
    h('h2', { id: 'signup-h' }, t('auth.signup')),
    field('signup-name', t('auth.name'), upName),
    field('signup-email', t('auth.email'), upEmail),
    field('signup-password', t('auth.password'), upPassword, t('auth.password.hint')),
    upAlert,
    h('button', { type: 'submit', class: 'primary' }, t('auth.signup')),
  );
  signUp.addEventListener('submit', (e) => {
    e.preventDefault();
    api.signUp(upEmail.value, upPassword.value, upName.value).then(
      (r) => onSignedIn(r.teacher),
      (err: unknown) => showAlert(upAlert, explain(err)),
    );
  });
  const forgotEmail = h('input', { type: 'email', autocomplete: 'email', required: true });
  const forgotAlert = alertBox();
  const forgot = h(
    'form',
    { class: 'card', 'aria-labelledby': 'forgot-h' },
    h('h2', { id: 'forgot-h' }, t('auth.forgot')),
    field('forgot-email', t('auth.email'), forgotEmail),
    forgotAlert,
    h('button', { type: 'submit' }, t('auth.forgot.send')),
  );
  forgot.addEventListener('submit', (e) => {
    e.preventDefault();
    api.forgot(forgotEmail.value).then(
      () => showAlert(forgotAlert, t('auth.forgot.sent')),
      (err: unknown) => showAlert(forgotAlert, explain(err)),
    );
  });
  fill(
    root,
    h('p', { class: 'intro' }, t('auth.intro')),
    h('div', { class: 'columns' }, signIn, signUp),
    forgot,
  );
}

/** The page a one-time reset link opens (#/reset/TOKEN): a new password, then back to sign-in. */
export function resetView(root: HTMLElement, token: string, done: () => void): void {
  const password = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 10,
  });
  const alert = alertBox();
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'reset-h' },
    h('h2', { id: 'reset-h' }, t('auth.reset')),
    field('reset-password', t('auth.password'), password, t('auth.password.hint')),
    alert,
    h('button', { type: 'submit', class: 'primary' }, t('auth.reset.save')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    api.resetPassword(token, password.value).then(
      () => {
        signInNotice = t('auth.reset.done');
        done();
      },
      (err: unknown) => showAlert(alert, explain(err)),
    );
  });
  fill(root, form);
}

function numberInput(value: number, min: number, max: number, step = 1): HTMLInputElement {
  return h('input', { type: 'number', value, min, max, step, required: true, inputmode: 'decimal' });
}

/** A number input bounded by one of the kernel's declared ranges, as the server serves them (GET /api/limits). */
function limitInput(value: number, l: Limit): HTMLInputElement {
  return numberInput(value, l.min, l.max, l.step);
}

/** The create-a-room form and the history list. */
export async function homeView(root: HTMLElement, go: (hash: string) => void): Promise<void> {
  const [{ scenarios, defaults }, { sessions }, { limits }] = await Promise.all([
    api.scenarios(),
    api.sessions(),
    api.limits(),
  ]);
  const first = scenarios[0] ?? { id: 'class-workshop', cores: 2, quantum: 4, switchCost: 1 };
  const title = h('input', { type: 'text', maxlength: 60, placeholder: first.id });
  const language = lang() === 'ko' ? 'ko' : 'en';
  const scenario = h(
    'select',
    {},
    ...scenarios.map((s) => h('option', { value: s.id }, s.title ? `${s.title[language]} (${s.id})` : s.id)),
  );
  const about = h('p', { class: 'hint scenario-about', 'data-testid': 'scenario-about' });
  const describe = (): void => {
    const s = scenarios.find((x) => x.id === scenario.value);
    about.textContent =
      s?.goal && s.question
        ? `${t('create.goal', { goal: s.goal[language] })} ${t('create.question', { question: s.question[language] })}`
        : '';
  };
  describe();
  const cores = limitInput(first.cores, limits.cores);
  const quantum = limitInput(first.quantum, limits.quantum);
  const switchCost = limitInput(first.switchCost, limits.switchCost);
  const speed = limitInput(defaults.ticksPerSecond, limits.speed);
  const maxPlayers = numberInput(Math.min(40, defaults.maxPlayers), 1, defaults.maxPlayers);
  scenario.addEventListener('change', () => {
    const s = scenarios.find((x) => x.id === scenario.value);
    if (s) {
      cores.value = String(s.cores);
      quantum.value = String(s.quantum);
      switchCost.value = String(s.switchCost);
    }
    describe();
  });
  const roles = h(
    'fieldset',
    { class: 'roles' },
    h('legend', {}, t('create.roles')),
    checkbox('role-interrupt', t('create.role.interrupt'), true),
    checkbox('role-thread', t('create.role.thread'), true),
    checkbox('role-ipc', t('create.role.ipc'), true),
  );
  const late = checkbox('late-join', t('create.late'), true);
  const boardSelect = h(
    'select',
    { id: 'leaderboard' },
    ...(['all', 'crew', 'off'] as const).map((m) => h('option', { value: m }, t(`create.leaderboard.${m}`))),
  );
  const board = field('leaderboard', t('create.leaderboard'), boardSelect);
  const scoringSelect = h(
    'select',
    { id: 'scoring' },
    ...SCORE_MODES.map((m) => h('option', { value: m }, t(`create.scoring.${m}`))),
  );
  const scoring = field('scoring', t('create.scoring'), scoringSelect);
  const alert = alertBox();
  const checked = (id: string) => (document.getElementById(id) as HTMLInputElement).checked;
  const form = h(
    'form',
    { class: 'card create', 'aria-labelledby': 'create-h' },
    h('h2', { id: 'create-h' }, t('create.heading')),
    h(
      'div',
      { class: 'grid' },
      field('room-title', t('create.title'), title),
      field('room-scenario', t('create.scenario'), scenario),
      about,
      field('room-cores', t('create.cores'), cores),
      field('room-quantum', t('create.quantum'), quantum),
      field('room-switch', t('create.switch'), switchCost),
      field('room-speed', t('create.speed'), speed),
      field('room-max', t('create.max'), maxPlayers),
    ),
    roles,
    late,
    board,
    scoring,
    alert,
    h('button', { type: 'submit', class: 'primary' }, t('create.submit')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const settings: RoomSettings = {
      scenario: scenario.value,
      cores: Number(cores.value),
      quantum: Number(quantum.value),
      switchCost: Number(switchCost.value),
      ticksPerSecond: Number(speed.value),
      maxPlayers: Number(maxPlayers.value),
      roles: {
        interrupt: checked('role-interrupt'),
        thread: checked('role-thread'),
        ipc: checked('role-ipc'),
      },
      lateJoin: checked('late-join'),
      leaderboard: boardSelect.value as 'off' | 'crew' | 'all',
      scoring: scoringSelect.value as ScoreMode,
      ...(title.value.trim() ? { title: title.value.trim() } : {}),
    };
    api.createRoom(settings).then(
      (room) => go(`#/live/${room.sessionId}`),
      (err: unknown) => showAlert(alert, explain(err)),
    );
  });

  const history = h(
    'section',
    { class: 'card', 'aria-labelledby': 'history-h' },
    h('h2', { id: 'history-h' }, t('history.heading')),
  );
  if (sessions.length === 0) history.append(h('p', {}, t('history.empty')));
  else {
    history.append(
      h(
        'table',
        { class: 'table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...(['history.date', 'history.room', 'history.rounds', 'history.status'] as const).map((k) =>
              h('th', { scope: 'col' }, t(k)),
            ),
            h('th', { scope: 'col' }, ''),
          ),
        ),
        h(
          'tbody',
          {},
          ...sessions.map((s) =>
            h(
              'tr',
              {},
              h('td', {}, new Date(s.createdAt).toLocaleString(lang())),
              h(
                'td',
                {},
                `${s.settings?.title ?? s.settings?.scenario ?? ''} · `,
                h('span', { class: 'mono' }, s.joinCode),
              ),
              h('td', {}, s.roundCount),
              h('td', {}, s.live ? t('history.live') : t('history.ended')),
              h(
                'td',
                { class: 'actions' },
                s.live ? h('a', { href: `#/live/${s.id}`, class: 'button' }, t('history.open_live')) : null,
                h('a', { href: `#/session/${s.id}` }, t('history.open_rounds')),
              ),
            ),
          ),
        ),
      ),
    );
  }
  fill(root, h('div', { class: 'columns' }, form, history));
}

type StudentRoles = Awaited<ReturnType<typeof api.session>>['students'][number];

/** Every student's part in each round: the jobs they held (in order; with the crew), the score; "—" for a round sat out. */
function rolesTable(students: readonly StudentRoles[], roundNumbers: readonly number[]): HTMLElement {
  const cell = (r: StudentRoles['rounds'][number]): string => {
    const jobs =
      r.jobs && r.jobs.length > 0 ? r.jobs.map((j) => slotLabel(j.slot)).join(' → ') : roleText(r.role);
    const crew = r.crew !== null ? `${t('crew.n', { n: r.crew })} · ` : '';
    return `${crew}${jobs} · ${t('session.roles.points', { n: r.score })}`;
  };
  return h(
    'table',
    { class: 'table roles-across-rounds', 'data-testid': 'roles-across-rounds' },
    h('caption', {}, t('session.roles.caption')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('roster.nickname')),
        ...roundNumbers.map((n) => h('th', { scope: 'col' }, t('session.round', { n }))),
      ),
    ),
    h(
      'tbody',
      {},
      ...students.map((s) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, s.nickname),
          ...roundNumbers.map((n) => {
            const r = s.rounds.find((x) => x.roundNumber === n);
            return h('td', {}, r ? cell(r) : '—');
          }),
        ),
      ),
    ),
  );
}

/** One session: its rounds (each a link to its report), every student's roles across them, the CSV download and closing the room. */
export async function sessionView(root: HTMLElement, id: string, go: (hash: string) => void): Promise<void> {
  const { session, rounds, students, live } = await api.session(id);
  const list =
    rounds.length === 0
      ? h('p', {}, t('session.no_rounds'))
      : h(
          'ol',
          { class: 'rounds' },
          ...rounds.map((r) =>
            h(
              'li',
              {},
              h('a', { href: `#/report/${r.id}` }, t('session.round', { n: r.roundNumber })),
              ` · ${new Date(r.endedAt).toLocaleTimeString(lang())} · ${r.playerCount}`,
            ),
          ),
        );
  const end = live
    ? h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () =>
            void openDialog({
              title: t('session.end'),
              message: t('session.end.confirm'),
              confirm: t('session.end'),
              danger: true,
              submit: () => api.endSession(id),
              describe: explain,
            }).then((ended) => {
              if (ended) go(`#/session/${id}`);
            }),
        },
        t('session.end'),
      )
    : null;
  fill(
    root,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'session-h' },
      h('h2', { id: 'session-h' }, t('session.heading', { code: session.joinCode })),
      list,
      students.length > 0
        ? rolesTable(
            students,
            rounds.map((r) => r.roundNumber),
          )
        : null,
      h(
        'p',
        { class: 'actions' },
        h(
          'a',
          { href: api.csvUrl(id, lang() === 'ko' ? 'ko' : 'en'), download: '', class: 'button' },
          t('session.csv'),
        ),
        live ? h('a', { href: `#/live/${id}`, class: 'button' }, t('history.open_live')) : null,
        end,
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'data-action': 'delete-session',
            onclick: () =>
              void openDialog({
                title: t('session.delete'),
                message: t('session.delete.confirm', { code: session.joinCode }),
                confirm: t('session.delete'),
                danger: true,
                input: { label: t('session.delete.code') },
                submit: (typed) => api.deleteSession(id, typed),
                describe: (err) =>
                  err instanceof ApiError && err.code === 'confirm'
                    ? t('session.delete.wrong')
                    : explain(err),
              }).then((deleted) => {
                if (deleted) go('#/');
              }),
          },
          t('session.delete'),
        ),
      ),
    ),
  );
}
