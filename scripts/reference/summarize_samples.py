#!/usr/bin/env python3
"""Reference error bars for test/inference/summarize-samples.test.ts, from statsmodels.

What it computes
----------------
For each group of a samples table, the mean of the values and its standard error as the intercept of an
ordinary least-squares regression of the values on a constant (``statsmodels.api.OLS(y, ones)``), the
standard error of Miller (2024), "Adding Error Bars to Evals" (arXiv:2411.00640):

* ``se``: ``cov_type="nonrobust"``. With one regressor the residuals are x - mean and the variance
  estimate is SSR / (n - 1), so the intercept's SE is sd / sqrt(n) with the n - 1 standard deviation.
* ``se_cr0``: ``cov_type="cluster"`` with ``use_correction=False``: the sandwich
  sqrt(sum_c (sum_{i in c} (x_i - mean))^2) / n, no small-sample factor.
* ``se_cr1``: ``cov_type="cluster"`` with ``use_correction=True`` (statsmodels' default). statsmodels'
  ``cov_cluster`` multiplies the covariance by G/(G-1) * (n-1)/(n-k); with the constant as the only
  regressor k = 1, so the factor is exactly G/(G-1): se_cr1 = se_cr0 * sqrt(G/(G-1)). (``df_correction``
  only changes the degrees of freedom of t-based inference, never the standard error.)
* ``lower``/``upper`` (and ``_cr0``/``_cr1``): ``conf_int(alpha=1-confidence)`` of a fit with
  ``use_t=False``, i.e. mean -/+ z * se with z the normal quantile, the interval Miller recommends.

Cluster labels are passed as integer codes 0..G-1 (``pandas.factorize``), as ``cov_cluster`` expects.
Missing values (empty cells) are dropped before fitting, so n counts the values present.

Data (real, from the repository's data/ folder)
-----------------------------------------------
* AlpacaEval 2.0 per-instruction judge preferences (data/samples/alpaca_eval/): 58 models x 805
  instructions, value = ``preference`` in [1, 2], 10 cells missing; ``items.csv`` gives each instruction's
  source collection (``dataset``: helpful_base, koala, oasst, selfinstruct, vicuna).
  - ``alpaca_by_model_cluster_dataset``: by model, clustered by dataset (G = 5: the warning case).
  - ``alpaca_by_dataset_cluster_item``: by dataset, all models pooled, clustered by instruction
    (G = 80 to 252; each cluster holds one instruction's 58 judgments), confidence 0.9.
* ChemBench (data/samples/chembench/): 22 models x 2,854 questions, 0/1, no clusters.
  - ``chembench_by_model``: by model, plain standard error only.

Run from the repository root:  python3 scripts/reference/summarize_samples.py
(writes test/fixtures/inference/summarize-samples.json). Written and run with Python 3.11.2,
statsmodels 0.13.5, pandas 1.5.3, numpy 1.24.2 (Debian 12 packages python3-statsmodels, python3-pandas).
"""

import json
import os

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data", "samples")
OUT = os.path.join(ROOT, "test", "fixtures", "inference", "summarize-samples.json")


def long_table(wide_csv):
    """A models x items CSV (column ``model``, one column per item) as long rows: model, item, value."""
    wide = pd.read_csv(wide_csv, dtype={"model": str})
    long = wide.melt(id_vars="model", var_name="item", value_name="value")
    return long.dropna(subset=["value"])


def fit(values, confidence, clusters=None, correction=None):
    y = np.asarray(values, dtype=float)
    x = np.ones((len(y), 1))
    if clusters is None:
        result = sm.OLS(y, x).fit(cov_type="nonrobust", use_t=False)
    else:
        codes, _ = pd.factorize(np.asarray(clusters), sort=True)
        result = sm.OLS(y, x).fit(cov_type="cluster", use_t=False, cov_kwds={"groups": codes, "use_correction": correction})
    lower, upper = result.conf_int(alpha=1 - confidence)[0]
    return float(result.params[0]), float(result.bse[0]), float(lower), float(upper)


def summarize(table, by, confidence, cluster=None):
    rows = []
    for key, group in table.groupby(by if len(by) > 1 else by[0], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(by, key))
        mean, se, lower, upper = fit(group["value"], confidence)
        row.update(n=int(len(group)), mean=mean, se=se, lower=lower, upper=upper)
        if cluster is not None:
            for name, correction in (("cr0", False), ("cr1", True)):
                _, se_c, lower_c, upper_c = fit(group["value"], confidence, group[cluster], correction)
                row.update({f"se_{name}": se_c, f"lower_{name}": lower_c, f"upper_{name}": upper_c})
            row["n_clusters"] = int(group[cluster].nunique())
        rows.append(row)
    return rows


def main():
    alpaca = long_table(os.path.join(DATA, "alpaca_eval", "ae2_weighted_gpt4turbo_preference.csv"))
    items = pd.read_csv(os.path.join(DATA, "alpaca_eval", "items.csv"), usecols=["item", "dataset"])
    alpaca = alpaca.merge(items, on="item", how="left", validate="many_to_one")
    assert alpaca["dataset"].notna().all()
    chembench = long_table(os.path.join(DATA, "chembench", "chembench_models_x_items.csv"))

    cases = [
        {"name": "alpaca_by_model_cluster_dataset", "data": "alpaca_eval", "by": ["model"], "cluster": "dataset", "confidence": 0.95,
         "rows": summarize(alpaca, ["model"], 0.95, "dataset")},
        {"name": "alpaca_by_dataset_cluster_item", "data": "alpaca_eval", "by": ["dataset"], "cluster": "item", "confidence": 0.9,
         "rows": summarize(alpaca, ["dataset"], 0.9, "item")},
        {"name": "chembench_by_model", "data": "chembench", "by": ["model"], "cluster": None, "confidence": 0.95,
         "rows": summarize(chembench, ["model"], 0.95)},
    ]
    out = {
        "tool": f"statsmodels {statsmodels.__version__} OLS(value ~ 1): nonrobust and cluster (use_correction False = CR0, True = CR1) "
                f"standard errors, conf_int with use_t=False; pandas {pd.__version__}, numpy {np.__version__}",
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: " + ", ".join(f"{c['name']} ({len(c['rows'])} groups)" for c in cases))


if __name__ == "__main__":
    main()
