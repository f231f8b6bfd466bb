// docs/LIMITS.md's tables, generated from limits.ts so the documentation cannot drift from the code
// (test/kernel/limits.test.ts checks the file holds exactly this text).
import {
  CHANNEL_KIND_NAMES,
  GRACE_FACTORS,
  LANGS,
  LIMITS,
  POLICIES,
  PROCESS_KINDS,
  type Limit,
} from './limits.ts';

const num = (x: number) => (x < 0 ? `−${-x}` : String(x));

/** The Markdown tables of every range and vocabulary. */
export function limitsTable(): string {
  const rows = Object.entries(LIMITS as Record<string, Limit>).map(
    ([name, l]) =>
      `| \`${name}\` | ${num(l.min)}–${num(l.max)} | ${l.step === 1 ? 'whole' : `step ${l.step}`} | ${l.en} | ${l.ko} |`,
  );
  const vocab = (name: string, list: readonly string[]) =>
    `| \`${name}\` | ${list.map((x) => `\`${x}\``).join(', ')} |`;
  return [
    '| name | range | numbers | meaning | 뜻 |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '| vocabulary | values |',
    '| --- | --- |',
    vocab('LANGS', LANGS),
    vocab('POLICIES', POLICIES),
    vocab('CHANNEL_KIND_NAMES', CHANNEL_KIND_NAMES),
    vocab('PROCESS_KINDS', PROCESS_KINDS),
    vocab('GRACE_FACTORS', GRACE_FACTORS.map(String)),
  ].join('\n');
}
