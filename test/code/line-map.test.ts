// The three views are line-matched: each instruction has its own line(s) in every view, in program
// order, and that line says what the instruction does; the PC selects the next instruction's lines.
import { describe, expect, it } from 'vitest';
import { CODE_LANGUAGES, pcLines, renderCode } from '../../shared/code/index.ts';
import { parseInstr } from '../../shared/kernel/program.ts';
import type { Instr } from '../../shared/kernel/types.ts';
import { allProgramCases, EVERYTHING } from './programs.ts';

const prog = (...lines: string[]): Instr[] =>
  lines.map((l) => {
    const r = parseInstr(l);
    if (!r.ok) throw new Error(r.error);
    return r.instr;
  });
const ctx = { ...EVERYTHING.ctx, threadIndex: 0, process: 'bank' };

describe('line mapping', () => {
  it('maps count++ to three lines in each view, in order', () => {
    const v = renderCode(
      prog('lock int', 'load static', 'add 1', 'store static', 'unlock int', 'exit'),
      ctx,
      'en',
    );
    const at = (lang: 'asm' | 'python' | 'c', i: number) => v[lang].lines[v[lang].lineOf[i]![0]!]!;
    expect(at('asm', 1)).toMatch(/^\s+1 {2}load static\s+; register ← static/);
    expect(at('python', 1)).toBe('    reg = static_var  # load static');
    expect(at('python', 2)).toBe('    reg = reg + 1');
    expect(at('python', 3)).toBe('    static_var = reg  # store static');
    expect(at('c', 0)).toBe('  pthread_mutex_lock(&int_lock);');
    expect(at('c', 2)).toBe('  reg += 1;');
    expect(at('c', 4)).toBe('  pthread_mutex_unlock(&int_lock);');
    expect(at('c', 5)).toBe('  return 0;');
    // the "three steps" comment sits just above the load, in Python and C
    expect(v.python.lines[v.python.lineOf[1]![0]! - 1]).toMatch(/^ {4}# static \+= 1 in three steps/);
    expect(v.c.lines[v.c.lineOf[1]![0]! - 1]).toMatch(/^ {2}\/\* static \+= 1 in three steps/);
  });

  it("uses the notes' calls for processes, threads, semaphores and channels", () => {
    const v = renderCode(
      prog('fork child', 'spawn worker-2', 'wait for', 'signal for', 'send q job', 'recv p', 'join'),
      ctx,
      'en',
    );
    const py = v.python.lineOf.map((l) => v.python.lines[l[0]!]!.trim());
    const c = v.c.lineOf.map((l) => v.c.lines[l[0]!]!.trim());
    expect(py).toEqual([
      'Process(target=child).start()',
      'threading.Thread(target=worker_2).start()',
      'for_sem.acquire()',
      'for_sem.release()',
      "q.put('job')",
      'msg = os.read(p_r, 64)',
      'for running in active_children(): running.join()',
    ]);
    expect(c).toEqual([
      'if (fork() == 0) { child(NULL); exit(0); }',
      'pthread_create(&(pthread_t){0}, NULL, worker_2, NULL);',
      'sem_wait(for_sem);',
      'sem_post(for_sem);',
      'mq_send(q, "job", 3, 0);',
      'n = read(p[0], buf, sizeof buf);',
      'while (wait(NULL) > 0) {} /* waitpid for every child */',
    ]);
  });

  it('the PC selects the next instruction, and nothing once the program is done', () => {
    const v = renderCode(prog('load static', 'add 1', 'store static'), ctx, 'ko');
    for (const lang of CODE_LANGUAGES) {
      expect(pcLines(v[lang], 0)).toEqual(v[lang].lineOf[0]);
      expect(pcLines(v[lang], 2)[0]).toBeGreaterThan(pcLines(v[lang], 1)[0]!);
      expect(pcLines(v[lang], 3)).toEqual([]);
    }
  });

  it('every program of every level: one line per instruction in each view, strictly in program order', () => {
    const cases = allProgramCases();
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) {
      const v = renderCode(c.program, c.ctx, 'en');
      for (const lang of CODE_LANGUAGES) {
        const lines = v[lang].lineOf;
        expect(lines, `${c.name} ${lang}`).toHaveLength(c.program.length);
        const firsts = lines.map((l) => {
          expect(l, `${c.name} ${lang}`).toHaveLength(1);
          return l[0]!;
        });
        firsts.forEach((line, k) => {
          if (k > 0) expect(line, `${c.name} ${lang} #${k}`).toBeGreaterThan(firsts[k - 1]!);
        });
      }
    }
  });
});
