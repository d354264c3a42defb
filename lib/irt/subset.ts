import {numbersArg, optionsArg} from "../core/check.js";
import {checkIrtFit} from "./check-items.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import type {IrtItem} from "./model.js";
import {information} from "./information.js";
import {irtQuadrature} from "./quadrature.js";

/** Options of {@link selectIrtItems}. */
export interface SelectIrtItemsOptions {
  /**
   * `information` (default): the k items with the largest information averaged over abilities
   * (metabench-style filtering). `cluster`: k-means on the items' (a, b) and the item nearest each
   * centre (tinyBenchmarks-style anchor points), with weights = cluster share.
   */
  method?: "information" | "cluster";
  /**
   * Abilities at which to average the information (e.g. the calibrated models' θ). Default: the
   * latent distribution N(0, σ²) on the fit's grid.
   */
  thetas?: ArrayLike<number>;
  /** Seed of k-means++ initialisation (cluster method). */
  seed?: number;
}

/** Result of {@link selectIrtItems}: item indices, and weights that sum to 1 (cluster shares or 1/k). */
export interface IrtItemSelection {
  items: number[];
  weights: number[];
}

/**
 * Picks k informative items of a calibrated benchmark for cheap evaluation of new models. Items
 * without a finite estimate (answered the same way by everyone) are never picked.
 *
 * - `information`: score_j = mean over θ of I_j(θ) = a²·P(1 − P) (Birnbaum for 3PL), top k
 *   (metabench filters items by Fisher information the same way).
 * - `cluster`: seeded k-means++ / Lloyd on standardised (a, b) (b clipped to ±6), then the item closest
 *   to each centre; weight = cluster size / number of items (tinyBenchmarks' anchor points, with IRT
 *   embeddings).
 *
 * @example
 * const {items} = selectIrtItems(fit, 100);                 // 100 most informative items
 * const anchors = selectIrtItems(fit, 100, {method: "cluster", seed: 1});
 */
export function selectIrtItems(
  fit: {items: ReadonlyArray<IrtItem>; latentVariance?: number; quadrature?: {points: number; lower: number; upper: number}},
  k: number,
  options: SelectIrtItemsOptions = {}
): IrtItemSelection {
  checkIrtFit(fit, "selectIrtItems");
  options = optionsArg(options, "selectIrtItems");
  if (options.thetas !== undefined) numbersArg(options.thetas, "thetas", "selectIrtItems", {missing: false, minLength: 1});
  const candidates: number[] = [];
  fit.items.forEach((item, j) => {
    if (item.estimated && Number.isFinite(item.a) && Number.isFinite(item.d)) candidates.push(j);
  });
  if (!Number.isInteger(k) || k < 1 || k > candidates.length) {
    throw new BenchstatsError("range", `selectIrtItems: k must be an integer in [1, ${candidates.length}] (estimated items), got ${k}`, {field: "k"});
  }
  const method = options.method ?? "information";
  if (method === "information") {
    let thetas: ArrayLike<number>;
    let weights: ArrayLike<number>;
    if (options.thetas) {
      thetas = options.thetas;
      weights = new Float64Array(thetas.length).fill(1 / thetas.length);
    } else {
      const grid = irtQuadrature({...(fit.quadrature ?? {}), variance: fit.latentVariance ?? 1});
      thetas = grid.nodes;
      weights = grid.weights;
    }
    const score = new Map<number, number>();
    for (const j of candidates) {
      let s = 0;
      for (let t = 0; t < thetas.length; ++t) s += weights[t] * information(fit.items[j], thetas[t]);
      score.set(j, s);
    }
    const items = candidates.slice().sort((x, y) => score.get(y)! - score.get(x)! || x - y).slice(0, k);
    return {items, weights: items.map(() => 1 / k)};
  }
  if (method !== "cluster") throw new BenchstatsError("option", `selectIrtItems: unknown method ${String(method)}`, {field: "method"});
  return clusterAnchors(fit.items, candidates, k, options.seed ?? 0);
}

function clusterAnchors(items: ReadonlyArray<IrtItem>, candidates: number[], k: number, seed: number): IrtItemSelection {
  const n = candidates.length;
  const fa = candidates.map((j) => items[j].a);
  const fb = candidates.map((j) => Math.max(-6, Math.min(6, items[j].b)));
  const standardise = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / n) || 1;
    return v.map((x) => (x - m) / sd);
  };
  const xa = standardise(fa);
  const xb = standardise(fb);
  const rng = createRandom(seed);
  const cx: number[] = [];
  const cy: number[] = [];
  // k-means++ seeding.
  const first = rng.int(n);
  cx.push(xa[first]);
  cy.push(xb[first]);
  const dist = new Float64Array(n).fill(Infinity);
  while (cx.length < k) {
    let total = 0;
    const c = cx.length - 1;
    for (let i = 0; i < n; ++i) {
      const d2 = (xa[i] - cx[c]) ** 2 + (xb[i] - cy[c]) ** 2;
      if (d2 < dist[i]) dist[i] = d2;
      total += dist[i];
    }
    let u = rng.float() * total;
    let pick = n - 1;
    for (let i = 0; i < n; ++i) {
      u -= dist[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
    cx.push(xa[pick]);
    cy.push(xb[pick]);
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < 100; ++it) {
    let moved = false;
    for (let i = 0; i < n; ++i) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; ++c) {
        const d2 = (xa[i] - cx[c]) ** 2 + (xb[i] - cy[c]) ** 2;
        if (d2 < bestD) {
          bestD = d2;
          best = c;
        }
      }
      if (assign[i] !== best || it === 0) moved ||= assign[i] !== best;
      assign[i] = best;
    }
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const cnt = new Float64Array(k);
    for (let i = 0; i < n; ++i) {
      sx[assign[i]] += xa[i];
      sy[assign[i]] += xb[i];
      cnt[assign[i]]++;
    }
    for (let c = 0; c < k; ++c) {
      if (cnt[c] > 0) {
        cx[c] = sx[c] / cnt[c];
        cy[c] = sy[c] / cnt[c];
      }
    }
    if (!moved && it > 0) break;
  }
  const chosen: number[] = [];
  const weights: number[] = [];
  const used = new Set<number>();
  for (let c = 0; c < k; ++c) {
    let best = -1;
    let bestD = Infinity;
    let size = 0;
    for (let i = 0; i < n; ++i) {
      if (assign[i] !== c) continue;
      ++size;
      const d2 = (xa[i] - cx[c]) ** 2 + (xb[i] - cy[c]) ** 2;
      if (d2 < bestD && !used.has(i)) {
        bestD = d2;
        best = i;
      }
    }
    if (best < 0 || size === 0) continue;
    used.add(best);
    chosen.push(candidates[best]);
    weights.push(size / n);
  }
  return {items: chosen, weights};
}
