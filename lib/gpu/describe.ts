import {quantileSorted} from "../describe/quantile.js";

/** pandas `Series.describe()` of a sample, as HTA's summaries print it (internal helper of the GPU analyses). */
export interface DescribeColumns {
  count: number;
  mean: number;
  /** Sample std (ddof 1); `null` for a single value (pandas: NaN). */
  std: number | null;
  min: number;
  "25%": number;
  "50%": number;
  "75%": number;
  max: number;
}

/** count, mean, sample std, min, the 25/50/75% linear quantiles and max of a non-empty sample. */
export function describeSample(values: ArrayLike<number>): DescribeColumns {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  let sum = 0;
  for (let i = 0; i < n; ++i) sum += v[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; ++i) ss += (v[i] - mean) * (v[i] - mean);
  return {
    count: n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : null,
    min: v[0],
    "25%": quantileSorted(v, 0.25),
    "50%": quantileSorted(v, 0.5),
    "75%": quantileSorted(v, 0.75),
    max: v[n - 1]
  };
}
