/**
 * The 3PL M-step (internal, see em.ts): Fisher scoring with step halving on one item's expected
 * complete-data log-posterior in (a, d, γ = logit g), from the per-node sums r_jq and n_jq. The 3PL
 * likelihood is not concave in (a, d, γ), so every step is checked against the objective.
 */
import {logistic} from "../core/logistic.js";
import {newtonMaximise} from "../core/newton.js";
import {clamp, INTERCEPT_BOUND, M_STEP_NEWTON, SLOPE_BOUND, type EmState} from "./em-state.js";
import {guessLogPrior, interceptLogPrior, slopeLogPrior, type IrtPriors} from "./priors.js";

export function mStep3pl(
  state: EmState, j: number, r: Float64Array, n: Float64Array, nodes: Float64Array,
  priors: IrtPriors | undefined, steps: number
): number {
  const Q = nodes.length;
  let a = state.a[j];
  let d = state.d[j];
  let gamma = Math.log(state.g[j] / (1 - state.g[j]));
  const a0 = a;
  const d0 = d;
  const g0 = state.g[j];
  const objective = (a: number, d: number, gamma: number): number => {
    const g = logistic(gamma);
    if (!(g > 0 && g < 1)) return -Infinity;
    let f = 0;
    for (let q = 0; q < Q; ++q) {
      const p = g + (1 - g) * logistic(a * nodes[q] + d);
      f += r[q] * Math.log(p) + (n[q] - r[q]) * Math.log1p(-p);
    }
    return f + slopeLogPrior(priors?.a, a).value + interceptLogPrior(priors?.d, d).value + guessLogPrior(priors?.g, g).value;
  };
  const grad = new Float64Array(3);
  const info = new Float64Array(9);
  const direction = (x: Float64Array): Float64Array | null => {
    const [a, d, gamma] = x;
    const g = logistic(gamma);
    const gp = g * (1 - g);
    grad.fill(0);
    info.fill(0);
    for (let q = 0; q < Q; ++q) {
      const x = nodes[q];
      const psi = logistic(a * x + d);
      const p = g + (1 - g) * psi;
      const pq = p * (1 - p);
      if (!(pq > 0)) continue;
      const dz = (1 - g) * psi * (1 - psi);
      const v0 = dz * x;
      const v1 = dz;
      const v2 = (1 - psi) * gp;
      const u = (r[q] - n[q] * p) / pq;
      grad[0] += u * v0;
      grad[1] += u * v1;
      grad[2] += u * v2;
      const w = n[q] / pq;
      info[0] += w * v0 * v0;
      info[1] += w * v0 * v1;
      info[2] += w * v0 * v2;
      info[4] += w * v1 * v1;
      info[5] += w * v1 * v2;
      info[8] += w * v2 * v2;
    }
    const pa = slopeLogPrior(priors?.a, a);
    const pd = interceptLogPrior(priors?.d, d);
    const pg = guessLogPrior(priors?.g, g);
    grad[0] += pa.d1;
    grad[1] += pd.d1;
    grad[2] += pg.d1;
    info[0] -= Math.min(pa.d2, 0);
    info[4] -= Math.min(pd.d2, 0);
    info[8] -= Math.min(pg.d2, 0);
    // A tiny ridge keeps the 3×3 Fisher system solvable when the asymptote is weakly identified.
    const ridge = 1e-8 * (info[0] + info[4] + info[8] + 1);
    const step = solve3(info[0] + ridge, info[1], info[2], info[4] + ridge, info[5], info[8] + ridge, grad);
    return step && Float64Array.from(step);
  };
  // Fisher scoring: the 3PL likelihood is not concave in (a, d, γ), so every step is checked.
  const x = Float64Array.of(a, d, gamma);
  newtonMaximise(x, direction, (x) => objective(x[0], x[1], x[2]), {maxIterations: steps, tolerance: M_STEP_NEWTON.tolerance});
  [a, d, gamma] = x;
  // Keep g strictly inside (0, 1) so that logs stay finite.
  gamma = Math.min(Math.max(gamma, -30), 30);
  state.a[j] = a = clamp(a, SLOPE_BOUND);
  state.d[j] = d = clamp(d, INTERCEPT_BOUND);
  state.g[j] = logistic(gamma);
  return Math.max(Math.abs(a - a0), Math.abs(d - d0), Math.abs(state.g[j] - g0));
}

/** Solves the symmetric 3×3 system [[a,b,c],[b,e,f],[c,f,i]]·x = r. */
function solve3(a: number, b: number, c: number, e: number, f: number, i: number, r: Float64Array): [number, number, number] | null {
  const A = e * i - f * f;
  const B = -(b * i - c * f);
  const C = b * f - c * e;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return null;
  const E = a * i - c * c;
  const F = -(a * f - b * c);
  const I = a * e - b * b;
  return [
    (A * r[0] + B * r[1] + C * r[2]) / det,
    (B * r[0] + E * r[1] + F * r[2]) / det,
    (C * r[0] + F * r[1] + I * r[2]) / det
  ];
}
