#!/usr/bin/env python3
"""Reference intervals for test/rl/rliable-intervals.test.ts: a numpy/scipy re-enactment of rliable.

What it re-enacts
-----------------
``rliable.library.get_interval_estimates(score_dict, func, method, reps=2000,
confidence_interval_size=0.95)`` at rliable commit 3ccd9f4dea577a04d3d2b557f259aac08badbd81 (v1.2.0),
with arch 7.2.0's ``IIDBootstrap.conf_int`` (tail "two") -- the versions of
rliable's documented definitions. rliable and arch cannot be installed here, so this script reimplements
their code path from the source (rliable ``library.py``/``metrics.py``; arch ``bootstrap/base.py``:
``conf_int``, ``_bca_bias``, ``_bca_acceleration``/``_get_acceleration``, ``_loo_jackknife``,
``_construct_bootstrap_estimates``), read at google-research/rliable and bashtage/arch:

* ``np.random.seed(seed)`` once per ``get_interval_estimates`` call (rliable's ``random_state`` is
  ignored; the global numpy state is consumed over the dict's keys in order).
* For each key, a ``StratifiedBootstrap`` whose ``update_indices`` draws
  ``np.random.choice(num_runs, scores.shape, replace=True)`` per replicate: an independent run index
  for every cell, column j resampling task j's runs; the resample is ``scores[idx, task_ogrid]``.
  Here the draws of a chunk of replicates come from ONE call with shape (chunk, runs, tasks); the
  legacy RandomState fills C order from the same stream, so this is the very same stream as one call
  per replicate (the script asserts that at start-up against the literal per-replicate loop).
* Statistics as rliable/metrics.py: IQM = ``scipy.stats.trim_mean(x, 0.25, axis=None)``; median and
  mean over per-task run means; optimality gap ``1 - mean(minimum(x, 1))``; probability of
  improvement = mean over tasks of ``mannwhitneyu(x_m, y_m, alternative='greater').statistic / (n m)``
  (0.5 for identical columns), with ``StratifiedIndependentBootstrap`` (per replicate: X's indices,
  then Y's).
* Each statistic is a single-output func (``lambda s: np.array([stat(s)])``) in its own call.
  The index stream does not depend on func, so the replicates of every statistic under
  ``np.random.seed(s)`` are computed from one set of draws; this equals four separate calls each
  preceded by ``np.random.seed(s)``. Likewise the methods reuse one set of replicates (= one call
  per method with the same seed).
* conf_int: alpha = (1 - size)/2; ``percentile`` = ``np.percentile(boot, [100 a, 100 (1-a)])``
  (numpy linear); ``basic`` = [2 theta - q_hi, 2 theta - q_lo]; ``bc`` and ``bca`` =
  ``np.percentile(boot, 100 Phi(b + (b+z)/(1 - acc (b+z))))`` with b = Phi^-1(mean(boot < theta)),
  acc = 0 for bc and, for bca, the leave-one-run-row-out jackknife ``u = jk.mean() - jk``,
  ``acc = sum(u^3) / (6 sum(u^2)^1.5)`` (single output, so arch's grand-mean quirk is moot).

Data: the Atari 100k human-normalised matrices exactly as test/rl/atari-data.ts builds them from
test/fixtures/rl (agent order CURL, DrQ, DrQ(eps), DER, SimPLe, OTR, SPR; CURL = HNS of
CURL_10_evals.json sorted by seed; others (score - random) / (human - random)). Cases: first 10 runs
and all runs (SimPLe has 5 runs in both).

Written and run with Python 3.11.7, numpy 2.4.6, scipy 1.17.1.
Run from the repository root:  python3 scripts/reference/rliable_intervals.py
(writes test/fixtures/rl/rliable-intervals.json; about a minute on one core).
"""

import json
import math
import os
import sys
import time

import numpy as np
import scipy
import scipy.stats

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "test", "fixtures", "rl")
OUT = os.path.join(FIX, "rliable-intervals.json")

AGENTS = ["CURL", "DrQ", "DrQ(ε)", "DER", "SimPLe", "OTR", "SPR"]
FILES = {"DrQ": "DrQ.json", "DrQ(ε)": "DrQ_eps.json", "DER": "DER.json", "SimPLe": "SimPLe.json",
         "OTR": "OTRainbow.json", "SPR": "SPR.json"}
SEEDS = list(range(20))
REPS = 2000
SIZE = 0.95
CHUNK = 250
STATS = ["IQM", "median", "mean", "optimalityGap"]
METHODS = ["percentile", "basic", "bc", "bca"]
POI_PAIR = ("SPR", "DrQ(ε)")
POI_RUNS = 10


