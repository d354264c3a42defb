/**
 * Numerically stable logistic helpers shared by the IRT modules (internal).
 *
 * softplus(z) = log(1 + e^z) without overflow; log σ(z) = −softplus(−z); log(1 − σ(z)) = −softplus(z).
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
