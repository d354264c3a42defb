"""Independent reference for lengthControlledWinRate (AlpacaEval 2 length-controlled win rate, Dubois et al. 2024):
the joint instruction-difficulty fit with scipy (L-BFGS-B) and the per-model GLM with statsmodels, on the bundled
58-model AlpacaEval 2 matrices. Written as test/fixtures/judges/alpaca-lc.json.

Run outside the project with Debian's python3 (numpy, scipy, pandas, statsmodels):
    /usr/bin/python3 scripts/reference/alpaca_lc.py data/samples/alpaca_eval > test/fixtures/judges/alpaca-lc.json

Model (the benchstats documentation of lengthControlledWinRate states the same):
  p[m, x] = preference of model m over the baseline on instruction x, in [0, 1] (AlpacaEval's preference - 1);
  delta[m, x] = (len_baseline[x] - len[m, x]) / sd_m, sd_m the sample SD over the model's instructions;
  joint fit:  logit p = b_m + phi_m * tanh(delta) + g_x, soft-target log loss + (alpha/2) * sum g_x^2 -> difficulty g;
  per model:  logit p = w_len * tanh(delta) + w_diff * g_x + w_m (statsmodels GLM Binomial, fractional y);
  LC = 100 * mean_x sigmoid(w_diff * g_x + w_m); the baseline itself is 50.
"""
import json, sys
import numpy as np, pandas as pd
import statsmodels.api as sm
from scipy.optimize import minimize

folder = sys.argv[1]
alpha = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-3
baseline = "gpt4_1106_preview"
P = pd.read_csv(f"{folder}/ae2_weighted_gpt4turbo_preference.csv", index_col=0) - 1
L = pd.read_csv(f"{folder}/ae2_weighted_gpt4turbo_output_len.csv", index_col=0)
items = pd.read_csv(f"{folder}/items.csv")
lb = items["len_baseline_ae2_weighted_gpt4turbo"].to_numpy(float)
models = list(P.index)
fit_models = [m for m in models if m != baseline]
M, I = len(fit_models), P.shape[1]
Y = P.loc[fit_models].to_numpy(float)
D = lb[None, :] - L.loc[fit_models].to_numpy(float)
sd = np.nanstd(np.where(np.isnan(Y), np.nan, D), axis=1, ddof=1)
T = np.tanh(D / sd[:, None])
ok = ~np.isnan(Y)
Yz = np.where(ok, Y, 0.0); Tz = np.where(ok, T, 0.0)

def f(z):
    b, phi, g = z[:M], z[M:2 * M], z[2 * M:]
    eta = b[:, None] + phi[:, None] * Tz + g[None, :]
    # soft-target log loss, -[y log s + (1-y) log(1-s)] = log(1+e^eta) - y*eta
    ll = np.where(ok, np.logaddexp(0, eta) - Yz * eta, 0.0)
    r = np.where(ok, 1 / (1 + np.exp(-eta)) - Yz, 0.0)
    grad = np.concatenate([r.sum(1), (r * Tz).sum(1), r.sum(0) + alpha * g])
    return ll.sum() + alpha / 2 * (g ** 2).sum(), grad

res = minimize(f, np.zeros(2 * M + I), jac=True, method="L-BFGS-B", options={"maxiter": 20000, "gtol": 1e-10, "ftol": 1e-16, "maxcor": 50})
z = res.x
# polish with exact Newton steps on the dense Hessian (numpy), to a step below 1e-12
for _ in range(20):
    b, phi, g = z[:M], z[M:2 * M], z[2 * M:]
    eta = b[:, None] + phi[:, None] * Tz + g[None, :]
    s_ = 1 / (1 + np.exp(-eta)); h = np.where(ok, s_ * (1 - s_), 0.0)
    X = []
    H = np.zeros((2 * M + I, 2 * M + I))
    mi = np.arange(M)
    H[mi, mi] = h.sum(1); H[M + mi, M + mi] = (h * Tz * Tz).sum(1); H[mi, M + mi] = H[M + mi, mi] = (h * Tz).sum(1)
    H[2 * M + np.arange(I), 2 * M + np.arange(I)] = h.sum(0) + alpha
    H[:M, 2 * M:] = h; H[2 * M:, :M] = h.T
    H[M:2 * M, 2 * M:] = h * Tz; H[2 * M:, M:2 * M] = (h * Tz).T
    step = np.linalg.solve(H, f(z)[1])
    z = z - step
    if np.abs(step).max() < 1e-12:
        break
res.jac = f(z)[1]
g = z[2 * M:]
out = {"source": folder, "baseline": baseline, "alpha": alpha, "converged": bool(res.success), "maxGradient": float(np.abs(res.jac).max()),
       "difficulty": g.tolist(), "models": []}
for m in models:
    if m == baseline:
        out["models"].append({"model": m, "winRate": float(np.nanmean(P.loc[m]) * 100), "lcWinRate": 50.0})
        continue
    i = fit_models.index(m)
    mask = ok[i]
    X = np.column_stack([T[i][mask], g[mask], np.ones(mask.sum())])
    glm = sm.GLM(Y[i][mask], X, family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
    w = glm.params
    lc = float(np.mean(1 / (1 + np.exp(-(w[1] * g[mask] + w[2])))) * 100)
    out["models"].append({"model": m, "winRate": float(Y[i][mask].mean() * 100), "lcWinRate": lc,
                          "weights": {"length": float(w[0]), "difficulty": float(w[1]), "intercept": float(w[2])}})
json.dump(out, sys.stdout, indent=1)
print()
