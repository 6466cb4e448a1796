import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../src/main/cli/parse-args.js';

const spec = { json: { type: 'boolean' as const }, k: { type: 'number' as const, short: 'k' }, tag: { type: 'string' as const, multiple: true }, analyse: { type: 'boolean' as const } };

test('flags, values, repeats, negation and positionals', () => {
  const r = parseArgs(['a', '--json', '-k', '5', '--tag=x', '--tag', 'y', '--no-analyse', 'b', '--', '--not-a-flag'], spec);
  assert.deepEqual(r.positionals, ['a', 'b', '--not-a-flag']);
  assert.deepEqual(r.flags, { json: true, k: 5, tag: ['x', 'y'], analyse: false });
});

test('unknown flags, missing values and bad numbers are usage errors', () => {
  assert.throws(() => parseArgs(['--nope'], spec), (e: unknown) => e instanceof UsageError && /unknown option --nope/.test(e.message));
  assert.throws(() => parseArgs(['-k'], spec), /needs a value/);
  assert.throws(() => parseArgs(['-k', 'five'], spec), /needs a number, got 'five'/);
  assert.throws(() => parseArgs(['--json=1'], spec), /takes no value/);
});
