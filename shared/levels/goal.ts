// The goal language: small declarative conditions over the machine's figures, such as
// `lostUpdates == 0 and var.bank.balance == 4` or `{ metric: 'averages.waiting', op: '<=', value: 7 }`.
// A side is a figure name, a number, or a sum/difference of them (`var.shop.made - var.shop.sold`).

/** The comparison operators a condition may use. */
export const GOAL_OPS = ['<=', '<', '>=', '>', '==', '!='] as const;

/** A comparison operator. */
export type GoalOp = (typeof GOAL_OPS)[number];

/** One condition written as an object: a figure compared with a number or with another figure. */
export interface GoalClauseInput {
  metric: string;
  op: GoalOp;
  value: number | string;
}

/** A goal as levels write it: a sentence of conditions joined by `and`, one object, or a list (all must hold). */
export type GoalInput = string | GoalClauseInput | ReadonlyArray<string | GoalClauseInput>;

/** A side of a condition: numbers and figures added or subtracted. */
export type Expr = ReadonlyArray<{ sign: 1 | -1; term: number | string }>;

/** One parsed condition. */
export interface Clause {
  left: Expr;
  op: GoalOp;
  right: Expr;
  /** The condition as text, for reports and error messages. */
  text: string;
}

/** A parsed goal: every clause must hold. */
export type Goal = Clause[];

const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function parseExpr(text: string): Expr | string {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length === 0 || tokens[0] === '') return 'an empty side';
  const out: { sign: 1 | -1; term: number | string }[] = [];
  let sign: 1 | -1 = 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i % 2 === 1) {
      if (t !== '+' && t !== '-') return `expected + or - but found "${t}"`;
      sign = t === '+' ? 1 : -1;
      continue;
    }
    if (NUMBER.test(t)) out.push({ sign, term: Number(t) });
    else if (PATH.test(t)) out.push({ sign, term: t });
    else return `"${t}" is neither a number nor a figure name`;
  }
  if (tokens.length % 2 === 0) return 'a side ends with an operator';
  return out;
}

function parseClauseText(text: string): Clause | string {
  const m = /^(.*?)\s*(<=|>=|==|!=|<|>)\s*(.*)$/.exec(text.trim());
  if (!m) return `"${text}" has no comparison (${GOAL_OPS.join(' ')})`;
  const left = parseExpr(m[1]!);
  if (typeof left === 'string') return `"${text}": ${left}`;
  const right = parseExpr(m[3]!);
  if (typeof right === 'string') return `"${text}": ${right}`;
  return { left, op: m[2] as GoalOp, right, text: text.trim().replace(/\s+/g, ' ') };
}

/** Parses a goal, or says what is wrong with it. */
export function parseGoal(input: GoalInput): { ok: true; goal: Goal } | { ok: false; error: string } {
  const parts: (string | GoalClauseInput)[] =
    typeof input === 'string' || !Array.isArray(input) ? [input as string | GoalClauseInput] : [...input];
  const goal: Clause[] = [];
  for (const part of parts) {
    const texts =
      typeof part === 'string' ? part.split(/\s+and\s+/) : [`${part.metric} ${part.op} ${part.value}`];
    for (const t of texts) {
      const c = parseClauseText(t);
      if (typeof c === 'string') return { ok: false, error: c };
      goal.push(c);
    }
  }
  if (goal.length === 0) return { ok: false, error: 'a goal needs at least one condition' };
  return { ok: true, goal };
}

/** The figure names a goal reads, for validation and for the figures a result reports. */
export function goalFigures(goal: Goal): string[] {
  const out = new Set<string>();
  for (const c of goal)
    for (const side of [c.left, c.right])
      for (const t of side) if (typeof t.term === 'string') out.add(t.term);
  return [...out];
}

/** The value of one side, or null when a figure it needs does not exist (yet). */
export function evalExpr(e: Expr, figures: Readonly<Record<string, number>>): number | null {
  let sum = 0;
  for (const { sign, term } of e) {
    const v = typeof term === 'number' ? term : figures[term];
    if (v === undefined || v === null || Number.isNaN(v)) return null;
    sum += sign * v;
  }
  return Math.round(sum * 1e9) / 1e9;
}

/** Whether one condition holds; a missing figure makes it false. */
export function holds(c: Clause, figures: Readonly<Record<string, number>>): boolean {
  const a = evalExpr(c.left, figures);
  const b = evalExpr(c.right, figures);
  if (a === null || b === null) return false;
  switch (c.op) {
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** Whether every condition of a goal holds. */
export function goalHolds(goal: Goal, figures: Readonly<Record<string, number>>): boolean {
  return goal.every((c) => holds(c, figures));
}
