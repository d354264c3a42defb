/**
 * The areas of benchstats' public surface, in the order `lib/index.ts` lists them and the API reference
 * page shows them. An area is a folder of lib/: a name exported by the main entry belongs to the area of
 * the folder its module lives in, so this list holds only each area's title and one-paragraph summary.
 * The test in test/core/public-surface.test.ts keeps `lib/index.ts` in this order.
 */
export interface ApiArea {
  /** The folder under lib/ (`rl` for `lib/rl/…`). */
  id: string;
  /** Section heading on the API page. */
  title: string;
  /** One paragraph under the heading (Markdown). */
  description: string;
}

export const API_AREAS: readonly ApiArea[] = [
  {
    id: "core",
    title: "Core",
    description:
      "Seeded random numbers, the located error every function throws on bad input, and the documented caps on the work one call may ask for."
  },
  {id: "describe", title: "Descriptive statistics", description: "Quantiles with numpy's and R's definitions."},
  {
    id: "bootstrap",
    title: "Bootstrap intervals",
    description: "Confidence intervals from bootstrap replicates (percentile, basic, BC, BCa, normal), shared by every area that resamples."
  },
  {
    id: "rl",
    title: "rliable family",
    description:
      "Aggregates of runs × tasks score matrices (mean, median, IQM, optimality gap), stratified-bootstrap interval estimates, performance profiles, probability of improvement, sample-efficiency curves, rank distributions, normalisation and the tidy-table converters; rliable 1.2.0's semantics (Agarwal et al., 2021). Same seed, same numbers in Node, in the browser and for any number of workers."
  },
  {
    id: "correlation",
    title: "Correlation",
    description: "Kendall τ (a, b, c), Spearman ρ and Pearson r with scipy's p-values, and bootstrap intervals for them."
  },
  {
    id: "ranking",
    title: "Rank aggregation",
    description: "Consensus orders of systems over tasks: Kemeny (exact or heuristic), Borda, Copeland, means, two-level aggregation, and bootstrap rank intervals."
  },
  {
    id: "agreement",
    title: "Benchmark agreement",
    description: "Benchmark Agreement Testing (BenchBench): how well a benchmark's model order agrees with a reference aggregate."
  },
  {
    id: "pairwise",
    title: "Pairwise and sparse aggregation",
    description: "Plackett–Luce, Bradley–Terry (Elo scale) and online Elo on battles, rankings and item-level samples."
  },
  {
    id: "judges",
    title: "LLM judges",
    description: "Length-controlled win rates, judge sanity checks, online ratings and the length rule."
  },
  {
    id: "inference",
    title: "Inference on item-level results",
    description:
      "Per-group means with plain or clustered standard errors, paired comparisons of models on shared items (z test, McNemar, permutation, bootstrap), adjustment for many comparisons, and power."
  },
  {
    id: "quality",
    title: "Benchmark quality",
    description:
      "How much of a leaderboard's order its intervals vouch for (separability, agreement with confidence, pair-rank Brier; Li et al. 2024) and how much a score moves with the seed and over training (Madaan et al. 2024)."
  },
  {
    id: "irt",
    title: "Item response theory",
    description: "Calibration by marginal maximum likelihood (Rasch, 1PL, 2PL, 3PL), abilities, information, item fit and item subsets."
  },
  {id: "gpu", title: "GPU trace analyses", description: "Holistic Trace Analysis's analyses on tidy GPU events, with its definitions and output columns."}
];
