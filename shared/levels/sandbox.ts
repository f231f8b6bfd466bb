// The sandbox: any scenario, any policy for the bots, any role for the player, with no goal; the
// scenario text is validated by parseScenario and every error is said wholly in the player's language
// (the kernel's problems, the role's, the JSON's by line and column). A sandbox
// is shared as a link: its setup encoded in the URL, size-limited by LIMITS.sandboxLink, validated on open.
import { z } from 'zod';
import {
  LIMITS,
  POLICIES,
  problemSentence,
  zodProblem,
  type ChannelKind,
  type Instr,
  type PolicyKind,
  type Scenario,
  type ScenarioInput,
} from '../kernel/index.ts';
import type { ConceptId } from './concepts.ts';
import { jsonProblemTexts } from './json-problem.ts';
import { levelInput, parseLevel, type Level, type PlayerInput, type Texts } from './level.ts';

/** What a sandbox holds: the machine, the bots' policy, the player's role. */
export interface SandboxSetup {
  scenario: ScenarioInput;
  policy: PolicyKind;
  player: PlayerInput;
}

/** A sandbox checked and ready to run (LevelSession takes the level), or why not, in both languages. */
export type SandboxResult = { ok: true; setup: SandboxSetup; level: Level } | { ok: false; error: Texts };

const setupShape = z.strictObject({
  scenario: z.unknown(),
  policy: z.enum(POLICIES).optional(),
  player: levelInput.shape.player.optional(),
});

const fail = (ko: string, en: string): SandboxResult => ({ ok: false, error: { ko, en } });

/** The longest a sandbox runs: it has no goal and ends when its machine is done (or deadlocks), or here. */
export const SANDBOX_TICK_LIMIT = 10_000;

const tooLong = (): SandboxResult => {
  const max = LIMITS.sandboxLink.max;
  return fail(
    `링크가 너무 깁니다(또는 비어 있습니다). 최대 ${max}자입니다.`,
    `The link is too long (or empty): at most ${max} characters.`,
  );
};

/** A level's machine, policy and role as a sandbox setup: the editor's examples. */
export function sandboxFromLevel(level: Level): SandboxSetup {
  return { scenario: level.scenario, policy: level.policy, player: level.player };
}

/** Checks a sandbox setup (e.g. the JSON the player edited): its shape, its scenario, its role. */
export function parseSandbox(json: unknown): SandboxResult {
  const shape = setupShape.safeParse(json);
  if (!shape.success) {
    const problem = zodProblem(shape.error.issues[0]!, json);
    const at = problem.path || 'sandbox';
    return fail(
      `샌드박스 설정이 올바르지 않습니다(${at}): ${problemSentence(problem, 'ko')}`,
      `The sandbox setup is not valid (${at}): ${problemSentence(problem, 'en')}`,
    );
  }
  const setup: SandboxSetup = {
    scenario: shape.data.scenario as ScenarioInput,
    policy: shape.data.policy ?? 'fifo',
    player: (shape.data.player ?? { role: 'scheduler' }) as PlayerInput,
  };
  const r = parseLevel({
    id: 'sandbox',
    order: 1,
    branch: 'optional',
    concepts: ['dispatch'],
    player: setup.player,
    policy: setup.policy,
    scenario: setup.scenario,
    goal: 'elapsed >= 0',
    stars: ['elapsed >= 0'],
    tickLimit: SANDBOX_TICK_LIMIT,
    mustFinish: false,
    title: { ko: '샌드박스', en: 'Sandbox' },
    goalText: { ko: '목표 없이 마음대로 돌려 보세요.', en: 'No goal: run it as you like.' },
    card: {
      ko: ['아무 시나리오나', '아무 정책으로', '돌려 봅니다.'],
      en: ['Any scenario,', 'any policy,', 'run as you like.'],
    },
    hints: [{ ko: '시나리오를 바꿔 다시 돌려 보세요.', en: 'Change the scenario and run it again.' }],
  });
  if (!r.ok)
    return fail(`시나리오를 돌릴 수 없습니다. ${r.texts.ko}`, `The scenario cannot run: ${r.texts.en}`);
  // the debrief's takeaways are those of what this machine holds, not one lesson fixed for every sandbox
  return { ok: true, setup, level: { ...r.level, concepts: scenarioConcepts(r.level.scenarioParsed) } };
}

