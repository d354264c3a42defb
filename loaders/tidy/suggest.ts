import {mapColumns, type TableKind} from "./schema.js";

/**
 * Words that a column of each required role tends to contain, for files whose names the schema's
 * aliases do not cover (`final_return`, `mean_reward`, `policy`, `environment`). Checked in order.
 */
const HINTS: Record<string, readonly RegExp[]> = {
  algorithm: [/algo/, /method/, /agent/, /policy/, /model/, /learner/],
  task: [/task/, /env/, /game/, /domain/, /dataset/, /benchmark/],
  value: [/return/, /reward/, /score/, /value/, /result/, /accuracy/, /metric/],
  seed: [/seed/, /run/, /trial/, /repeat/],
  model: [/model/, /system/, /method/, /agent/],
  score: [/score/, /accuracy/, /acc\b/, /value/, /result/, /metric/],
  item: [/item/, /question/, /example/, /sample/, /id\b/]
};

/**
 * The `--columns` mapping that would read a file with `header` as a `kind` table, or undefined when
 * some required column has no plausible candidate: each required column the schema's names and aliases
 * leave missing is matched to the first unused file column whose name contains one of its hint words.
 *
 * @example
 * suggestColumns("runs", ["method", "env", "seed", "final_return"]); // "value=final_return"
 */
export function suggestColumns(kind: TableKind, header: readonly string[]): string | undefined {
  const {names, missing} = mapColumns(kind, header);
  if (!missing.length) return undefined;
  const free = header.map((h, i) => (names[i] === undefined ? h.trim() : undefined));
  const pairs: string[] = [];
  for (const column of missing) {
    const hints = HINTS[column] ?? [new RegExp(column)];
    let found = -1;
    for (const hint of hints) {
      found = free.findIndex((h) => h !== undefined && hint.test(h.toLowerCase()));
      if (found >= 0) break;
    }
    if (found < 0) return undefined;
    pairs.push(`${column}=${free[found]}`);
    free[found] = undefined;
  }
  return pairs.join(",");
}
