/**
 * Argument checkers shared by every public function of lib. Each takes the value, the argument's name
 * and the calling function's name, and either returns the value (typed) or throws a `BenchstatsError`
 * whose message reads `fn: name must be …, got …` and whose location names the argument — so a bad
 * call never surfaces as a TypeError from deep inside, a RangeError from an allocation, or a silent NaN.
 *
 * Codes: a value of the wrong kind for a positional argument is `type`; an option of the wrong kind or
 * outside its documented values is `option`; a request beyond one of {@link LIMITS} is `limit`.
 */
import {BenchstatsError, type ErrorCode, type ErrorLocation} from "./errors.js";
import {LIMITS, type LimitName} from "./limits.js";

/** A short description of any value for an error message (never the whole of a large array). */
export function show(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return `${typeof value} ${String(value)}`;
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return "an object";
}

/** Throws `code`: "`fn`: `name` must be `expected`, got `value`", located at the argument. */
export function reject(code: ErrorCode, fn: string, name: string, expected: string, value: unknown, where: Omit<ErrorLocation, "field"> = {}): never {
  throw new BenchstatsError(code, `${fn}: ${name} must be ${expected}, got ${show(value)}`, {field: name, ...where});
}

/**
 * The options argument: `undefined` stands for none; anything but a plain object (null, a number, an
 * array) throws, so that destructuring never fails.
 *
 * @example const {reps = 1000} = optionsArg(options, "pairedBootstrap");
 */
export function optionsArg<T extends object>(options: T | undefined, fn: string, name = "options"): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== "object" || Array.isArray(options) || ArrayBuffer.isView(options)) reject("option", fn, name, "an object", options);
  return options;
}

/** Whether `value` is an array or a typed array (not a DataView): something with numbered entries. */
export function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * A plain array with at least `minLength` entries.
 *
 * @example const rows = arrayArg(input, "rows", "separability", {minLength: 2});
 */
export function arrayArg<T = unknown>(value: unknown, name: string, fn: string, {minLength = 0, what = "an array"}: {minLength?: number; what?: string} = {}): readonly T[] {
  if (!Array.isArray(value)) reject("type", fn, name, what, value);
  if (value.length < minLength) {
    throw new BenchstatsError("shape", `${fn}: ${name} needs at least ${minLength} ${minLength === 1 ? "entry" : "entries"}, got ${value.length}`, {field: name});
  }
  return value as readonly T[];
}

/**
 * An array (or typed array) of numbers: every entry a number, none ±Infinity; NaN allowed only when it
 * means a missing value (`missing: true`, the default). `null` is refused: it would read as 0.
 *
 * @example const x = numbersArg(values, "x", "kendallTau", {minLength: 2});
 */
export function numbersArg(
  value: unknown,
  name: string,
  fn: string,
  {missing = true, minLength = 0, what}: {missing?: boolean; minLength?: number; what?: string} = {}
): ArrayLike<number> {
  if (!isList(value)) reject("type", fn, name, what ?? `an array of numbers${missing ? " (NaN = missing)" : ""}`, value);
  if (value.length < minLength) {
    throw new BenchstatsError("shape", `${fn}: ${name} needs at least ${minLength} values, got ${value.length}`, {field: name});
  }
  if (value instanceof Float64Array || value instanceof Float32Array) {
    for (let i = 0; i < value.length; ++i) {
      const v = value[i];
      if (v === Infinity || v === -Infinity || (!missing && v !== v)) badNumber(fn, name, v, missing, i);
    }
    return value;
  }
  if (ArrayBuffer.isView(value)) return value as ArrayLike<number>; // integer typed arrays hold finite numbers
  for (let i = 0; i < value.length; ++i) {
    const v = value[i];
    if (typeof v !== "number" || v === Infinity || v === -Infinity || (!missing && v !== v)) badNumber(fn, name, v, missing, i);
  }
  return value as ArrayLike<number>;
}

function badNumber(fn: string, name: string, v: unknown, missing: boolean, row: number): never {
  const code: ErrorCode = typeof v === "number" ? "value" : "type";
  reject(code, fn, name, `finite numbers${missing ? " (NaN for a missing value)" : ""}`, v, {row});
}

/** Range of {@link numberArg}: bounds (inclusive `min`/`max`, exclusive `above`/`below`), integrality, a cap. */
export interface NumberRange {
  min?: number;
  max?: number;
  above?: number;
  below?: number;
  integer?: boolean;
  /** ±Infinity allowed (default: finite only). */
  infinite?: boolean;
  /** A cap of {@link LIMITS}: a larger value throws with code `limit`. */
  limit?: LimitName;
  /** Error code for a value of the right type outside the range (default `option`). */
  code?: ErrorCode;
}

/**
 * A number in a range (finite unless `infinite`). A non-number, NaN, or a value outside the range throws
 * with `range.code` (default `option`); a value above a {@link LIMITS} cap throws with `limit`.
 *
 * @example const alpha = numberArg(o.alpha ?? 0, "alpha", "plackettLuce", {min: 0});
 */
