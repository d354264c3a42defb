/** A consensus by scores: per-system scores, the order they induce, and groups of tied systems. */
export interface ScoredOrder {
  /** One score per system (meaning depends on the rule; see `higherIsBetter`). */
  scores: number[];
  /** System indices best first; ties keep index order; systems with a NaN score come last. */
  order: number[];
  /** Groups (≥ 2 systems, ascending indices) sharing the same score, in order. */
  tiedGroups: number[][];
  /** Whether larger `scores` rank higher. */
  higherIsBetter: boolean;
}

/** Orders systems by score (best first, ties by index, NaN last) and lists tied groups. */
export function scoredOrder(scores: number[], higherIsBetter = true): ScoredOrder {
  const sign = higherIsBetter ? -1 : 1;
  const order = scores
    .map((_, i) => i)
    .sort((a, b) => {
      const na = Number.isNaN(scores[a]);
      const nb = Number.isNaN(scores[b]);
      if (na || nb) return na === nb ? a - b : na ? 1 : -1;
      return sign * (scores[a] - scores[b]) || a - b;
    });
  const tiedGroups: number[][] = [];
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && scores[order[j]] === scores[order[i]]) ++j;
    if (j - i > 1) tiedGroups.push(order.slice(i, j).sort((a, b) => a - b));
    i = j;
  }
  return {scores, order, tiedGroups, higherIsBetter};
}
