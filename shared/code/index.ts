// A thread's program shown three ways, line-matched: the machine's pseudo-assembly, Python in the
// notes' style and C with POSIX calls. Pure: the code panel, the tests and the tools all call this.
import type { Instr } from '../kernel/types.ts';
import { renderAsm } from './asm.ts';
import { renderC } from './c.ts';
import type { CodeContext } from './context.ts';
import type { CodeView } from './program-use.ts';
import { renderPython } from './python.ts';
import type { CommentLanguage } from './texts.ts';

export { contextFromScenario, type CodeChannel, type CodeContext } from './context.ts';
export type { CodeView } from './program-use.ts';
export { commentGlyphs, type CommentLanguage } from './texts.ts';

/** The three views, in the order the panel's toggle offers them. */
export const CODE_LANGUAGES = ['asm', 'python', 'c'] as const;
/** One of the views. */
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** The program in every view; `lineOf[i]` in each view lists the lines that show instruction i. */
export function renderCode(
  program: readonly Instr[],
  ctx: CodeContext,
  lang: CommentLanguage,
): Record<CodeLanguage, CodeView> {
  return {
    asm: renderAsm(program, ctx, lang),
    python: renderPython(program, ctx, lang),
    c: renderC(program, ctx, lang),
  };
}

/** The lines to highlight for a PC: those of the next instruction, or none once the program is done. */
export function pcLines(view: CodeView, pc: number): number[] {
  return view.lineOf[pc] ?? [];
}
