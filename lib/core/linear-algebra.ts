/**
 * Small dense symmetric positive-definite solvers (Newton steps of Bradley–Terry, the tie models,
 * length-controlled win rates and IRT; observed-information inverses). Matrices are row-major
 * Float64Arrays of n×n; only the lower triangle is read.
 *
 * Cholesky–Banachiewicz factorisation A = L·Lᵀ, then forward substitution L·y = b and back
 * substitution Lᵀ·x = y (Golub & Van Loan, Matrix Computations 4th ed. §4.2; LAPACK dpotrf/dpotrs).
 * Argument order throughout: matrix, right-hand side, size.
 *
 * @example
 * // [[4, 2], [2, 3]]·x = [2, 1]  →  x = [0.5, 0]
 * solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2, "example");
 */
import {BenchstatsError} from "./errors.js";

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

/** Solves L·Lᵀ·x = b given the factor `l` from {@link cholesky}; overwrites and returns `b`. */
export function choleskySolve(l: Float64Array, b: Float64Array, n: number): Float64Array {
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

/**
 * Solves A·x = b for a symmetric positive-definite A into a new array (A and b are left as they
 * are). A Hessian that is not positive definite means a parameter is not identified: that throws a
 * `BenchstatsError` ("identifiability") naming `fn`.
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number, fn: string): Float64Array {
  const l = a.slice(0, n * n);
  if (!cholesky(l, n)) throw new BenchstatsError("identifiability", `${fn}: the Hessian is singular (a model or covariate is not identified)`);
  return choleskySolve(l, b.slice(0, n), n);
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
    choleskySolve(l, col, n);
    for (let i = 0; i < n; ++i) inv[i * n + j] = col[i];
  }
  return inv;
}
