import {describe, expect, it} from "vitest";
import {Matrix, solve} from "ml-matrix";
import {createRandom} from "../../lib/index.js";
import {gmres} from "../../lib/core/gmres.js";

// Reference: ml-matrix's LU solve of the same dense system.
function system(n: number, seed: number): {A: number[][]; b: number[]} {
  const rng = createRandom(seed);
  // Diagonally weighted, nonsymmetric: well conditioned but not trivial for a Krylov method.
  const A = Array.from({length: n}, (_, i) => Array.from({length: n}, (_, j) => (i === j ? 4 + rng.float() : rng.normal() / Math.sqrt(n))));
  return {A, b: Array.from({length: n}, () => rng.normal())};
}

const applyOf = (A: number[][]) => (v: Float64Array, out: Float64Array) => {
  for (let i = 0; i < A.length; ++i) {
    let s = 0;
    for (let j = 0; j < A.length; ++j) s += A[i][j] * v[j];
    out[i] = s;
  }
};

describe("gmres", () => {
  for (const restart of [60, 5]) {
    it(`solves a nonsymmetric 60 × 60 system to 1e-12 (restart ${restart})`, () => {
      const {A, b} = system(60, restart);
      const x = new Float64Array(60);
      const result = gmres(applyOf(A), Float64Array.from(b), x, {tolerance: 1e-13, restart});
      expect(result.converged).toBe(true);
      const reference = solve(new Matrix(A), Matrix.columnVector(b)).to1DArray();
      reference.forEach((v, i) => expect(Math.abs(x[i] - v)).toBeLessThan(1e-12));
    });
  }

  it("starts from the given x and stops at once when it already solves the system", () => {
    const {A, b} = system(10, 3);
    const x = Float64Array.from(solve(new Matrix(A), Matrix.columnVector(b)).to1DArray());
    expect(gmres(applyOf(A), Float64Array.from(b), x, {tolerance: 1e-10}).iterations).toBe(0);
  });

  it("reports no convergence at the round-off floor instead of looping", () => {
    const {A, b} = system(20, 4);
    const result = gmres(applyOf(A), Float64Array.from(b), new Float64Array(20), {tolerance: 1e-300, restart: 5});
    expect(result.converged).toBe(false);
    expect(result.residual).toBeLessThan(1e-12);
    expect(result.iterations).toBeLessThan(300);
  });
});
