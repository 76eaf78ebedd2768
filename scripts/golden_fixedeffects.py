#!/usr/bin/python3
"""Golden values for comrades.FitFixedEffects, from statsmodels' Poisson GLM.

The two-way fixed-effects Poisson model E[y] = n*exp(a_actor + b_author + g*comrade)
is fitted with explicit dummies (statsmodels 0.13.5, Debian's python3-statsmodels),
an implementation independent of ours (IRLS on the full design, not alternating
projections). We compare g, and the two-way cluster-robust SE computed here by hand
from statsmodels' fitted means (cluster by actor + by author - by cell, on the
score of g after partialling out the dummies with the Fisher information).

Writes solidarity/comrades/testdata/golden_fixedeffects.json.
Run: /usr/bin/python3 scripts/golden_fixedeffects.py
"""
import json, os
import numpy as np
import statsmodels
import statsmodels.api as sm
from hazard_design import dummies

rng = np.random.default_rng(20261203)
cases = []
for case, (nu, nv, true_g) in enumerate([(12, 9, 0.0), (30, 20, 0.4), (25, 25, -0.3)]):
    act = rng.lognormal(0, 0.8, nu)
    pop = rng.lognormal(0, 0.8, nv)
    rows = []
    for u in range(nu):
        for v in range(nv):
            if rng.random() < 0.5:
                continue
            c = bool(rng.random() < 0.3 + 0.4 * (act[u] > 1))  # comradeship uneven over activity
            n = int(rng.integers(1, 15))
            lam = 0.15 * act[u] * pop[v] * np.exp(true_g * c)
            y = int(rng.binomial(n, min(0.95, lam)))
            rows.append((u, v, c, n, y))
    # drop actors / authors with no engagement (their effects are -inf)
    yu = {}; yv = {}
    for u, v, c, n, y in rows:
        yu[u] = yu.get(u, 0) + y; yv[v] = yv.get(v, 0) + y
    kept = [r for r in rows if yu[r[0]] > 0 and yv[r[1]] > 0]
    X = dummies(kept)
    yy = np.array([r[4] for r in kept], float)
    nn = np.array([r[3] for r in kept], float)
    res = sm.GLM(yy, X, family=sm.families.Poisson(), offset=np.log(nn)).fit(tol=1e-13, maxiter=500)
    mu = res.fittedvalues
    # score of g after partialling out the dummies: x_tilde = x - W-projection on dummies
    W = mu
    D = X[:, 1:]
    beta = np.linalg.lstsq(D * np.sqrt(W)[:, None], X[:, 0] * np.sqrt(W), rcond=None)[0]
    xt = X[:, 0] - D @ beta
    info = float(np.sum(W * xt * xt))
    s = xt * (yy - mu)
    def clus(keys):
        acc = {}
        for k, si in zip(keys, s):
            acc[k] = acc.get(k, 0.0) + si
        return sum(v * v for v in acc.values())
    V = clus([r[0] for r in kept]) + clus([r[1] for r in kept]) - float(np.sum(s * s))
    cases.append({
        "name": f"case{case}", "true_g": true_g,
        "cells": [{"actor": u, "author": v, "comrade": c, "exposures": n, "engaged": y} for u, v, c, n, y in rows],
        "actors": nu, "authors": nv,
        "coef": float(res.params[0]), "model_se": float(res.bse[0]),
        "cluster_se": float(np.sqrt(V) / info),
    })
out = {"source": f"statsmodels {statsmodels.__version__} GLM Poisson with actor and author dummies, offset log(exposures)",
       "cases": cases}
path = os.path.join(os.path.dirname(__file__), "..", "solidarity", "comrades", "testdata", "golden_fixedeffects.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
for c in cases:
    print(c["name"], len(c["cells"]), "cells: g =", round(c["coef"], 6), "cluster se =", round(c["cluster_se"], 6))
