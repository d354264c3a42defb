/**
 * Numerically stable logistic helpers, shared by Bradley–Terry, the tie models, length-controlled win
 * rates and IRT.
 *
 * σ(z) = 1 / (1 + e^−z) is evaluated as e^z / (1 + e^z) for negative z so that neither branch
 * overflows; softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|). With them
 * log σ(z) = −softplus(−z) and log(1 − σ(z)) = −softplus(z), the two terms of a logistic
 * log-likelihood, stay finite for any finite z (the same device as scipy.special.expit and
 * numpy.logaddexp(0, z)).
 *
 * @example logistic(0); // 0.5
 * @example softplus(0); // Math.LN2 = 0.6931471805599453
 * @example softplus(800); // 800 (log1p(e^z) would overflow to Infinity)
 */

/** σ(z) = 1 / (1 + e^−z), exact 0 and 1 at ∓∞. */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) computed without overflow or loss of precision for large |z|. */
export function softplus(z: number): number {
  if (z > 0) return z + Math.log1p(Math.exp(-z));
  return Math.log1p(Math.exp(z));
}
