// lib reports a bad row by its index in the table it was given; a table read from a file knows the file and
// line of each row. This turns the one into the other, once for the CLI, the loaders and the site.
import {BenchstatsError} from "../../lib/core/errors.js";
import type {TidyTable} from "./table.js";

/**
 * A lib error that names a row of `table` (`location.row`, e.g. `runsToScoreMatrices`' duplicate) → the
 * same error at the row's file and line, without lib's `runs row N:` prefix; a duplicate becomes "two values
 * for …" naming the other row's line too. Any other error comes back as it is.
 *
 * @example
 * try { runsToScoreMatrices(table); } catch (error) { throw await locatedError(error, table); }
 * // runs.csv:5: two values for algorithm "A", task "t1", seed 1 (also on line 3)
 */
export async function locatedError(error: unknown, table: TidyTable<object>): Promise<unknown> {
  if (!(error instanceof BenchstatsError) || error.location?.row === undefined) return error;
  const here = await table.locate(error.location.row);
  const first = /first at row (\d+)/.exec(error.message);
  const there = first ? await table.locate(Number(first[1])) : undefined;
  const detail = /a second value for (algorithm "[^"]*", task "[^"]*")(?:, seed (\S+))?/.exec(error.message);
  if (error.code !== "duplicate" || !detail) return new BenchstatsError(error.code, error.message.replace(/^.*?: /, ""), {...here, field: error.location.field ?? here.field});
  const seed = detail[2] && detail[2] !== "(none)," && detail[2] !== "(none)" ? `, seed ${detail[2].replace(/,$/, "")}` : "";
  const also = there ? ` (also on ${there.line !== undefined ? `line ${there.line}` : `row ${there.row}`})` : "";
  return new BenchstatsError("duplicate", `two values for ${detail[1]}${seed}${also}`, here);
}
