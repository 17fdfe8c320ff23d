// A few hand-written validators (no dependency) for arguments that cross a trust boundary: IPC from
// the renderer and WebSocket messages from a browser. Unknown keys are refused so typos fail loudly.

export class ValidationError extends Error {
  override name = 'ValidationError';
}

export type Validator<T> = ((value: unknown, path: string) => T) & { optional?: true };
export type Infer<V> = V extends Validator<infer T> ? T : never;

const fail = (path: string, what: string, value: unknown): never => {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : Array.isArray(value) ? 'an array' : String(value);
  throw new ValidationError(`${path} must be ${what}, not ${shown}`);
};

export function str(opts: { min?: number; max?: number; path?: boolean } = {}): Validator<string> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 4096;
  return (v, path) => {
    if (typeof v !== 'string') return fail(path, 'a string', v);
    if (v.length < min || v.length > max) return fail(path, `a string of ${min}–${max} characters`, v);
    // A NUL byte silently truncates a path at the OS level: never a legitimate input.
    if (opts.path && v.includes('\0')) return fail(path, 'a path without NUL bytes', v);
    return v;
  };
}

export function int(min: number, max: number): Validator<number> {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return fail(path, `a whole number from ${min} to ${max}`, v);
    return v;
  };
}

export function bool(): Validator<boolean> {
  return (v, path) => (typeof v === 'boolean' ? v : fail(path, 'true or false', v));
}

export function oneOf<const T extends readonly string[]>(values: T): Validator<T[number]> {
  return (v, path) => {
    if (typeof v !== 'string' || !values.includes(v)) return fail(path, `one of ${values.join(', ')}`, v);
    return v;
  };
}

export function optional<T>(inner: Validator<T>): Validator<T | undefined> & { optional: true } {
  const v = (value: unknown, path: string): T | undefined => (value === undefined ? undefined : inner(value, path));
  return Object.assign(v, { optional: true as const });
}

/** The first alternative that accepts the value wins; the error lists what each one wanted. */
export function union<A, B>(a: Validator<A>, b: Validator<B>): Validator<A | B> {
  return (v, path) => {
    try {
      return a(v, path);
    } catch (errA) {
      try {
        return b(v, path);
      } catch (errB) {
        throw new ValidationError(`${(errA as Error).message}; or ${(errB as Error).message}`);
      }
    }
  };
}

type Shape = Record<string, Validator<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

export function object<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'an object', v);
    const input = v as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) throw new ValidationError(`${path} has an unknown field "${key}"`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const value = check(input[key], `${path}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<S>;
  };
}

export function arrayOf<T>(inner: Validator<T>, max: number): Validator<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'an array', v);
    if (v.length > max) return fail(path, `an array of at most ${max} items`, v);
    return v.map((item, i) => inner(item, `${path}[${i}]`));
  };
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (v, path) => (v === null ? null : inner(v, path));
}
