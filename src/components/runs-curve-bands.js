// Turns per-step curve summaries (one row per algorithm, task, step with the seeds' values in seed_* columns)
// into plot rows with a band, for the runs-* chart components. Pure functions: no Plot, no DOM.

import {tQuantile} from "../lib/engine.js";

/**
 * t_{0.975, df}, the exact Student t quantile (the library's one `tQuantile`, which matches
 * `scipy.stats.t.ppf(0.975, df)` to about 1e-10 relative),
 * for the half-width of a 95% t-interval; NaN below 1 df.
 *
 * @example
 * t975(2) // 4.302652729911275
 * t975(20) // 2.0859634472658… (scipy: 2.0859634472658364)
 */
export function t975(df) {
  if (!(df >= 1)) return NaN;
  return tQuantile(0.975, df);
}

/**
 * The seed columns of a curve row (`seed_1`, `seed_2`, …), in header order.
 *
 * @example
 * seedColumns({step: 0, seed_1: 1, seed_2: 3}) // ["seed_1", "seed_2"]
 */
export function seedColumns(row) {
  return Object.keys(row ?? {}).filter((k) => k.startsWith("seed_"));
}

/**
 * Adds `lower`/`upper` to each curve row according to `band`:
 * - `"range"`: min and max over the seeds (every seed inside the band);
 * - `"ci95"`: mean ± t_{0.975, n−1} · sd / √n, the Student-t 95% interval of the mean across seeds
 *   (wide with 3 seeds: t = 4.303);
 * - `"se"`: mean ± sd / √n (one standard error);
 * - `"none"`: no band.
 * Rows with fewer than two seeds get no band. `scale(row, value)` maps values (e.g. to a 0–1 normalised score).
 *
 * @example bandRows([{step: 0, n: 3, mean: 2, sd: 1, seed_1: 1, seed_2: 2, seed_3: 3}], "range") // [{…, lower: 1, upper: 3}]
 */
export function bandRows(rows, band = "range", scale = (_row, v) => v) {
  const seeds = seedColumns(rows[0]);
  return rows.map((row) => {
    const values = seeds.map((k) => row[k]).filter((v) => typeof v === "number" && !Number.isNaN(v));
    const n = values.length;
    const mean = scale(row, row.mean);
    let lower, upper;
    if (n >= 2 && band !== "none") {
      if (band === "range") {
        lower = Math.min(...values);
        upper = Math.max(...values);
      } else {
        const half = (band === "ci95" ? t975(n - 1) : 1) * (row.sd / Math.sqrt(n));
        lower = row.mean - half;
        upper = row.mean + half;
      }
      lower = scale(row, lower);
      upper = scale(row, upper);
    }
    return {...row, mean, lower, upper};
  });
}

/**
 * Long per-seed rows `{algorithm, task, step, seed, value}` from the seed_* columns (missing seeds dropped).
 *
 * @example
 * seedRows([{algorithm: "a", task: "t", step: 0, seed_1: 1}]) // [{algorithm: "a", task: "t", step: 0, seed: "1", value: 1}]
 */
export function seedRows(rows, scale = (_row, v) => v) {
  const seeds = seedColumns(rows[0]);
  const out = [];
  for (const row of rows) {
    for (const k of seeds) {
      const v = row[k];
      if (typeof v === "number" && !Number.isNaN(v)) out.push({algorithm: row.algorithm, task: row.task, step: row.step, seed: k.slice(5), value: scale(row, v)});
    }
  }
  return out;
}
