// Option values for the CLI: parsing with located, explicit errors.
import {BenchstatsError} from "../lib/index.js";
import {tableFileFormat} from "../loaders/tidy/read.js";
import {OUTPUT_FORMATS, type OutputFormat} from "./output.js";

/** Raw option values as node:util parseArgs returns them. */
export type RawOptions = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A usage error: unknown command or option, missing argument. The CLI exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function optionError(name: string, expected: string, got: unknown): BenchstatsError {
  return new BenchstatsError("option", `expected ${expected}, got ${JSON.stringify(got)}`, {field: `--${name}`});
}

export function stringOption(values: RawOptions, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** An integer option in [min, max]. */
export function intOption(values: RawOptions, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw optionError(name, `an integer${max === Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : ` in [${min}, ${max}]`}`, text);
  }
  return value;
}

/** A number option strictly inside (lo, hi). */
export function numberOption(values: RawOptions, name: string, fallback: number, lo = -Infinity, hi = Infinity): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !(value > lo && value < hi)) throw optionError(name, `a number in (${lo}, ${hi})`, text);
  return value;
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(values: RawOptions, name: string, choices: readonly T[], fallback: T): T {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  if (!choices.includes(text as T)) throw optionError(name, `one of ${choices.join(", ")}`, text);
  return text as T;
}

/** A comma-separated list of words (empty entries dropped). */
export function listOption(values: RawOptions, name: string): string[] | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

/** A comma-separated list of numbers, or `a:b:n` for n evenly spaced values from a to b. */
export function numberListOption(values: RawOptions, name: string): number[] | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const range = /^\s*(-?[\d.eE+-]+):(-?[\d.eE+-]+):(\d+)\s*$/.exec(text);
  if (range) {
    const [a, b, n] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (!Number.isFinite(a) || !Number.isFinite(b) || n < 2) throw optionError(name, "a:b:n with finite a, b and n ≥ 2", text);
    return Array.from({length: n}, (_, i) => a + ((b - a) * i) / (n - 1));
  }
  const list = text.split(",").map((s) => Number(s));
  if (!list.length || list.some((v, i) => !Number.isFinite(v) || text.split(",")[i].trim() === "")) {
    throw optionError(name, "comma-separated numbers or a:b:n", text);
  }
  return list;
}

/** The seed option every command takes; any integer (negative allowed), default 0. */
export function seedOption(values: RawOptions): number {
  return intOption(values, "seed", 0, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
}

/** Output format: `--format`, else from the `--output` extension (.csv, .tsv, .jsonl, .parquet, …), else JSON. */
export function formatOption(values: RawOptions): OutputFormat {
  const output = stringOption(values, "output");
  const fallback: OutputFormat = (output && output !== "-" ? tableFileFormat(output) : undefined) ?? "json";
  return choiceOption(values, "format", OUTPUT_FORMATS, fallback);
}
