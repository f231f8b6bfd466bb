// The teachers' dashboard page (dashboard.html): checks who is signed in, then routes by the URL's hash
// between sign-in, home (create a room, history), a live room, a session and a round's report.
import './dashboard.css';
// The same subset Noto Sans KR faces as the game (the dashboard's texts are in the subset too).
import '../fonts.ts';
import { ApiError, api, type Teacher } from './api.ts';
import { openDialog } from './dialog.ts';
import { fill, h } from './dom.ts';
import { authView, explain, homeView, resetView, sessionView } from './home-views.ts';
import { liveView } from './live-view.ts';
import { healthLine } from './health-line.ts';
import { reportView } from './report-view.ts';
import { lang, setLang, t, type DashLang } from './texts.ts';

const header = document.getElementById('dash-header')!;
const main = document.getElementById('dash-main')!;
let teacher: Teacher | null = null;
let leave: (() => void) | null = null;

function go(hash: string): void {
  if (window.location.hash === hash) void route();
  else window.location.hash = hash;
}

function renderHeader(): void {
  document.title = t('title');
  const toggle = h(
    'div',
    { class: 'lang-toggle', role: 'group', 'aria-label': t('lang.group') },
    ...(['ko', 'en'] as DashLang[]).map((l) =>
      h(
        'button',
        {
          type: 'button',
          lang: l,
          'aria-pressed': String(lang() === l),
          onclick: () => {
            setLang(l);
            renderHeader();
            void route();
          },
        },
        l === 'ko' ? '한국어' : 'English',
      ),
    ),
  );
  const nav = teacher
    ? h(
        'nav',
        { 'aria-label': t('nav.home') },
        h('a', { href: '#/' }, t('nav.home')),
        h('span', { class: 'who' }, t('auth.signed_in_as', { name: teacher.displayName })),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              void api.signOut().then(() => {
                teacher = null;
                renderHeader();
                go('#/');
              });
            },
          },
          t('auth.signout'),
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              void api.signOutEverywhere().then(() => {
                teacher = null;
                renderHeader();
                go('#/');
              });
            },
          },
          t('auth.signout_everywhere'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'data-action': 'delete-account',
            onclick: () =>
              void openDialog({
                title: t('auth.delete'),
                message: t('auth.delete.confirm'),
                confirm: t('auth.delete'),
                danger: true,
                input: { label: t('auth.password'), type: 'password', autocomplete: 'current-password' },
                submit: (password) => api.deleteAccount(password),
                describe: (err) =>
                  err instanceof ApiError && err.code === 'confirm' ? t('auth.delete.wrong') : explain(err),
              }).then((deleted) => {
                if (!deleted) return;
                teacher = null;
                renderHeader();
                go('#/');
              }),
          },
          t('auth.delete'),
        ),
      )
    : null;
  // Signed in: the server's health (unsaved reports, the database) stays in view on every page.
  fill(header, h('h1', {}, h('a', { href: '#/' }, t('title'))), nav, toggle, teacher ? healthLine() : null);
}

async function route(): Promise<void> {
  leave?.();
  leave = null;
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [page, id = ''] = hash.split('/');
  main.setAttribute('aria-busy', 'true');
  try {
    if (page === 'reset' && id) {
      resetView(main, decodeURIComponent(id), () => go('#/'));
    } else if (!teacher) {
      authView(main, (signedIn) => {
        teacher = signedIn;
        renderHeader();
        void route();
      });
    } else if (page === 'live' && id) {
      leave = await liveView(main, id);
    } else if (page === 'session' && id) {
      await sessionView(main, id, go);
    } else if (page === 'report' && id) {
      await reportView(main, id);
    } else {
      await homeView(main, go);
    }
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401) {
      teacher = null;
      renderHeader();
      authView(main, (signedIn) => {
        teacher = signedIn;
        renderHeader();
        void route();
      });
    }
    fill(
      main,
      ...(status === 401 ? [...main.childNodes] : []),
      h('p', { class: 'alert', role: 'alert' }, explain(error)),
    );
  } finally {
    main.removeAttribute('aria-busy');
    // Move focus to the page's heading so keyboard and screen-reader users land on the new view.
    const heading = main.querySelector('h2');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
}

async function start(): Promise<void> {
  setLang(lang());
  try {
    teacher = (await api.me()).teacher;
  } catch {
    teacher = null;
  }
  renderHeader();
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();
