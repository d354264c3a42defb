import {BenchstatsError} from "../core/errors.js";

/**
 * Stationary distribution π of a continuous-time Markov chain with transition rates `rates`
 * (n×n row-major, rates[i·n + j] = rate i → j, or rates[j·n + i] with `transposed`; the diagonal is
 * ignored), plus `alpha` on every off-diagonal rate (choix's regularisation): πQ = 0, Σπ = n.
 *
 * Solves Qᵀπ = 0 with the last equation replaced by Σπ = n, by Gaussian elimination with partial
 * pivoting (choix's `statdist` solves the same system by an LU factorisation of Qᵀ). Throws when the
 * chain has more than one closed class (the system is singular), which for LSR chains means the
 * comparison graph is not strongly connected.
 */
export function stationaryDistribution(rates: Float64Array, n: number, transposed = false, alpha = 0): Float64Array {
  // a = Qᵀ with the last row replaced by ones. `transposed`: rates[j·n + i] is the rate i → j (then
  // the off-diagonal of Qᵀ is a plain copy; the sums run in the same order either way).
  const a = new Float64Array(n * n);
  if (transposed) {
    a.set(rates);
    if (alpha !== 0) for (let k = 0; k < n * n; ++k) a[k] += alpha;
    for (let i = 0; i < n; ++i) {
      let out = 0;
      for (let j = 0; j < n; ++j) if (j !== i) out += a[j * n + i];
      a[i * n + i] = -out;
    }
  } else {
    for (let i = 0; i < n; ++i) {
      let out = 0;
      for (let j = 0; j < n; ++j) if (j !== i) out += rates[i * n + j] + alpha;
      for (let j = 0; j < n; ++j) a[j * n + i] = j === i ? -out : rates[i * n + j] + alpha;
    }
  }
  const b = new Float64Array(n);
  for (let j = 0; j < n; ++j) a[(n - 1) * n + j] = 1;
  b[n - 1] = n;
  let scale = 0;
  for (let k = 0; k < n * n; ++k) scale = Math.max(scale, Math.abs(a[k]));
  const tiny = scale * n * 1e-14;
  for (let col = 0; col < n; ++col) {
    let pivot = col;
    for (let r = col + 1; r < n; ++r) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
    if (!(Math.abs(a[pivot * n + col]) > tiny)) throw notUnique();
    if (pivot !== col) {
      for (let j = col; j < n; ++j) {
        const t = a[col * n + j];
        a[col * n + j] = a[pivot * n + j];
        a[pivot * n + j] = t;
      }
      const t = b[col];
      b[col] = b[pivot];
      b[pivot] = t;
    }
    const top = col * n;
    const p = a[top + col];
    for (let r = col + 1; r < n; ++r) {
      const row = r * n;
      const f = a[row + col] / p;
      if (f === 0) continue;
      for (let j = col; j < n; ++j) a[row + j] -= f * a[top + j];
      b[r] -= f * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; --r) {
    let s = b[r];
    for (let j = r + 1; j < n; ++j) s -= a[r * n + j] * x[j];
    x[r] = s / a[r * n + r];
  }
  return x;
}

/** The error of a chain whose stationary distribution is not unique (more than one closed class). */
export function notUnique(): BenchstatsError {
  return new BenchstatsError("identifiability", "stationary distribution is not unique: the comparison graph is not strongly connected");
}
