import type {Random} from "../core/random.js";

/**
 * Walker's alias method (Vose 1991): O(m) set-up, O(1) per draw from a discrete distribution with
 * the given non-negative weights. Used to draw multinomial counts over deduplicated battles.
 */
export function aliasTable(weights: ArrayLike<number>): {prob: Float64Array; alias: Int32Array} {
  const m = weights.length;
  let total = 0;
  for (let i = 0; i < m; ++i) total += weights[i];
  const prob = new Float64Array(m);
  const alias = new Int32Array(m);
  const scaled = new Float64Array(m);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < m; ++i) {
    scaled[i] = (weights[i] * m) / total;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return {prob, alias};
}

/** Adds `draws` multinomial draws from an alias table into `counts` (zeroed first). */
export function multinomialCounts(table: {prob: Float64Array; alias: Int32Array}, draws: number, rng: Random, counts: Float64Array): void {
  counts.fill(0);
  const m = table.prob.length;
  for (let t = 0; t < draws; ++t) {
    const i = rng.int(m);
    counts[rng.float() < table.prob[i] ? i : table.alias[i]]++;
  }
}
