/**
 * Small dense symmetric solvers for observed-information matrices (internal). Row-major Float64Arrays.
 */

/**
 * In-place Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite n×n matrix (lower
 * triangle written into `a`). Returns false when A is not numerically positive definite.
 */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; ++j) {
    let s = a[j * n + j];
    for (let k = 0; k < j; ++k) s -= a[j * n + k] * a[j * n + k];
    if (!(s > 0) || !Number.isFinite(s)) return false;
    const ljj = Math.sqrt(s);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; ++i) {
      let t = a[i * n + j];
      for (let k = 0; k < j; ++k) t -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = t / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b given the factor from {@link cholesky}; overwrites and returns `b`. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; ++i) {
    let s = b[i];
    for (let k = 0; k < i; ++k) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; --i) {
    let s = b[i];
    for (let k = i + 1; k < n; ++k) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
export function inverseSpd(a: Float64Array, n: number): Float64Array | null {
  const l = a.slice();
  if (!cholesky(l, n)) return null;
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; ++j) {
    col.fill(0);
    col[j] = 1;
    choleskySolve(l, n, col);
    for (let i = 0; i < n; ++i) inv[i * n + j] = col[i];
  }
  return inv;
}
