// Personal similarity from the outside: the UI's calls and event over a real library (tagging sounds trains the head
// in the background), and the `sonoteca head` command's status / train / reset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Library } from '../../src/main/core/library.js';
import { createOutput } from '../../src/main/cli/output.js';
import { parseArgs, UsageError } from '../../src/main/cli/parse-args.js';
import type { Command } from '../../src/main/cli/command.js';
import { headCommand } from '../../src/main/cli/commands/head.js';
import { createApi } from '../../src/main/api/create-api.js';
import { personalHeadPath } from '../../src/main/services/personal-head.js';
import type { PersonalHeadView } from '../../src/shared/contract/views.js';
import { buildFixtureLibrary, type FixtureLibrary } from './fixture-library.js';

let fx: FixtureLibrary;
let libDir: string;

before(async () => {
  fx = await buildFixtureLibrary();
  libDir = join(fx.dir, 'lib');
});

after(async () => {
  await fx.library.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

const id = (role: string) => fx.library.db.samples.byPath(fx.paths[role])!.id;

test('tagging sounds in the UI trains the personal head in the background; status, train and reset calls', async () => {
  const api = createApi(fx.library, { autoAnalyse: false });
  const events: PersonalHeadView[] = [];
  let relabelRefresh = 0;
  api.onEvent((event, payload) => {
    if (event === 'personal-head') events.push(payload as PersonalHeadView);
    if (event === 'library-changed' && (payload as { what: string }).what === 'samples') relabelRefresh++;
  });
  try {
    const first = await api.call('personalHead.status', {});
    assert.equal(first.state, 'untrained');
    assert.match(first.needs ?? '', /at least 3 sounds in each of 2 groups/);
    await assert.rejects(api.call('personalHead.train', {}), /not enough labels/);
    const bad = await api.handle('personalHead.reset', { all: true });
    assert.equal(bad.ok, false);

    // Boomy vs tight kicks: a distinction the taxonomy does not have.
    await api.call('tags.add', { ids: [id('kick1'), id('kick2'), id('kick3')], names: ['boomy'] });
    await api.call('tags.add', { ids: [id('kick4'), id('kick5'), id('kick6')], names: ['Tight'] });
    const waiting = await api.call('personalHead.status', {});
    assert.equal(waiting.state, 'waiting', 'a label change schedules training');
    assert.equal(waiting.classes, 2);
    assert.equal(waiting.needs, null);
    const refreshesBefore = relabelRefresh;
    const trained = await api.call('personalHead.train', {});
    assert.equal(trained.state, 'trained');
    assert.equal(trained.trained?.labels, 6);
    assert.deepEqual(trained.trained?.groups.map((g) => g.label).sort(), ['kick · boomy', 'kick · tight']);
    assert.ok(existsSync(personalHeadPath(fx.library.db)));
    assert.ok(events.some((e) => e.state === 'training'), 'progress events while training');
    // Categories are voted in the shipped model's space: a new head changes similar search, not anyone's label.
    assert.equal(relabelRefresh, refreshesBefore, 'a new head re-labels nothing');
    assert.equal(events.at(-1)?.state, 'trained', 'the last event says trained');

    const reset = await api.call('personalHead.reset', {});
    assert.equal(reset.state, 'untrained');
    assert.equal(reset.trained, null);
    assert.equal(existsSync(personalHeadPath(fx.library.db)), false);
  } finally {
    api.close();
  }
});

/** Runs a command in-process exactly as the CLI would, capturing stdout. */
async function run(cmd: Command, argv: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  let stdout = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { append(String(chunk)); cb(); } });
  const out = createOutput(true, sink((s) => (stdout += s)), sink(() => undefined) as unknown as NodeJS.WriteStream);
  const args = parseArgs(argv, { json: { type: 'boolean' }, ...cmd.flags });
  const code = await cmd.run({ args, out, libraryDir: libDir, openLibrary: () => Library.open(libDir), signal: new AbortController().signal });
  return { code, json: JSON.parse(stdout) as Record<string, unknown> };
}

test('sonoteca head status / train / reset', async () => {
  // The user's tags from the test above are still there (the reset forgot the head, not the labels).
  const status = await run(headCommand, ['status', '--json']);
  assert.equal(status.code, 0);
  assert.equal(status.json.state, 'untrained');
  assert.equal(status.json.classes, 2);
  assert.equal(status.json.file, personalHeadPath(fx.library.db));

  const trained = await run(headCommand, ['train', '--epochs', '30', '--json']);
  assert.equal(trained.code, 0);
  assert.equal(trained.json.trained, true);
  assert.equal(trained.json.labels, 6);
  assert.ok((trained.json.lossAfter as number) < (trained.json.lossBefore as number), 'training lowered the loss');
  assert.equal((trained.json.status as { state: string }).state, 'trained');
  assert.equal((await run(headCommand, ['--json'])).json.state, 'trained', 'status is the default');

  const reset = await run(headCommand, ['reset', '--json']);
  assert.equal(reset.json.removed, true);
  assert.equal(existsSync(personalHeadPath(fx.library.db)), false);
  assert.equal((await run(headCommand, ['reset', '--json'])).json.removed, false, 'a second reset finds nothing to remove');

  await assert.rejects(run(headCommand, ['forget']), UsageError);
  await assert.rejects(run(headCommand, ['train', '--epochs', '0']), /--epochs/);
});
