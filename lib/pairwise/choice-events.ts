import {BenchstatsError} from "../core/errors.js";

/** A Plackett–Luce top-1 observation: `winner` was chosen out of `{winner} ∪ losers`. */
export type Top1 = readonly [winner: number, losers: readonly number[]];
/** A pairwise comparison: `winner` beat `loser`. */
export type Pair = readonly [winner: number, loser: number];
/** A strict ranking: item indices, best first. */
export type Ranking = readonly number[];

/** Choice data in one of choix's three layouts (exactly one of `rankings`, `top1`, `pairs`). */
export interface ChoiceData {
  nItems: number;
  rankings?: readonly Ranking[];
  top1?: readonly Top1[];
  pairs?: readonly Pair[];
  /** Optional multiplicity of each datum (default 1); used by resampling. */
  weights?: ArrayLike<number>;
}

/**
 * Choice data compiled to weighted, deduplicated top-1 events in CSR form: event e chooses
 * `members[offsets[e]]` (the winner) from `members[offsets[e] .. offsets[e+1])` with multiplicity
 * `weight[e]`. Rankings are the chain of their top-1 choices (the Plackett–Luce likelihood of a
 * ranking is that product; choix's LSR and MM updates for rankings are the same sums), and a pair is
 * a top-1 event with one loser, so one representation serves all three layouts.
 */
export interface ChoiceEvents {
  nItems: number;
  offsets: Int32Array;
  members: Int32Array;
  weight: Float64Array;
}

/**
 * Validates and compiles choice data. Identical events (same winner, same set of losers) are merged
 * into one with summed weight, so repeated comparisons — all pairwise data, and dense binary
 * samples — cost one update per distinct event per iteration.
 */
export function compileChoices(data: ChoiceData, fn = "plackettLuce"): ChoiceEvents {
  const {nItems} = data;
  if (!Number.isInteger(nItems) || nItems < 1) {
    throw new BenchstatsError("shape", `${fn}: nItems must be a positive integer, got ${nItems}`);
  }
  const layouts = (["rankings", "top1", "pairs"] as const).filter((k) => data[k] !== undefined);
  if (layouts.length !== 1) {
    throw new BenchstatsError(
      "shape",
      `${fn}: give exactly one of rankings, top1 or pairs (got ${layouts.length ? layouts.join(", ") : "none"})`,
    );
  }
  const layout = layouts[0];
  const list = data[layout] as readonly unknown[];
  const weights = data.weights;
  if (weights && weights.length !== list.length) {
    throw new BenchstatsError("shape", `${fn}: weights has ${weights.length} entries for ${list.length} data`, {
      field: "weights",
    });
  }
  const index = new Map<string, number>();
  const offsets: number[] = [0];
  const members: number[] = [];
  const weight: number[] = [];
  const seen = new Int32Array(nItems).fill(-1);

  const check = (item: unknown, row: number, stamp: number): number => {
    if (typeof item !== "number" || !Number.isInteger(item) || item < 0 || item >= nItems) {
      throw new BenchstatsError("range", `${fn}: item index must be an integer in [0, ${nItems}), got ${String(item)}`, {
        field: layout,
        row,
      });
    }
    if (seen[item] === stamp) {
      throw new BenchstatsError("duplicate", `${fn}: item ${item} appears twice in one datum`, {field: layout, row});
    }
    seen[item] = stamp;
    return item;
  };
  const add = (winner: number, losers: number[], w: number) => {
    if (losers.length === 0 || w === 0) return;
    losers.sort((a, b) => a - b);
    const key = winner + ":" + losers.join(",");
    const e = index.get(key);
    if (e !== undefined) {
      weight[e] += w;
      return;
    }
    index.set(key, weight.length);
    members.push(winner, ...losers);
    offsets.push(members.length);
    weight.push(w);
  };

  let stamp = 0;
  for (let row = 0; row < list.length; ++row) {
    const w = weights ? weights[row] : 1;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new BenchstatsError("range", `${fn}: weights must be finite and ≥ 0, got ${w}`, {field: "weights", row});
    }
    const datum = list[row];
    if (!Array.isArray(datum)) {
      throw new BenchstatsError("shape", `${fn}: each ${layout} datum must be an array`, {field: layout, row});
    }
    ++stamp;
    if (layout === "pairs") {
      if (datum.length !== 2) {
        throw new BenchstatsError("shape", `${fn}: a pair is [winner, loser], got length ${datum.length}`, {
          field: layout,
          row,
        });
      }
      add(check(datum[0], row, stamp), [check(datum[1], row, stamp)], w);
    } else if (layout === "top1") {
      if (datum.length !== 2 || !Array.isArray(datum[1])) {
        throw new BenchstatsError("shape", `${fn}: a top-1 datum is [winner, losers[]]`, {field: layout, row});
      }
      const winner = check(datum[0], row, stamp);
      add(winner, (datum[1] as unknown[]).map((l) => check(l, row, stamp)), w);
    } else {
      const ranking = datum.map((r: unknown) => check(r, row, stamp));
      for (let i = 0; i < ranking.length - 1; ++i) add(ranking[i], ranking.slice(i + 1), w);
    }
  }
  return {
    nItems,
    offsets: Int32Array.from(offsets),
    members: Int32Array.from(members),
    weight: Float64Array.from(weight),
  };
}
