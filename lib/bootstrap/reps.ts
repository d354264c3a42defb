/**
 * The default number of bootstrap replicates of each function that resamples, in one table, with the
 * reason for each. Functions and CLI commands read their default from here.
 *
 * How many are enough: the Monte Carlo error of a percentile endpoint. The α-quantile of B replicates
 * has standard error √(α(1 − α)/B)/f(q_α) (the sample quantile's asymptotic variance, e.g. Davison &
 * Hinkley 1997, §2.5.2), f the replicates' density there. For a roughly normal statistic with standard
 * error σ and a 95 % interval (α = 0.025, f(q) = φ(1.96)/σ) that is about 2.67·σ/√B: 0.27σ at
 * B = 100, 0.12σ at 500, 0.084σ at 1,000, 0.06σ at 2,000, 0.027σ at 10,000, 0.012σ at 50,000.
 * Each default below trades that error against the cost of one replicate.
 *
 * @example
 * REPS.intervalEstimates; // 50000
 */
export const REPS = {
  /**
   * 50,000 — aggregate intervals (`intervalEstimates`, `benchstats interval`): rliable's
   * `get_interval_estimates` default, so results match the paper's figures; a replicate costs one
   * aggregate over runs × tasks, which the bootstrap engine makes cheap, and endpoint error 0.012σ
   * keeps a reported interval stable to the digits shown.
   */
  intervalEstimates: 50000,
  /**
   * 2,000 — curves (`performanceProfiles`, `probabilityOfImprovement`, `sampleEfficiencyCurves`,
   * rank distributions under a statistic): rliable's defaults for `create_performance_profile` and
   * `probability_of_improvement`; every replicate evaluates a whole curve or every pair, and a band
   * drawn in a figure needs less than a number quoted in a table (0.06σ).
   */
  curves: 2000,
  /**
   * 2,000 — `correlationInterval`: each replicate recomputes an O(n log n) correlation; 2,000 is
   * Efron & Tibshirani's (1993, §19.3) order for percentile intervals (0.06σ).
   */
  correlation: 2000,
  /**
   * 1,000 — `rankIntervals`: each replicate re-aggregates a whole ranking; ranks are whole numbers and
   * the endpoints are rounded outward, so 0.084σ of error rarely moves an endpoint.
   */
  rankIntervals: 1000,
  /**
   * 100 — Bradley–Terry (`bradleyTerry`, `benchstats ratings`): FastChat's `num_round` for the Chatbot
   * Arena leaderboard, which these intervals reproduce; each replicate is a full Newton refit over every
   * battle. Endpoint error 0.27σ: ask for more when an interval is quoted.
   */
  bradleyTerry: 100,
  /**
   * 200 — `plackettLuceIntervals`: each replicate is a full I-LSR refit over every choice (costlier per
   * replicate than Bradley–Terry), so twice FastChat's count, 0.19σ, enough for CI-aware ranks.
   */
  plackettLuce: 200,
  /**
   * 10,000 — `pairedBootstrap` and `pairedPermutationTest` (`benchstats compare`): one replicate is one
   * pass over the item differences, and a p-value near 0.05 needs its Monte Carlo error (√(p(1−p)/B)
   * = 0.002) well below the level it is compared with.
   */
  pairedItems: 10000,
  /**
   * 500 — `runsNeeded`: nested inside `simulations` simulated experiments per run count, so the cost is
   * reps × simulations × runs; the power estimate averages over the simulations, which absorbs most of
   * each interval's Monte Carlo error.
   */
  runsNeeded: 500,
} as const;
