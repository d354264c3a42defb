import type {Database, SqlValue} from "sql.js";
import {BenchstatsError} from "../../lib/core/errors.js";

/** An open SQLite database with the page size its header declares (for locating corrupt pages). */
export interface SqliteFile {
  db: Database;
  file: string;
  pageSize: number;
}

const MAGIC = "SQLite format 3\u0000";

/**
 * Opens the bytes of an SQLite file (MLflow's `mlflow.db`, an nsys export) with sql.js after checking its
 * header (sqlite.org/fileformat.html §1.3): the magic string at byte 0, and a file at least as long as the
 * page count × page size it declares (a copy cut short fails at its end, with that offset, instead of as
 * "database disk image is malformed"). `what` names the expected content for messages.
 *
 * @example
 * const {db} = await openSqlite(bytes, "mlflow.db", 'an MLflow "sqlite:///mlflow.db" store');
 */
export async function openSqlite(bytes: Uint8Array, file: string, what: string): Promise<SqliteFile> {
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString("latin1") !== MAGIC) {
    throw new BenchstatsError("format", `expected an SQLite database (${what}); the header does not match`, {file, offset: 0});
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  // The page count at byte 28 is valid when the change counter (24) matches version-valid-for (92).
  const pages = view.getUint32(24) === view.getUint32(92) ? view.getUint32(28) : 0;
  if (pages > 0 && pages * pageSize > bytes.length) {
    throw new BenchstatsError("parse", `the database is cut short: its header declares ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes), the file has ${bytes.length}`, {
      file,
      offset: bytes.length
    });
  }
  // sql.js (SQLite compiled to WebAssembly) is loaded with the first database opened.
  const {default: initSqlJs} = await import("sql.js");
  const SQL = await initSqlJs();
  try {
    return {db: new SQL.Database(bytes), file, pageSize};
  } catch (error) {
    throw new BenchstatsError("parse", `unreadable SQLite database: ${(error as Error).message}`, {file, offset: 0});
  }
}

/**
 * An error raised while querying `sqlite` → a `BenchstatsError` at the first page SQLite's own check blames
 * (`PRAGMA quick_check`: "Page 5: …" → byte (5 − 1) × page size). A `BenchstatsError` passes through.
 *
 * @example
 * try { rows(db, sql); } catch (e) { throw sqliteError(e, sqlite, "corrupt or unexpected MLflow database"); }
 */
export function sqliteError(error: unknown, sqlite: SqliteFile, what: string): BenchstatsError {
  if (error instanceof BenchstatsError) return error;
  let page: number | undefined;
  try {
    const report = sqlite.db.exec("PRAGMA quick_check(5)")[0]?.values.map((r) => String(r[0])).join("\n") ?? "";
    const match = /Page (\d+)/i.exec(report) ?? /page (\d+)/i.exec(report);
    if (match) page = Number(match[1]);
  } catch {
    // the check itself failed on the corruption: no page to name
  }
  // Without a page named, the database as a whole is at fault: located at its first byte.
  const offset = page !== undefined ? (page - 1) * sqlite.pageSize : 0;
  const where = page !== undefined ? ` (page ${page})` : " (SQLite names no page; the header is valid)";
  return new BenchstatsError("parse", `${what}: ${(error as Error).message}${where}`, {file: sqlite.file, offset});
}

/** The rows of a query as arrays (none when the statement returns no result set). */
export function sqliteRows(db: Database, sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}
