// The edge rules on literal data: join codes, nicknames, and the message table's validation of
// shape, ranges and the sender's role.
import { describe, expect, it } from 'vitest';
import {
  JOIN_CODE_ALPHABET,
  isWellFormedJoinCode,
  joinCodeFromRandom,
  normalizeJoinCode,
} from '../../shared/protocol/join-code.ts';
import { checkNickname, nicknameKey } from '../../shared/protocol/nickname.ts';
import { nicknameSkeleton } from '../../server/game/nickname-skeleton.ts';
import { CLIENT_MESSAGE_TYPES, parseClientMessage, type Sender } from '../../shared/protocol/messages.ts';

const scheduler: Sender = {
  role: 'scheduler',
  slot: { key: 'scheduler:0', role: 'scheduler', cores: [0] },
  tid: null,
  isHost: false,
};
const thread: Sender = {
  role: 'thread',
  slot: { key: 'thread:a:0', role: 'thread', process: 'a', thread: 0 },
  tid: 7,
  isHost: false,
};
const ipc: Sender = {
  role: 'ipc',
  slot: { key: 'ipc:jobs', role: 'ipc', channel: 'jobs' },
  tid: null,
  isHost: false,
};
const host: Sender = { role: 'host', slot: null, tid: null, isHost: true };
const spectator: Sender = { role: 'spectator', slot: null, tid: null, isHost: false };

describe('join codes', () => {
  it('use no look-alike characters', () => {
    for (const ch of '01OIL') expect(JOIN_CODE_ALPHABET).not.toContain(ch);
  });
  it('are six characters from the alphabet, whatever the random input', () => {
    const code = joinCodeFromRandom([0, 5, 30, 31, -1, 1e9]);
    expect(code).toHaveLength(6);
    expect(isWellFormedJoinCode(code)).toBe(true);
  });
  it('accept what a student types in lower case or with separators', () => {
    expect(normalizeJoinCode('ab-c 23x')).toBe('ABC23X');
    expect(isWellFormedJoinCode('ABC10X')).toBe(false);
    expect(isWellFormedJoinCode('ABC2')).toBe(false);
  });
});

describe('nicknames', () => {
  it('accept Hangul, letters, digits, spaces, _ and -', () => {
    expect(checkNickname('  김 철수_2 ')).toEqual({ ok: true, nickname: '김 철수_2' });
    expect(checkNickname('Ana-Maria')).toEqual({ ok: true, nickname: 'Ana-Maria' });
  });
  it('refuse bad lengths, characters, reserved names, insults and taken names', () => {
    expect(checkNickname('a')).toEqual({ ok: false, problem: 'too-short' });
    expect(checkNickname('x'.repeat(17))).toEqual({ ok: false, problem: 'too-long' });
    expect(checkNickname('<script>')).toEqual({ ok: false, problem: 'bad-characters' });
    expect(checkNickname('Teacher')).toEqual({ ok: false, problem: 'blocked' });
    expect(checkNickname('shithead')).toEqual({ ok: false, problem: 'blocked' });
    expect(checkNickname('ghost').ok).toBe(true);
    expect(checkNickname('kim-chul', new Set([nicknameKey('Kim Chul')]))).toEqual({
      ok: false,
      problem: 'taken',
    });
    expect(checkNickname(42)).toEqual({ ok: false, problem: 'bad-characters' });
  });
  it('refuse names that show nothing or bleed over their neighbours', () => {
    for (const invisible of [
      '\u3164\u3164',
      '\u115f\u1160\u115f',
      'Min\u200bsu',
      'Mi\u200dnsu',
      '\uffa0\uffa0x',
    ]) {
      expect(checkNickname(invisible), JSON.stringify(invisible)).toEqual({
        ok: false,
        problem: 'bad-characters',
      });
    }
    expect(checkNickname('Ze\u0301\u0302\u0303\u0304ro')).toEqual({ ok: false, problem: 'bad-characters' });
    // Korean syllables typed as jamo and accents stay fine.
    expect(checkNickname('\u1100\u1161\u11a8\u1102\u1161').ok).toBe(true);
    expect(checkNickname('José').ok).toBe(true);
  });
  it('on the server, look-alike letters of other scripts compare as the Latin ones they imitate', () => {
    expect(nicknameSkeleton('\u041cinsu')).toBe(nicknameSkeleton('Minsu')); // a Cyrillic М
    expect(checkNickname('\u041cinsu', new Set([nicknameSkeleton('Minsu')]), nicknameSkeleton)).toEqual({
      ok: false,
      problem: 'taken',
    });
    expect(checkNickname('\u0455hithead', new Set(), nicknameSkeleton)).toEqual({
      ok: false,
      problem: 'blocked',
    }); // a Cyrillic ѕ
    expect(checkNickname('민수', new Set([nicknameSkeleton('Minsu')]), nicknameSkeleton).ok).toBe(true);
  });
});

