import {describe, expect, it} from "vitest";
import {newtonMaximise, newtonMinimise} from "../../lib/core/newton.js";

describe("newtonMaximise", () => {
  it("reaches the maximum of a concave quadratic in one full step", () => {
    const x = Float64Array.of(0);
    const run = newtonMaximise(x, (p) => Float64Array.of(3 - p[0]), (p) => -((p[0] - 3) ** 2), {maxIterations: 10, tolerance: 1e-12});
    expect(x[0]).toBe(3);
    expect(run.stop).toBe("converged");
    expect(run.iterations).toBe(2);
  });

  it("halves an overshooting step until the objective does not fall", () => {
    // f(x) = −cosh(x) from 2 with three times the Newton step −tanh(x): trials overshoot and are halved.
    const x = Float64Array.of(2);
    const run = newtonMaximise(x, (p) => Float64Array.of(-3 * Math.tanh(p[0])), (p) => -Math.cosh(p[0]), {maxIterations: 100, tolerance: 1e-12});
    // cosh(x) rounds to 1 once x² < 2⁻⁵², so x is known to about 1e-8.
    expect(Math.abs(x[0])).toBeLessThan(1e-7);
    expect(run.value).toBeCloseTo(-1, 15);
  });

  it("takes trusted steps without evaluating the objective", () => {
    let evaluations = 0;
    const x = Float64Array.of(0.1, -0.2);
    newtonMaximise(x, (p) => Float64Array.of(-p[0], -p[1]), (p) => (++evaluations, -(p[0] ** 2 + p[1] ** 2)), {maxIterations: 5, tolerance: 1e-12, trustedStep: 0.5});
    expect(Array.from(x)).toEqual([0, 0]);
    expect(evaluations).toBe(0);
  });

  it("stops without moving when no trial ascends, and when the caller gives no direction", () => {
    const x = Float64Array.of(1);
    const run = newtonMaximise(x, () => Float64Array.of(1), (p) => -p[0], {maxIterations: 5, tolerance: 1e-12, maxTrials: 4});
    expect(run.stop).toBe("no-ascent");
    expect(x[0]).toBe(1);
    expect(newtonMaximise(x, () => null, (p) => p[0], {maxIterations: 5, tolerance: 1e-12}).stop).toBe("no-direction");
  });

  it("rejects infeasible trials (−Infinity) and reports running out of iterations", () => {
    const x = Float64Array.of(1);
    // log x − x has its maximum at 1; a step of −4 from 2 leaves the domain and is halved back into it.
    x[0] = 2;
    newtonMaximise(x, (p) => Float64Array.of(p[0] === 2 ? -4 : p[0] * (1 - p[0])), (p) => (p[0] > 0 ? Math.log(p[0]) - p[0] : -Infinity), {maxIterations: 100, tolerance: 1e-14});
    expect(x[0]).toBeCloseTo(1, 12);
    const slow = Float64Array.of(0);
    expect(newtonMaximise(slow, () => Float64Array.of(1), (p) => p[0], {maxIterations: 3, tolerance: 1e-12}).stop).toBe("iterations");
  });
});

describe("newtonMinimise", () => {
  it("minimises a convex loss with the Newton step H⁻¹∇ and returns the loss", () => {
    // loss(x) = softplus-like log(1 + e^x) + (x − 1)²/2, Newton step g/h.
    const loss = (p: Float64Array) => Math.log1p(Math.exp(p[0])) + (p[0] - 1) ** 2 / 2;
    const step = (p: Float64Array) => {
      const s = 1 / (1 + Math.exp(-p[0]));
      return Float64Array.of((s + p[0] - 1) / (s * (1 - s) + 1));
    };
    const x = Float64Array.of(5);
    const run = newtonMinimise(x, step, loss, {maxIterations: 50, tolerance: 1e-13, slack: 1e-12});
    expect(run.stop).toBe("converged");
    expect(Math.abs(1 / (1 + Math.exp(-x[0])) + x[0] - 1)).toBeLessThan(1e-12);
    expect(run.value).toBe(loss(x));
  });
});
