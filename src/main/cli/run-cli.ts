// Parses the global flags, picks the command, runs it, and turns every failure into a clear message and exit code.
import { Library } from '../core/library.js';
import { defaultLibraryDir } from '../core/library-dir.js';
import { COMMANDS } from './commands/index.js';
import { createOutput } from './output.js';
import { parseArgs, UsageError, type FlagSpec, type ParsedArgs } from './parse-args.js';

const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  library: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export async function runCli(argv: string[], signal: AbortSignal): Promise<number> {
  const commandIndex = argv.findIndex((word, i) => !word.startsWith('-') && !(i > 0 && argv[i - 1] === '--library'));
  const name = commandIndex >= 0 ? argv[commandIndex] : undefined;
  const command = COMMANDS.find((c) => c.name === name);
  const json = argv.includes('--json');
  const out = createOutput(json);
  try {
    if (!command) {
      if (name) throw new UsageError(`unknown command '${name}'`);
      process.stdout.write(helpText());
      return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
    }
    const rest = [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
    const args = command.rawArgv ? splitLibraryFlag(rest) : parseArgs(rest, { ...GLOBAL_FLAGS, ...command.flags });
    if (args.flags.help) {
      process.stdout.write(`${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    const libraryDir = (args.flags.library as string | undefined) ?? defaultLibraryDir();
    return await command.run({ args, out, libraryDir, openLibrary: () => Library.open(libraryDir, { classify: true }), signal });
  } catch (err) {
    out.endProgress();
    if (err instanceof UsageError) {
      out.warn(`${err.message}\nusage: ${command?.usage ?? 'sonoteca <command> [options]'}`);
      return 2;
    }
    const message = (err as Error)?.message ?? String(err);
    if (json) process.stdout.write(JSON.stringify({ error: message }) + '\n');
    process.stderr.write(`sonoteca: ${message}\n`);
    if (process.env.SONOTECA_DEBUG) console.error(err);
    return 1;
  }
}

/** For commands with their own flag parser: take out --library DIR, keep everything else for the command. */
function splitLibraryFlag(words: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '--library') flags.library = words[++i];
    else if (words[i].startsWith('--library=')) flags.library = words[i].slice('--library='.length);
    else if (words[i] === '--help' || words[i] === '-h') flags.help = true;
    else positionals.push(words[i]);
  }
  if (flags.library === undefined && words.includes('--library')) throw new UsageError('--library needs a value');
  return { positionals, flags };
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Sonoteca — organise your sample library',
    '',
    'usage: sonoteca [--library DIR] [--json] <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `--library DIR  library folder (default: ${defaultLibraryDir()})`,
    '--json         machine-readable output',
    '',
  ].join('\n');
}
