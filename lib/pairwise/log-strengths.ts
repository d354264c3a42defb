import {BenchstatsError} from "../core/errors.js";

/**
 * Weights e^θ rescaled to sum n (choix's `exp_transform`), the form in which the LSR and MM steps
 * use the current log-strengths θ.
 */
export function weightsOf(params: Float64Array): Float64Array {
  const n = params.length;
  let mean = 0;
  for (let i = 0; i < n; ++i) mean += params[i];
  mean /= n;
  const w = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; ++i) sum += w[i] = Math.exp(params[i] - mean);
  for (let i = 0; i < n; ++i) w[i] *= n / sum;
  return w;
}

/** Subtracts the mean in place (log-strengths are identified up to a common shift). */
export function centre(x: Float64Array): Float64Array {
  let mean = 0;
  for (let i = 0; i < x.length; ++i) mean += x[i];
  mean /= x.length;
  for (let i = 0; i < x.length; ++i) x[i] -= mean;
  return x;
}

/** Mean-centred log of positive weights; a weight that collapsed to 0 throws (code `identifiability`). */
export function logCentred(w: Float64Array): Float64Array {
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; ++i) {
    if (!(w[i] > 0)) {
      throw new BenchstatsError("identifiability", `plackettLuce: strength of item ${i} collapsed to ${w[i]}`);
    }
    out[i] = Math.log(w[i]);
  }
  return centre(out);
}
