// The headless runner: `npm run sim -- FILE --policy fifo|sjf|stcf|rr|priority [--quantum N] [--trace]`
// reads a workload file and prints the textbook metrics as JSON. Exit code 2 on a bad file or flags.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseScenario } from '../../shared/kernel/index.ts';
import { POLICIES, type PolicyKind } from '../../shared/bots/index.ts';
import { LIMITS, inLimit } from '../../shared/kernel/limits.ts';
import { runPolicy } from '../../shared/sim/run.ts';

function fail(message: string): never {
  process.stderr.write(`sim: ${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        policy: { type: 'string' },
        quantum: { type: 'string' },
        trace: { type: 'boolean' },
        seed: { type: 'string' },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    fail('usage: npm run sim -- FILE --policy fifo|sjf|stcf|rr|priority [--quantum N] [--trace] [--seed N]');
  const policy = values.policy as PolicyKind | undefined;
  if (!policy || !POLICIES.includes(policy)) fail(`--policy must be one of ${POLICIES.join(', ')}`);
  let quantum: number | undefined;
  if (values.quantum !== undefined) {
    // round robin needs a timer, so 0 (no timer) is not a quantum here
    if (
      !/^\d+$/.test(values.quantum) ||
      Number(values.quantum) < 1 ||
      !inLimit('quantum', Number(values.quantum))
    )
      fail(`--quantum must be a whole number from 1 to ${LIMITS.quantum.max}`);
    if (policy !== 'rr') fail('--quantum only applies to --policy rr');
    quantum = Number(values.quantum);
  }
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) fail('--seed must be a whole number');

  let text: string;
  try {
    text = readFileSync(positionals[0]!, 'utf8');
  } catch (e) {
    fail(`cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`${positionals[0]} is not valid JSON: ${(e as Error).message}`);
  }
  const scenario = parseScenario(json);
  if (!scenario.ok) fail(`${positionals[0]}: ${scenario.error}`);

  const r = runPolicy(scenario.scenario, policy, { quantum, seed, trace: values.trace ?? false });
  const out: Record<string, unknown> = {
    policy: r.policy,
    jobs: r.jobs,
    averages: r.averages,
    utilization: r.utilization,
    contextSwitches: r.contextSwitches,
    ticks: r.ticks,
  };
  if (!r.finished)
    out.unfinished =
      'stopped after 100000 ticks: some job never ends (a deadlock or a thread that waits forever)';
  if (r.trace) out.trace = r.trace;
  process.stdout.write(JSON.stringify(out, null, values.trace ? undefined : 2) + '\n');
}

main(process.argv.slice(2));
