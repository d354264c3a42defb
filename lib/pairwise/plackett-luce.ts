import {arrayArg, checkLimit, enumArg, intArg, numberArg, numbersArg, objectArg, optionsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {type ChoiceData, type ChoiceEvents, compileChoices} from "./choice-events.js";
import {type ComparisonDiagnostics, describeDiagnostics, diagnoseComparisons, diagnoseGraph} from "./comparison-graph.js";
import {
  compileGroupedTop1, type GroupedEvents, groupedGraph, groupedLogLikelihood, groupedLsrStep, groupedMmStep,
  groupedStronglyConnected,
} from "./grouped-top1.js";
import {centre, logCentred, weightsOf} from "./log-strengths.js";
import {lsrKernel, type LsrKernel} from "./lsr-kernel.js";
import {notUnique, stationaryDistribution} from "./stationary.js";

export interface PlackettLuceOptions {
  /**
   * Regularisation as in choix. For `ilsr`/`lsr`: α added to every rate of the LSR Markov chain
   * (pseudo-comparisons between all pairs); for `mm`: the Dirichlet-prior form
   * w ← (wins + α)/(denominator + α). Default 0 (plain maximum likelihood).
   */
  alpha?: number;
  /** Convergence when ‖θₖ − θₖ₋₁‖₁ ≤ tol·n on mean-centred log-strengths (choix's rule). Default 1e-8. */
  tol?: number;
  /** Iteration cap; exceeding it throws (choix raises RuntimeError). Default 100 (ilsr), 10000 (mm). */
  maxIter?: number;
  /** `ilsr` (default, iterative Luce spectral ranking), `mm` (Hunter's MM) or `lsr` (one LSR step). */
  method?: "ilsr" | "mm" | "lsr";
  /** Starting log-strengths (default all zero, i.e. choix's all-ones weights). */
  initialParams?: ArrayLike<number>;
  /** Item names, used only in error messages. */
  names?: readonly string[];
}

export interface PlackettLuceResult {
  /** Log-strengths θ, centred to mean 0 (choix's `params`). P(i chosen from S) = e^θᵢ / Σ_{j∈S} e^θⱼ. */
  params: number[];
  /** Iterations run (1 for `lsr`). */
  iterations: number;
  /** Log-likelihood Σ log P(observed choice) at `params` (unregularised). */
  logLik: number;
  method: "ilsr" | "mm" | "lsr";
  alpha: number;
  /** Comparison-graph diagnostics; with α = 0 a fit only happens when `stronglyConnected`. */
  diagnostics: ComparisonDiagnostics;
}

/**
 * Plackett–Luce (and, for pairs, Bradley–Terry) maximum-likelihood strengths.
 *
 * Model: item i has strength wᵢ = e^θᵢ; a top-1 choice of i from set S has probability wᵢ/Σ_{j∈S}wⱼ;
 * a ranking is the product of its successive top-1 choices; a pair is a choice from two.
 *
 * Algorithm: I-LSR (Maystre & Grossglauser, "Fast and accurate inference of Plackett–Luce models",
 * NeurIPS 2015) exactly as choix 0.4 (`ilsr_rankings`, `ilsr_top1`, `ilsr_pairwise`): start from
 * equal weights; each step builds the Markov chain with rate α + Σ_{choices of w over l} 1/Σ_S w
 * from l to w and takes its stationary distribution as the new weights; stop when the L1 change of
 * the centred log-strengths is ≤ tol·n. With α = 0 the fixed point is the MLE, and the result equals
 * choix's to round-off (the iterates are the same). `mm` is Hunter's (2004) MM algorithm as choix's
 * `mm_*`; `lsr` is one spectral step (choix's `lsr_*`, used by ONEBench's robustness scripts).
 *
 * Data are first compiled to flat typed arrays, with pairwise comparisons merged into win counts and
 * each ranking stored once as a chain of nested suffix sets (its suffix sums Σ_{j≥i} w are taken in one
 * backward pass), so each iteration costs O(n² + Σ k² over rankings and top-1 sets of k ≥ 3 items +
 * n³) — for pairwise data O(n²) however many comparisons there are. The rates at equal weights serve
 * both the comparison-graph diagnostics and the first I-LSR step.
 *
 * `groupedTop1` (binary samples: per sample the correct models each chosen over the same set of
 * incorrect ones; `matrixToGroupedTop1` builds it from a byte matrix) costs O(Σ winners + losers)
 * per MM step and per product in the LSR step, whose stationary distribution is then found by
 * GMRES instead of a dense n×n solve (see pairwise/grouped-top1.ts); the expanded events would
 * cost O(Σ winners × losers). Same estimates as the expanded `top1` to round-off (≈1e-12). A pool
 * of 2,000 models × 50,000 items (10⁸ cells) fits in about 12 s by I-LSR and 5 s by MM on a 2-core
 * machine, in under 600 MB (bench/scale.bench.ts).
 *
 * Caps: `nItems` ≤ `LIMITS.choiceItems`, and ≤ `LIMITS.denseChoiceItems` for I-LSR and LSR on rankings,
 * top-1 choices or pairs (each step solves a dense nItems × nItems chain); `maxIter` ≤ `LIMITS.iterations`.
 *
 * Identifiability: with α = 0 the comparison graph must be strongly connected; otherwise this throws
 * a `BenchstatsError` (code `identifiability`) naming the undefeated / winless / unseen items. Pass
 * α > 0 for an explicit regularised answer instead (ONEBench uses α = 0.01).
 *
 * @example
 * plackettLuce({nItems: 3, pairs: [[0, 1], [1, 2], [2, 0], [0, 2]]}).params;
 * // log-strengths, mean 0, item 0 strongest
 * plackettLuce({nItems: 3, top1: [[0, [1, 2]], [1, [2]], [2, [0]]]}, {alpha: 0.01});
 * // the same as groups: sample 0 has winner 0 over losers 1 and 2, …
 * plackettLuce({nItems: 3, groupedTop1: {winnerOffsets: [0, 1, 2, 3], winners: [0, 1, 2],
 *   loserOffsets: [0, 2, 3, 4], losers: [1, 2, 2, 0]}}, {alpha: 0.01});
 */
export function plackettLuce(data: ChoiceData, options: PlackettLuceOptions = {}): PlackettLuceResult {
  const fn = "plackettLuce";
  objectArg(data, "data", fn, "an object {nItems, rankings | top1 | pairs | groupedTop1}");
  options = checkFitOptions(options, fn);
  intArg(data.nItems, "nItems", fn, {min: 1, limit: "choiceItems", code: "shape"});
  // I-LSR and LSR on events solve a dense nItems × nItems chain at every step.
  if (data.groupedTop1 === undefined && options.method !== "mm") checkLimit(data.nItems, "denseChoiceItems", "nItems", fn, 'the items of a dense I-LSR chain (use method "mm" or groupedTop1 for more)');
  if (data.weights !== undefined) numbersArg(data.weights, "weights", fn, {missing: false});
  if (data.groupedTop1 !== undefined) {
    const others = (["rankings", "top1", "pairs"] as const).filter((k) => data[k] !== undefined);
    if (others.length) {
      throw new BenchstatsError("shape", `plackettLuce: give exactly one of rankings, top1, pairs or groupedTop1 (got groupedTop1, ${others.join(", ")})`);
    }
    return fitChoiceModel(groupedModel(compileGroupedTop1(data.nItems, data.groupedTop1, data.weights)), options);
  }
  return fitChoiceEvents(compileChoices(data), options);
}

/**
 * Checks the fit options (method, α ≥ 0, tol > 0, maxIter ≤ `LIMITS.iterations`, finite initialParams,
 * names as strings) and returns them (`{}` for none).
 */
function checkFitOptions(options: PlackettLuceOptions | undefined, fn: string): PlackettLuceOptions {
  const o = optionsArg(options, fn);
  if (o.method !== undefined) enumArg(o.method, "method", fn, ["ilsr", "mm", "lsr"]);
  if (o.alpha !== undefined) numberArg(o.alpha, "alpha", fn, {min: 0});
  if (o.tol !== undefined) numberArg(o.tol, "tol", fn, {above: 0});
  if (o.maxIter !== undefined) intArg(o.maxIter, "maxIter", fn, {min: 1, limit: "iterations"});
  if (o.initialParams !== undefined) numbersArg(o.initialParams, "initialParams", fn, {missing: false});
  if (o.names !== undefined) arrayArg(o.names, "names", fn).forEach((name) => stringArg(name, "names", fn, {empty: true, code: "option"}));
  return o;
}

/** Fits already-compiled events (used by resampling, which reweights one compiled data set). */
export function fitChoiceEvents(events: ChoiceEvents, options: PlackettLuceOptions = {}): PlackettLuceResult {
  // The LSR rates at equal weights give the comparison graph (rate > 0 exactly where a loser → winner
  // edge is) and are the first I-LSR step's rates from the default start, so they are built once.
  let equalRates: Float64Array | null = null;
  // I-LSR's loops run in WebAssembly when it is there (lsr-kernel.ts: the same bits, no garbage);
  // its rates live in the kernel's memory until its next rates call.
  let kernel: LsrKernel | undefined;
  let made = false;
  const rates = (w: Float64Array) => {
    if (!made) (kernel = lsrKernel(events)), (made = true);
    return kernel ? kernel.rates(w) : lsrRates(events, w);
  };
  return fitChoiceModel(
    {
      nItems: events.nItems,
      step: (method, params, alpha) => {
        if (method === "mm") return mmStep(events, params, alpha);
        const chain = equalRates && params.every((v) => v === 0) ? equalRates : rates(weightsOf(params));
        equalRates = null;
        if (!kernel) return logCentred(stationaryDistribution(chain, events.nItems, true, alpha));
        const pi = kernel.stationary(alpha);
        if (!pi) throw notUnique();
        return logCentred(pi);
      },
      logLik: (params) => logLikelihood(events, params, kernel),
      diagnostics: (method) => {
        if (method === "mm") return diagnoseEvents(events);
        equalRates = rates(new Float64Array(events.nItems).fill(1));
        return diagnoseRates(equalRates, events.nItems);
      },
    },
    options,
  );
}

/** What the iteration needs from compiled data: one MM or LSR step, the log-likelihood, the graph diagnostics. */
interface ChoiceModel {
  nItems: number;
  step(method: "mm" | "lsr", params: Float64Array, alpha: number): Float64Array;
  logLik(params: Float64Array): number;
  diagnostics(method: "mm" | "lsr"): ComparisonDiagnostics;
}

function groupedModel(ev: GroupedEvents): ChoiceModel {
  return {
    nItems: ev.nItems,
    step: (method, params, alpha) => (method === "mm" ? groupedMmStep : groupedLsrStep)(ev, params, alpha),
    logLik: (params) => groupedLogLikelihood(ev, params),
    diagnostics: () => {
      // The common case, a strongly connected pool, is settled without building the graph (which
      // would take 4 bytes per winner and loser entry: 400 MB for 10⁸ cells).
      if (ev.nItems > 1 && groupedStronglyConnected(ev) === true) {
        return {stronglyConnected: true, components: [Array.from({length: ev.nItems}, (_, i) => i)], undefeated: [], winless: [], unobserved: []};
      }
      const {offsets, targets, wins, losses} = groupedGraph(ev);
      return diagnoseGraph(ev.nItems, offsets, targets, wins, losses);
    },
  };
}

function fitChoiceModel(model: ChoiceModel, options: PlackettLuceOptions): PlackettLuceResult {
  const {nItems: n} = model;
  const method = options.method ?? "ilsr";
  if (method !== "ilsr" && method !== "mm" && method !== "lsr") {
    throw new BenchstatsError("option", `plackettLuce: method must be "ilsr", "mm" or "lsr", got ${String(method)}`);
  }
  const alpha = options.alpha ?? 0;
  const tol = options.tol ?? 1e-8;
  const maxIter = options.maxIter ?? (method === "mm" ? 10000 : 100);
  if (!(alpha >= 0) || !Number.isFinite(alpha)) throw new BenchstatsError("option", `plackettLuce: alpha must be ≥ 0, got ${alpha}`);
  if (!(tol > 0)) throw new BenchstatsError("option", `plackettLuce: tol must be > 0, got ${tol}`);
  if (!(maxIter >= 1) || !Number.isInteger(maxIter)) {
    throw new BenchstatsError("option", `plackettLuce: maxIter must be a positive integer, got ${maxIter}`);
  }
  const diagnostics = model.diagnostics(method === "mm" ? "mm" : "lsr");
  if (alpha === 0 && !diagnostics.stronglyConnected && n > 1) {
    const label = (i: number) => (options.names ? `${options.names[i]} (#${i})` : `#${i}`);
    throw new BenchstatsError(
      "identifiability",
      `plackettLuce: ${describeDiagnostics(diagnostics, label)}; pass alpha > 0 for a regularised estimate`,
    );
  }

  let params: Float64Array = new Float64Array(n);
  if (options.initialParams) {
    if (options.initialParams.length !== n) {
      throw new BenchstatsError("shape", `plackettLuce: initialParams has ${options.initialParams.length} entries, expected ${n}`);
    }
    params = centre(Float64Array.from(options.initialParams));
  }
  const step = (p: Float64Array) => model.step(method === "mm" ? "mm" : "lsr", p, alpha);
  if (method === "lsr") {
    params = step(params);
  } else {
    let previous: Float64Array | null = null;
    let iterations = 0;
    let change = Infinity;
    for (;;) {
      if (iterations >= maxIter) {
        throw new BenchstatsError(
          "convergence",
          `plackettLuce: ${method} did not converge after ${maxIter} iterations (last L1 change ${change.toExponential(3)}, ` +
            `tolerance ${(tol * n).toExponential(3)}); raise maxIter or alpha`,
        );
      }
      params = step(params);
      ++iterations;
      if (previous) {
        change = 0;
        for (let i = 0; i < n; ++i) change += Math.abs(params[i] - previous[i]);
        if (change <= tol * n) {
          return {params: Array.from(params), iterations, logLik: model.logLik(params), method, alpha, diagnostics};
        }
      }
      previous = params;
    }
  }
  return {params: Array.from(params), iterations: 1, logLik: model.logLik(params), method, alpha, diagnostics};
}

/**
 * The LSR chain's rates at strengths `w` (before regularisation): Σ weight/Σ_{j≥i} w from each loser
 * to the chooser at position i of every record, stored by winner (rate loser → winner at
 * winner·n + loser, so a choice's additions share a row); the suffix sums are taken once per record,
 * backwards.
 */
function lsrRates(events: ChoiceEvents, w: Float64Array): Float64Array {
  const n = events.nItems;
  const {offsets, members, choices, weight} = events;
  const chain = new Float64Array(n * n);
  const suffix = new Float64Array(events.maxLength);
  for (let e = 0; e < weight.length; ++e) {
    const start = offsets[e];
    const end = offsets[e + 1];
    let sum = 0;
    for (let k = end - 1; k >= start; --k) suffix[k - start] = sum += w[members[k]];
    const c = choices[e];
    for (let i = 0; i < c; ++i) {
      const val = weight[e] / suffix[i];
      const row = members[start + i] * n;
      for (let k = start + i + 1; k < end; ++k) chain[row + members[k]] += val;
    }
  }
  return chain;
}

/**
 * One MM step (Hunter 2004): wᵢ ← (wins + α)/(Σ over choices whose set holds i of weight/Σ_S w + α).
 * The member at position j of a record is in the sets of choices 0 … min(j, choices − 1), so its
 * denominator term is a running sum along the record.
 */
function mmStep(events: ChoiceEvents, params: Float64Array, alpha: number): Float64Array {
  const n = events.nItems;
  const {offsets, members, choices, weight} = events;
  const w = weightsOf(params);
  const wins = new Float64Array(n);
  const denoms = new Float64Array(n);
  const suffix = new Float64Array(events.maxLength);
  for (let e = 0; e < weight.length; ++e) {
    const start = offsets[e];
    const end = offsets[e + 1];
    let sum = 0;
    for (let k = end - 1; k >= start; --k) suffix[k - start] = sum += w[members[k]];
    const c = choices[e];
    let running = 0;
    for (let k = start; k < end; ++k) {
      const i = k - start;
      if (i < c) {
        wins[members[k]] += weight[e];
        running += weight[e] / suffix[i];
      }
      denoms[members[k]] += running;
    }
  }
  const next = new Float64Array(n);
  for (let i = 0; i < n; ++i) next[i] = (wins[i] + alpha) / (denoms[i] + alpha);
  return logCentred(next);
}

/**
 * Σ over choices of weight·(θ_chooser − log Σ_{j≥i} e^θⱼ), the suffix sums taken backwards along each
 * record. With the strengths shifted by their largest θ the exponentials are taken once per item (e^θ ≤
 * 1, and within 600 of the largest no strength underflows) and a record's log suffix sums are summed as
 * one log of their product; wider spreads carry a running log-sum-exp along the record instead.
 */
function logLikelihood(events: ChoiceEvents, params: Float64Array, kernel?: LsrKernel): number {
  const {offsets, members, choices, weight} = events;
  let top = -Infinity;
  let bottom = Infinity;
  for (const v of params) {
    top = Math.max(top, v);
    bottom = Math.min(bottom, v);
  }
  const wide = top - bottom > 600;
  const w = params.map((v) => Math.exp(v - top));
  if (kernel && !wide) return kernel.logLik(params, w, top);
  let ll = 0;
  for (let e = 0; e < weight.length; ++e) {
    const start = offsets[e];
    const c = choices[e];
    let sum = 0;
    let lse = -Infinity;
    let product = 1;
    for (let k = offsets[e + 1] - 1; k >= start; --k) {
      const theta = params[members[k]];
      if (wide) {
        const hi = Math.max(lse, theta);
        lse = hi + Math.log(Math.exp(lse - hi) + Math.exp(theta - hi));
        if (k - start < c) ll += weight[e] * (theta - lse);
      } else {
        sum += w[members[k]];
        if (k - start < c) {
          ll += weight[e] * (theta - top);
          // Σ log of the suffix sums as the log of their product, flushed before it could leave the
          // normal range (each sum lies in [e⁻⁶⁰⁰, nItems]).
          product *= sum;
          if (product > 1e30 || product < 1e-30) {
            ll -= weight[e] * Math.log(product);
            product = 1;
          }
        }
      }
    }
    if (product !== 1) ll -= weight[e] * Math.log(product);
  }
  return ll;
}

/** Comparison-graph diagnostics from LSR rates stored by winner: an edge loser → winner wherever the rate is > 0. */
function diagnoseRates(rates: Float64Array, n: number): ComparisonDiagnostics {
  const from: number[] = [];
  const to: number[] = [];
  for (let loser = 0; loser < n; ++loser) {
    for (let winner = 0; winner < n; ++winner) {
      if (rates[winner * n + loser] > 0 && winner !== loser) {
        from.push(loser);
        to.push(winner);
      }
    }
  }
  return diagnoseComparisons(n, from, to);
}

/**
 * Comparison-graph diagnostics for MM, which may fit more items than a dense chain holds. A record's choices give the edges loser → chooser for every later
 * member; the same reachability (and the same items with a win or a loss) comes from the chain of
 * choosers (position i + 1 → i) plus every non-chooser → the last chooser, O(k) edges a record.
 */
function diagnoseEvents(events: ChoiceEvents): ComparisonDiagnostics {
  const {offsets, members, choices, weight} = events;
  const n = events.nItems;
  // Distinct loser → winner edges only: a dense bit table for moderate n keeps the edge list small.
  const dense = n <= 4096 ? new Uint8Array(n * n) : null;
  const from: number[] = [];
  const to: number[] = [];
  for (let e = 0; e < weight.length; ++e) {
    if (!(weight[e] > 0)) continue;
    const start = offsets[e];
    const last = start + choices[e] - 1;
    for (let k = start + 1; k < offsets[e + 1]; ++k) {
      const loser = members[k];
      const winner = members[k <= last ? k - 1 : last];
      if (dense) {
        if (dense[loser * n + winner]) continue;
        dense[loser * n + winner] = 1;
      }
      from.push(loser);
      to.push(winner);
    }
  }
  return diagnoseComparisons(n, from, to);
}
