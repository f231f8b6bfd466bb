// The dashboard's health line: what /api/health says (unsaved reports, the database's state) in the
// teacher's language, refreshed every few seconds, so a full disk is seen before the reports are missed.
import type { HealthResponse } from '../../../shared/protocol/http-edge.ts';
import { api } from './api.ts';
import { h } from './dom.ts';
import { t } from './texts.ts';

/** Seconds between two looks at /api/health. */
const REFRESH_SECONDS = 10;

/** The sentence and its level for one health answer (null: the server did not answer). */
export function healthText(health: HealthResponse | null): { level: 'ok' | 'warn'; text: string } {
  if (!health) return { level: 'warn', text: t('health.unreachable') };
  const db = health.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const lines: string[] = [];
  if (health.unsavedReports > 0) lines.push(t('health.unsaved', { n: health.unsavedReports }));
  if (health.database.state === 'failing')
    lines.push(t('health.failing', { db, detail: health.database.detail ?? '' }));
  if (health.database.state === 'busy') lines.push(t('health.busy', { db }));
  return lines.length === 0
    ? { level: 'ok', text: t('health.ok', { db }) }
    : { level: 'warn', text: lines.join(' ') };
}

/** The line's element; it keeps itself up to date while it is on the page. */
export function healthLine(): HTMLElement {
  const line = h('p', {
    id: 'health',
    class: 'health',
    role: 'status',
    'aria-live': 'polite',
    'aria-label': t('health.label'),
  });
  const refresh = async (): Promise<void> => {
    const { level, text } = healthText(await api.health());
    line.dataset.level = level;
    line.textContent = text;
    if (line.isConnected) setTimeout(() => void refresh(), REFRESH_SECONDS * 1000);
  };
  void refresh();
  return line;
}