const CHANNEL_CONCEPTS: Record<ChannelKind, ConceptId> = {
  pipe: 'ipc-anonymous-pipe',
  fifo: 'ipc-named-pipe',
  mq: 'ipc-message-queue',
  shm: 'ipc-shared-memory',
  tcp: 'ipc-socket',
  udp: 'ipc-socket',
  file: 'ipc-file',
};

/** The most takeaways a sandbox's debrief lists. */
const SANDBOX_CONCEPTS = 3;

/**
 * The concepts a machine exercises, most specific first, at most three: what it synchronises with (locks,
 * semaphores), its channels, forks and threads, then I/O and the timer; dispatch when it has none of these.
 */
export function scenarioConcepts(s: Scenario): ConceptId[] {
  const instrs: Instr[] = [
    ...Object.values(s.programs).flatMap((p) => p.instructions),
    ...s.processes.flatMap((p) => p.threads.flatMap((t) => [...t.program, ...t.palette])),
  ];
  const uses = (...ops: Instr['op'][]): boolean => instrs.some((i) => ops.includes(i.op));
  const found: ConceptId[] = [];
  if (s.locks.length > 0 || uses('lock')) found.push('race-lock');
  if (s.locks.length > 1) found.push('deadlock');
  if (Object.keys(s.semaphores).length > 0) found.push('semaphore');
  for (const c of s.channels) found.push(CHANNEL_CONCEPTS[c.kind]);
  if (uses('fork', 'exec', 'spawn')) found.push('fork-exec');
  if (s.processes.some((p) => p.threads.length > 1)) found.push('threads-share');
  if (uses('io', 'io-async')) found.push('blocked-io-interrupt');
  if (s.quantum > 0) found.push('time-slice-timer');
  const concepts = [...new Set(found)].slice(0, SANDBOX_CONCEPTS);
  return concepts.length > 0 ? concepts : ['dispatch'];
}

/** Parses the text of the sandbox editor: JSON first (its error found by line and column, in both languages), then parseSandbox. */
export function parseSandboxText(text: string): SandboxResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: jsonProblemTexts(text) };
  }
  return parseSandbox(json);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | null {
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 255);
    }
  }
  return new Uint8Array(bytes);
}

/** The link text of a sandbox (URL-safe, no padding): what the share button puts after `#sandbox=`. */
export function encodeSandbox(setup: SandboxSetup): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(setup)));
}

/** Opens a shared link's text: refused when longer than LIMITS.sandboxLink, not base64url, not JSON, or not a valid sandbox. */
export function decodeSandbox(text: string): SandboxResult {
  if (text.length < LIMITS.sandboxLink.min || text.length > LIMITS.sandboxLink.max) return tooLong();
  const bytes = fromBase64Url(text);
  const decoded = bytes ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : null;
  if (decoded === null) return fail('링크가 손상되었습니다.', 'The link is damaged.');
  return parseSandboxText(decoded);
}

/**
 * A setup as a room is given it (the `sandbox` join option): refused when its link would be longer than
 * LIMITS.sandboxLink (so every sandbox that can be played can be shared, and a huge one is not parsed),
 * then checked by parseSandbox.
 */
export function parseSandboxOption(json: unknown): SandboxResult {
  let text: string | undefined;
  try {
    text = JSON.stringify(json);
  } catch {
    text = undefined;
  }
  if (text === undefined) return parseSandbox(json);
  // base64url without padding: four characters for every three bytes, rounded up
  const linkLength = Math.ceil((new TextEncoder().encode(text).length * 4) / 3);
  if (linkLength > LIMITS.sandboxLink.max) return tooLong();
  return parseSandbox(json);
}
