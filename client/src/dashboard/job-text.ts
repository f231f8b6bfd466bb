// The words a teacher reads for a student's job and role: the live roster, its crew menu and the session's
// roles-across-rounds table.
import { t, type TextKey } from './texts.ts';

/** A job's name a teacher reads: "Scheduler (Core 0+2)", "Thread counter #0", "IPC channel jobs". */
export function slotLabel(key: string): string {
  const [kind, a, b] = key.split(':');
  switch (kind) {
    case 'scheduler':
      return a ? `${t('role.scheduler')} (${t('report.gantt.core', { n: a })})` : t('role.scheduler');
    case 'thread':
      return `${t('role.thread')} ${a ?? ''} #${b ?? 0}`;
    case 'ipc':
      return `${t('role.ipc')} ${a ?? ''}`;
    case 'interrupt':
      return t('role.interrupt');
    default:
      return t('role.spectator');
  }
}

/** A role's name in the teacher's language (an unknown one as stored). */
export function roleText(role: string): string {
  const key = `role.${role}` as TextKey;
  return ['scheduler', 'interrupt', 'thread', 'ipc', 'spectator', 'host'].includes(role) ? t(key) : role;
}