def atari_matrices(runs=None):
    with open(os.path.join(FIX, "atari100k_reference_scores.csv")) as f:
        rows = [line.split(",") for line in f.read().strip().split("\n")[1:]]
    games = [r[0] for r in rows]
    random = [float(r[1]) for r in rows]
    human = [float(r[2]) for r in rows]
    out = {}
    for agent in AGENTS:
        if agent == "CURL":
            with open(os.path.join(FIX, "CURL_10_evals.json")) as f:
                records = json.load(f)
            by_game = [[r["HNS"] for r in sorted((r for r in records if r["game"] == g), key=lambda r: r["seed"])]
                       for g in games]
        else:
            with open(os.path.join(FIX, FILES[agent])) as f:
                raw = json.load(f)
            by_game = [[(s - random[j]) / (human[j] - random[j]) for s in raw[g]] for j, g in enumerate(games)]
        m = np.array(by_game, dtype=np.float64).T
        out[agent] = m if runs is None else m[:runs]
    return out


# --- rliable/metrics.py, on one (runs, tasks) matrix ---
def aggregate_iqm(s):
    return scipy.stats.trim_mean(s, proportiontocut=0.25, axis=None)


def aggregate_median(s):
    return np.median(np.mean(s, axis=0), axis=0)


def aggregate_mean(s):
    return np.mean(np.mean(s, axis=0), axis=0)


def aggregate_optimality_gap(s, gamma=1):
    return gamma - np.mean(np.minimum(s, gamma))


FUNCS = {"IQM": aggregate_iqm, "median": aggregate_median, "mean": aggregate_mean,
         "optimalityGap": aggregate_optimality_gap}


def probability_of_improvement(x, y):
    probs = []
    for t in range(x.shape[1]):
        if np.array_equal(x[:, t], y[:, t]):
            p = 0.5
        else:
            p = scipy.stats.mannwhitneyu(x[:, t], y[:, t], alternative="greater").statistic / (x.shape[0] * y.shape[0])
        probs.append(p)
    return np.mean(probs)


# --- the same statistics over a stack of resamples (chunk, runs, tasks) ---
def batch_stats(r):
    c = r.shape[0]
    task_means = np.mean(r, axis=1)
    return {
        "IQM": scipy.stats.trim_mean(r.reshape(c, -1), proportiontocut=0.25, axis=1),
        "median": np.median(task_means, axis=1),
        "mean": np.mean(task_means, axis=1),
        "optimalityGap": 1 - np.mean(np.minimum(r, 1).reshape(c, -1), axis=1),
    }


def batch_poi(x, y):
    # x: (c, n, T), y: (c, m, T); U = #(x > y) + 0.5 #(x == y) per task
    gt = (x[:, :, None, :] > y[:, None, :, :]).sum(axis=(1, 2))
    eq = (x[:, :, None, :] == y[:, None, :, :]).sum(axis=(1, 2))
    p = (gt + 0.5 * eq) / (x.shape[1] * y.shape[1])
    if x.shape[1] == y.shape[1]:
        same = np.all(x == y, axis=1)
        p = np.where(same, 0.5, p)
    return np.mean(p, axis=1)


def stratified_replicates(scores, reps):
    """One key of get_interval_estimates: replicates of every statistic, drawing from np.random."""
    n, t = scores.shape
    cols = np.arange(t)[None, None, :]
    out = {k: np.empty(reps) for k in STATS}
    for start in range(0, reps, CHUNK):
        c = min(CHUNK, reps - start)
        idx = np.random.choice(n, (c, n, t), replace=True)
        values = batch_stats(scores[idx, cols])
        for k in STATS:
            out[k][start:start + c] = values[k]
    return out


def acceleration(func, scores):
    jk = np.array([[func(np.delete(scores, i, axis=0))] for i in range(scores.shape[0])])
    u = jk.mean() - jk
    numer = np.sum(u ** 3, 0)
    denom = 6 * (np.sum(u ** 2, 0) ** 1.5)
    if (denom < np.abs(numer) * np.finfo(np.float64).eps).any():
        raise RuntimeError("jackknife variance too small")
    return float((numer / denom)[0])


def conf_int(boot, theta, method, acc=None):
    alpha = (1.0 - SIZE) / 2
    pct = np.array([alpha, 1.0 - alpha])
    z = scipy.stats.norm.ppf(pct)
    if method in ("bc", "bca"):
        p = np.mean(boot < theta)
        if p <= 0.0 or p >= 1.0:
            raise RuntimeError("bias probability 0 or 1")
        b = scipy.stats.norm.ppf(p)
        a = acc if method == "bca" else 0.0
        q = 100 * scipy.stats.norm.cdf(b + (b + z) / (1.0 - a * (b + z)))
    else:
        q = 100 * pct
    lo, hi = np.percentile(boot, list(q))
    if method == "basic":
        lo, hi = 2.0 * theta - hi, 2.0 * theta - lo
    return float(lo), float(hi)


