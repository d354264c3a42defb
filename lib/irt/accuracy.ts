import {arrayArg, isList, numbersArg, objectArg, reject} from "../core/check.js";
import {checkIrtFit} from "./check-items.js";
import {BenchstatsError} from "../core/errors.js";
import type {IrtItem} from "./model.js";
import {itemProbability} from "./model.js";
import {patternLogLikelihood} from "./likelihood.js";
import {irtAbilities} from "./abilities.js";

/** Options of {@link estimateAccuracy}. */
export interface EstimateAccuracyOptions {
  /** Column k of `responses` holds benchmark item `items[k]` (the subset the new model answered). */
  items: ArrayLike<number>;
  /**
   * `pirt` (default): observed accuracy on the seen items mixed with the model's prediction for the
   * unseen ones, λ = seen/J (tinyBenchmarks' p-IRT). `irt`: the predicted accuracy over all J items.
   */
  method?: "irt" | "pirt";
}

/** Estimated full-benchmark accuracy of one respondent. */
export interface AccuracyEstimate {
  accuracy: number;
  /**
   * Predictive SD of the true full-benchmark accuracy given the seen responses, under the model:
   * √(Var_post[Σ_unseen P_j(θ)] + Σ_unseen E_post[P_j(θ)(1 − P_j(θ))]) / J. It covers ability
   * uncertainty and the Bernoulli noise of unseen items, not calibration error or misfit.
   */
  se: number;
  /** EAP ability from the seen responses, and its posterior SD. */
  theta: number;
  thetaSe: number;
  /** Number of seen (non-missing) responses and their mean. */
  seen: number;
  observedAccuracy: number;
}

/**
 * Estimates each new respondent's accuracy on all J items of a calibrated benchmark from its
 * responses on a subset, by integrating over the posterior of θ (EAP grid, refined when narrow).
 *
 * - IRT estimator: Â = (1/J)·Σ_j E_post[P_j(θ)].
 * - p-IRT estimator (default): Â = (1/J)·(Σ_seen x_j + Σ_unseen E_post[P_j(θ)]), i.e. λ·(observed
 *   accuracy) + (1 − λ)·(predicted accuracy on unseen items) with λ = seen/J — the posterior-predictive
 *   mean of the true accuracy.
 * Items without a finite estimate count with their limiting probability (0 for nobody-correct items,
 * 1 for everybody-correct ones).
 *
 * Reference: Polo et al. (2024), tinyBenchmarks (`IRT` and `p-IRT` estimators; they plug in the ML θ,
 * we average over the posterior, which stays finite for all-correct subsets).
 *
 * @example
 * const {items} = selectIrtItems(fit, 100);
 * estimateAccuracy(fit, [newModelResponsesOnThoseItems], {items}); // [{accuracy, se, theta, …}]
 */
export function estimateAccuracy(
  fit: {items: ReadonlyArray<IrtItem>; latentVariance?: number; quadrature?: {points: number; lower: number; upper: number}},
  responses: ReadonlyArray<ArrayLike<number | null | undefined>>,
  options: EstimateAccuracyOptions
): AccuracyEstimate[] {
  const fn = "estimateAccuracy";
  checkIrtFit(fit, fn);
  arrayArg(responses, "responses", fn).forEach((row, r) => {
    if (!isList(row)) reject("type", fn, "responses", "rows of responses (arrays of 0, 1 or NaN)", row, {row: r});
  });
  objectArg(options, "options", fn, "an object {items, method?}", "option");
  if (options.items !== undefined) {
    const seen = numbersArg(options.items, "items", fn, {missing: false});
    for (let k = 0; k < seen.length; ++k) if (!Number.isInteger(seen[k]) || seen[k] < 0 || seen[k] >= fit.items.length) reject("range", fn, "items", `item indices in [0, ${fit.items.length})`, seen[k], {row: k});
  }
  const method = options.method ?? "pirt";
  if (method !== "irt" && method !== "pirt") {
    throw new BenchstatsError("option", `estimateAccuracy: method must be "irt" or "pirt", got ${String(method)}`, {field: "method"});
  }
  if (!options.items) throw new BenchstatsError("option", "estimateAccuracy: options.items (the seen item indices) is required", {field: "items"});
  const cols = Array.from(options.items);
  const J = fit.items.filter((it) => !Number.isNaN(it.d)).length;
  const abilities = irtAbilities(fit, responses, {items: cols});
  const variance = fit.latentVariance ?? 1;
  // The items that count (finite or limiting probability), in index order.
  const counted: number[] = [];
  fit.items.forEach((item, j) => {
    if (!Number.isNaN(item.d)) counted.push(j);
  });
  return responses.map((row, i) => {
    const {theta, se: thetaSe} = abilities[i];
    const seenSet = new Uint8Array(fit.items.length);
    let seen = 0;
    let correct = 0;
    const seenItems: IrtItem[] = [];
    const seenX: number[] = [];
    cols.forEach((j, k) => {
      const v = row[k];
      if (v === null || v === undefined || Number.isNaN(v)) return;
      seenSet[j] = 1;
      ++seen;
      correct += v;
      const item = fit.items[j];
      if (item.estimated) {
        seenItems.push(item);
        seenX.push(v);
      }
    });
    // Posterior on a grid around the EAP: 81 points over ±8 posterior SDs with the exact log posterior.
    const n = 81;
    const half = 8 * Math.max(thetaSe, 1e-3);
    const grid = new Float64Array(n);
    const w = new Float64Array(n);
    let max = -Infinity;
    for (let q = 0; q < n; ++q) {
      grid[q] = theta - half + (2 * half * q) / (n - 1);
      w[q] = patternLogLikelihood(seenItems, seenX, grid[q]) - (grid[q] * grid[q]) / (2 * variance);
      if (w[q] > max) max = w[q];
    }
    let total = 0;
    for (let q = 0; q < n; ++q) total += w[q] = Math.exp(w[q] - max);
    for (let q = 0; q < n; ++q) w[q] /= total;
    // Per node: predicted number correct among unseen (and all) items, and their Bernoulli variance.
    let mUnseen = 0;
    let m2Unseen = 0;
    let bern = 0;
    let mAll = 0;
    for (let q = 0; q < n; ++q) {
      let su = 0;
      let sa = 0;
      let vb = 0;
      for (const j of counted) {
        const p = itemProbability(fit.items[j], grid[q]);
        sa += p;
        if (seenSet[j] === 0) {
          su += p;
          vb += p * (1 - p);
        }
      }
      mUnseen += w[q] * su;
      m2Unseen += w[q] * su * su;
      bern += w[q] * vb;
      mAll += w[q] * sa;
    }
    const accuracy = method === "irt" ? mAll / J : (correct + mUnseen) / J;
    const se = Math.sqrt(Math.max(m2Unseen - mUnseen * mUnseen, 0) + bern) / J;
    return {accuracy, se, theta, thetaSe, seen, observedAccuracy: seen > 0 ? correct / seen : NaN};
  });
}
