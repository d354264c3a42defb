import {describe, expect, it} from "vitest";
import {cholesky, choleskySolve, inverseSpd, solveSpd} from "../../lib/core/linear-algebra.js";
import {BenchstatsError} from "../../lib/core/errors.js";

// A = M·Mᵀ + I for a fixed M, so A is symmetric positive definite; x is chosen and b = A·x.
function spd(n: number): Float64Array {
  const m = Float64Array.from({length: n * n}, (_, k) => Math.sin(1 + 3 * k));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; ++i)
    for (let j = 0; j < n; ++j) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; ++k) s += m[i * n + k] * m[j * n + k];
      a[i * n + j] = s;
    }
  return a;
}
function times(a: Float64Array, x: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) b[i] += a[i * n + j] * x[j];
  return b;
}

describe("Cholesky solvers", () => {
  it("solve the worked example", () => {
    expect([...solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2, "t")]).toEqual([0.5, 0]);
    // numpy.linalg.cholesky([[4, 2], [2, 3]]) = [[2, 0], [1, √2]]
    const l = Float64Array.of(4, 2, 2, 3);
    expect(cholesky(l, 2)).toBe(true);
    expect([l[0], l[2], l[3]]).toEqual([2, 1, Math.SQRT2]);
  });
  it("recover x from A·x for a 6×6 system, leaving A and b untouched", () => {
    const n = 6;
    const a = spd(n);
    const x = Float64Array.from({length: n}, (_, i) => i - 2.5);
    const b = times(a, x, n);
    const a0 = a.slice();
    const b0 = b.slice();
    const got = solveSpd(a, b, n, "t");
    for (let i = 0; i < n; ++i) expect(got[i]).toBeCloseTo(x[i], 10);
    expect(a).toEqual(a0);
    expect(b).toEqual(b0);
    // The factor-then-solve path gives the same bits.
    const l = a.slice();
    cholesky(l, n);
    expect(choleskySolve(l, b.slice(), n)).toEqual(got);
  });
  it("invert: A·A⁻¹ = I", () => {
    const n = 4;
    const a = spd(n);
    const inv = inverseSpd(a, n)!;
    for (let j = 0; j < n; ++j) {
      const col = times(a, Float64Array.from({length: n}, (_, i) => inv[i * n + j]), n);
      for (let i = 0; i < n; ++i) expect(col[i]).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
  it("report a matrix that is not positive definite", () => {
    const singular = Float64Array.of(1, 1, 1, 1);
    expect(cholesky(singular.slice(), 2)).toBe(false);
    expect(inverseSpd(singular, 2)).toBeNull();
    expect(() => solveSpd(singular, Float64Array.of(1, 1), 2, "bradleyTerry")).toThrow(BenchstatsError);
    expect(() => solveSpd(singular, Float64Array.of(1, 1), 2, "bradleyTerry")).toThrow(/bradleyTerry: the Hessian is singular/);
  });
});
