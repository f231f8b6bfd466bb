// What can be wrong with a scenario, an instruction or a form's JSON shape, as typed data (a code, its
// parameters, the field) with one sentence per code in Korean and English: a student editing a
// scenario reads the kernel's reason in their own language, and the CLI and the logs read the English.
import type { Lang } from './limits.ts';
import { render, type Template } from './template.ts';

/** A problem's sentence per code: the scenario's cross-references, an instruction's text, a JSON value's shape. */
export const PROBLEMS = {
  // the scenario's own rules (scenario.ts)
  'jobs-and-processes': {
    en: 'give either "jobs" or "processes", not both',
    ko: '"jobs"와 "processes" 중 하나만 쓰세요.',
  },
  'devices-and-io-devices': {
    en: 'give either "devices" or "ioDevices", not both',
    ko: '"devices"와 "ioDevices" 중 하나만 쓰세요.',
  },
  'thread-switch-cost': {
    en: 'a switch between threads of one process costs no more than one between processes ("switchCost")',
    ko: '한 프로세스 안의 스레드 사이 전환은 프로세스 사이 전환("switchCost")보다 비쌀 수 없습니다.',
  },
  'no-processes': { en: 'at least one process is needed', ko: '프로세스가 하나 이상 있어야 합니다.' },
  'no-program': {
    en: 'no program named "{program}" in "programs"',
    ko: '"programs"에 "{program}"(이)라는 프로그램이 없습니다.',
  },
  'duplicate-host': { en: 'two hosts share a name', ko: '두 호스트의 이름이 같습니다.' },
  'duplicate-process': {
    en: '"{name}" is used by two processes',
    ko: '"{name}"(이)라는 이름을 두 프로세스가 함께 쓰고 있습니다. 프로세스마다 이름이 달라야 합니다.',
  },
  'process-body': {
    en: 'give exactly one of "length", "program" or "threads"',
    ko: '"length", "program", "threads" 중 정확히 하나만 쓰세요.',
  },
  'daemon-keyboard': {
    en: 'a daemon never interacts with the user: it cannot wait on the keyboard',
    ko: '데몬은 사용자와 상호작용하지 않으므로 키보드 입력을 기다릴 수 없습니다.',
  },
  'parent-not-before': {
    en: '"{parent}" must be a process listed before "{name}"',
    ko: '"{parent}"은(는) "{name}"보다 앞에 적힌 프로세스여야 합니다.',
  },
  'parent-later': {
    en: '"{parent}" arrives after "{name}"',
    ko: '"{parent}"이(가) "{name}"보다 늦게 도착합니다. 부모 프로세스가 먼저 있어야 합니다.',
  },
  'no-host': {
    en: 'no host named "{host}" in "hosts"',
    ko: '"hosts"에 "{host}"(이)라는 호스트가 없습니다.',
  },
  'child-host': {
    en: 'a child runs on its parent\'s host ("{host}"): fork copies a process on its own computer',
    ko: '자식 프로세스는 부모의 호스트("{host}")에서 실행됩니다. fork는 프로세스를 같은 컴퓨터 안에서 복사합니다.',
  },
  'shm-one-host': {
    en: 'shared memory "{segment}" is memory of one computer: a process on another host cannot map it',
    ko: '공유 메모리 "{segment}"은(는) 한 컴퓨터의 메모리이므로 다른 호스트의 프로세스는 매핑할 수 없습니다.',
  },
  'no-process-named': { en: 'no process named "{name}"', ko: '"{name}"(이)라는 프로세스가 없습니다.' },
  'pipe-owner': {
    en: 'an anonymous pipe needs the process that creates it (its "owner")',
    ko: '익명 파이프에는 그 파이프를 만드는 프로세스("owner")가 있어야 합니다.',
  },
  'server-end': {
    en: 'only a named pipe (fifo) or a socket (tcp, udp) has a server end',
    ko: '서버 쪽 끝은 명명된 파이프(fifo)나 소켓(tcp, udp)에만 있습니다.',
  },
  'duplicate-channel': { en: 'two channels share a name', ko: '두 채널의 이름이 같습니다.' },
  'code-segment-name': {
    en: '"code" names a process\'s own code segment; give the shared-memory segment another name',
    ko: '"code"는 프로세스 자신의 코드 영역 이름입니다. 공유 메모리 영역에는 다른 이름을 붙이세요.',
  },
  'no-device': {
    en: 'no device named "{device}" in "devices"',
    ko: '"devices"에 "{device}"(이)라는 장치가 없습니다.',
  },
  'no-semaphore': {
    en: 'no semaphore named "{semaphore}" in "semaphores"',
    ko: '"semaphores"에 "{semaphore}"(이)라는 세마포어가 없습니다.',
  },
  'no-channel': {
    en: 'no channel named "{channel}" in "channels"',
    ko: '"channels"에 "{channel}"(이)라는 채널이 없습니다.',
  },
  'no-segment': {
    en: 'no shared-memory segment named "{segment}"',
    ko: '"{segment}"(이)라는 공유 메모리 영역이 없습니다.',
  },
  'segment-not-mapped': {
    en: 'this process does not map the segment "{segment}" (add it to its "shm")',
    ko: '이 프로세스는 "{segment}" 영역을 매핑하지 않았습니다. 이 프로세스의 "shm"에 추가하세요.',
  },
  // one instruction's text (program.ts)
  'instr-not-text': {
    en: 'an instruction is a short text such as "cpu 3"',
    ko: '명령어는 "cpu 3" 같은 짧은 문자열입니다.',
  },
  'instr-unknown': {
    en: 'unknown instruction "{op}"; known: {known}',
    ko: '"{op}"은(는) 모르는 명령어입니다. 쓸 수 있는 명령어: {known}',
  },
  'instr-needs-number': { en: '{op} needs a number', ko: '{op}에는 숫자가 필요합니다.' },
  'instr-not-number': {
    en: '{op}: "{word}" is not a whole number',
    ko: '{op}: "{word}"은(는) 0 이상의 정수가 아닙니다.',
  },
  'instr-out-of-range': {
    en: '{op}: {n} must be between {min} and {max}',
    ko: '{op}: {n}은(는) 쓸 수 없습니다. {min}부터 {max}까지의 수여야 합니다.',
  },
  'timeout-not-number': {
    en: 'recv timeout: "{word}" is not a whole number',
    ko: 'recv의 제한 시간: "{word}"은(는) 0 이상의 정수가 아닙니다.',
  },
  'timeout-out-of-range': {
    en: 'recv timeout: {n} must be between {min} and {max}',
    ko: 'recv의 제한 시간: {n}은(는) 쓸 수 없습니다. {min}부터 {max}까지의 수여야 합니다.',
  },
  'instr-no-arguments': { en: '"{op}" takes 0 arguments at most', ko: '"{op}"에는 인자가 없습니다.' },
  'instr-one-argument': {
    en: '"{op}" takes 1 argument at most',
    ko: '"{op}"의 인자는 1개까지입니다.',
  },
  'instr-too-many': {
    en: '"{op}" takes {max} arguments at most',
    ko: '"{op}"의 인자는 {max}개까지입니다.',
  },
  'instr-needs-name': { en: '{op} needs a name', ko: '{op}에는 이름이 필요합니다.' },
  'instr-bad-name': {
    en: '{op}: "{word}" is not a valid name',
    ko: '{op}: "{word}"은(는) 이름으로 쓸 수 없습니다. 영문자나 밑줄(_)로 시작하고 영문자·숫자·_ . -만 써서 32자까지입니다.',
  },
  'instr-needs-message': { en: 'send needs a message', ko: 'send에는 보낼 메시지가 필요합니다.' },
  'instr-long-message': {
    en: 'send: a message is at most {max} characters',
    ko: 'send: 메시지는 {max}자까지입니다.',
  },
  // a JSON value of the wrong shape (zod-problem.ts maps a zod issue to one of these)
  type: {
    en: 'expected {expected}, got {received}',
    ko: '{expected}이(가) 와야 하는데 {received}이(가) 왔습니다.',
  },
  'too-big': {
    en: 'must be at most {max}, not {value}',
    ko: '{max} 이하여야 합니다. {value}은(는) 너무 큽니다.',
  },
  'too-small': {
    en: 'must be at least {min}, not {value}',
    ko: '{min} 이상이어야 합니다. {value}은(는) 너무 작습니다.',
  },
  empty: { en: 'must not be empty', ko: '비어 있으면 안 됩니다.' },
  'too-long-text': {
    en: 'at most {max} characters, not {count}',
    ko: '{max}자까지 쓸 수 있는데 {count}자입니다.',
  },
  'too-short-text': {
    en: 'at least {min} characters, not {count}',
    ko: '{min}자 이상이어야 하는데 {count}자입니다.',
  },
  'too-many-items': {
    en: 'at most {max} entries, not {count}',
    ko: '항목은 {max}개까지인데 {count}개입니다.',
  },
  'too-few-items': {
    en: 'at least {min} entries, not {count}',
    ko: '항목이 {min}개 이상이어야 하는데 {count}개입니다.',
  },
  'unknown-key': {
    en: 'unknown field "{key}"',
    ko: '"{key}"은(는) 여기에 쓸 수 없는 항목입니다. 철자를 확인하세요.',
  },
  'not-one-of': {
    en: '{value} is not one of {options}',
    ko: '{value}은(는) 쓸 수 없습니다. 다음 중 하나여야 합니다: {options}',
  },
  'bad-name': {
    en: '"{value}" is not a name: at most 32 letters, digits and {chars}, starting with a letter or _',
    ko: '"{value}"은(는) 이름으로 쓸 수 없습니다. 영문자나 밑줄(_)로 시작하고 영문자·숫자·{chars}만 써서 32자까지입니다.',
  },
  invalid: { en: 'this value is not valid here', ko: '여기에 올 수 없는 값입니다.' },
  'bad-format': {
    en: '{value} does not have the form required: {form}',
    ko: '{value}은(는) 정해진 형식에 맞지 않습니다: {form}',
  },
  // a process the host adds live (live-events.ts)
  'no-device-to-storm': {
    en: 'this machine has no I/O device to storm',
    ko: '이 컴퓨터에는 입출력 요청을 몰아줄 장치가 없습니다.',
  },
} satisfies Record<string, Template>;

