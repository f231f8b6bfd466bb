// The scrypt password hash: format, verification, refusal of tampered strings, parameter upgrades, and its cost.
import { describe, expect, it } from 'vitest';
import { CURRENT_PARAMS, hashPassword, needsRehash, verifyPassword } from '../../server/accounts/index.ts';

describe('password hash', () => {
  it('is a self-describing PHC string with a 16-byte salt, and salts every hash differently', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats the two Unicode spellings of a Korean password as the same password', async () => {
    const composed = '비밀번호는열글자이상';
    const stored = await hashPassword(composed);
    expect(await verifyPassword(composed.normalize('NFD'), stored)).toBe(true);
  });

  it('refuses malformed or tampered strings instead of throwing or allocating', async () => {
    const stored = await hashPassword('correct horse battery');
    for (const bad of [
      '',
      'plain',
      stored.replace('ln=15', 'ln=40'),
      stored.replace('$scrypt$', '$argon2id$'),
      stored.slice(0, -10),
    ]) {
      expect(await verifyPassword('correct horse battery', bad)).toBe(false);
    }
  });

  it('reads hashes made with other parameters and flags them for rehash', async () => {
    const old = await hashPassword('correct horse battery', { logN: 14, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('x', CURRENT_PARAMS))).toBe(false);
  });

  it('costs tens of milliseconds per hash (memory-hard, 32 MiB)', async () => {
    const runs = 5;
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) await hashPassword('correct horse battery');
    const ms = (performance.now() - start) / runs;
    console.info(`scrypt N=2^15 r=8 p=1: ${ms.toFixed(1)} ms per hash`);
    expect(ms).toBeGreaterThan(5);
  });
});
