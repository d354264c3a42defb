/**
 * Sums of doubles without rounding error until the end: Shewchuk's (1997) adaptive-precision summation
 * as Python's `math.fsum` does it. The running sum is kept as a short list of non-overlapping partial
 * sums whose exact total is the exact sum of the inputs; `value()` rounds that total once (to nearest,
 * ties to even). Because the result is the correctly rounded exact sum, it does not depend on the order
 * the values came in: summaries of a table are then the same for any order of its rows.
 */
import {reject} from "../core/check.js";

/**
 * An accumulator for the correctly rounded sum of finite doubles.
 *
 * Reference: J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
 * Predicates", Discrete & Computational Geometry 18 (1997); CPython's `math.fsum` (msum with the final
 * half-way correction), which this follows step for step.
 *
 * @example
 * const s = new ExactSum();
 * for (const x of [1e100, 1, -1e100, 0.1]) s.add(x);
 * s.value(); // 1.1 (a plain loop gives 0.1)
 */
export class ExactSum {
  private readonly partials: number[] = [];

  /** Adds `x`, a finite number: NaN or ±Infinity would make every later sum meaningless, so they throw. */
  add(x: number): void {
    if (typeof x !== "number" || x - x !== 0) reject("value", "ExactSum.add", "x", "a finite number", x);
    const p = this.partials;
    let kept = 0;
    for (let j = 0; j < p.length; ++j) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[kept++] = lo;
      x = hi;
    }
    p.length = kept;
    p.push(x);
  }

  /** The sum of the values added so far, correctly rounded (0 when none were). */
  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way case: the partials below decide which way the rounding of hi + lo goes.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
