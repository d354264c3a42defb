import {numberArg, optionsArg, probabilityArg} from "../core/check.js";
import {checkIrtFit} from "./check-items.js";
import type {IrtFit} from "./fit.js";
import type {IrtItemFit} from "./item-fit.js";

/**
 * Why an item deserves a look:
 * - `no-responses`, `nobody-correct`, `everybody-correct`: no information, no finite estimate;
 * - `negative-discrimination`: a < 0 (higher ability, lower success: often a wrong answer key);
 * - `low-discrimination`: 0 ≤ a < `minSlope` (barely related to ability);
 * - `extreme-slope`: |a| > `maxSlope` (quasi-separation, common with few respondents);
 * - `guessing-at-bound`: 3PL g ran to 0 or 1 (not identified);
 * - `no-standard-error`: an estimated item whose observed information is singular;
 * - `misfit`: S-X2 p < `alpha`, or infit/outfit mean square outside [`minMeanSquare`, `maxMeanSquare`].
 */
export type IrtItemFlag =
  | "no-responses"
  | "nobody-correct"
  | "everybody-correct"
  | "negative-discrimination"
  | "low-discrimination"
  | "extreme-slope"
  | "guessing-at-bound"
  | "no-standard-error"
  | "misfit";

/** Options of {@link irtItemFlags}. */
export interface IrtItemFlagOptions {
  /** Item fit from {@link irtItemFit}, to add `misfit` flags. */
  itemFit?: ReadonlyArray<IrtItemFit>;
  /** Slopes below this (and ≥ 0) are `low-discrimination` (default 0.2). */
  minSlope?: number;
  /** |a| above this is `extreme-slope` (default 10). */
  maxSlope?: number;
  /** S-X2 significance level (default 0.01). */
  alpha?: number;
  /** Productive infit/outfit range (Linacre): default [0.5, 1.5]. */
  minMeanSquare?: number;
  maxMeanSquare?: number;
}

/**
 * Benchmark-oriented item diagnostics: one entry per item with the list of flags that apply (empty
 * when none). Slope flags apply to 2PL/3PL only (Rasch and 1PL share one slope).
 *
 * Reference: the checks benchmark users run (metabench, "Quantifying Variance in Evaluation
 * Benchmarks"): saturated items, near-zero or negative discrimination, poor item fit.
 *
 * @example
 * irtItemFlags(fit).filter((f) => f.flags.length); // [{item: 12, flags: ["nobody-correct"]}, …]
 */
export function irtItemFlags(fit: IrtFit, options: IrtItemFlagOptions = {}): {item: number; flags: IrtItemFlag[]}[] {
  checkIrtFit(fit, "irtItemFlags");
  const {minSlope = 0.2, maxSlope = 10, alpha = 0.01, minMeanSquare = 0.5, maxMeanSquare = 1.5, itemFit} = optionsArg(options, "irtItemFlags");
  for (const [name, v] of Object.entries({minSlope, maxSlope, minMeanSquare, maxMeanSquare})) numberArg(v, name, "irtItemFlags", {infinite: true});
  probabilityArg(alpha, "alpha", "irtItemFlags");
  const slopes = fit.model === "2pl" || fit.model === "3pl";
  return fit.items.map((item, j) => {
    const flags: IrtItemFlag[] = [];
    if (!item.estimated) {
      if (Number.isNaN(item.d)) flags.push("no-responses");
      else flags.push(item.d === -Infinity ? "nobody-correct" : "everybody-correct");
      return {item: j, flags};
    }
    if (slopes) {
      if (item.a < 0) flags.push("negative-discrimination");
      else if (item.a < minSlope) flags.push("low-discrimination");
      if (Math.abs(item.a) > maxSlope) flags.push("extreme-slope");
    }
    if (fit.model === "3pl" && (item.g < 1e-4 || item.g > 1 - 1e-4)) flags.push("guessing-at-bound");
    if (fit.standardErrors !== "none" && !(item.se.d > 0)) flags.push("no-standard-error");
    const f = itemFit?.[j];
    if (f) {
      const badP = f.p < alpha;
      const out = (v: number) => Number.isFinite(v) && (v < minMeanSquare || v > maxMeanSquare);
      if (badP || out(f.infit) || out(f.outfit)) flags.push("misfit");
    }
    return {item: j, flags};
  });
}