export function numberArg(value: unknown, name: string, fn: string, range: NumberRange = {}): number {
  const {min, max, above, below, integer = false, infinite = false, limit, code = "option"} = range;
  const expected = describeRange(range);
  if (typeof value !== "number" || value !== value || (!infinite && !Number.isFinite(value)) || (integer && !Number.isInteger(value))) {
    reject(code, fn, name, expected, value);
  }
  if ((min !== undefined && value < min) || (max !== undefined && value > max) || (above !== undefined && !(value > above)) || (below !== undefined && !(value < below))) {
    reject(code, fn, name, expected, value);
  }
  if (limit !== undefined && value > LIMITS[limit]) {
    throw new BenchstatsError("limit", `${fn}: ${name} must be ${expected} (LIMITS.${limit}, a documented cap that keeps one call bounded), got ${value}`, {field: name});
  }
  return value;
}

function describeRange({min, max, above, below, integer, infinite, limit}: NumberRange): string {
  const kind = integer ? "an integer" : infinite ? "a number (not NaN)" : "a finite number";
  const upper = max ?? (limit !== undefined ? LIMITS[limit] : undefined);
  if (min !== undefined && upper !== undefined && above === undefined && below === undefined) return `${kind} in [${min}, ${upper}]`;
  if (above !== undefined && below !== undefined && min === undefined && upper === undefined) return `${kind} in (${above}, ${below})`;
  const bounds: string[] = [];
  if (min !== undefined) bounds.push(`≥ ${min}`);
  if (above !== undefined) bounds.push(`> ${above}`);
  if (max !== undefined) bounds.push(`≤ ${max}`);
  else if (limit !== undefined) bounds.push(`≤ ${LIMITS[limit]}`);
  if (below !== undefined) bounds.push(`< ${below}`);
  return bounds.length ? `${kind} ${bounds.join(" and ")}` : kind;
}

/**
 * An integer in [min, max]; `limit` caps it at one of {@link LIMITS} (code `limit` above it).
 *
 * @example const nExps = intArg(o.nExps ?? 10, "nExps", fn, {min: 1, limit: "experiments"});
 */
export function intArg(value: unknown, name: string, fn: string, range: Omit<NumberRange, "integer" | "infinite"> = {}): number {
  return numberArg(value, name, fn, {...range, integer: true});
}

/** A probability in [0, 1]. */
export function probabilityArg(value: unknown, name: string, fn: string): number {
  return numberArg(value, name, fn, {min: 0, max: 1});
}

/** A seed for `createRandom`: any finite number. */
export function seedArg(value: unknown, fn: string, name = "seed"): number {
  return numberArg(value, name, fn);
}

/**
 * One of a fixed set of strings.
 *
 * @example const method = enumArg(o.method ?? "percentile", "method", fn, INTERVAL_METHODS);
 */
export function enumArg<T extends string>(value: unknown, name: string, fn: string, values: readonly T[], code: ErrorCode = "option"): T {
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) reject(code, fn, name, `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, value);
  return value as T;
}

/** `true` or `false` (a truthy string or number is refused: `"false"` would read as true). */
export function booleanArg(value: unknown, name: string, fn: string): boolean {
  if (typeof value !== "boolean") reject("option", fn, name, "true or false", value);
  return value;
}

/** A string, non-empty unless `empty` is allowed. */
export function stringArg(value: unknown, name: string, fn: string, {empty = false, code = "type" as ErrorCode} = {}): string {
  if (typeof value !== "string" || (!empty && value === "")) reject(code, fn, name, empty ? "a string" : "a non-empty string", value);
  return value;
}

/** A function. */
export function functionArg<F extends Function>(value: unknown, name: string, fn: string, code: ErrorCode = "type"): F {
  if (typeof value !== "function") reject(code, fn, name, "a function", value);
  return value as F;
}

/** An object (not null, not an array): a record keyed by name, or a structured argument. */
export function objectArg<T extends object = Record<string, unknown>>(value: unknown, name: string, fn: string, what = "an object", code: ErrorCode = "type"): T {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) reject(code, fn, name, what, value);
  return value as T;
}

/**
 * An array of row objects: an array, and every entry a non-null object (a null row names its index).
 *
 * @example const rows = rowsArg(input, "rows", "seedVariance");
 */
export function rowsArg<T extends object = Record<string, unknown>>(value: unknown, name: string, fn: string, {minLength = 0} = {}): readonly T[] {
  const rows = arrayArg(value, name, fn, {minLength, what: "an array of row objects"});
  for (let r = 0; r < rows.length; ++r) {
    const row = rows[r];
    if (row === null || typeof row !== "object" || Array.isArray(row)) reject("type", fn, name, "row objects", row, {row: r});
  }
  return rows as readonly T[];
}

/**
 * Throws with code `limit` when `count` (work or memory a call would need, derived from its arguments)
 * exceeds the cap `limit` of {@link LIMITS}; `what` says what was counted.
 *
 * @example checkLimit(reps * outputs, "replicateValues", "reps", fn, "replicate values (reps × outputs)");
 */
export function checkLimit(count: number, limit: LimitName, name: string, fn: string, what: string): void {
  if (!(count <= LIMITS[limit])) {
    throw new BenchstatsError("limit", `${fn}: ${what} would be ${count}, more than the cap of ${LIMITS[limit]} (LIMITS.${limit}); ask for less`, {field: name});
  }
}
