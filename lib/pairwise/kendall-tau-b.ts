/**
 * Kendall's τ-b between two score vectors (ties corrected): (C − D)/√((n₀ − n₁)(n₀ − n₂)); O(n²),
 * meant for rankings of tens to hundreds of models. Pairs with a NaN on either side are skipped.
 * Internal: the public correlation API (`kendallTau`) belongs to the ranking area; this agrees with
 * scipy.stats.kendalltau's statistic.
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  let pairs = 0;
  for (let i = 0; i < x.length; ++i) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    for (let j = i + 1; j < x.length; ++j) {
      if (Number.isNaN(x[j]) || Number.isNaN(y[j])) continue;
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      ++pairs;
      if (dx === 0) ++tiesX;
      if (dy === 0) ++tiesY;
      if (dx !== 0 && dy !== 0) dx === dy ? ++concordant : ++discordant;
    }
  }
  const denominator = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  return denominator > 0 ? (concordant - discordant) / denominator : NaN;
}
