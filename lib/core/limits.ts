/**
 * The caps on the work one call may ask for, in one place. A request beyond a cap throws a
 * `BenchstatsError` with code `limit` naming the argument, instead of running for hours, exhausting
 * memory or overflowing the stack. Each cap says why it sits where it does; the doc comments of the
 * functions that apply a cap name it.
 */
export const LIMITS = {
  /**
   * Bootstrap or permutation replicates (`reps`) of any resampling routine: 10⁶ puts the Monte-Carlo error
   * of a 2.5 % quantile or of a p-value of 0.05 at about 2·10⁻⁴, far below anything a decision turns on,
   * and keeps the costliest routine (a refit per replicate) within hours rather than years.
   */
  reps: 1_000_000,
  /**
   * Replicate values a bootstrap keeps in memory at once (reps × outputs per key): 2²⁷ doubles are 1 GiB,
   * the most a browser tab reliably allocates.
   */
  replicateValues: 2 ** 27,
  /**
   * Draws of a bootstrap that recomputes its statistic from scratch on every replicate (reps × resampled
   * items: correlation intervals, rank intervals, refits): 10¹⁰ draws are minutes of work.
   */
  draws: 1e10,
  /** Items (or clusters) a bootstrap resamples: the bound of the shared index stream (2²¹). */
  resampledItems: 2_097_152,
  /** Items of an exact permutation test: 2⁴⁰ sign patterns, counted in two halves of 2²⁰ (16 MiB each). */
  exactItems: 40,
  /**
   * Pairs of an exact Kendall p-value: its recurrence costs about n³/4 steps (a second at 10³); beyond,
   * the normal approximation is accurate far below any decision threshold.
   */
  exactKendallItems: 1_000,
  /** Items a power calculation may ask for or answer with: beyond 10¹², n is not a benchmark. */
  items: 1e12,
  /**
   * Thresholds τ of a score distribution or performance profile: a profile is drawn with a few hundred
   * points, and every τ is one more output of every bootstrap replicate.
   */
  taus: 10_000,
  /**
   * Repetitions of a random-subset experiment (`benchmarkAgreement`'s `nExps`, `missingDataRobustness`'s
   * `repeats`): each repeats a whole correlation or ranking fit; 10⁵ puts the Monte-Carlo error of a mean
   * correlation below 10⁻³ and keeps one call within minutes.
   */
  experiments: 100_000,
  /**
   * Agreement measurements of one `benchmarkAgreement` call (scenario pairs × nExps × correlations ×
   * strategies × sizes): each is a correlation and two output rows, about 400 bytes; 10⁶ is 400 MB.
   */
  measurements: 1_000_000,
  /**
   * Items of a Plackett–Luce fit whose iterations solve a dense n × n Markov chain (`ilsr` and `lsr` on
   * rankings, top-1 choices or pairs): 10⁴ items are 800 MB per step. MM and grouped top-1 data do not
   * build the matrix and take up to {@link LIMITS.choiceItems}.
   */
  denseChoiceItems: 10_000,
  /** Items of any Plackett–Luce fit: a few Float64Arrays of this length per iteration (10⁶ → 8 MB each). */
  choiceItems: 1_000_000,
  /**
   * Nodes of an IRT quadrature grid: mirt uses 61 for one factor; past a few hundred the E-step's cost
   * (nodes × items × respondents per iteration) grows with no change in the estimates.
   */
  quadraturePoints: 1_000,
  /** Iterations of an iterative fit (`maxIter`): a fit that has not settled by then will not. */
  iterations: 1_000_000,
  /**
   * Systems of a rank aggregation over a systems × tasks table (Kemeny's cost matrix holds n² integers:
   * 100 MB at 5,000; its heuristic sweeps are O(n²) each).
   */
  rankedSystems: 5_000,
  /** Co-optimal Kemeny orders listed (`maxOrders`): each is an array of all systems. */
  orders: 1_000_000,
  /** Subsets an item-selection routine may try (`selectIrtItems`, `selectSamples`). */
  subsets: 1_000_000
} as const;

/** A name of one of the {@link LIMITS}. */
export type LimitName = keyof typeof LIMITS;
