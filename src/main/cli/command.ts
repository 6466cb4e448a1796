// The shape of one CLI command: its flags, its usage line, and what it does with an open library.
import type { Library } from '../core/library.js';
import type { FlagSpec, ParsedArgs } from './parse-args.js';
import type { Output } from './output.js';

export interface CommandContext {
  args: ParsedArgs;
  out: Output;
  libraryDir: string;
  /** Opens (creating if needed) the library; the caller closes it. */
  openLibrary(): Library;
  /** Aborted on Ctrl-C / SIGTERM so long commands stop cleanly with everything done so far saved. */
  signal: AbortSignal;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: Record<string, FlagSpec>;
  /** The command parses its own flags: every word after the command (but --library) arrives in args.positionals. */
  rawArgv?: boolean;
  run(ctx: CommandContext): Promise<number>;
}
