// A zod issue as a Problem: the shapes our schemas check (types, ranges, names, known fields, choices)
// each get a sentence of our own in both languages, instead of zod's English message.
import type { z } from 'zod';
import type { Problem } from './problems.ts';
import { IDENT_PATTERN, NAME_PATTERN } from './program.ts';

type Issue = z.core.$ZodIssue;

/** A path as the reader writes it: `jobs[1].name`. */
export function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function at(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** A text cut to what a sentence can quote. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** A value as a sentence quotes it: short, and JSON so a text keeps its quotes. */
function quoted(v: unknown): string {
  return clip(JSON.stringify(v) ?? String(v));
}

/**
 * Of a union's failed branches, the issue of the one that got furthest into the value: the deepest,
 * and at one depth one whose type matched (a name too long rather than "not a list"); null when
 * every branch refused the value's type at once.
 */
function furthest(branches: Issue[][]): Issue | null {
  let best: Issue | null = null;
  let score = 0;
  for (const issues of branches)
    for (const i of issues) {
      const s = i.path.length * 2 + (i.code === 'invalid_type' ? 0 : 1);
      if (s > score) [best, score] = [i, s];
    }
  return best;
}

/** The problem a zod issue reports on `input` (the value that was parsed), under `prefix` (a parent's path). */
export function zodProblem(issue: Issue, input: unknown, prefix: readonly PropertyKey[] = []): Problem {
  const where = [...prefix, ...issue.path];
  const path = pathText(where);
  const value = at(input, where);
  switch (issue.code) {
    case 'invalid_type': {
      const received = issue.expected === 'int' && typeof value === 'number' ? 'fraction' : typeOf(value);
      return { code: 'type', params: { expected: issue.expected, received }, path };
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const limit = Number(big ? issue.maximum : issue.minimum);
      const bound: Record<string, number> = big ? { max: limit } : { min: limit };
      if (issue.origin === 'string' || issue.origin === 'array') {
        const count = (value as string | unknown[] | undefined)?.length ?? 0;
        if (!big && limit === 1) return { code: 'empty', params: {}, path };
        const code =
          issue.origin === 'string'
            ? big
              ? 'too-long-text'
              : 'too-short-text'
            : big
              ? 'too-many-items'
              : 'too-few-items';
        return { code, params: { ...bound, count }, path };
      }
      return { code: big ? 'too-big' : 'too-small', params: { ...bound, value: quoted(value) }, path };
    }
    case 'invalid_format': {
      // a scenario's names (a process's may hold a dot); any other pattern is a level author's
      const chars = { [String(NAME_PATTERN)]: '_ . -', [String(IDENT_PATTERN)]: '_ -' }[issue.pattern ?? ''];
      if (chars) return { code: 'bad-name', params: { value: clip(String(value)), chars }, path };
      return { code: 'bad-format', params: { value: quoted(value), form: issue.message }, path };
    }
    case 'invalid_key':
      return { code: 'bad-name', params: { value: clip(String(where.at(-1) ?? '')), chars: '_ -' }, path };
    case 'unrecognized_keys':
      return {
        code: 'unknown-key',
        params: { key: issue.keys.join('", "') },
        path,
      };
    case 'invalid_value':
      return {
        code: 'not-one-of',
        params: { value: quoted(value), options: issue.values.map((v) => quoted(v)).join(', ') },
        path,
      };
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        return {
          code: 'not-one-of',
          params: { value: quoted(value), options: options.map((v) => quoted(v)).join(', ') },
          path,
        };
      }
      const inner = furthest(issue.errors);
      if (inner) return zodProblem(inner, input, where);
      // every branch refused the value's type: name what each one expected
      const expected = issue.errors
        .flatMap((b) => b.map((i) => (i.code === 'invalid_type' ? i.expected : null)))
        .filter((e): e is NonNullable<typeof e> => e !== null);
      if (expected.length === issue.errors.length && expected.length > 0)
        return {
          code: 'type',
          params: { expected: [...new Set(expected)].join('|'), received: typeOf(value) },
          path,
        };
      return { code: 'invalid', params: {}, path };
    }
    default:
      return { code: 'invalid', params: {}, path };
  }
}
