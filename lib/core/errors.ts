/**
 * The one error type lib and loaders throw for invalid input.
 *
 * `code` is a stable machine-readable identifier (e.g. `"shape"`, `"missing"`, `"parse"`); the message
 * says what was expected and where (matrix row/column, file and line). Loaders fill `location`.
 */
export class BenchstatsError extends Error {
  readonly code: string;
  readonly location?: ErrorLocation;

  constructor(code: string, message: string, location?: ErrorLocation) {
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
