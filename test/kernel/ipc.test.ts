// The six channel kinds with the semantics of the notes, their costs, and the channel role's moves.
import { describe, expect, it } from 'vitest';
import { CHANNEL_KINDS, SHM_ATTACH_COST, type ChannelKind } from '../../shared/kernel/index.ts';
import { machine } from './harness.ts';

const pair = (kind: ChannelKind, extra: Record<string, unknown> = {}) => ({
  cores: 2,
  channels: [{ name: 'ch', kind, ...(kind === 'pipe' ? { owner: 'writer' } : {}), ...extra }],
  processes: [
    { name: 'writer', program: ['send ch one', 'send ch two', 'send ch three'] },
    {
      name: 'reader',
      ...(kind === 'pipe' ? { parent: 'writer' } : {}),
      program: ['recv ch', 'recv ch', 'recv ch'],
    },
  ],
});

describe('channels', () => {
  it('ranks the kinds as the notes do: shared memory < socket < pipe < message queue < file in cost', () => {
    const c = (k: ChannelKind) => CHANNEL_KINDS[k].cost;
    expect(c('shm')).toBeLessThan(c('tcp'));
    expect(c('tcp')).toBeLessThan(c('pipe'));
    expect(c('pipe')).toBeLessThan(c('mq'));
    expect(c('mq')).toBeLessThan(c('file'));
  });

  for (const kind of ['pipe', 'fifo', 'mq', 'tcp', 'file'] as const) {
    it(`${kind}: delivers every message, in order, and a receiver blocks on an empty channel`, () => {
      const m = machine(pair(kind)).dispatch(1, 2);
      expect(m.thread(2).blocked).toEqual({ on: 'recv', channel: 'ch' });
      m.dispatch(0, 1);
      for (let i = 0; i < 60 && !m.proc(2).terminated; i++) {
        if (m.s.cores[1]!.running === null && m.thread(2).state === 'ready') m.dispatch(1, 2);
        m.tick();
      }
      expect(m.of('message-received').map((e) => e.tid)).toEqual([2, 2, 2]);
      expect(m.s.channels.ch!.delivered).toBe(3);
      expect(m.of('out-of-order')).toHaveLength(0);
      expect(m.thread(2).lastMessage).toBe('three');
    });
  }

  it('a bounded channel blocks a sender when full, and a receive makes room', () => {
    const m = machine(pair('mq', { capacity: 1 }))
      .dispatch(0, 1)
      .tick(CHANNEL_KINDS.mq.cost);
    expect(m.thread(1).blocked).toEqual({ on: 'send', channel: 'ch' });
    m.dispatch(1, 2);
    expect(m.thread(1).state).toBe('ready');
    expect(m.s.channels.ch!.inFlight.length + m.s.channels.ch!.buffer.length).toBe(1);
  });

  it('tcp messages take the network latency before they can be received', () => {
    const m = machine(pair('tcp', { latency: 3 })).dispatch(0, 1);
    expect(m.s.channels.ch!.inFlight).toHaveLength(1);
    m.tick(2);
    expect(m.s.channels.ch!.buffer).toHaveLength(0);
    m.tick(1);
    expect(m.s.channels.ch!.buffer.map((x) => x.payload)).toEqual(['one']);
  });

  it('udp loses and reorders messages through the seeded generator, the same way for the same seed', () => {
    const run = (seed: number) => {
      const many = {
        cores: 2,
        channels: [{ name: 'u', kind: 'udp', loss: 0.3, jitter: 20, capacity: 64 }],
        processes: [
          { name: 'w', program: Array.from({ length: 20 }, (_, i) => `send u m${i}`) },
          { name: 'r', program: ['cpu 1'] },
        ],
      };
      const m = machine(many as never, seed).dispatch(0, 1);
      for (let i = 0; i < 20 * CHANNEL_KINDS.udp.cost + 30; i++) m.tick();
      const order = m.of('message-delivered').map((e) => e.seq);
      return { dropped: m.s.channels.u!.dropped, order };
    };
    const a = run(7);
    expect(a).toEqual(run(7));
    expect(a.dropped).toBeGreaterThan(0);
    expect(a.order).not.toEqual([...a.order].sort((x, y) => x - y));
    expect(a.dropped + a.order.length).toBe(20);
  });

  it('an anonymous pipe is one-way and only for the parent and its child', () => {
    const m = machine({
      cores: 3,
      channels: [{ name: 'p', kind: 'pipe', owner: 'parent' }],
      processes: [
        { name: 'parent', program: ['send p hi', 'recv p'] },
        { name: 'child', parent: 'parent', program: ['send p back'] },
        { name: 'stranger', program: ['send p intrude'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).dispatch(2, 3);
    expect(m.of('ipc-refused').map((e) => [e.tid, e.why])).toEqual([
      [2, 'read-end'],
      [3, 'not-related'],
    ]);
    m.tick(CHANNEL_KINDS.pipe.cost);
    expect(m.of('ipc-refused').map((e) => e.why)).toContain('write-end');
    expect(m.s.counters.refusedIpc).toBe(3);
  });

  it('a thread of the writing process cannot read the pipe, whether it started reading before or after the first send', () => {
    const m = machine({
      cores: 2,
      channels: [{ name: 'p', kind: 'pipe', owner: 'A' }],
      processes: [{ name: 'A', threads: [{ program: ['recv p'] }, { program: ['send p hi'] }] }],
    });
    m.dispatch(0, 1);
    expect(m.thread(1).blocked).toEqual({ on: 'recv', channel: 'p' });
    m.dispatch(1, 2);
    expect(m.of('ipc-refused')).toEqual([expect.objectContaining({ tid: 1, why: 'write-end' })]);
    expect(m.thread(1).state).toBe('ready');
    expect(m.thread(1).lastMessage).toBeNull();
    expect(m.s.channels.p!.receivers).toEqual([]);
  });

  it('a named pipe lets unrelated processes talk both ways', () => {
    const m = machine({
      cores: 2,
      channels: [{ name: 'f', kind: 'fifo' }],
      processes: [
        { name: 'a', program: ['send f ping', 'recv f'] },
        { name: 'b', program: ['recv f', 'send f pong'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2);
    for (let i = 0; i < 20; i++) {
      for (const [core, tid] of [
        [0, 1],
        [1, 2],
      ] as const)
        if (m.s.cores[core]!.running === null && m.thread(tid).state === 'ready') m.dispatch(core, tid);
      m.tick();
    }
    expect(m.thread(1).lastMessage).toBe('pong');
    expect(m.thread(2).lastMessage).toBe('ping');
    expect(m.of('ipc-refused')).toHaveLength(0);
  });

  it('a file keeps what was written: every reader reads it all from its own offset', () => {
    const m = machine({
      cores: 3,
      channels: [{ name: 'hello', kind: 'file' }],
      processes: [
        { name: 'w', program: ['send hello hi'] },
        { name: 'r1', program: ['recv hello'] },
        { name: 'r2', program: ['recv hello'] },
      ],
    });
    m.dispatch(0, 1).dispatch(1, 2).dispatch(2, 3);
    expect(m.thread(2).lastMessage).toBe('hi');
    expect(m.thread(3).lastMessage).toBe('hi');
    expect(m.s.channels.hello!.buffer).toHaveLength(1);
  });

  it('shared memory: a write is visible at once and a read never blocks', () => {
    const m = machine({
      cores: 2,
      channels: [{ name: 'name', kind: 'shm' }],
      processes: [
        { name: 'a', program: ['recv name', 'send name kim', 'recv name'] },
        { name: 'b', program: ['recv name'] },
      ],
    });
    m.dispatch(0, 1);
    expect(m.thread(1).lastMessage).toBe('');
    m.tick(CHANNEL_KINDS.shm.cost + SHM_ATTACH_COST); // its first use attaches the segment
    expect(m.s.channels.name!.value).toBe('kim');
    m.dispatch(1, 2);
    expect(m.thread(2).lastMessage).toBe('kim');
  });

  describe('the channel role (manual delivery)', () => {
    const manual = {
      cores: 2,
      auto: { delivery: false },
      channels: [{ name: 't', kind: 'tcp', latency: 0 }],
      processes: [
        { name: 'w', program: ['send t a', 'send t b'] },
        { name: 'r', program: ['recv t', 'recv t'] },
      ],
    };

    it('messages wait in flight until delivered; delivering out of order on an ordered channel is detected', () => {
      const m = machine(manual as never)
        .dispatch(0, 1)
        .tick(CHANNEL_KINDS.tcp.cost);
      const [a, b] = m.s.channels.t!.inFlight;
      expect(m.s.channels.t!.inFlight).toHaveLength(2);
      m.act({ type: 'deliver', channel: 't', message: b!.id }).act({
        type: 'deliver',
        channel: 't',
        message: a!.id,
      });
      expect(m.of('out-of-order')).toEqual([expect.objectContaining({ channel: 't', seq: 1 })]);
    });

    it('refuses unknown channels and messages, and messages still travelling', () => {
      const m = machine({ ...manual, channels: [{ name: 't', kind: 'tcp', latency: 5 }] } as never).dispatch(
        0,
        1,
      );
      expect(m.refuse({ type: 'deliver', channel: 'nope', message: 1 }).code).toBe('no-such-channel');
      expect(m.refuse({ type: 'deliver', channel: 't', message: 99 }).code).toBe('no-such-message');
      expect(m.refuse({ type: 'deliver', channel: 't', message: 1 })).toMatchObject({
        code: 'message-not-ready',
        params: { ticks: 5 },
      });
    });
  });
});
