// A small, strict argument parser: unknown flags are errors with the command's usage, never silently ignored.

export interface FlagSpec {
  /** 'boolean' flags take no value; 'string' and 'number' take the next word or `--flag=value`. */
  type: 'boolean' | 'string' | 'number';
  /** May be given more than once (values collected). */
  multiple?: boolean;
  short?: string;
}

export type FlagValues = Record<string, string | number | boolean | Array<string | number> | undefined>;

export interface ParsedArgs {
  positionals: string[];
  flags: FlagValues;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = [];
  const flags: FlagValues = {};
  const byShort = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [s.short!, name]));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      name = eq > 0 ? word.slice(2, eq) : word.slice(2);
      inline = eq > 0 ? word.slice(eq + 1) : undefined;
      if (name.startsWith('no-') && spec[name.slice(3)]?.type === 'boolean') {
        flags[name.slice(3)] = false;
        continue;
      }
    } else if (word.startsWith('-') && word.length === 2 && !/^-\d/.test(word)) {
      name = byShort.get(word.slice(1));
      if (!name) throw new UsageError(`unknown option ${word}`);
    } else {
      positionals.push(word);
      continue;
    }
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    let value: string | number | boolean;
    if (s.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      value = true;
    } else {
      const raw = inline ?? argv[++i];
      if (raw === undefined) throw new UsageError(`--${name} needs a value`);
      if (s.type === 'number') {
        const n = Number(raw);
        if (!Number.isFinite(n)) throw new UsageError(`--${name} needs a number, got '${raw}'`);
        value = n;
      } else value = raw;
    }
    if (s.multiple) {
      const list = (flags[name] as Array<string | number> | undefined) ?? [];
      list.push(value as string | number);
      flags[name] = list;
    } else flags[name] = value;
  }
  return { positionals, flags };
}
