#!/usr/bin/env python3
"""Reference values for the paired tests, multiple-comparison adjustment, power and benchmark-quality
measures of lib/inference and lib/quality (test/inference/paired-*.test.ts, test/quality/*.test.ts).

What it computes, and with which tool
-------------------------------------
* ``paired``: for every pair of models A < B (sorted by name), d = A - B on the items both answered;
  statsmodels ``OLS(d, ones).fit(cov_type=..., use_t=False)``: the intercept (mean), its standard error,
  ``conf_int(0.05)`` and its two-sided normal p-value, with ``cov_type="nonrobust"`` (plain) and, for
  AlpacaEval, ``cov_type="cluster"`` by the instruction's source dataset with ``use_correction=False`` (CR0)
  and ``True`` (CR1; statsmodels' factor G/(G-1)*(n-1)/(n-k) is G/(G-1) for k = 1).
* ``mcnemar`` (ChemBench, 0/1): statsmodels ``contingency_tables.mcnemar`` on the 2x2 table of every pair,
  exact (binomial) and chi-square with and without the continuity correction. scipy's binomial CDF
  underflows to 0 below about 1e-300 (five pairs here), so ``exact_p_rational`` adds the exact test in
  rational arithmetic, min(1, 2 * sum_{i <= min(b, c)} C(b + c, i) / 2^(b + c)), rounded once to a double.
* ``permutation``: scipy ``stats.permutation_test((a, b), mean(a - b), permutation_type="samples",
  n_resamples=inf)``: the exact two-sided sign-flip test, on short runs of real items (n <= 20).
* ``adjust``: statsmodels ``multipletests`` (holm, simes-hochberg, fdr_bh, fdr_by, bonferroni) of the
  McNemar p-values of all ChemBench pairs, of the paired p-values of the AlpacaEval pairs, and of a short
  vector with ties, 0 and 1.
* ``power``: statsmodels ``stats.power.normal_sample_size_one_tail(delta, power, alpha / 2, sd, sd)``,
  the items a two-sided paired z test needs (far tail ignored), with sd the standard deviation of real
  paired differences.
* ``seed_variance`` / ``signal_to_noise``: pandas on the Atari 100k final scores of 7 agents x 26 games x
  5-100 runs (the runs are seeds): per (game, agent) count, mean and std (ddof 1); per game the std (ddof 1)
  of the agents' means over the square root of the mean of the agents' variances (agents with >= 2 runs).
* ``monotonicity``: scipy ``stats.kendalltau(iteration, return)`` (tau-b, method auto) for each DER run
  of the first 6 games of the 10-checkpoint learning curves.

Data (real, from the repository's data/ folder)
-----------------------------------------------
* AlpacaEval 2.0 preferences (data/samples/alpaca_eval/): 58 models x 805 instructions in [1, 2], 10 cells
  missing; ``items.csv`` gives each instruction's dataset (5 clusters: the G < 20 warning case). The paired
  cases use the 12 models of ALPACA_MODELS (66 pairs; NullModel and models with missing cells included).
* ChemBench (data/samples/chembench/): 22 models x 2,854 questions, 0/1: all 231 pairs.
* Atari 100k (data/rl/atari100k/): the per-run JSON files and DER_10_evals.csv.

Run from the repository root:  /usr/bin/python3 scripts/reference/paired_inference.py
(writes test/fixtures/inference/paired-tests.json). Written and run with Python 3.11.2, statsmodels 0.13.5,
scipy 1.10.1, pandas 1.5.3, numpy 1.24.2 (Debian 12 packages python3-statsmodels, python3-scipy).
"""

import json
import math
import os
from fractions import Fraction

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import normal_sample_size_one_tail

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(ROOT, "test", "fixtures", "inference", "paired-tests.json")

ALPACA_MODELS = [
    "NullModel", "gpt4_1106_preview", "gpt4_gamed", "claude-2.1", "claude-2.1_concise", "gpt-3.5-turbo-1106",
    "alpaca-7b", "alpaca-7b_verbose", "vicuna-13b-v1.5", "Mixtral-8x7B-Instruct-v0.1_concise", "phi-2", "gemma-7b-it",
]
METHODS = {"holm": "holm", "hochberg": "simes-hochberg", "bh": "fdr_bh", "by": "fdr_by", "bonferroni": "bonferroni"}


def wide(path):
    """A models x items CSV as a DataFrame indexed by model, items in the file's column order."""
    return pd.read_csv(path, dtype={"model": str}).set_index("model")


