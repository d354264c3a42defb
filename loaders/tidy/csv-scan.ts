/**
 * The CSV formats of the loaders (W&B exports, Open RL Benchmark tables, leaderboards, wide sample matrices,
 * battle logs, nvidia-smi logs) read through DuckDB: every cell as VARCHAR under a positional name (`c0`,
 * `c1`, …, so that empty, repeated or odd header names cannot clash), each data record numbered
 * (`__record`), and the file's header as written. A reader writes the SQL that turns the cells into its
 * table's columns ({@link csvTable}); errors from that SQL, and from DuckDB's CSV parser, come back at the
 * record's physical line.
 */
import {readFile, stat} from "node:fs/promises";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {badByteError, firstBadByte, loneCarriageReturn} from "../common/text-bytes.js";
import {cellError, cellProblem} from "./cells.js";
import {duckdbError, queryRows, sqlName, sqlString} from "./duckdb.js";
import {checkTextFile} from "./file-checks.js";
import {csvHeader, csvLineOfRecordNumber, csvRecordLine} from "./locate.js";
import {noRowsError, tableFromQuery} from "./query.js";
import type {TableKind} from "./schema.js";
import type {TidyRow, TidyTable} from "./table.js";

/**
 * The longest CSV line DuckDB is asked to read: 256 MiB (its default of 2 MB refuses a battle log whose
 * conversation cells are long); a longer line is a located error.
 */
export const MAX_CSV_LINE = 2 ** 28;

/** A CSV file ready for SQL: its header, its cells, and where its records are. */
export interface CsvScan {
  file: string;
  /** The header's cells as written (a BOM dropped, quotes removed, trimmed); the given names for a header-less file. */
  header: string[];
  /** Whether the file's first line is the header. */
  hasHeader: boolean;
  /** Whether the file's last line ends with a line break (always, unless `lastLineBreak: false` was passed). */
  endsWithLineBreak: boolean;
  /** A subquery of the data records: `__record` (0-based, file order) and the cells `c0 … c{n-1}` as VARCHAR (NULL when empty). */
  from: string;
}

/** Options of {@link scanCsv}. */
export interface CsvScanOptions {
  /** What the file should hold, for messages ("an AlpacaEval leaderboard"). */
  what: string;
  /** Field delimiter; default `,`. */
  delimiter?: string;
  /** Column names of a file without a header line (nvidia-smi `noheader`). */
  names?: readonly string[];
  /** Whether a last line without a line break is an error (default true: it may be cut mid-value). */
  lastLineBreak?: boolean;
}

/**
 * Checks `file` (exists, not empty, gzip whole, last line ended: {@link checkTextFile}), reads its header
 * and returns the scan. Quoting follows RFC 4180 (`"` quotes, `""` escapes); blank lines are skipped.
 *
 * @example
 * const scan = await scanCsv("leaderboard.csv", {what: "an AlpacaEval leaderboard"});
 * scan.header; // ["", "win_rate", "standard_error", …]
 */
export async function scanCsv(file: string, options: CsvScanOptions): Promise<CsvScan> {
  const {endsWithLineBreak} = await checkTextFile(file, {what: options.what, lastLineBreak: options.lastLineBreak});
  const delimiter = options.delimiter ?? ",";
  const hasHeader = options.names === undefined;
  const header = options.names ? [...options.names] : await csvHeader(file, delimiter);
  if (header.length === 1 && header[0] === "") throw new BenchstatsError("format", `the first line is empty; expected the header of ${options.what}`, {file, line: 1});
  const columns = header.map((_, i) => `${sqlString(`c${i}`)}: 'VARCHAR'`).join(", ");
  const read = `read_csv(${sqlString(file)}, header = ${hasHeader}, auto_detect = false, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', max_line_size = ${MAX_CSV_LINE}, columns = {${columns}})`;
  return {file, header, hasHeader, endsWithLineBreak, from: `(SELECT row_number() OVER () - 1 AS __record, * FROM ${read})`};
}

/** The SQL name of cell column `i` of a scan. */
export function cell(i: number): string {
  return sqlName(`c${i}`);
}

/**
 * The file and physical line of data record `record` (0-based) of a scan.
 *
 * @example await locateRecord(scan, 0); // {file, line: 2}
 */
