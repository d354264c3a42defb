/**
 * Cell checks inside DuckDB queries: SQL that turns a text cell into a number, and stops the query with a
 * marker naming the record, the column and what was wrong when the cell is not what the format defines (not
 * a number, ±Infinity, outside the format's range). The marker travels in DuckDB's error message; the reader
 * turns it into a `BenchstatsError` at the record's line ({@link cellProblem}, {@link cellError}).
 *
 * Why in SQL: the value is converted where DuckDB parses it, straight into a DOUBLE column, so a good file
 * costs no per-cell JavaScript; only a bad file pays for locating its line.
 */
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {sqlString} from "./duckdb.js";

/** Cell texts that mean "no value" in the CSV formats (compared trimmed and lower-cased). */
export const MISSING_TEXT: readonly string[] = ["", "na", "n/a", "nan", "null", "none", "-"];

/** Where a cell is: SQL expressions for its record number and its column's name (as the file names it). */
export interface CellAt {
  record: string;
  column: string;
}

/** What a number cell may hold besides being finite. */
export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** What the value is, for the message about a value out of range ("a win rate in %"). */
  what?: string;
  /** Texts (lower-case) that mean missing; default {@link MISSING_TEXT}. */
  missing?: readonly string[];
  /** A missing value is an error too (a step, an id). */
  required?: boolean;
}

/**
 * SQL giving the DOUBLE in text cell `cell`: a missing marker (empty, NA, NaN, …) gives NaN; text that is no
 * number, a number too large for a double (`1e400`), `inf`, or a value outside `rule` stops the query with a
 * cell marker at `at`.
 *
 * @example
 * sqlNumber('"c3"', {record: "__record", column: "'win_rate'"}, {min: 0, max: 100, what: "a win rate in %"});
 */
export function sqlNumber(cell: string, at: CellAt, rule: NumberRule = {}): string {
  const text = `trim(${cell})`;
  const value = `TRY_CAST(${text} AS DOUBLE)`;
  const missing = (rule.missing ?? MISSING_TEXT).map(sqlString).join(", ");
  const expected = rule.required ? `a number${rule.what ? ` (${rule.what})` : ""}` : "a number (or empty / NA for missing)";
  const checks = [
    `WHEN ${cell} IS NULL OR lower(${text}) IN (${missing}) THEN ${rule.required ? sqlCellError(at, expected, cell) : "'NaN'::DOUBLE"}`,
    // DuckDB reads 1_000 as 1000; the other readers (and Python's csv users) do not: it is text here.
    `WHEN ${value} IS NULL OR contains(${text}, '_') THEN ${sqlCellError(at, expected, cell)}`,
    `WHEN NOT isfinite(${value}) THEN ${sqlCellError(at, "a finite number (this one is too large for a double, or inf)", cell)}`
  ];
  const range = rangeCondition(value, rule);
  if (range) checks.push(`WHEN ${range} THEN ${sqlCellError(at, expectedRange(rule), cell)}`);
  return `(CASE ${checks.join(" ")} ELSE ${value} END)`;
}

/**
 * The message for a number outside `rule` (for readers that check values in JavaScript), or undefined when
 * it is inside or missing (NaN).
 *
 * @example rangeProblem(1.5, {min: 0, max: 1, what: "acc is a proportion"}); // "expected a value in [0, 1] (acc is a proportion), got 1.5"
 */
export function rangeProblem(value: number, rule: NumberRule | undefined): string | undefined {
  if (!rule || Number.isNaN(value)) return undefined;
  if ((rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max) && (!rule.integer || Number.isInteger(value))) return undefined;
  return `expected ${expectedRange(rule)}, got ${value}`;
}

function rangeCondition(value: string, rule: NumberRule): string | undefined {
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(`${value} < ${rule.min}`);
  if (rule.max !== undefined) parts.push(`${value} > ${rule.max}`);
  if (rule.integer) parts.push(`${value} <> round(${value})`);
  return parts.length ? parts.join(" OR ") : undefined;
}

function expectedRange(rule: NumberRule): string {
  const {min, max} = rule;
  const range = min !== undefined && max !== undefined ? `a value in [${min}, ${max}]` : min !== undefined ? `a value ≥ ${min}` : max !== undefined ? `a value ≤ ${max}` : "a number";
  const whole = rule.integer ? (min !== undefined || max !== undefined ? ", a whole number" : " (a whole number)") : "";
  return `${range}${whole}${rule.what ? ` (${rule.what})` : ""}`;
}

/**
 * SQL that stops the query with a cell marker: the cell at `at` should have held `expected`; `text` (SQL)
 * is what it held.
 *
 * @example
 * `CASE WHEN v IN ('a', 'b', 'tie') THEN v ELSE ${sqlCellError(at, "a verdict a, b or tie", "v")} END`
 */
export function sqlCellError(at: CellAt, expected: string, text: string): string {
  return `error('benchstats-cell:' || to_json({'record': ${at.record}, 'column': ${at.column}, 'expected': ${sqlString(expected)}, 'text': CAST(${text} AS VARCHAR)}))`;
}

/** What a cell marker says: the record (0-based, as the query numbered it), the column, the expectation, the text. */
export interface CellProblem {
  record: number;
  column: string;
  expected: string;
  text: string | null;
}

/**
 * The cell marker in a DuckDB error, or undefined when the error is another one.
 *
 * @example
 * cellProblem(error); // {record: 3, column: "win_rate", expected: "a value in [0, 100]", text: "120"}
 */
export function cellProblem(error: unknown): CellProblem | undefined {
  const message = String((error as Error)?.message ?? error);
  const at = message.indexOf("benchstats-cell:");
  if (at < 0) return undefined;
  const json = message.slice(at + "benchstats-cell:".length, message.lastIndexOf("}") + 1);
  try {
    const parsed = JSON.parse(json) as CellProblem;
    return {record: Number(parsed.record), column: String(parsed.column), expected: parsed.expected, text: parsed.text};
  } catch {
    return undefined;
  }
}

/**
 * The `BenchstatsError` for a cell problem at `location` (the record's file and line).
 *
 * @example
 * throw cellError(problem, {file: "leaderboard.csv", line: 4}); // "leaderboard.csv:4, win_rate: expected a value in [0, 100] …, got "120""
 */
export function cellError(problem: CellProblem, location: ErrorLocation): BenchstatsError {
  const got = problem.text === null ? "nothing" : JSON.stringify(problem.text.length > 60 ? problem.text.slice(0, 60) + "…" : problem.text);
  return new BenchstatsError("value", `expected ${problem.expected}, got ${got}`, {...location, field: problem.column});
}