def ols(d, clusters=None, correction=None):
    x = np.ones((len(d), 1))
    if clusters is None:
        fit = sm.OLS(d, x).fit(cov_type="nonrobust", use_t=False)
    else:
        codes, _ = pd.factorize(np.asarray(clusters), sort=True)
        fit = sm.OLS(d, x).fit(cov_type="cluster", use_t=False, cov_kwds={"groups": codes, "use_correction": correction})
    lower, upper = fit.conf_int(alpha=0.05)[0]
    return {"mean": float(fit.params[0]), "se": float(fit.bse[0]), "lower": float(lower), "upper": float(upper), "p": float(fit.pvalues[0])}


def paired_rows(table, models, clusters=None):
    rows = []
    models = sorted(models)
    for i, a in enumerate(models):
        for b in models[i + 1:]:
            both = table.loc[a].notna() & table.loc[b].notna()
            d = (table.loc[a] - table.loc[b])[both].to_numpy(dtype=float)
            row = {"model_a": a, "model_b": b, "n": int(both.sum()), **ols(d)}
            if clusters is not None:
                c = clusters[both.to_numpy()]
                for name, correction in (("cr0", False), ("cr1", True)):
                    row.update({f"{k}_{name}": v for k, v in ols(d, c, correction).items() if k != "mean"})
                row["n_clusters"] = int(len(set(c)))
            rows.append(row)
    return rows


def exact_binomial(b, c):
    """McNemar's exact two-sided p-value in rational arithmetic, rounded once."""
    n, k = b + c, min(b, c)
    return float(min(Fraction(1), Fraction(2 * sum(math.comb(n, i) for i in range(k + 1)), 2 ** n)))


def mcnemar_rows(table):
    rows = []
    models = sorted(table.index)
    for i, a in enumerate(models):
        for b in models[i + 1:]:
            x, y = table.loc[a].to_numpy(), table.loc[b].to_numpy()
            a_only, b_only = int(((x == 1) & (y == 0)).sum()), int(((x == 0) & (y == 1)).sum())
            both, neither = int(((x == 1) & (y == 1)).sum()), int(((x == 0) & (y == 0)).sum())
            t = [[both, a_only], [b_only, neither]]
            exact = mcnemar(t, exact=True)
            corrected = mcnemar(t, exact=False, correction=True)
            plain = mcnemar(t, exact=False, correction=False)
            rows.append({"model_a": a, "model_b": b, "n": len(x), "a_only": a_only, "b_only": b_only,
                         "exact_statistic": float(exact.statistic), "exact_p": float(exact.pvalue),
                         "exact_p_rational": exact_binomial(a_only, b_only),
                         "chi2_statistic": float(corrected.statistic), "chi2_p": float(corrected.pvalue),
                         "chi2_plain_statistic": float(plain.statistic), "chi2_plain_p": float(plain.pvalue)})
    return rows


def permutation_case(data, table, a, b, start, n):
    """The first n items from column `start` on that both models answered, and scipy's exact p-value."""
    both = (table.loc[a].notna() & table.loc[b].notna()).to_numpy()
    columns = [j for j in range(start, table.shape[1]) if both[j]][:n]
    x = table.loc[a].to_numpy(dtype=float)[columns]
    y = table.loc[b].to_numpy(dtype=float)[columns]
    res = stats.permutation_test((x, y), lambda u, v, axis: np.mean(u - v, axis=axis), permutation_type="samples",
                                 n_resamples=np.inf, vectorized=True, alternative="two-sided")
    return {"data": data, "model_a": a, "model_b": b, "items": [table.columns[j] for j in columns],
            "x": x.tolist(), "y": y.tolist(), "mean": float(res.statistic), "p": float(res.pvalue)}


def adjusted(name, p):
    p = np.asarray(p, dtype=float)
    return {"name": name, "p": p.tolist(), **{ours: multipletests(p, method=theirs)[1].tolist() for ours, theirs in METHODS.items()}}


