#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's own test runner (through tsx), one file per process.
// Node 20's --test takes no globs, so we collect the files here. Pass paths or substrings to filter.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2);
let files = collect('test').map((f) => relative('.', f));
if (filters.length) files = files.filter((f) => filters.some((flt) => f.includes(flt)));
if (!files.length) {
  console.error('no test files matched');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, SONOTECA_TEST: '1' },
});
process.exit(result.status ?? 1);
