// The public surface of benchstats. Each area keeps its own barrel; internals stay private.

// Core: seeded random numbers, errors.
export {createRandom} from "./core/random.js";
export type {Random} from "./core/random.js";
export {BenchstatsError} from "./core/errors.js";
export type {ErrorCode, ErrorLocation} from "./core/errors.js";
// The documented caps on the work one call may ask for (reps, items, taus, …), each with its reason.
export {LIMITS} from "./core/limits.js";
export type {LimitName} from "./core/limits.js";
// Columnar tables: the in-memory form of the tidy tables that lib's converters read (Arrow's layout).
export {encodeLabels, isColumnarTable, isLabelColumn} from "./core/columns.js";
export type {ColumnarTable, LabelColumn, LabelCodes, TableColumn} from "./core/columns.js";

// Descriptive statistics: selection and quantiles.
export {select} from "./describe/select.js";
export {quantile, quantileSorted} from "./describe/quantile.js";

// Error bars on means and paired comparisons of models on shared items: per-group mean and standard
// error (plain or clustered), paired tests, multiple-comparison adjustment, power.
export * from "./inference/index.js";
// Benchmark quality: separability, agreement with confidence, pair-rank Brier; seed variance,
// signal-to-noise, monotonicity.
export * from "./quality/index.js";

// rliable family: aggregates, stratified bootstrap, profiles, probability of improvement.
export * from "./rl/index.js";
// Correlation, rank aggregation (Kemeny, Borda, Copeland) and benchmark agreement testing.
export * from "./ranking/index.js";
// Pairwise and sparse aggregation: Plackett-Luce, Bradley-Terry, Elo.
export * from "./pairwise/index.js";
export * from "./judges/index.js";
// Item response theory.
export * from "./irt/index.js";
// GPU trace analyses (HTA definitions).
export * from "./gpu/index.js";