def main():
    alpaca = wide(os.path.join(DATA, "samples", "alpaca_eval", "ae2_weighted_gpt4turbo_preference.csv"))
    items = pd.read_csv(os.path.join(DATA, "samples", "alpaca_eval", "items.csv"), usecols=["item", "dataset"]).set_index("item")
    dataset = items.loc[alpaca.columns, "dataset"].to_numpy()
    chembench = wide(os.path.join(DATA, "samples", "chembench", "chembench_models_x_items.csv"))

    alpaca_pairs = paired_rows(alpaca, ALPACA_MODELS, dataset)
    chembench_pairs = paired_rows(chembench, list(chembench.index))
    mcnemar_pairs = mcnemar_rows(chembench)

    permutation = [
        permutation_case("alpaca_eval", alpaca, "claude-2.1", "gpt4_gamed", 0, 12),
        permutation_case("alpaca_eval", alpaca, "NullModel", "alpaca-7b", 40, 16),
        permutation_case("alpaca_eval", alpaca, "gemma-7b-it", "vicuna-13b-v1.5", 200, 20),
        permutation_case("chembench", chembench, "Claude-3.5 (Sonnet)", "GPT-4o", 0, 20),
        permutation_case("chembench", chembench, "Llama-3.1-8B-Instruct", "o1", 500, 20),
        permutation_case("chembench", chembench, "GPT-3.5 Turbo Zero-T", "Gemma-1.1-7B-it", 1000, 18),
    ]

    adjust = [
        adjusted("chembench_mcnemar_exact", [r["exact_p"] for r in mcnemar_pairs]),
        adjusted("alpaca_paired", [r["p"] for r in alpaca_pairs]),
        adjusted("ties_and_bounds", [0.0, 0.01, 0.01, 0.5, 1.0, 0.03, 0.02, 0.01]),
    ]

    power = []
    sources = [("alpaca_eval", 805, alpaca_pairs), ("chembench", 2854, chembench_pairs)]
    for data, size, pairs in sources:
        for pair in pairs[:3]:
            sd = pair["se"] * math.sqrt(pair["n"])
            for delta in (0.01, 0.02, 0.05):
                for alpha, pw in ((0.05, 0.8), (0.01, 0.9)):
                    n = float(normal_sample_size_one_tail(delta, pw, alpha / 2, std_null=sd, std_alternative=sd))
                    power.append({"data": data, "model_a": pair["model_a"], "model_b": pair["model_b"], "sd": sd,
                                  "delta": delta, "alpha": alpha, "power": pw, "n": n})

    runs = []
    for name in ["DER", "DrQ", "DrQ_eps", "OTRainbow", "PlayVirtual", "SPR", "SimPLe"]:
        with open(os.path.join(DATA, "rl", "atari100k", f"{name}.json")) as f:
            for game, scores in json.load(f).items():
                runs += [{"algorithm": name, "game": game, "seed": str(k), "score": float(s)} for k, s in enumerate(scores)]
    runs = pd.DataFrame(runs)
    per = runs.groupby(["game", "algorithm"], sort=True)["score"].agg(["count", "mean", "std"]).reset_index()
    seed_variance = [{"benchmark": r.game, "model": r.algorithm, "seeds": int(r["count"]), "mean": float(r["mean"]), "sd": float(r["std"])}
                     for _, r in per.iterrows()]
    snr = []
    for game, g in per.groupby("game", sort=True):
        signal = float(g["mean"].std(ddof=1))
        noise = float(math.sqrt((g.loc[g["count"] >= 2, "std"] ** 2).mean()))
        snr.append({"benchmark": game, "models": int(len(g)), "signal": signal, "noise": noise, "ratio": signal / noise})

    curves = pd.read_csv(os.path.join(DATA, "rl", "atari100k", "DER_10_evals.csv"))
    games = sorted(curves["game"].unique())[:6]
    mono = []
    for (game, run), g in curves[curves["game"].isin(games)].groupby(["game", "run_number"], sort=True):
        tau, p = stats.kendalltau(g["iteration"].to_numpy(), g["eval_average_return"].to_numpy())
        mono.append({"benchmark": game, "seed": str(int(run)), "checkpoints": int(len(g)), "tau": float(tau), "p": float(p)})

    out = {
        "tool": f"statsmodels {statsmodels.__version__} (OLS nonrobust/cluster with use_t=False, contingency_tables.mcnemar, "
                f"multipletests, power.normal_sample_size_one_tail), scipy {scipy.__version__} (permutation_test, kendalltau), "
                f"pandas {pd.__version__}, numpy {np.__version__}",
        "alpaca_models": ALPACA_MODELS,
        "paired": {"alpaca_eval": alpaca_pairs, "chembench": chembench_pairs},
        "mcnemar": mcnemar_pairs,
        "permutation": permutation,
        "adjust": adjust,
        "power": power,
        "seed_variance": seed_variance,
        "signal_to_noise": snr,
        "monotonicity": {"games": games, "rows": mono},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(alpaca_pairs)} + {len(chembench_pairs)} paired, {len(mcnemar_pairs)} McNemar, "
          f"{len(permutation)} permutation, {len(adjust)} adjustment, {len(power)} power, {len(seed_variance)} seed-variance, "
          f"{len(snr)} signal-to-noise and {len(mono)} monotonicity cases")


if __name__ == "__main__":
    main()
