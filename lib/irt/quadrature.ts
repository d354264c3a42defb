import {intArg, numberArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";

/** A fixed rectangular quadrature grid for the latent trait: nodes and normalised prior weights. */
export interface IrtQuadrature {
  nodes: Float64Array;
  weights: Float64Array;
}

/** Options of {@link irtQuadrature}; the defaults are mirt's for one factor. */
export interface IrtQuadratureOptions {
  /** Number of equally spaced nodes (mirt: 61 for one factor). */
  points?: number;
  /** Grid limits (mirt `theta_lim`: [−6, 6]). */
  lower?: number;
  upper?: number;
  /** Latent mean and variance of the normal prior evaluated at the nodes (default N(0, 1)). */
  mean?: number;
  variance?: number;
}

/**
 * The latent-trait quadrature of marginal maximum likelihood: `points` equally spaced nodes on
 * [lower, upper] with weights w_q = φ((x_q − μ)/σ) / Σ_k φ((x_k − μ)/σ), i.e. the normal density
 * evaluated at the nodes and normalised to sum to one.
 *
 * Reference: mirt (Chalmers 2012) uses exactly this grid for unidimensional EM estimation and EAP
 * scoring: `seq(-6, 6, length.out = 61)` with `dnorm` weights normalised by their sum; with these
 * defaults our likelihoods and EAP scores match mirt's.
 *
 * @example
 * const {nodes, weights} = irtQuadrature();   // 61 nodes on [−6, 6], node spacing 0.2
 * irtQuadrature({points: 3, lower: -1, upper: 1}).weights; // [0.274, 0.452, 0.274] (normalised φ)
 */
export function irtQuadrature(options: IrtQuadratureOptions = {}): IrtQuadrature {
  const {points = 61, lower = -6, upper = 6, mean = 0, variance = 1} = optionsArg(options, "irtQuadrature");
  // Capped at LIMITS.quadraturePoints: past a few hundred nodes the E-step costs more and the estimates do not move.
  if (typeof points === "number" && Number.isInteger(points) && points > 2) intArg(points, "points", "irtQuadrature", {min: 2, limit: "quadraturePoints"});
  for (const [name, v] of Object.entries({lower, upper, mean})) numberArg(v, name, "irtQuadrature", {code: "range"});
  if (!Number.isInteger(points) || points < 2) {
    throw new BenchstatsError("range", `irtQuadrature: points must be an integer ≥ 2, got ${points}`);
  }
  if (!(upper > lower)) throw new BenchstatsError("range", `irtQuadrature: need lower < upper, got [${lower}, ${upper}]`);
  if (!(variance > 0) || !Number.isFinite(variance)) {
    throw new BenchstatsError("range", `irtQuadrature: variance must be positive and finite, got ${variance}`);
  }
  const nodes = new Float64Array(points);
  const step = (upper - lower) / (points - 1);
  for (let q = 0; q < points; ++q) nodes[q] = lower + q * step;
  return {nodes, weights: normalWeights(nodes, mean, variance)};
}

/** φ((x_q − μ)/σ) normalised over the nodes (internal; also used when σ² is re-estimated). */
export function normalWeights(nodes: Float64Array, mean: number, variance: number): Float64Array {
  const w = new Float64Array(nodes.length);
  let sum = 0;
  for (let q = 0; q < nodes.length; ++q) {
    const z = nodes[q] - mean;
    sum += w[q] = Math.exp((-0.5 * z * z) / variance);
  }
  for (let q = 0; q < nodes.length; ++q) w[q] /= sum;
  return w;
}

/**
 * Second and fourth moments of the nodes under the N(0, v) weights of {@link normalWeights}:
 * m2 = Σ π_q x_q², m4 = Σ π_q x_q⁴ (internal; the Rasch latent-variance update and its derivatives).
 */
export function normalWeightMoments(nodes: Float64Array, variance: number): {m2: number; m4: number} {
  const w = normalWeights(nodes, 0, variance);
  let m2 = 0;
  let m4 = 0;
  for (let q = 0; q < nodes.length; ++q) {
    const x2 = nodes[q] * nodes[q];
    m2 += w[q] * x2;
    m4 += w[q] * x2 * x2;
  }
  return {m2, m4};
}
