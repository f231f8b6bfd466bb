// Scenarios for room tests: small, deterministic machines where every role has work to do.

/** Every role has a job: I/O raises interrupts, a steered thread, a message queue with manual delivery. */
export const ROLES_SCENARIO = {
  cores: 2,
  quantum: 3,
  devices: { disk: 2 },
  processes: [
    { name: 'io', program: ['io disk', 'cpu 1', 'io disk', 'exit'] },
    { name: 'calc', length: 40 },
    { name: 'w', threads: [{ program: ['cpu 1', 'cpu 1', 'exit'], steered: true }] },
    { name: 'prod', program: ['send q a', 'send q b', 'exit'] },
    { name: 'cons', program: ['recv q', 'recv q', 'exit'] },
  ],
  channels: [{ name: 'q', kind: 'mq', capacity: 4 }],
  auto: { interrupts: false, delivery: false },
};

/** A short batch the bots finish in a few dozen ticks. */
export const SHORT_SCENARIO = {
  cores: 1,
  quantum: 2,
  processes: [
    { name: 'a', arrival: 0, length: 5, priority: 2 },
    { name: 'b', arrival: 1, length: 2, priority: 0 },
    { name: 'c', arrival: 2, length: 3, priority: 1 },
  ],
};

/** Two steered threads updating a shared counter without a lock (a lost update whenever their load/add/store interleave). */
export const RACE_SCENARIO = {
  cores: 2,
  quantum: 0,
  switchCost: 0,
  processes: [
    {
      name: 'counter',
      arrival: 0,
      vars: { count: 0 },
      threads: [
        { program: ['load count', 'add 1', 'store count', 'exit'], steered: true },
        { program: ['load count', 'add 1', 'store count', 'exit'], steered: true },
      ],
    },
  ],
  auto: { interrupts: true, delivery: true },
};
