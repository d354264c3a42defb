/**
 * Parquet output through DuckDB: the table enters as typed vectors ({@link appendTable}) and leaves by
 * `COPY … TO … (FORMAT parquet)`, which writes ENUM columns as dictionary-encoded UTF-8 strings.
 */
import {createReadStream} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {appendTable} from "./append.js";
import {duckdbConnection, duckdbError, sqlString} from "./duckdb.js";
import type {OutputTable} from "./output-columns.js";

// DuckDB writes a Parquet file's row groups from several threads, so when the CPU is contended (two data
// loaders at once) the rows split into row groups, and each column's dictionary is ordered, differently from
// run to run: the same rows, other bytes, and another content hash in the built site's file names. The
// writes therefore run on one thread (the database's setting, restored when the last write ends): the bytes
// depend on the table alone. The tables written here (site data, `benchstats convert`) take well under a
// second either way.
let writes = 0;
let threadsBefore: string | undefined;

/**
 * Writes typed columns as a Parquet file at `path`, or, without a path, to `stdout` by way of a temporary
 * file (Parquet's footer is written last, so the file cannot be streamed as it is made).
 *
 * @example await writeParquet(typedColumns(table), "samples.parquet", process.stdout);
 */
export async function writeParquet(table: OutputTable, path: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  const folder = path ? undefined : await mkdtemp(join(tmpdir(), "benchstats-parquet-"));
  const file = path ?? join(folder!, "table.parquet");
  // Its own connection: the appender's temporary table is then private to this write.
  const connection = await duckdbConnection();
  try {
    const name = await appendTable(connection, table);
    try {
      if (writes++ === 0) {
        threadsBefore = String((await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]);
        await connection.run("SET threads = 1");
      }
      await connection.run(`COPY ${name} TO ${sqlString(file)} (FORMAT parquet)`);
    } catch (error) {
      const text = String((error as Error)?.message ?? error);
      if (/Cannot open file|No such file|Permission denied|Is a directory/i.test(text)) throw new BenchstatsError("io", "cannot write the file (no such folder, or no permission)", {file: path});
      throw duckdbError(error, path);
    } finally {
      if (--writes === 0 && threadsBefore !== undefined) await connection.run(`SET threads = ${Number(threadsBefore)}`).catch(() => undefined);
    }
    if (!path) {
      for await (const chunk of createReadStream(file)) {
        await new Promise<void>((resolve, reject) => stdout.write(chunk as Buffer, (error) => (error ? reject(error) : resolve())));
      }
    }
  } finally {
    connection.closeSync();
    if (folder) await rm(folder, {recursive: true, force: true});
  }
}
