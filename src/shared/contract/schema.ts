// Tiny runtime schemas: every payload crossing the UI/core boundary is checked, and the TS type is inferred
// from the same schema so the two can never drift apart.

export class ContractError extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`${path || 'payload'}: ${problem}`);
    this.name = 'ContractError';
  }
}

export interface Schema<T> {
  readonly kind: string;
  parse(value: unknown, path?: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function make<T>(kind: string, parse: (value: unknown, path: string) => T): Schema<T> {
  return { kind, parse: (value: unknown, path = '') => parse(value, path) };
}

export function string(opts: { min?: number; max?: number; pattern?: RegExp } = {}): Schema<string> {
  const max = opts.max ?? 4096;
  return make('string', (v, p) => {
    if (typeof v !== 'string') throw new ContractError(p, `expected a string, got ${describe(v)}`);
    if (v.length > max) throw new ContractError(p, `string longer than ${max} characters`);
    if (opts.min !== undefined && v.length < opts.min) throw new ContractError(p, `string shorter than ${opts.min} characters`);
    if (v.includes('\0')) throw new ContractError(p, 'string contains a NUL character');
    if (opts.pattern && !opts.pattern.test(v)) throw new ContractError(p, `string does not match ${opts.pattern}`);
    return v;
  });
}

export function number(opts: { min?: number; max?: number; int?: boolean } = {}): Schema<number> {
  return make('number', (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ContractError(p, `expected a finite number, got ${describe(v)}`);
    if (opts.int && !Number.isInteger(v)) throw new ContractError(p, `expected an integer, got ${v}`);
    if (opts.min !== undefined && v < opts.min) throw new ContractError(p, `${v} is below the minimum ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) throw new ContractError(p, `${v} is above the maximum ${opts.max}`);
    return v;
  });
}

/** A database row id. */
export const id = (): Schema<number> => number({ int: true, min: 1, max: 2 ** 53 - 1 });

export function boolean(): Schema<boolean> {
  return make('boolean', (v, p) => {
    if (typeof v !== 'boolean') throw new ContractError(p, `expected true or false, got ${describe(v)}`);
    return v;
  });
}

export function literal<const T extends string | number | boolean>(...values: T[]): Schema<T> {
  return make('literal', (v, p) => {
    if (!values.includes(v as T)) throw new ContractError(p, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  });
}

export function array<T>(item: Schema<T>, opts: { min?: number; max?: number } = {}): Schema<T[]> {
  const max = opts.max ?? 1_000_000;
  return make('array', (v, p) => {
    if (!Array.isArray(v)) throw new ContractError(p, `expected an array, got ${describe(v)}`);
    if (v.length > max) throw new ContractError(p, `array longer than ${max} items`);
    if (opts.min !== undefined && v.length < opts.min) throw new ContractError(p, `array needs at least ${opts.min} item(s)`);
    return v.map((x, i) => item.parse(x, `${p}[${i}]`));
  });
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return make('nullable', (v, p) => (v === null ? null : inner.parse(v, p)));
}

interface OptionalSchema<T> extends Schema<T | undefined> { readonly optional: true }

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return { kind: 'optional', optional: true, parse: (v: unknown, p = '') => (v === undefined ? undefined : inner.parse(v, p)) };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<{ [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }>;

/** A plain object with exactly these keys: unknown keys are rejected so typos in a caller surface at once. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return make('object', (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ContractError(p, `expected an object, got ${describe(v)}`);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new ContractError(p, 'expected a plain object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(shape, key)) throw new ContractError(p ? `${p}.${key}` : key, 'unknown field');
    }
    for (const [key, schema] of Object.entries(shape)) {
      const value = (v as Record<string, unknown>)[key];
      const parsed = schema.parse(value, p ? `${p}.${key}` : key);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out as ObjectOf<S>;
  });
}

/** One of several object shapes told apart by a literal `type` field. */
export function union<T>(...options: Schema<T>[]): Schema<T> {
  return make('union', (v, p) => {
    const problems: string[] = [];
    for (const o of options) {
      try {
        return o.parse(v, p);
      } catch (err) {
        problems.push(err instanceof ContractError ? err.message : String(err));
      }
    }
    throw new ContractError(p, `matched none of the allowed shapes (${problems.join(' | ')})`);
  });
}

export function refine<T>(inner: Schema<T>, check: (value: T) => string | null): Schema<T> {
  return make(inner.kind, (v, p) => {
    const value = inner.parse(v, p);
    const problem = check(value);
    if (problem) throw new ContractError(p, problem);
    return value;
  });
}

export const empty = () => object({});