/** Every problem a scenario, an instruction or a JSON shape can have. */
export type ProblemCode = keyof typeof PROBLEMS;

/** A problem as data: its code, the words its sentence names, and the field it is about ('' for the whole). */
export interface Problem {
  code: ProblemCode;
  params: Record<string, string | number>;
  path: string;
}

/** The JSON value types a shape problem names (`expected`, `received`), in the notes' words. */
export const VALUE_TERMS: Record<string, Template> = {
  number: { en: 'a number', ko: '숫자' },
  int: { en: 'a whole number', ko: '정수' },
  fraction: { en: 'a fraction', ko: '소수' },
  string: { en: 'a text', ko: '문자열' },
  boolean: { en: 'true or false', ko: '참/거짓 값(true, false)' },
  array: { en: 'a list [ ]', ko: '목록(배열 [ ])' },
  object: { en: 'an object { }', ko: '객체({ })' },
  null: { en: 'null', ko: '빈 값(null)' },
  undefined: { en: 'nothing', ko: '아무것도 없음' },
};

function valueTerm(key: string | number, lang: Lang): string {
  const words = String(key)
    .split('|')
    .map((k) => VALUE_TERMS[k]?.[lang] ?? k);
  return words.join(lang === 'ko' ? ' 또는 ' : ' or ');
}

