/**
 * Restarted GMRES (Saad & Schultz, "GMRES: a generalized minimal residual algorithm for solving
 * nonsymmetric linear systems", SIAM J. Sci. Stat. Comput. 7(3), 1986): solves A·x = b for a square
 * nonsymmetric A given only as a product `apply(v, out)` (out ← A·v), starting from `x` (updated in
 * place). Arnoldi with modified Gram–Schmidt, Givens rotations for the small least-squares problem,
 * restarted every `restart` steps; stops when ‖b − A·x‖₂ ≤ `tolerance` (absolute), after
 * `maxIterations` products, or when a restart cycle no longer lowers the residual (round-off floor).
 *
 * Memory: (restart + 1)·n doubles for the Krylov basis.
 *
 * @example
 * // [[2, 1], [0, 3]]·x = [3, 3]  →  x = [1, 1]
 * const x = new Float64Array(2);
 * gmres((v, out) => { out[0] = 2 * v[0] + v[1]; out[1] = 3 * v[1]; }, Float64Array.of(3, 3), x, {tolerance: 1e-14});
 */
export function gmres(
  apply: (v: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  x: Float64Array,
  options: {tolerance: number; restart?: number; maxIterations?: number}
): {iterations: number; residual: number; converged: boolean} {
  const n = b.length;
  const m = Math.max(1, Math.min(options.restart ?? 30, n));
  const maxIterations = options.maxIterations ?? 10 * n + 100;
  const tol = options.tolerance;
  const V = new Float64Array((m + 1) * n);
  const H = new Float64Array((m + 1) * m);
  const cs = new Float64Array(m);
  const sn = new Float64Array(m);
  const g = new Float64Array(m + 1);
  const r = new Float64Array(n);
  const w = new Float64Array(n);
  const y = new Float64Array(m);
  let iterations = 0;
  let previous = Infinity;
  for (;;) {
    apply(x, r);
    for (let i = 0; i < n; ++i) r[i] = b[i] - r[i];
    const beta = norm(r);
    if (beta <= tol) return {iterations, residual: beta, converged: true};
    // A restart that did not reduce the residual has hit the round-off floor: stop there.
    if (iterations >= maxIterations || !(beta < previous)) return {iterations, residual: beta, converged: false};
    previous = beta;
    for (let i = 0; i < n; ++i) V[i] = r[i] / beta;
    g.fill(0);
    g[0] = beta;
    let k = 0;
    let residual = beta;
    while (k < m && iterations < maxIterations) {
      const vk = V.subarray(k * n, (k + 1) * n);
      apply(vk, w);
      ++iterations;
      for (let j = 0; j <= k; ++j) {
        const vj = V.subarray(j * n, (j + 1) * n);
        let h = 0;
        for (let i = 0; i < n; ++i) h += w[i] * vj[i];
        H[j * m + k] = h;
        for (let i = 0; i < n; ++i) w[i] -= h * vj[i];
      }
      const hNext = norm(w);
      H[(k + 1) * m + k] = hNext;
      if (hNext > 0) for (let i = 0; i < n; ++i) V[(k + 1) * n + i] = w[i] / hNext;
      // Earlier rotations on the new column, then a new rotation that zeroes H[k+1][k].
      for (let j = 0; j < k; ++j) {
        const a = H[j * m + k];
        const c = H[(j + 1) * m + k];
        H[j * m + k] = cs[j] * a + sn[j] * c;
        H[(j + 1) * m + k] = -sn[j] * a + cs[j] * c;
      }
      const a = H[k * m + k];
      const c = H[(k + 1) * m + k];
      const rho = Math.hypot(a, c);
      cs[k] = rho > 0 ? a / rho : 1;
      sn[k] = rho > 0 ? c / rho : 0;
      H[k * m + k] = rho;
      H[(k + 1) * m + k] = 0;
      g[k + 1] = -sn[k] * g[k];
      g[k] = cs[k] * g[k];
      residual = Math.abs(g[k + 1]);
      ++k;
      if (residual <= tol || hNext === 0) break;
    }
    // x += V_k·y with H_k·y = g (upper triangular).
    for (let i = k - 1; i >= 0; --i) {
      let s = g[i];
      for (let j = i + 1; j < k; ++j) s -= H[i * m + j] * y[j];
      y[i] = H[i * m + i] !== 0 ? s / H[i * m + i] : 0;
    }
    for (let j = 0; j < k; ++j) {
      const vj = V.subarray(j * n, (j + 1) * n);
      for (let i = 0; i < n; ++i) x[i] += y[j] * vj[i];
    }
  }
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; ++i) s += v[i] * v[i];
  return Math.sqrt(s);
}
