// The live room page: the join code, URL and a projector-sized QR code; the round's controls, speed and
// live events; the roster (role, connection, score; kick, rename, assign, rotate); machine figures and
// the event feed. The dashboard joins the room as its host with a one-time host pass it asks for by the
// teacher's sign-in each time the page opens (docs/PROTOCOL.md): no host key is kept to hand out.
import QRCode from 'qrcode';
import type { Limit } from '../../../shared/kernel/limits.ts';
import type { KernelEvent } from '../../../shared/kernel/types.ts';
import { GRACE_FACTORS, LIMITS, type GraceFactor } from '../../../shared/kernel/limits.ts';
import type { ServedLimits } from '../../../shared/protocol/http.ts';
import type { PredictionMessage } from '../../../shared/protocol/server-messages.ts';
import { PREDICT_CHOICES, PREDICT_UNTIL_REVEAL } from '../../../shared/roles/prediction.ts';
import {
  crewOf,
  syncedChannelKinds,
  syncedLabels,
  type SyncedRoomState,
} from '../../../shared/protocol/state.ts';
import { RoomConnection } from '../net/room-connection.ts';
import { api, type LiveRoom } from './api.ts';
import { openDialog } from './dialog.ts';
import { explain } from './home-views.ts';
import { checkbox, fill, h } from './dom.ts';
import { formatEvent } from './event-text.ts';
import { roleText, slotLabel } from './job-text.ts';
import { lang, t, type TextKey } from './texts.ts';

/** The host's messages that carry no payload, for the plain control buttons. */
type Bare =
  | 'host:start'
  | 'host:pause'
  | 'host:resume'
  | 'host:end-round'
  | 'host:restart'
  | 'host:rotate'
  | 'add-core';

const HOST_ID_KEY = 'kernel-crew.host-id';

/** The session whose host key this page just rotated: its reopened live page says so once. */
let justRotated: string | null = null;

/** Asks for a new host key (after confirming), then reopens the live page, which joins with a new host pass. */
async function rotateKey(sessionId: string): Promise<void> {
  const rotated = await openDialog({
    title: t('live.rotate'),
    message: t('live.rotate_confirm'),
    confirm: t('live.rotate'),
    danger: true,
    submit: () => api.rotateKey(sessionId),
    describe: explain,
  });
  if (!rotated) return;
  justRotated = sessionId;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** This browser's private id as a host (kept, so a reload takes the same host seat back). */
function hostId(): string {
  try {
    const stored = localStorage.getItem(HOST_ID_KEY);
    if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
    const fresh = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    localStorage.setItem(HOST_ID_KEY, fresh);
    return fresh;
  } catch {
    return 'host-' + Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16)).join('');
  }
}

/** Opens the live page of a session; returns a function that leaves the room. */
export async function liveView(root: HTMLElement, sessionId: string): Promise<() => void> {
  const [{ session, live }, { limits }] = await Promise.all([api.session(sessionId), api.limits()]);
  if (!live) {
    fill(
      root,
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('session.heading', { code: session.joinCode })),
        h('p', {}, t('live.closed')),
        h('a', { href: `#/session/${sessionId}` }, t('history.open_rounds')),
      ),
    );
    return () => undefined;
  }
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, t('live.connecting'));
  const notice = justRotated === sessionId ? t('live.rotated') : '';
  justRotated = null;
  const ui = buildLayout(live, sessionId, status, limits);
  fill(root, ui.element);
  const { Client } = await import('@colyseus/sdk');
  const client = new Client(window.location.origin);
  const { hostPass } = await api.hostPass(sessionId);
  const room = new RoomConnection(
    await client.joinById(live.roomId, { secret: hostId(), hostPass, lang: lang() }),
  );
  let left = false;
  status.textContent = notice;
  ui.bind(room);
  let pending = false;
  room.onStateChange(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      ui.render(room.state);
    });
  });
  room.on('welcome', () => undefined);
  room.on('events', (m) => ui.feed(m.events, m.replay ?? false));
  room.on('error', (m) => {
    status.textContent = m.message;
  });
  room.on('rejected', (m) => {
    status.textContent = m.reason;
  });
  room.on('summary', (m) => void ui.roundEnded(m.round));
  room.on('prediction', (m) => ui.prediction(m));
  room.onLeave(() => {
    if (!left) status.textContent = t('live.closed');
  });
  ui.render(room.state);
  return () => {
    left = true;
    void room.leave();
  };
}

/** An input's min, max and step from a served limit. */
function bounds(l: Limit): { min: number; max: number; step: number } {
  return { min: l.min, max: l.max, step: l.step };
}

