#!/usr/bin/python3
"""Golden values for comrades.FitHazardFixedEffects (and the logit shape the headline also
tries, fitLink with alpha 1), from statsmodels' binomial GLM.

The two-way fixed-effects complementary log-log model
P(engage | exposed) = 1 - exp(-exp(a_actor + b_author + g*comrade)) on (engaged, exposures)
cells is fitted with explicit actor and author dummies (statsmodels 0.13.5, Debian's
python3-statsmodels: GLM Binomial with the cloglog link, IRLS on the full design), an
implementation independent of ours (IRLS with alternating projections). We compare g, and
the two-way cluster-robust SE computed here by hand from statsmodels' fitted linear
predictor (cluster by actor + by author - by cell, on the score of g after partialling out
the dummies with the Fisher information).

The cells are drawn with 1 - exp(-rate) engagement, rate multiplying actor, author and
comrade effects, and with probabilities high enough that the Poisson model is misspecified.
Actors and authors whose cells are all engaged or all not are dropped first (repeatedly),
as the Go code does.

Writes solidarity/comrades/testdata/golden_hazard.json.
Run: /usr/bin/python3 scripts/golden_hazard.py
"""
import json, os, warnings
import numpy as np
import statsmodels
import statsmodels.api as sm
from hazard_design import dummies, kept_cells

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261204)
cases = []
# The last case is the toolkit's headline form: one Bernoulli cell per
# exposure (actor, item), items as the second set of effects.
for case, (nu, nv, true_g, bern) in enumerate([(12, 9, 0.0, False), (30, 20, 0.4, False), (25, 25, -0.3, False), (15, 40, 0.5, True)]):
    act = rng.lognormal(0, 0.8, nu)
    pop = rng.lognormal(0, 0.8, nv)
    rows = []
    for u in range(nu):
        for v in range(nv):
            if rng.random() < 0.5:
                continue
            c = bool(rng.random() < 0.3 + 0.4 * (act[u] > 1))  # comradeship uneven over activity
            n = 1 if bern else int(rng.integers(1, 15))
            rate = 0.3 * act[u] * pop[v] * np.exp(true_g * c)
            y = int(rng.binomial(n, 1 - np.exp(-rate)))
            rows.append((u, v, c, n, y))
    kept = kept_cells(rows)
    X = dummies(kept)
    yy = np.array([r[4] for r in kept], float)
    nn = np.array([r[3] for r in kept], float)
    fam = sm.families.Binomial(link=sm.families.links.cloglog())
    res = sm.GLM(np.column_stack([yy, nn - yy]), X, family=fam).fit(tol=1e-13, maxiter=500)
    eta = X @ res.params
    lam = np.exp(eta)
    p = -np.expm1(-lam)
    D = X[:, 1:]

    def two_way_se(W, r):
        """The two-way cluster-robust SE of the comrade coefficient from each
        cell's Fisher information W and score r on its linear predictor:
        the comrade column residualised on the dummies in the W metric,
        scores summed by actor and by author, less the cells."""
        beta = np.linalg.lstsq(D * np.sqrt(W)[:, None], X[:, 0] * np.sqrt(W), rcond=None)[0]
        xt = X[:, 0] - D @ beta
        info = float(np.sum(W * xt * xt))
        s = xt * r

        def clus(keys):
            acc = {}
            for k, si in zip(keys, s):
                acc[k] = acc.get(k, 0.0) + si
            return sum(v * v for v in acc.values())
        V = clus([q[0] for q in kept]) + clus([q[1] for q in kept]) - float(np.sum(s * s))
        return float(np.sqrt(V) / info)

    # cloglog: Fisher information n lam^2 (1-p)/p, score lam (y - n p)/p.
    cluster_se = two_way_se(nn * lam * lam * (1 - p) / p, lam * (yy - nn * p) / p)
    # The logit shape on the same cells (the other shape the headline
    # tries): P = r/(1+r), Fisher information n p (1-p), score y - n p.
    lres = sm.GLM(np.column_stack([yy, nn - yy]), X, family=sm.families.Binomial()).fit(tol=1e-13, maxiter=500)
    lp = 1 / (1 + np.exp(-(X @ lres.params)))
    logit_se = two_way_se(nn * lp * (1 - lp), yy - nn * lp)
    cases.append({
        "logit_coef": float(lres.params[0]), "logit_cluster_se": logit_se,
        # -2 (log-likelihood of logit - of cloglog): the binomial coefficients cancel.
        "logit_minus_cloglog_deviance": float(-2 * (lres.llf - res.llf)),
        "name": f"case{case}", "true_g": true_g,
        "cells": [{"actor": u, "author": v, "comrade": c, "exposures": n, "engaged": y} for u, v, c, n, y in rows],
        "actors": nu, "authors": nv, "kept_cells": len(kept), "bernoulli": bern,
        "coef": float(res.params[0]), "model_se": float(res.bse[0]),
        "cluster_se": cluster_se,
    })
out = {"source": f"statsmodels {statsmodels.__version__} GLM Binomial(link=cloglog, and link=logit for the logit_ keys) with actor and author dummies on (engaged, exposures - engaged)",
       "cases": cases}
path = os.path.join(os.path.dirname(__file__), "..", "solidarity", "comrades", "testdata", "golden_hazard.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
for c in cases:
    print(c["name"], len(c["cells"]), "cells,", c["kept_cells"], "kept: g =", round(c["coef"], 6), "model se =", round(c["model_se"], 6), "cluster se =", round(c["cluster_se"], 6), "| logit g =", round(c["logit_coef"], 6), "se =", round(c["logit_cluster_se"], 6), "deviance diff =", round(c["logit_minus_cloglog_deviance"], 4))
