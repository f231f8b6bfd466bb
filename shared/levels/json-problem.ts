// Where a text stops being JSON and why, in the reader's language: the engine's own JSON.parse message
// is English and differs between browsers (some give no place at all), so the sandbox editor finds the
// first error itself, by line and column, with a sentence a student can act on.
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

class Stop {
  constructor(readonly problem: JsonProblem) {}
}

/** Finds the first error of a text that is not JSON (RFC 8259's grammar), or null when it is JSON. */
export function findJsonProblem(text: string): JsonProblem | null {
  let i = 0;
  const found = (at: number): string => {
    const word = /^[A-Za-z0-9_$-]+/.exec(text.slice(at, at + 24))?.[0];
    return `'${word ?? text[at]}'`;
  };
  const stop = (code: JsonProblemCode, at = i): never => {
    throw new Stop({ code: at >= text.length ? 'end' : code, offset: at, found: found(at) });
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) stop('end');
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c === '\n' || c === '\r') stop('line-break');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else stop('escape');
      } else if (c < ' ') stop('line-break');
      else i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return obj();
    if (c === '[') return arr();
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m || /[A-Za-z0-9_$]/.test(text[i + m[0].length] ?? '')) stop('value');
    i += m![0].length;
  };
  const list = (close: '}' | ']', item: () => void) => {
    i++; // the opening bracket
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') stop('comma');
      i++;
      space();
      if (text[i] === '}' || text[i] === ']') stop('trailing-comma');
    }
  };
  const obj = () =>
    list('}', () => {
      space();
      if (text[i] !== '"') stop('key');
      str();
      space();
      if (text[i] !== ':') stop('colon');
      i++;
      value();
    });
  const arr = () => list(']', value);
  try {
    value();
    space();
    if (i < text.length) stop('extra');
    return null;
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    throw e;
  }
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