function buildLayout(live: LiveRoom, sessionId: string, status: HTMLElement, limits: ServedLimits) {
  let room: RoomConnection | null = null;
  const send: RoomConnection['send'] = (type, ...payload) => room?.send(type, ...payload);
  // opened at 127.0.0.1 / localhost: the link and QR code use the server's network address, with a warning
  const joinUrl = `${live.joinOrigin ?? window.location.origin}${live.joinPath}`;
  const loopbackWarning = live.loopback
    ? h(
        'p',
        { class: 'warning', role: 'note', 'data-testid': 'loopback-warning' },
        t(live.joinOrigin ? 'live.loopback_lan' : 'live.loopback_only', { origin: live.joinOrigin ?? '' }),
      )
    : '';
  const qr = h('div', { class: 'qr', role: 'img', 'aria-label': t('live.qr', { code: live.code }) });
  void QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
    qr.innerHTML = svg;
  });
  const joinPanel = h(
    'section',
    { class: 'card join', 'aria-labelledby': 'join-h' },
    h('h2', { id: 'join-h' }, t('live.code')),
    h('p', { class: 'code', 'data-testid': 'join-code' }, live.code),
    h(
      'p',
      {},
      `${t('live.join_url')} `,
      h('a', { href: joinUrl, target: '_blank', rel: 'noopener', class: 'mono' }, joinUrl),
    ),
    loopbackWarning,
    qr,
    h(
      'p',
      {},
      h(
        'a',
        {
          // at the network address too, so the projected QR code and link are ones a phone can open
          href: `${live.joinOrigin ?? ''}${live.projectorPath}`,
          target: '_blank',
          rel: 'noopener',
          class: 'button',
        },
        t('live.projector'),
      ),
      ' ',
      h(
        'button',
        { type: 'button', 'data-action': 'rotate-key', onclick: () => void rotateKey(sessionId) },
        t('live.rotate'),
      ),
    ),
  );

  const phase = h('p', { class: 'phase', 'aria-live': 'polite' });
  const button = (key: TextKey, type: Bare) =>
    h('button', { type: 'button', 'data-action': type, onclick: () => send(type) }, t(key));
  const buttons = {
    start: button('controls.start', 'host:start'),
    pause: button('controls.pause', 'host:pause'),
    resume: button('controls.resume', 'host:resume'),
    end: button('controls.end', 'host:end-round'),
    restart: button('controls.restart', 'host:restart'),
  };
  // Bounded by the ranges the server serves (GET /api/limits); the kernel still refuses what is out of range.
  const speed = h('input', { type: 'number', id: 'live-speed', ...bounds(limits.speed) });
  const lock = checkbox('live-lock', t('controls.lock'), false, (v) => send('host:lock', { locked: v }));
  const late = checkbox('live-late', t('controls.late'), true, (v) => send('host:late-join', { allowed: v }));
  const summary = h('p', { class: 'summary', role: 'status' });
  const numberInput = (id: string, name: 'crewSize' | 'graceSeconds') =>
    h('input', { type: 'number', id, min: LIMITS[name].min, max: LIMITS[name].max, step: LIMITS[name].step });
  const crewSize = numberInput('live-crew-size', 'crewSize');
  const grace = numberInput('live-grace', 'graceSeconds');
  // The end-of-round prediction: off, a few timed lengths (within LIMITS.predictSeconds) or until the teacher reveals.
  const predictTime = h('select', { id: 'live-predict' });
  const predictOptions: [number, string][] = [
    [0, t('controls.predict.off')],
    ...PREDICT_CHOICES.map((n): [number, string] => [n, t('controls.predict.seconds', { seconds: n })]),
    [PREDICT_UNTIL_REVEAL, t('controls.predict.until_reveal')],
  ];
  fill(predictTime, ...predictOptions.map(([v, label]) => h('option', { value: v }, label)));
  predictTime.addEventListener('change', () => {
    const v = Number(predictTime.value);
    send('host:predict-time', { seconds: v === PREDICT_UNTIL_REVEAL ? 'until-reveal' : v });
  });
  const reveal = h(
    'button',
    { type: 'button', 'data-action': 'host:reveal', disabled: true, onclick: () => send('host:reveal') },
    t('controls.reveal'),
  );
  const predictStatus = h('p', { class: 'predict-status', role: 'status' });
  const controls = h(
    'section',
    { class: 'card controls', 'aria-labelledby': 'controls-h' },
    h('h2', { id: 'controls-h' }, t('controls.heading')),
    phase,
    h('div', { class: 'buttons' }, ...Object.values(buttons)),
    h(
      'div',
      { class: 'inline' },
      h('label', { for: 'live-speed' }, t('controls.speed')),
      speed,
      h(
        'button',
        { type: 'button', onclick: () => send('host:speed', { ticksPerSecond: Number(speed.value) }) },
        t('controls.apply'),
      ),
    ),
    lock,
    late,
    h('button', { type: 'button', onclick: () => send('host:rotate') }, t('controls.rotate')),
    h(
      'div',
      { class: 'inline' },
      h('label', { for: 'live-crew-size' }, t('controls.crew_size')),
      crewSize,
      h(
        'button',
        { type: 'button', onclick: () => send('host:crew-size', { size: Number(crewSize.value) }) },
        t('controls.apply'),
      ),
    ),
    h(
      'div',
      { class: 'inline' },
      h('label', { for: 'live-grace' }, t('controls.grace')),
      grace,
      h(
        'button',
        { type: 'button', onclick: () => send('host:grace', { seconds: Number(grace.value) }) },
        t('controls.apply'),
      ),
    ),
    h(
      'div',
      { class: 'inline' },
      h('label', { for: 'live-predict' }, t('controls.predict')),
      predictTime,
      reveal,
    ),
    predictStatus,
    summary,
  );

  const quantum = h('input', { type: 'number', id: 'live-quantum', ...bounds(limits.quantum) });
  const victim = h('select', { id: 'live-victim', 'aria-label': t('events.crash') });
  const events = h(
    'section',
    { class: 'card events', 'aria-labelledby': 'events-h' },
    h('h2', { id: 'events-h' }, t('events.heading')),
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { type: 'button', onclick: () => send('host:event', { kind: 'io-storm' }) },
        t('events.io-storm'),
      ),
      h(
        'button',
        { type: 'button', onclick: () => send('host:event', { kind: 'fork-bomb' }) },
        t('events.fork-bomb'),
      ),
      h('button', { type: 'button', onclick: () => send('add-core') }, t('events.add-core')),
    ),
    h(
      'div',
      { class: 'inline' },
      victim,
      h(
        'button',
        {
          type: 'button',
          onclick: () =>
            send(
              'host:event',
              victim.value ? { kind: 'crash', pid: Number(victim.value) } : { kind: 'crash' },
            ),
        },
        t('events.crash'),
      ),
    ),
    h(
      'div',
      { class: 'inline' },
      h('label', { for: 'live-quantum' }, t('events.quantum')),
      quantum,
      h(
        'button',
        { type: 'button', onclick: () => send('set-quantum', { quantum: Number(quantum.value) }) },
        t('events.set'),
      ),
    ),
  );

  const metrics = h('dl', { class: 'metrics' });
  const crewList = h('ul', { class: 'crews', 'aria-label': t('crews.heading') });
  const metricsPanel = h(
    'section',
    { class: 'card', 'aria-labelledby': 'metrics-h' },
    h('h2', { id: 'metrics-h' }, t('metrics.heading')),
    metrics,
    crewList,
  );

  const rosterHeading = h('h2', { id: 'roster-h' });
  const rosterBody = h('tbody');
  const rosterEmpty = h('p', {}, t('roster.empty'));
  const roster = h(
    'section',
    { class: 'card roster', 'aria-labelledby': 'roster-h' },
    rosterHeading,
    rosterEmpty,
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...(
            [
              'roster.nickname',
              'roster.role',
              'roster.job',
              'roster.connection',
              'roster.score',
              'roster.extra',
            ] as const
          ).map((k) => h('th', { scope: 'col' }, t(k))),
          h('th', { scope: 'col' }, ''),
        ),
      ),
      rosterBody,
    ),
  );
  const feedList = h('ol', { class: 'feed', 'aria-label': t('feed.heading') });
  const feed = h(
    'section',
    { class: 'card', 'aria-labelledby': 'feed-h' },
    h('h2', { id: 'feed-h' }, t('feed.heading')),
    feedList,
  );

  const rows = new Map<
    string,
    {
      tr: HTMLTableRowElement;
      cells: HTMLElement[];
      select: HTMLSelectElement;
      crew: HTMLSelectElement;
      extra: HTMLSelectElement;
      slots: string;
    }
  >();
  const element = h(
    'div',
    { class: 'live' },
    status,
    h('div', { class: 'live-grid' }, joinPanel, controls, events, metricsPanel),
    roster,
    feed,
  );

  function renderRoster(s: SyncedRoomState): void {
    const crewCount = s.crews.size;
    const seen = new Set<string>();
    let count = 0;
    s.players.forEach((p, seat) => {
      if (p.host) return;
      count++;
      seen.add(seat);
      let row = rows.get(seat);
      if (!row) {
        const select = h('select', {
          'aria-label': t('roster.assign', { name: p.nickname }),
          onchange: () => send('host:assign', { player: seat, slot: select.value }),
        });
        const crew = h('select', {
          'aria-label': t('roster.crew', { name: p.nickname }),
          onchange: () => send('host:move-crew', { player: seat, crew: Number(crew.value) }),
        });
        // the student's extra time: their job's grace time times this (the server keeps it with their browser)
        const extra = h(
          'select',
          {
            'aria-label': t('roster.extra.for', { name: p.nickname }),
            'data-testid': 'extra-time',
            onchange: () =>
              send('host:extra-time', { player: seat, factor: Number(extra.value) as GraceFactor }),
          },
          ...GRACE_FACTORS.map((f) => h('option', { value: f }, `×${f}`)),
        );
        const cells = [
          h('td'),
          h('td'),
          h('td', {}, crew, select),
          h('td'),
          h('td', { class: 'num' }),
          h('td', {}, extra),
        ];
        const actions = h(
          'td',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                const name = room?.state.players.get(seat)?.nickname ?? '';
                void openDialog({
                  title: t('roster.rename'),
                  message: t('roster.rename.prompt', { name }),
                  confirm: t('roster.rename'),
                  input: { label: t('roster.rename.label'), value: name },
                  submit: (next) => {
                    if (next !== name) send('host:rename', { player: seat, nickname: next });
                  },
                });
              },
            },
            t('roster.rename'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: () => {
                const name = room?.state.players.get(seat)?.nickname ?? '';
                void openDialog({
                  title: t('roster.kick'),
                  message: t('roster.kick.confirm', { name }),
                  confirm: t('roster.kick'),
                  danger: true,
                  submit: () => send('host:kick', { player: seat }),
                });
              },
            },
            t('roster.kick'),
          ),
        );
        const tr = h('tr', { 'data-seat': seat }, ...cells, actions);
        row = { tr, cells, select, crew, extra, slots: '' };
        rows.set(seat, row);
        rosterBody.append(tr);
      }
      row.cells[0]!.textContent = p.nickname;
      row.cells[1]!.textContent = roleText(p.role);
      row.cells[3]!.textContent = p.connected ? `● ${t('roster.online')}` : `○ ${t('roster.away')}`;
      row.cells[3]!.className = p.connected ? 'online' : 'away';
      row.cells[4]!.textContent = String(p.score ?? 0); // the host holds every score
      // the jobs of the student's own crew; a crew more than there are, to open one
      const slotKeys: string[] = [];
      const own = crewOf(s, seat);
      own?.slots.forEach((_v, key) => slotKeys.push(key));
      slotKeys.push('spectator');
      row.crew.hidden = crewCount <= 1 && s.crewSize === 0;
      const signature = `${slotKeys.join('|')}#${crewCount}`;
      if (row.slots !== signature && document.activeElement !== row.select) {
        fill(row.select, ...slotKeys.map((k) => h('option', { value: k }, slotLabel(k))));
        fill(
          row.crew,
          ...Array.from({ length: crewCount + 1 }, (_, i) =>
            h('option', { value: i + 1 }, t('crew.n', { n: i + 1 })),
          ),
        );
        row.slots = signature;
      }
      if (document.activeElement !== row.select) row.select.value = p.slot;
      if (document.activeElement !== row.crew) row.crew.value = String(own?.number ?? 1);
      row.select.setAttribute('aria-label', t('roster.assign', { name: p.nickname }));
      if (document.activeElement !== row.extra) row.extra.value = String(p.graceFactor ?? 1);
      row.extra.setAttribute('aria-label', t('roster.extra.for', { name: p.nickname }));
    });
    for (const [seat, row] of rows)
      if (!seen.has(seat)) {
        row.tr.remove();
        rows.delete(seat);
      }
    rosterHeading.textContent = t('roster.heading', { n: count });
    rosterEmpty.hidden = count > 0;
  }

  function renderMetrics(s: SyncedRoomState): void {
    // the figures come projected from the kernel's presentation module, the same the projector shows
    const m = crewOf(s, null)?.machine;
    if (!m) return;
    const f = m.figures;
    const items: [TextKey, string][] = [
      ['metrics.tick', String(m.tick)],
      ['metrics.utilization', m.tick > 0 ? `${Math.round(f.utilization * 100)}%` : '—'],
      ['metrics.ready', String(m.readyQueue.length)],
      ['metrics.switches', String(f.switches)],
      ['metrics.completed', String(f.completed)],
      ['metrics.faults', String(f.faultTotal)],
    ];
    fill(metrics, ...items.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)]));
    // every crew's standing, as the kernel's figures were projected for it
    const crews: HTMLElement[] = [];
    s.crews.forEach((c) => {
      // the host's view holds every crew, so every standing is here (a student's holds its own crew's only)
      const { tick = 0, utilization = 0, completed = 0, processes = 0, faultTotal = 0 } = c;
      crews.push(
        h(
          'li',
          { 'data-crew': c.number },
          t('crews.row', {
            n: c.number,
            tick,
            util: tick > 0 ? `${Math.round(utilization * 100)}%` : '—',
            done: completed,
            total: processes,
            faults: faultTotal,
          }),
        ),
      );
    });
    crews.sort((a, b) => Number(a.dataset.crew) - Number(b.dataset.crew));
    fill(crewList, ...crews);
    crewList.hidden = crews.length <= 1;
  }

  return {
    element,
    bind(r: RoomConnection) {
      room = r;
    },
    render(s: SyncedRoomState) {
      if (!s.phase) return; // the first patch has not arrived yet
      phase.textContent = t('live.phase', { round: s.round, phase: t(`phase.${s.phase}` as TextKey) });
      if (s.countdown > 0) phase.textContent += ` · ${t('live.countdown', { seconds: s.countdown })}`;
      buttons.start.disabled = s.phase !== 'lobby';
      // During the role-card countdown the same button starts the round at once (the host skips it).
      buttons.start.textContent = t(s.countdown > 0 ? 'controls.start_now' : 'controls.start');
      buttons.pause.disabled = s.phase !== 'running';
      buttons.resume.disabled = s.phase !== 'paused';
      buttons.end.disabled = s.phase !== 'running' && s.phase !== 'paused';
      if (document.activeElement !== speed) speed.value = String(Math.round(s.speed * 100) / 100);
      const first = crewOf(s, null)?.machine;
      if (!first) return;
      if (document.activeElement !== quantum) quantum.value = String(first.quantum);
      if (document.activeElement !== crewSize) crewSize.value = String(s.crewSize);
      if (document.activeElement !== grace) grace.value = String(s.graceSeconds);
      if (document.activeElement !== predictTime) predictTime.value = String(s.predictSeconds);
      (lock.querySelector('input') as HTMLInputElement).checked = s.locked;
      (late.querySelector('input') as HTMLInputElement).checked = s.lateJoin;
      if (document.activeElement !== victim) {
        const live: [number, string][] = [];
        first.processes.forEach((p) => {
          if (!p.terminated && p.pid !== 1) live.push([p.pid, p.name]);
        });
        const chosen = victim.value;
        fill(
          victim,
          h('option', { value: '' }, '—'),
          ...live.map(([pid, name]) => h('option', { value: pid }, `P${pid} ${name}`)),
        );
        victim.value = live.some(([pid]) => String(pid) === chosen) ? chosen : '';
      }
      renderRoster(s);
      renderMetrics(s);
    },
    feed(list: readonly KernelEvent[], replay: boolean) {
      if (replay) feedList.replaceChildren(); // the round's latest events, on (re)joining: they replace the list
      const machine = room ? crewOf(room.state, null)?.machine : undefined;
      const labels = syncedLabels(machine);
      for (const e of list) {
        const text = formatEvent(e, labels, machine ? syncedChannelKinds(machine) : undefined);
        if (text)
          feedList.prepend(
            h('li', { class: `ev-${e.type}` }, h('span', { class: 'mono' }, `t${e.tick}`), ' ', text),
          );
      }
      while (feedList.children.length > 80) feedList.lastElementChild?.remove();
    },
    /** The prediction's tally as it grows (the answer once revealed); Reveal works while it is open. */
    prediction(m: PredictionMessage) {
      reveal.disabled = m.phase !== 'open';
      const best = m.answer?.best.map((p) => t(`policy.${p}` as TextKey)).join(', ');
      predictStatus.textContent =
        m.phase === 'open'
          ? t('live.predict.open', { n: m.tally.count })
          : t('live.predict.revealed', { n: m.tally.count, best: best ?? '' });
    },
    async roundEnded(round: number) {
      fill(summary, t('summary.ready', { n: round }));
      for (let attempt = 0; attempt < 20; attempt++) {
        const { rounds } = await api.session(sessionId);
        const stored = rounds.find((r) => r.roundNumber === round);
        if (stored) {
          fill(
            summary,
            t('summary.ready', { n: round }),
            ' ',
            h('a', { href: `#/report/${stored.id}`, class: 'button' }, t('summary.open')),
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    },
  };
}