describe('the message table', () => {
  it("turns each role's message into its kernel action, filling in what the seat owns", () => {
    expect(parseClientMessage('dispatch', { core: 0, tid: 3 }, scheduler)).toEqual({
      ok: true,
      kind: 'action',
      action: { type: 'dispatch', core: 0, tid: 3 },
    });
    expect(parseClientMessage('choose', { instr: 'lock m' }, thread)).toEqual({
      ok: true,
      kind: 'action',
      action: { type: 'choose', tid: 7, instr: 'lock m' },
    });
    expect(parseClientMessage('deliver', { message: 4 }, ipc)).toEqual({
      ok: true,
      kind: 'action',
      action: { type: 'deliver', channel: 'jobs', message: 4 },
    });
    expect(
      parseClientMessage('handle-interrupt', { id: 2 }, { ...spectator, role: 'interrupt' }),
    ).toMatchObject({ ok: true, action: { type: 'handle-interrupt', id: 2 } });
    expect(parseClientMessage('host:speed', { ticksPerSecond: 4 }, host)).toEqual({
      ok: true,
      kind: 'host',
      command: { type: 'speed', ticksPerSecond: 4 },
    });
    expect(parseClientMessage('set-quantum', { quantum: 3 }, host)).toMatchObject({
      ok: true,
      action: { type: 'set-quantum', quantum: 3 },
    });
  });
  it('refuses malformed payloads: wrong types, out of range, extra keys, missing fields', () => {
    for (const payload of [
      { core: 'x', tid: 1 },
      { core: 9, tid: 1 },
      { core: 0, tid: -1 },
      { core: 0, tid: 1, extra: 1 },
      { core: 0 },
      null,
      'dispatch',
      [0, 1],
    ]) {
      expect(parseClientMessage('dispatch', payload, scheduler)).toMatchObject({
        ok: false,
        code: 'malformed',
      });
    }
    expect(parseClientMessage('host:speed', { ticksPerSecond: 1000 }, host)).toMatchObject({
      ok: false,
      code: 'malformed',
    });
    expect(parseClientMessage('choose', { instr: 'x'.repeat(61) }, thread)).toMatchObject({
      ok: false,
      code: 'malformed',
    });
  });
  it('refuses messages from the wrong role, and cores or threads the sender does not own', () => {
    expect(parseClientMessage('dispatch', { core: 0, tid: 1 }, thread)).toMatchObject({
      ok: false,
      code: 'not-your-role',
    });
    expect(parseClientMessage('dispatch', { core: 1, tid: 1 }, scheduler)).toMatchObject({
      ok: false,
      code: 'not-your-core',
    });
    expect(parseClientMessage('choose', { instr: 'cpu 1' }, { ...thread, tid: null })).toMatchObject({
      ok: false,
      code: 'no-thread-yet',
    });
    for (const type of CLIENT_MESSAGE_TYPES.filter((t) => t.startsWith('host:'))) {
      expect(parseClientMessage(type, {}, scheduler)).toMatchObject({ ok: false });
      expect(parseClientMessage(type, {}, spectator)).toMatchObject({ ok: false });
    }
    expect(parseClientMessage('host:pause', undefined, spectator)).toMatchObject({
      ok: false,
      code: 'not-your-role',
    });
    expect(parseClientMessage('kill', { pid: 1 }, scheduler)).toMatchObject({
      ok: false,
      code: 'not-your-role',
    });
  });
  it('refuses unknown types, including prototype names', () => {
    expect(parseClientMessage('format-disk', {}, host)).toMatchObject({ ok: false, code: 'unknown-type' });
    expect(parseClientMessage('__proto__', {}, host)).toMatchObject({ ok: false, code: 'unknown-type' });
    expect(parseClientMessage('toString', {}, host)).toMatchObject({ ok: false, code: 'unknown-type' });
  });
});