export async function locateRecord(scan: CsvScan, record: number): Promise<ErrorLocation> {
  const line = await csvRecordLine(scan.file, scan.hasHeader ? record : record - 1);
  return line === undefined ? {file: scan.file, row: record} : {file: scan.file, line};
}

/**
 * A DuckDB error from a query over the scan → a located `BenchstatsError`: a cell marker at its record's
 * line; a CSV parse error (a row with too many or too few fields, a quote never closed) at the physical
 * line of the record DuckDB names.
 */
export async function explainCsvError(scan: CsvScan, error: unknown): Promise<BenchstatsError> {
  const problem = cellProblem(error);
  if (problem) return cellError(problem, await locateRecord(scan, problem.record));
  const wrapped = duckdbError(error, scan.file);
  if (wrapped.location?.line === undefined && wrapped.location?.offset === undefined) return (await locateOddity(scan.file, wrapped)) ?? wrapped;
  const line = wrapped.location?.line;
  if (line === undefined || /\.(gz|zst|zstd)$/i.test(scan.file)) return wrapped;
  // DuckDB counts records (a quoted field's line breaks not included); name the physical line.
  const physical = (await csvLineOfRecordNumber(scan.file, line)) ?? line;
  const message = wrapped.message.slice(wrapped.message.indexOf(": ") + 2);
  return new BenchstatsError(wrapped.code, message, {...wrapped.location, line: physical});
}

/**
 * Where a CSV error that DuckDB did not locate ("the CSV parser state machine reached an invalid state")
 * comes from, on the error path only: the first byte that is not UTF-8 text or the first carriage return
 * inside a line, in an uncompressed file of up to 1 GiB; undefined when there is neither.
 */
async function locateOddity(file: string, wrapped: BenchstatsError): Promise<BenchstatsError | undefined> {
  if (/\.(gz|zst|zstd)$/i.test(file)) return undefined;
  const size = await stat(file).then((s) => s.size, () => Infinity);
  if (size > 1 << 30) return undefined;
  const bytes = await readFile(file);
  const bad = firstBadByte(bytes);
  if (bad) return badByteError(file, bad, "a CSV file");
  const cr = loneCarriageReturn(bytes);
  if (!cr) return undefined;
  const said = wrapped.message.slice(wrapped.message.indexOf(": ") + 2);
  return new BenchstatsError(wrapped.code, `a carriage return inside a line, where the CSV parser stopped (${said})`, {file, ...cr});
}

/** Options of {@link csvTable}. */
export interface CsvTableOptions {
  /** Required label columns the format may leave empty (see `findProblem`). */
  emptyAllowed?: readonly string[];
  /** Why a file with data records gave no rows (every value cell empty, …); default: "every value cell is empty". */
  noValues?: string;
}

/**
 * Runs `sql` over `scan` into a tidy table of `kind` ({@link tableFromQuery}). `sql` must keep the
 * `__record` column of the scan next to `columns`, so that a value the schema rejects is located at its
 * record's line. A header-only file, or one whose records give no rows, is an error.
 *
 * @example
 * await csvTable(scan, "scores", `SELECT __record, c0 AS model, … FROM ${scan.from}`, columns);
 */
export async function csvTable<Row extends object = TidyRow>(
  scan: CsvScan,
  kind: TableKind,
  sql: string,
  columns: readonly {name: string; type: "label" | "number"}[],
  options: CsvTableOptions = {}
): Promise<TidyTable<Row>> {
  return tableFromQuery<Row>({
    file: scan.file,
    kind,
    sql,
    columns,
    emptyAllowed: options.emptyAllowed,
    locateRow: async (row) => {
      const [found] = await queryRows(`SELECT __record FROM (${sql}) LIMIT 1 OFFSET ${row}`, scan.file);
      return found ? locateRecord(scan, Number(found.__record)) : {file: scan.file, row};
    },
    explainError: (error) => explainCsvError(scan, error),
    noRows: async () => {
      const [{n}] = await queryRows(`SELECT count(*) AS n FROM ${scan.from}`, scan.file);
      if (Number(n) === 0) return noRowsError(scan.file, kind, scan.hasHeader ? "after the header" : "", {line: scan.hasHeader ? 2 : 1});
      return new BenchstatsError("empty", `no rows: ${options.noValues ?? "every value cell is empty"}`, {file: scan.file});
    }
  });
}
