// Where a text stops being JSON and why, in the reader's language: the engine's own JSON.parse message
// is English and differs between browsers (some give no place at all), so the sandbox editor asks
// jsonc-parser for the first error and says it by line and column, with a sentence a student can act on.
import { printParseErrorCode, visit } from 'jsonc-parser';
import { render, type Template } from '../kernel/template.ts';
import type { Texts } from './level.ts';

/** One sentence per way a text can stop being JSON; {found} is what stands where something else belongs. */
export const JSON_PROBLEMS = {
  end: {
    en: 'it ends too soon: a bracket or a quote is not closed',
    ko: '글이 중간에 끝났습니다. 닫히지 않은 괄호나 따옴표가 있는지 보세요.',
  },
  key: {
    en: 'a field name in double quotes ("name") belongs here, not {found}',
    ko: '큰따옴표로 감싼 항목 이름("name")이 와야 하는데 {found}이(가) 있습니다.',
  },
  'trailing-comma': {
    en: 'a comma stands before the closing {found}: remove it',
    ko: '닫는 {found} 바로 앞에 쉼표가 있습니다. 쉼표를 지우세요.',
  },
  colon: {
    en: 'a colon (:) belongs after the field name, not {found}',
    ko: '항목 이름 뒤에는 쌍점(:)이 와야 하는데 {found}이(가) 있습니다.',
  },
  comma: {
    en: 'a comma or a closing bracket belongs here, not {found}',
    ko: '쉼표(,)나 닫는 괄호가 와야 하는데 {found}이(가) 있습니다.',
  },
  value: {
    en: 'a value belongs here (a number, a text in double quotes, true, false, null, a list or an object), not {found}',
    ko: '값(숫자, 큰따옴표로 감싼 문자열, true, false, null, 목록, 객체)이 와야 하는데 {found}이(가) 있습니다.',
  },
  escape: {
    en: 'a backslash (\\) in a text must be followed by " \\ / b f n r t or u and four hex digits',
    ko: '문자열 안의 역슬래시(\\) 뒤에는 " \\ / b f n r t나 u와 16진수 네 자리가 와야 합니다.',
  },
  'line-break': {
    en: 'a text in double quotes cannot go on to the next line',
    ko: '큰따옴표로 감싼 문자열은 다음 줄로 넘어갈 수 없습니다.',
  },
  extra: {
    en: 'the JSON has already ended, yet {found} follows',
    ko: 'JSON이 이미 끝났는데 뒤에 {found}이(가) 더 있습니다.',
  },
} satisfies Record<string, Template>;

/** The ways a text can stop being JSON. */
export type JsonProblemCode = keyof typeof JSON_PROBLEMS;

/** The whole message around a problem: that the text is not JSON, and where. */
export const JSON_MESSAGE = {
  at: {
    en: 'This is not JSON: line {line}, column {column}: {why}',
    ko: 'JSON이 아닙니다. {line}행 {column}열: {why}',
  },
  nowhere: { en: 'This is not JSON.', ko: 'JSON이 아닙니다.' },
} satisfies Record<string, Template>;

/** The first place a text stops being JSON: the offset, why, and what stands there. */
export interface JsonProblem {
  code: JsonProblemCode;
  offset: number;
  found: string;
}

/** How jsonc-parser's error codes read to a student (by the code's name: the enum is `const`, types only). */
const FROM_PARSER: Record<string, JsonProblemCode> = {
  InvalidSymbol: 'value',
  InvalidNumberFormat: 'value',
  PropertyNameExpected: 'key',
  ValueExpected: 'value',
  ColonExpected: 'colon',
  CommaExpected: 'comma',
  CloseBraceExpected: 'comma',
  CloseBracketExpected: 'comma',
  EndOfFileExpected: 'extra',
  InvalidCommentToken: 'value',
  UnexpectedEndOfComment: 'end',
  UnexpectedEndOfString: 'line-break',
  UnexpectedEndOfNumber: 'value',
  InvalidUnicode: 'escape',
  InvalidEscapeCharacter: 'escape',
  InvalidCharacter: 'line-break',
};

/**
 * Finds the first error of a text that is not JSON (RFC 8259: no comments, no trailing commas), or null when
 * it is JSON. The reading is jsonc-parser's (the parser of VS Code's JSON editor); this only says it in words.
 */
export function findJsonProblem(text: string): JsonProblem | null {
  // the containers open where the first error is: an object's field name may be what is missing there
  const open: ('object' | 'array')[] = [];
  let first: { error: number; offset: number; length: number; inside: 'object' | 'array' | null } | null =
    null;
  visit(
    text,
    {
      onObjectBegin: () => void open.push('object'),
      onObjectEnd: () => void open.pop(),
      onArrayBegin: () => void open.push('array'),
      onArrayEnd: () => void open.pop(),
      onError: (error, offset, length) => {
        first ??= { error, offset, length, inside: open.at(-1) ?? null };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!first) return null;
  const { error, offset: at, length, inside } = first as NonNullable<typeof first>;
  const word = /^[A-Za-z0-9_$-]+/.exec(text.slice(at, at + 24))?.[0];
  const found = `'${word ?? text[at] ?? ''}'`;
  const before = text.slice(0, at).trimEnd();
  let code = FROM_PARSER[printParseErrorCode(error)] ?? 'value';
  // a string the parser ran to the end of the text is not closed; one it stopped at a line break crosses it
  const stopped = [...text.slice(at, at + length + 1)].some((c) => c < ' ');
  if (code === 'line-break' && !stopped) code = 'end';
  // where an object expects a field name (after its brace or a comma), anything else is a missing name
  if (code === 'value' && inside === 'object' && (before.endsWith('{') || before.endsWith(','))) code = 'key';
  if ((text[at] === '}' || text[at] === ']') && before.endsWith(',') && (code === 'key' || code === 'value'))
    code = 'trailing-comma';
  if (at >= text.length) code = 'end';
  return { code, offset: at, found };
}

/** Why a text is not JSON, in both languages, by line and column (1 and up, as an editor counts). */
export function jsonProblemTexts(text: string): Texts {
  const p = findJsonProblem(text);
  if (!p) return { ko: JSON_MESSAGE.nowhere.ko, en: JSON_MESSAGE.nowhere.en };
  const before = text.slice(0, p.offset).split('\n');
  const place = { line: before.length, column: before.at(-1)!.length + 1 };
  const say = (lang: 'ko' | 'en') =>
    render(JSON_MESSAGE.at, { ...place, why: render(JSON_PROBLEMS[p.code], { found: p.found }, lang) }, lang);
  return { ko: say('ko'), en: say('en') };
}
