// `npm run eval -- --manifest a.csv [--manifest b.csv] [--train-source NAME] [--synth N] [--write-bench]`:
// measures labelling, similarity and map quality on a labelled manifest (see src/main/eval/).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from '../src/main/cli/parse-args.js';
import { loadManifests } from '../src/main/eval/manifest.js';
import { evaluate } from '../src/main/eval/evaluate.js';
import { formatEvalMarkdown } from '../src/main/eval/format-report.js';

const USAGE = 'npm run eval -- --manifest FILE.csv [--manifest …] [--train-source SOURCE …] [--synth N] [--workers N] [--no-embedding] [--json] [--write-bench]';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), {
    manifest: { type: 'string', multiple: true },
    'train-source': { type: 'string', multiple: true },
    synth: { type: 'number' },
    workers: { type: 'number' },
    embedding: { type: 'boolean' },
    json: { type: 'boolean' },
    'write-bench': { type: 'boolean' },
    'keep-scratch': { type: 'string' },
  });
  const manifests = (args.flags.manifest as string[] | undefined) ?? [];
  if (!manifests.length) {
    process.stderr.write(`usage: ${USAGE}\n`);
    return 2;
  }
  for (const m of manifests) if (!existsSync(m)) throw new Error(`manifest not found: ${m}`);
  const { rows, skipped } = await loadManifests(manifests);
  const sources = [...new Set(rows.map((r) => r.source))];
  const train = (args.flags['train-source'] as string[] | undefined) ?? [sources[0]];
  for (const t of train) if (!sources.includes(t)) throw new Error(`--train-source ${t} is not a source in the manifests (have: ${sources.join(', ')})`);
  process.stderr.write(`${rows.length} labelled files from ${sources.join(', ')} (${skipped.length} rows skipped: ${[...new Set(skipped.map((s) => s.reason))].join('; ')})\n`);
  const report = await evaluate(rows, {
    trainSources: train,
    synthPerCategory: args.flags.synth as number | undefined,
    workers: args.flags.workers as number | undefined,
    embedding: args.flags.embedding as boolean | undefined,
    keepScratch: args.flags['keep-scratch'] as string | undefined,
    log: (line) => process.stderr.write(line + '\n'),
  });
  const md = formatEvalMarkdown(report);
  process.stdout.write(args.flags.json ? JSON.stringify(report, null, 2) + '\n' : md + '\n');
  if (args.flags['write-bench']) {
    const file = 'docs/benchmarks.md';
    const cpu = cpus();
    const body = `<!-- bench:eval -->\n## Sound intelligence evaluation (\`npm run eval\`)\n\n${new Date().toISOString().slice(0, 10)} — ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. Command: \`npm run eval -- ${process.argv.slice(2).filter((a) => a !== '--write-bench').join(' ')}\`\n\n${md}\n<!-- /bench:eval -->`;
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    const re = /<!-- bench:eval -->[\s\S]*?<!-- \/bench:eval -->/;
    writeFileSync(file, re.test(old) ? old.replace(re, () => body) : `${old.trimEnd()}\n\n${body}\n`);
    process.stderr.write(`wrote the eval section of ${file}\n`);
  }
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`eval: ${(err as Error).message}\n`);
  process.exit(1);
});
