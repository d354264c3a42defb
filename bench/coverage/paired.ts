/**
 * Item-level evals of two models with known truth, for the coverage of the paired-difference intervals
 * (bench/coverage.bench.ts, part "paired").
 *
 * Items come in clusters (questions on one passage, prompts from one source). Item i of cluster c has
 * difficulty b_i = u_c + e_i with u_c ~ N(0, σ_u²) shared by the cluster and e_i ~ N(0, σ_e²) its own;
 * model m answers it correctly with probability logistic(θ_m + v_{m,c} − b_i), where v_{m,c} ~ N(0, τ²)
 * is the model's affinity for the cluster's topic (τ = 0: none). Both models answer the same items, so
 * d_i = x_i − y_i removes the difficulty they share; u_c (through the logistic's curvature) and
 * v_{A,c} − v_{B,c} make the d_i of a cluster correlated, which is what the clustered SE accounts for.
 *
 * The estimand is the population mean difference over clusters and items,
 *   δ = E[logistic(θ_A + w)] − E[logistic(θ_B + w)],  w ~ N(0, σ_u² + σ_e² + τ²),
 * a one-dimensional integral, computed by composite Simpson quadrature over ±12 SD.
 */
import {createRandom, type Random} from "../../lib/index.js";

export interface PairedScenario {
  /** Clusters G and items per cluster m (n = G·m items). */
  clusters: number;
  perCluster: number;
  /** Abilities of models A and B (logit scale). */
  thetaA: number;
  thetaB: number;
  /** SD of the cluster part and of the item part of difficulty. */
  clusterSd: number;
  itemSd: number;
  /** τ: SD of each model's affinity for a cluster. */
  affinitySd: number;
}

/** One simulated eval: both models' 0/1 results on n items and each item's cluster. */
export interface PairedSample {
  x: Float64Array;
  y: Float64Array;
  clusters: Int32Array;
}

const logistic = (t: number): number => 1 / (1 + Math.exp(-t));

/** Draws one eval of `scenario` (G·m items). */
export function samplePaired(scenario: PairedScenario, rng: Random): PairedSample {
  const {clusters: G, perCluster: m, thetaA, thetaB, clusterSd, itemSd, affinitySd} = scenario;
  const n = G * m;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const clusters = new Int32Array(n);
  for (let c = 0, i = 0; c < G; ++c) {
    const u = clusterSd * rng.normal();
    const a = thetaA + affinitySd * rng.normal();
    const b = thetaB + affinitySd * rng.normal();
    for (let k = 0; k < m; ++k, ++i) {
      const difficulty = u + itemSd * rng.normal();
      x[i] = rng.float() < logistic(a - difficulty) ? 1 : 0;
      y[i] = rng.float() < logistic(b - difficulty) ? 1 : 0;
      clusters[i] = c;
    }
  }
  return {x, y, clusters};
}

/** δ = E[logistic(θ_A + w)] − E[logistic(θ_B + w)], w ~ N(0, σ_u² + σ_e² + τ²) (Simpson, 4,000 panels). */
export function truePairedDifference(scenario: PairedScenario): number {
  const sd = Math.sqrt(scenario.clusterSd ** 2 + scenario.itemSd ** 2 + scenario.affinitySd ** 2);
  return expectedLogistic(scenario.thetaA, sd) - expectedLogistic(scenario.thetaB, sd);
}

function expectedLogistic(theta: number, sd: number): number {
  const panels = 4000;
  const h = 24 / panels;
  let sum = 0;
  for (let k = 0; k <= panels; ++k) {
    const z = -12 + k * h;
    const weight = k === 0 || k === panels ? 1 : k % 2 ? 4 : 2;
    sum += weight * logistic(theta + sd * z) * Math.exp(-0.5 * z * z);
  }
  return (sum * h) / 3 / Math.sqrt(2 * Math.PI);
}

/** A fixed generator per (scenario cell, dataset), so cells can run in any order. */
export function pairedStream(seed: number, cell: number, dataset: number): Random {
  return createRandom(seed, 7_000_000 + cell * 100_000 + dataset);
}
