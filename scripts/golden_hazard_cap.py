#!/usr/bin/python3
"""Golden values for the step cap of comrades.fitLink (hazard.go): hostile cell sets on which
the two-way fixed-effects binomial IRLS shortens at least one step to 3 on the link scale, and
whose maximum likelihood statsmodels finds finite.

The cells (solidarity/comrades/testdata/golden_hazard_cap.json, "cells") were drawn by a review
harness: small actor x author designs with effects spread over several units on the link scale,
exposures up to 1e4, some forced to quasi-separation; the file keeps the ones where the cap
fires. This script fits each with statsmodels' binomial GLM (0.13.5, Debian's
python3-statsmodels: IRLS on explicit actor and author dummies, the link the case names), after
dropping actors and authors whose cells are all engaged or all not (repeatedly), as the Go code
does, and writes the comrade coefficient and the deviance (-2 log-likelihood without the binomial
coefficients) into the same file. The maximum is finite: every parameter stays below 25 in
absolute value, and statsmodels converges.

Run: /usr/bin/python3 scripts/golden_hazard_cap.py
"""
import json, os, warnings
import numpy as np
import statsmodels
import statsmodels.api as sm
from hazard_design import dummies, kept_cells

warnings.simplefilter("ignore")
path = os.path.join(os.path.dirname(__file__), "..", "solidarity", "comrades", "testdata", "golden_hazard_cap.json")
doc = json.load(open(path))
for case in doc["cases"]:
    kept = [(c["actor"], c["author"], bool(c["comrade"]), c["exposures"], c["engaged"]) for c in case["cells"] if c["exposures"] > 0]
    kept = kept_cells(kept)
    X = dummies(kept)
    assert np.linalg.matrix_rank(X) == X.shape[1], case["name"]
    yy = np.array([r[4] for r in kept], float); nn = np.array([r[3] for r in kept], float)
    link = sm.families.links.cloglog() if case["link"] == "cloglog" else sm.families.links.logit()
    res = sm.GLM(np.column_stack([yy, nn - yy]), X, family=sm.families.Binomial(link=link)).fit(tol=1e-13, maxiter=1000)
    assert res.converged and np.max(np.abs(res.params)) < 25, case["name"]
    eta = X @ res.params
    if case["link"] == "cloglog":
        logq = -np.exp(eta); logp = np.log(-np.expm1(logq))
    else:
        logq = -np.logaddexp(0, eta); logp = -np.logaddexp(0, -eta)
    ll = np.sum(np.where(yy > 0, yy * logp, 0) + np.where(nn > yy, (nn - yy) * logq, 0))
    case["kept_cells"] = len(kept)
    case["coef"] = float(res.params[0])
    case["deviance"] = float(-2 * ll)
    print(case["name"], case["link"], len(kept), "cells kept: g =", round(case["coef"], 9), "deviance =", round(case["deviance"], 6))
doc["source"] = f"statsmodels {statsmodels.__version__} GLM Binomial with actor and author dummies on (engaged, exposures - engaged)"
with open(path, "w") as f:
    json.dump(doc, f, indent=0)