/** A problem's sentence alone, in one language (value types named in that language's words). */
export function problemSentence(p: Omit<Problem, 'path'>, lang: Lang): string {
  const params = { ...p.params };
  for (const k of ['expected', 'received'] as const)
    if (params[k] !== undefined) params[k] = valueTerm(params[k], lang);
  return render(PROBLEMS[p.code], params, lang);
}

/** A problem as the reader sees it: the field, then the sentence ("jobs[1].name: …"). */
export function describeProblem(p: Problem, lang: Lang): string {
  const sentence = problemSentence(p, lang);
  return p.path ? `${p.path}: ${sentence}` : sentence;
}

/** A problem in both languages. */
export function problemTexts(p: Problem): Record<Lang, string> {
  return { ko: describeProblem(p, 'ko'), en: describeProblem(p, 'en') };
}

const PREFIX = 'problem.';

/**
 * A problem as a refusal's parameters (`bad-instruction`, `bad-process`): its English sentence as
 * `error` for the logs, and its code, field and words, so describeRejection says it in the reader's language.
 */
export function problemParams(p: Omit<Problem, 'path'> & { path?: string }): Record<string, string | number> {
  const out: Record<string, string | number> = {
    error: describeProblem({ path: '', ...p }, 'en'),
    problem: p.code,
  };
  if (p.path) out[`${PREFIX}path`] = p.path;
  for (const [k, v] of Object.entries(p.params)) out[`${PREFIX}${k}`] = v;
  return out;
}

/** The problem a refusal's parameters carry (problemParams), or null when they carry none. */
export function problemOfParams(params: Record<string, string | number>): Problem | null {
  const code = params.problem;
  if (typeof code !== 'string' || !(code in PROBLEMS)) return null;
  const own: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params))
    if (k.startsWith(PREFIX) && k !== `${PREFIX}path`) own[k.slice(PREFIX.length)] = v;
  const path = params[`${PREFIX}path`];
  return { code: code as ProblemCode, params: own, path: typeof path === 'string' ? path : '' };
}
