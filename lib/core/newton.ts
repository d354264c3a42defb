/**
 * Damped Newton ascent for smooth concave (or locally concave) objectives: the one Newton loop of
 * the library, used by the Bradley–Terry and tie-model fits, length-controlled win rates, the IRT
 * M-steps, the IRT Newton polish and IRT ability estimates.
 *
 * Each iteration asks the caller for an ascent direction s at x (usually the Newton step
 * s = −H⁻¹∇f, or a Fisher-scoring step) and then tries x + t·s for t = 1, ½, ¼, … until
 * f(x + t·s) ≥ f(x) − slack·|f(x)| (step halving, the backtracking line search of Nocedal &
 * Wright, Numerical Optimization 2nd ed. §3.1, with the simplest sufficient-increase test). The
 * loop stops when an accepted step moves no coordinate by `tolerance` or more, when the caller
 * returns no direction (stationary point, singular Hessian, a bound reached), when no trial in
 * `maxTrials` improves the objective (x is then left where it was), or after `maxIterations`.
 *
 * Halving t and forming x + t·s gives the same bits as halving s itself, since a power of two
 * scales exactly; so callers that used to halve their step vectors get the same iterates.
 *
 * The constants are the callers' to choose, and why each one is what it is:
 * - `maxTrials` (default {@link NEWTON_TRIALS} = 30): 2⁻²⁹ ≈ 2·10⁻⁹ of a Newton step is far below
 *   any tolerance used here; a direction that does not ascend after that many halvings is not an
 *   ascent direction at the current precision.
 * - `slack` (default 0): objectives summed over many terms (a likelihood over 10⁴ battles) carry
 *   rounding error of about 10⁻¹⁶·|f| per term; a relative slack of 10⁻¹² lets the final,
 *   rounding-level steps be accepted instead of halved 30 times.
 * - `trustedStep` (default 0): near the maximum of a concave objective a plain Newton step
 *   converges quadratically and cannot overshoot by much, so steps whose largest coordinate is
 *   below this bound are taken without evaluating the objective (the IRT M-steps use 0.5, which
 *   saves one likelihood pass per step in the EM inner loop).
 *
 * @example
 * // Maximise f(x) = −(x − 3)²: the Newton step is 3 − x; one step reaches the maximum.
 * const x = Float64Array.of(0);
 * newtonMaximise(x, (p) => Float64Array.of(3 - p[0]), (p) => -((p[0] - 3) ** 2), {maxIterations: 10, tolerance: 1e-12});
 * x[0]; // 3
 */

/** Default number of trial points per line search (t = 1, ½, …, 2⁻²⁹). */
export const NEWTON_TRIALS = 30;

export interface NewtonOptions {
  /** Most Newton iterations. */
  maxIterations: number;
  /** Converged when an accepted step moves every coordinate by less than this. */
  tolerance: number;
  /** Trial points per line search (default {@link NEWTON_TRIALS}). */
  maxTrials?: number;
  /** Relative slack of the acceptance test f(trial) ≥ f − slack·|f| (default 0). */
  slack?: number;
  /** Steps whose largest coordinate is below this are taken without evaluating f (default 0: never). */
  trustedStep?: number;
  /** f at the starting point when the caller already has it (otherwise computed when first needed). */
  value?: number;
}

/** Why {@link newtonMaximise} stopped. */
export type NewtonStop = "converged" | "no-direction" | "no-ascent" | "iterations";

export interface NewtonResult {
  /** f at the final x, or NaN when the loop never needed it (only trusted steps were taken). */
  value: number;
  /** Iterations run (directions asked for). */
  iterations: number;
  stop: NewtonStop;
}

/**
 * Maximises `objective` from `x` (updated in place) by damped Newton steps; see the module comment.
 * `direction(x, value)` returns the step to try at x (value is f(x), NaN when not yet computed) or
 * null to stop. `objective` may return −Infinity for an infeasible trial, which is then rejected.
 */
export function newtonMaximise(
  x: Float64Array,
  direction: (x: Float64Array, value: number) => Float64Array | null,
  objective: (trial: Float64Array) => number,
  options: NewtonOptions,
): NewtonResult {
  const {maxIterations, tolerance, maxTrials = NEWTON_TRIALS, slack = 0, trustedStep = 0} = options;
  const p = x.length;
  const trial = new Float64Array(p);
  let value = options.value ?? NaN;
  for (let iteration = 1; iteration <= maxIterations; ++iteration) {
    const step = direction(x, value);
    if (!step) return {value, iterations: iteration, stop: "no-direction"};
    const size = maxAbs(step);
    if (size < trustedStep) {
      for (let i = 0; i < p; ++i) x[i] += step[i];
      value = NaN;
      if (size < tolerance) return {value, iterations: iteration, stop: "converged"};
      continue;
    }
    if (Number.isNaN(value)) value = objective(x);
    const threshold = slack === 0 ? value : value - slack * Math.abs(value);
    let t = 1;
    let accepted = false;
    for (let h = 0; h < maxTrials; ++h) {
      for (let i = 0; i < p; ++i) trial[i] = x[i] + t * step[i];
      const f = objective(trial);
      if (f >= threshold) {
        x.set(trial);
        value = f;
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) return {value, iterations: iteration, stop: "no-ascent"};
    if (t * size < tolerance) return {value, iterations: iteration, stop: "converged"};
  }
  return {value, iterations: maxIterations, stop: "iterations"};
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; ++i) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/**
 * {@link newtonMaximise} applied to −loss, for callers that minimise a convex loss: `step(x)` returns
 * the Newton step H⁻¹∇loss (which is subtracted; null stops), `options.value` is the loss at the
 * start, and the result's `value` is the loss at the end. Negation is exact, so the iterates are those
 * of the equivalent descent loop.
 */
export function newtonMinimise(
  x: Float64Array,
  step: (x: Float64Array) => Float64Array | null,
  loss: (trial: Float64Array) => number,
  options: NewtonOptions,
): NewtonResult {
  const direction = (point: Float64Array): Float64Array | null => {
    const s = step(point);
    if (s) for (let i = 0; i < s.length; ++i) s[i] = -s[i];
    return s;
  };
  const start = options.value === undefined ? undefined : -options.value;
  const run = newtonMaximise(x, direction, (trial) => -loss(trial), {...options, value: start});
  return {...run, value: -run.value};
}
