// The machine's own view: its pseudo-assembly, one line per instruction (count++ is load, add, store).
import { formatInstr } from '../kernel/program.ts';
import type { Instr } from '../kernel/types.ts';
import type { CodeContext } from './context.ts';
import { baseName, Lines, toView, type CodeView } from './program-use.ts';
import { comment, opComment, type CommentLanguage } from './texts.ts';

/** Renders the program as the machine runs it, each instruction with what it does. */
export function renderAsm(program: readonly Instr[], ctx: CodeContext, lang: CommentLanguage): CodeView {
  const out = new Lines();
  const who = ctx.threadIndex === 0 ? ctx.process : `${ctx.process} · thread ${ctx.threadIndex + 1}`;
  out.add(`; ${who}`);
  out.add(`${ctx.threadIndex === 0 ? 'main' : 'thread'}:`);
  if (program.length === 0) out.add(`    ; ${comment('empty', lang)}`);
  // each line starts with its instruction's index, the value the PC holds when it is next
  const width = Math.max(12, ...program.map((i) => formatInstr(i).length)) + 2;
  const digits = String(Math.max(0, program.length - 1)).length;
  program.forEach((i, k) => {
    out.add(`  ${String(k).padStart(digits)}  ${formatInstr(i).padEnd(width)}; ${opComment(i, lang)}`, k);
  });
  return toView(`${baseName(ctx)}.s`, out, program.length);
}
