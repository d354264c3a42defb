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
      await connection.run(`COPY ${name} TO ${sqlString(file)} (FORMAT parquet)`);
    } catch (error) {
      const text = String((error as Error)?.message ?? error);
      if (/Cannot open file|No such file|Permission denied|Is a directory/i.test(text)) throw new BenchstatsError("io", "cannot write the file (no such folder, or no permission)", {file: path});
      throw duckdbError(error, path);
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
