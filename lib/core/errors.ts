/**
 * What kind of problem a {@link BenchstatsError} reports; stable, so callers can branch on it.
 *
 * Arguments: `type` (not the kind of value expected: null, a string for a number, a function missing),
 * `shape` (lengths or dimensions that do not fit), `value` (a bad entry in the data: ±Infinity, a
 * boolean), `missing` (something required is absent: a task without runs, an unknown name), `range`
 * (an entry outside its domain), `duplicate`, `option` (an option outside its documented values),
 * `limit` (a request beyond one of the documented caps of `lib/core/limits.ts`), `degenerate`
 * (input that leaves nothing to estimate), `identifiability` and `convergence` (a fit that cannot be
 * made or did not settle), `statistic` (a user statistic returning something unusable), `reps` and `nan`
 * (bootstrap replicates too few or not numbers), `unknown-task`, `size` (data too large to hold).
 * Files: `io`, `parse` (malformed syntax), `format` (well-formed, wrong kind), `columns`, `empty`.
 * The site's worker client adds `cancelled` and `worker`.
 */
export type ErrorCode =
  | "type"
  | "shape"
  | "value"
  | "missing"
  | "range"
  | "duplicate"
  | "option"
  | "limit"
  | "degenerate"
  | "identifiability"
  | "convergence"
  | "statistic"
  | "reps"
  | "nan"
  | "unknown-task"
  | "size"
  | "io"
  | "parse"
  | "format"
  | "columns"
  | "empty"
  | "cancelled"
  | "worker";

/**
 * The one error type lib and loaders throw for invalid input.
 *
 * `code` is a stable machine-readable identifier ({@link ErrorCode}); the message says what was
 * expected and where (matrix row/column, file and line). Loaders fill `location`.
 */
export class BenchstatsError extends Error {
  readonly code: ErrorCode;
  readonly location?: ErrorLocation;

  constructor(code: ErrorCode, message: string, location?: ErrorLocation) {
    const where = location ? formatLocation(location) : "";
    super(where ? `${where}: ${message}` : message);
    this.name = "BenchstatsError";
    this.code = code;
    this.location = location;
  }
}

/** Where bad input was found: a file with line/byte offset, or a named argument with row/column. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  offset?: number;
  field?: string;
  row?: number;
  column?: number;
}

function formatLocation({file, line, offset, field, row, column}: ErrorLocation): string {
  const parts: string[] = [];
  if (file !== undefined) parts.push(file + (line !== undefined ? `:${line}` : ""));
  else if (line !== undefined) parts.push(`line ${line}`);
  if (offset !== undefined) parts.push(`byte ${offset}`);
  if (field !== undefined) parts.push(field);
  if (row !== undefined) parts.push(`row ${row}`);
  if (column !== undefined) parts.push(`column ${column}`);
  return parts.join(", ");
}
