// Every generated C file passes gcc -fsyntax-only and every Python file python3 -m py_compile, for
// every program of every level, challenge and class scenario, in both comment languages.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCode } from '../../shared/code/index.ts';
import { allProgramCases } from './programs.ts';

const dir = mkdtempSync(join(tmpdir(), 'kc-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes each distinct file once (English comments for all, Korean ones for the every-instruction case too). */
function writeAll(ext: 'c' | 'py'): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  for (const c of allProgramCases()) {
    for (const lang of c.name === 'every-instruction' ? (['en', 'ko'] as const) : (['en'] as const)) {
      const v = renderCode(c.program, c.ctx, lang)[ext === 'c' ? 'c' : 'python'];
      const text = `${v.lines.join('\n')}\n`;
      if (seen.has(text)) continue;
      seen.add(text);
      const path = join(dir, `${c.name.replace(/[^A-Za-z0-9_-]/g, '_')}-${lang}.${ext}`);
      writeFileSync(path, text);
      files.push(path);
    }
  }
  return files;
}

/** Runs a compiler over all the files at once (one process: the machine is shared); its messages name each failing file. */
function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}` || error.message : ''),
    );
  });
}

describe('generated code compiles', () => {
  it('every C file passes gcc -std=c11 -fsyntax-only -pthread', async () => {
    const files = writeAll('c');
    expect(files.length).toBeGreaterThan(50);
    const errors = ['implicit-function-declaration', 'int-conversion', 'incompatible-pointer-types'].map(
      (w) => `-Werror=${w}`,
    );
    expect(await run('gcc', ['-std=c11', '-fsyntax-only', '-pthread', ...errors, ...files])).toBe('');
  }, 300_000);

  it('every Python file passes python3 -m py_compile', async () => {
    const files = writeAll('py');
    expect(files.length).toBeGreaterThan(50);
    expect(await run('python3', ['-m', 'py_compile', ...files])).toBe('');
  }, 300_000);
});