def literal_check():
    """The vectorised path equals rliable's per-replicate loop (index stream and statistics)."""
    scores = atari_matrices(10)
    reps = 60
    np.random.seed(123)
    literal = {}
    for agent in ["DER", "SimPLe"]:
        s = scores[agent]
        ogrid = np.ogrid[tuple(slice(x) for x in (0, *s.shape[1:]))][1:]
        rows = []
        for _ in range(reps):
            idx = np.random.choice(s.shape[0], s.shape, replace=True)
            r = s[(idx, *ogrid)]
            rows.append([FUNCS[k](r) for k in STATS])
        literal[agent] = np.array(rows)
    np.random.seed(123)
    global CHUNK
    saved, CHUNK = CHUNK, 25
    for agent in ["DER", "SimPLe"]:
        v = stratified_replicates(scores[agent], reps)
        got = np.array([v[k] for k in STATS]).T
        assert np.allclose(got, literal[agent], rtol=1e-13, atol=1e-15), f"vectorised != literal for {agent}"
    CHUNK = saved
    # PoI: X's then Y's indices per replicate
    x, y = scores[POI_PAIR[0]], scores[POI_PAIR[1]]
    np.random.seed(7)
    lit = []
    for _ in range(20):
        ix = np.random.choice(10, x.shape, replace=True)
        iy = np.random.choice(10, y.shape, replace=True)
        cols = np.arange(x.shape[1])[None, :]
        lit.append(probability_of_improvement(x[ix, cols], y[iy, cols]))
    np.random.seed(7)
    got = poi_replicates(x, y, 20)
    assert np.allclose(got, lit, rtol=1e-13, atol=1e-15), "vectorised PoI != literal"


def poi_replicates(x, y, reps):
    n, t = x.shape
    m = y.shape[0]
    assert n == m, "vectorised pair draws assume equal run counts"
    cols = np.arange(t)[None, None, :]
    out = np.empty(reps)
    for start in range(0, reps, CHUNK):
        c = min(CHUNK, reps - start)
        idx = np.random.choice(n, (c, 2, n, t), replace=True)
        out[start:start + c] = batch_poi(x[idx[:, 0], cols], y[idx[:, 1], cols])
    return out


def main():
    t0 = time.process_time()
    w0 = time.time()
    literal_check()
    cases = []
    for label, runs in (("first10", 10), ("all", None)):
        data = atari_matrices(runs)
        points = {a: {k: float(FUNCS[k](data[a])) for k in STATS} for a in AGENTS}
        accel = {a: {k: acceleration(FUNCS[k], data[a]) for k in STATS} for a in AGENTS}
        ends = {a: {k: {m: {"lower": [], "upper": []} for m in METHODS} for k in STATS} for a in AGENTS}
        for seed in SEEDS:
            np.random.seed(seed)
            for a in AGENTS:
                boot = stratified_replicates(data[a], REPS)
                for k in STATS:
                    for m in METHODS:
                        lo, hi = conf_int(boot[k], points[a][k], m, accel[a][k])
                        ends[a][k][m]["lower"].append(lo)
                        ends[a][k][m]["upper"].append(hi)
        for a in AGENTS:
            cases.append({"runs": label, "agent": a, "numRuns": int(data[a].shape[0]),
                          "point": points[a], "acceleration": accel[a], "endpoints": ends[a]})
        print(f"{label}: done ({time.process_time() - t0:.1f} s CPU)", file=sys.stderr)

    data = atari_matrices(POI_RUNS)
    x, y = data[POI_PAIR[0]], data[POI_PAIR[1]]
    poi_point = float(probability_of_improvement(x, y))
    poi = {"pair": list(POI_PAIR), "runs": POI_RUNS, "point": poi_point,
           "endpoints": {m: {"lower": [], "upper": []} for m in ("percentile", "basic")}}
    for seed in SEEDS:
        np.random.seed(seed)
        boot = poi_replicates(x, y, REPS)
        for m in ("percentile", "basic"):
            lo, hi = conf_int(boot, poi_point, m)
            poi["endpoints"][m]["lower"].append(lo)
            poi["endpoints"][m]["upper"].append(hi)

    # Bonferroni bounds on the ratio of two sample SDs of n normal endpoints with equal variance:
    # sqrt of the F(n-1, n-1) quantiles at a/2 and 1-a/2, a = 0.05 / (number of comparisons).
    comparisons = len(cases) * len(STATS) * len(METHODS) * 2 + 2 * 2
    a = 0.05 / comparisons
    d = len(SEEDS) - 1
    sd_ratio = [math.sqrt(scipy.stats.f.ppf(a / 2, d, d)), math.sqrt(scipy.stats.f.ppf(1 - a / 2, d, d))]

    out = {
        "about": "rliable get_interval_estimates re-enacted in numpy/scipy by scripts/reference/rliable_intervals.py",
        "rliable": "3ccd9f4dea577a04d3d2b557f259aac08badbd81", "arch": "7.2.0",
        "numpy": np.__version__, "scipy": scipy.__version__, "python": sys.version.split()[0],
        "reps": REPS, "confidence": SIZE, "seeds": SEEDS, "agents": AGENTS,
        "statistics": STATS, "methods": METHODS, "cases": cases, "probabilityOfImprovement": poi,
        "sdRatioBounds": {"comparisons": comparisons, "familyAlpha": 0.05, "bounds": sd_ratio},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes; {time.process_time() - t0:.1f} s CPU, "
          f"{time.time() - w0:.1f} s wall", file=sys.stderr)


if __name__ == "__main__":
    main()
