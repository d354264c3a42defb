// Independent reference estimators for the pairwise tests: plain Newton / IRLS written directly from
// the likelihoods with ml-matrix's LU solver, sharing no code with lib/pairwise.
import {Matrix, solve} from "ml-matrix";

/**
 * Plackett–Luce MLE of top-1 choices [winner, choiceSet] by Newton's method on θ with θ₀ fixed at 0
 * (the gauge), then centred. Gradient e_w − softmax_S(θ); Hessian −(diag p − p pᵀ) over S.
 */
export function plackettLuceNewton(nItems: number, choices: [number, number[]][]): number[] {
  let theta = new Array(nItems).fill(0);
  for (let iter = 0; iter < 100; ++iter) {
    const g = new Array(nItems).fill(0);
    const H = Matrix.zeros(nItems, nItems);
    for (const [w, set] of choices) {
      const ex = set.map((i) => Math.exp(theta[i]));
      const z = ex.reduce((s, v) => s + v, 0);
      const p = ex.map((v) => v / z);
      g[w] += 1;
      set.forEach((i, a) => {
        g[i] -= p[a];
        set.forEach((j, b) => H.set(i, j, H.get(i, j) + (a === b ? p[a] : 0) - p[a] * p[b]));
      });
    }
    const reduced = H.subMatrix(1, nItems - 1, 1, nItems - 1);
    const step = solve(reduced, Matrix.columnVector(g.slice(1))).to1DArray();
    const next = [0, ...step.map((s, i) => theta[i + 1] + s)];
    const change = Math.max(...next.map((v, i) => Math.abs(v - theta[i])));
    theta = next;
    if (change < 1e-13) break;
  }
  const mean = theta.reduce((s, v) => s + v, 0) / nItems;
  return theta.map((v) => v - mean);
}

/**
 * Weighted logistic regression without intercept by IRLS on an explicit design matrix — the model
 * FastChat fits with scikit-learn. The first column is dropped (gauge) and re-added as 0.
 */
export function logisticIrls(X: number[][], y: number[], w: number[], dropFirst = true): number[] {
  const p = X[0].length;
  const cols = dropFirst ? X.map((row) => row.slice(1)) : X;
  const q = cols[0].length;
  let beta = new Array(q).fill(0);
  for (let iter = 0; iter < 100; ++iter) {
    const XtWX = Matrix.zeros(q, q);
    const grad = new Array(q).fill(0);
    cols.forEach((row, r) => {
      const eta = row.reduce((s, x, j) => s + x * beta[j], 0);
      const mu = 1 / (1 + Math.exp(-eta));
      for (let j = 0; j < q; ++j) {
        grad[j] += w[r] * (y[r] - mu) * row[j];
        for (let k = 0; k < q; ++k) XtWX.set(j, k, XtWX.get(j, k) + w[r] * mu * (1 - mu) * row[j] * row[k]);
      }
    });
    const step = solve(XtWX, Matrix.columnVector(grad)).to1DArray();
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-13) break;
  }
  return dropFirst ? [0, ...beta] : beta.slice(0, p);
}
