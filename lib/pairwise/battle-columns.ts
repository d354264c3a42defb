// The battles of tidy samples as a columnar table, for code that refits on many subsets of the samples.
import {codesFor, type ColumnarTable, type LabelColumn} from "../core/columns.js";
import {type GroupOptions, type SamplesTable, groupSamples} from "./samples.js";

/**
 * The battles of {@link samplesToBattles} (every two models measured on the same sample; `winner` `a`
 * | `b` | `tie` by score, `model_a` the model seen first) as a {@link ColumnarTable} with label columns
 * `model_a`, `model_b` and `winner` — the columns Bradley–Terry and Elo read — without one row object
 * per battle. Each column's labels are in first-seen order, so the table equals what
 * `columnarFromRows` makes of `samplesToBattles(rows)` (less its `sample` column), and fits on it give
 * the same bits.
 *
 * @example
 * samplesToBattleColumns([{model: "a", item: 1, value: 1}, {model: "b", item: 1, value: 0}]);
 * // {length: 1, columns: {model_a: {codes: [0], labels: ["a"]}, model_b: {codes: [0], labels: ["b"]},
 * //                       winner: {codes: [0], labels: ["a"]}}}
 */
export function samplesToBattleColumns(rows: SamplesTable, options: GroupOptions = {}): ColumnarTable {
  const g = groupSamples(rows, options);
  let length = 0;
  for (let s = 0; s < g.samples.length; ++s) {
    const m = g.offsets[s + 1] - g.offsets[s];
    length += (m * (m - 1)) / 2;
  }
  const nModels = g.models.length;
  const column = (labelCount: number) => ({codes: codesFor(length, labelCount - 1), labels: [] as string[], code: new Int32Array(labelCount).fill(-1)});
  const a = column(nModels);
  const b = column(nModels);
  const w = column(3);
  const outcomes = ["a", "b", "tie"];
  const put = (c: ReturnType<typeof column>, k: number, index: number, label: string) => {
    if (c.code[index] < 0) c.code[index] = c.labels.push(label) - 1;
    c.codes[k] = c.code[index];
  };
  let k = 0;
  for (let s = 0; s < g.samples.length; ++s) {
    for (let i = g.offsets[s]; i < g.offsets[s + 1]; ++i) {
      for (let j = i + 1; j < g.offsets[s + 1]; ++j, ++k) {
        const outcome = g.value[i] > g.value[j] ? 0 : g.value[i] < g.value[j] ? 1 : 2;
        put(a, k, g.model[i], g.models[g.model[i]]);
        put(b, k, g.model[j], g.models[g.model[j]]);
        put(w, k, outcome, outcomes[outcome]);
      }
    }
  }
  const label = (c: ReturnType<typeof column>): LabelColumn => ({codes: c.codes, labels: c.labels});
  return {length, columns: {model_a: label(a), model_b: label(b), winner: label(w)}};
}
