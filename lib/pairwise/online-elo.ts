import {numberArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type LabelColumn} from "../core/columns.js";
import type {BattlesTable} from "./battles.js";

/**
 * Online Elo, one update per battle in table order — the baseline FastChat's `compute_online_elo`
 * and ONEBench's `compute_elo` use: E_a = 1/(1 + base^((R_b − R_a)/scale)),
 * R_a += k·(S_a − E_a), R_b += k·(1 − S_a − E_b), S_a ∈ {1, ½, 0}; every model starts at `init`.
 * Unlike the Bradley–Terry MLE the result depends on battle order and recent battles weigh more (that is
 * the method, not a seed: shuffle the battles yourself to see how much). k and scale must be finite and
 * > 0, base > 1, init finite: anything else (a NaN k) would turn every rating into NaN. Models with equal
 * ratings are listed by name.
 *
 * @example
 * onlineElo([{model_a: "x", model_b: "y", winner: "a"}]); // [{model: "x", rating: 1002}, {model: "y", rating: 998}]
 */
export function onlineElo(
  battles: BattlesTable,
  options: {k?: number; scale?: number; base?: number; init?: number} = {},
): {model: string; rating: number}[] {
  const fn = "onlineElo";
  const {k = 4, scale = 400, base = 10, init = 1000} = optionsArg(options, fn);
  numberArg(k, "k", fn, {above: 0});
  numberArg(scale, "scale", fn, {above: 0});
  numberArg(base, "base", fn, {above: 1});
  numberArg(init, "init", fn);
  const rating = new Map<string, number>();
  const {length, columns} = tableColumns(battles, {labels: ["model_a", "model_b", "winner"], numbers: []}, "onlineElo");
  const [a, b, w] = [columns.model_a, columns.model_b, columns.winner] as LabelColumn[];
  for (let r = 0; r < length; ++r) {
    const model_a = a.labels[a.codes[r]];
    const model_b = b.labels[b.codes[r]];
    const winner = w.labels[w.codes[r]];
    if (!model_a || !model_b) {
      throw new BenchstatsError("missing", "onlineElo: model_a and model_b must be model names", {row: r});
    }
    const sa = winner === "a" ? 1 : winner === "b" ? 0 : winner === "tie" ? 0.5 : NaN;
    if (Number.isNaN(sa)) {
      throw new BenchstatsError("range", `onlineElo: winner must be "a", "b" or "tie", got ${JSON.stringify(winner)}`, {field: "winner", row: r});
    }
    const ra = rating.get(model_a) ?? init;
    const rb = rating.get(model_b) ?? init;
    const ea = 1 / (1 + base ** ((rb - ra) / scale));
    const eb = 1 / (1 + base ** ((ra - rb) / scale));
    rating.set(model_a, ra + k * (sa - ea));
    rating.set(model_b, rb + k * (1 - sa - eb));
  }
  return [...rating].map(([model, value]) => ({model, rating: value})).sort((p, q) => q.rating - p.rating || (p.model < q.model ? -1 : p.model > q.model ? 1 : 0));
}
