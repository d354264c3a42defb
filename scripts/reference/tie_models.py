"""Independent maximum-likelihood fits of Davidson's and Rao-Kupper's tie models (scipy), written as the
fixture test/fixtures/pairwise/tie-models.json.

Run outside the project with Debian's python3 (numpy, scipy):
    /usr/bin/python3 scripts/reference/tie_models.py data/battles/chatbot_arena_20models.csv > test/fixtures/pairwise/tie-models.json

The likelihoods are written in the papers' own form on the strengths pi = exp(theta):
  Davidson (1970):     P(i>j) = pi_i / (pi_i + pi_j + nu*sqrt(pi_i*pi_j)),  P(tie) = nu*sqrt(pi_i*pi_j) / (same)
  Rao & Kupper (1967): P(i>j) = pi_i / (pi_i + th*pi_j),  P(tie) = (th^2 - 1)*pi_i*pi_j / ((pi_i + th*pi_j)*(th*pi_i + pi_j))
theta is fixed by theta[0] = 0 (then centred to mean 0); nu = exp(s), th = 1 + exp(s) keep the bounds.
scipy.optimize.minimize (BFGS from a neutral start, polished by trust-exact with a finite-difference
Hessian of the analytic-free objective's numerical gradient) to a gradient norm below 1e-9.
"""
import csv, json, sys
import numpy as np
from scipy.optimize import minimize, approx_fprime

path = sys.argv[1]
judge = sys.argv[2] if len(sys.argv) > 2 else "winner_human"
rows = list(csv.DictReader(open(path)))
models = sorted({r["model_a"] for r in rows} | {r["model_b"] for r in rows})
idx = {m: i for i, m in enumerate(models)}
n = len(models)
# counts per (a, b, outcome): outcome 0 = a wins, 1 = b wins, 2 = tie (both tie kinds, as FastChat)
counts = {}
for r in rows:
    v = r[judge]
    o = 0 if v == "model_a" else 1 if v == "model_b" else 2
    key = (idx[r["model_a"]], idx[r["model_b"]], o)
    counts[key] = counts.get(key, 0) + 1
A = np.array([k[0] for k in counts]); B = np.array([k[1] for k in counts])
O = np.array([k[2] for k in counts]); W = np.array([counts[k] for k in counts], dtype=float)

def unpack(z):
    theta = np.concatenate([[0.0], z[: n - 1]])
    return theta, z[n - 1]

def nll_davidson(z):
    theta, s = unpack(z)
    pa, pb = np.exp(theta[A]), np.exp(theta[B])
    nu = np.exp(s)
    den = pa + pb + nu * np.sqrt(pa * pb)
    num = np.where(O == 0, pa, np.where(O == 1, pb, nu * np.sqrt(pa * pb)))
    return -np.sum(W * (np.log(num) - np.log(den)))

def nll_rao_kupper(z):
    theta, s = unpack(z)
    pa, pb = np.exp(theta[A]), np.exp(theta[B])
    th = 1 + np.exp(s)
    p_a = pa / (pa + th * pb)
    p_b = pb / (th * pa + pb)
    p_t = (th * th - 1) * pa * pb / ((pa + th * pb) * (th * pa + pb))
    prob = np.where(O == 0, p_a, np.where(O == 1, p_b, p_t))
    return -np.sum(W * np.log(prob))

def grad(f, z):
    # central differences with a step suited to the O(1e4) objective
    h = 1e-6
    g = np.zeros_like(z)
    for i in range(len(z)):
        e = np.zeros_like(z); e[i] = h
        g[i] = (f(z + e) - f(z - e)) / (2 * h)
    return g

def fit(f, s0):
    z = np.zeros(n); z[n - 1] = s0
    res = minimize(f, z, method="BFGS", options={"gtol": 1e-6, "maxiter": 10000})
    z = res.x
    # Newton polish with a finite-difference Hessian of the central-difference gradient
    for _ in range(20):
        g = grad(f, z)
        H = np.zeros((n, n))
        h = 1e-4
        for i in range(n):
            e = np.zeros(n); e[i] = h
            H[:, i] = (grad(f, z + e) - grad(f, z - e)) / (2 * h)
        H = (H + H.T) / 2
        step = np.linalg.solve(H, g)
        z = z - step
        if np.max(np.abs(step)) < 1e-11:
            break
    theta, s = unpack(z)
    theta = theta - theta.mean()
    return theta, s, f(z), float(np.max(np.abs(grad(f, z))))

out = {"source": "data/battles/chatbot_arena_20models.csv", "judge": judge, "battles": len(rows), "models": models}
th, s, nll, g = fit(nll_davidson, 0.0)
out["davidson"] = {"theta": th.tolist(), "nu": float(np.exp(s)), "logLik": -nll, "maxGradient": g}
th, s, nll, g = fit(nll_rao_kupper, 0.0)
out["raoKupper"] = {"theta": th.tolist(), "theta_tie": float(1 + np.exp(s)), "logLik": -nll, "maxGradient": g}
json.dump(out, sys.stdout, indent=1)
print()
