"""The design the golden scripts of the two-way fixed-effects binomial fits share
(golden_hazard.py, golden_hazard_cap.py): the cells the Go code keeps, and their
explicit dummy matrix.

Cells are tuples (actor, author, comrade, exposures, engaged).
"""
import numpy as np


def kept_cells(rows):
    """Drops the cells of actors and authors whose cells are all engaged or all not,
    repeatedly (dropping an author can leave an actor all one way), as fitLink does."""
    kept = list(rows)
    while True:
        yu, nu, yv, nv = {}, {}, {}, {}
        for u, v, c, n, y in kept:
            yu[u] = yu.get(u, 0) + y; nu[u] = nu.get(u, 0) + n
            yv[v] = yv.get(v, 0) + y; nv[v] = nv.get(v, 0) + n
        k2 = [r for r in kept if 0 < yu[r[0]] < nu[r[0]] and 0 < yv[r[1]] < nv[r[1]]]
        if len(k2) == len(kept):
            return kept
        kept = k2


def dummies(kept):
    """The design matrix: the comrade column, one dummy per actor, one per author
    but the first."""
    us = sorted({r[0] for r in kept}); vs = sorted({r[1] for r in kept})
    X = np.zeros((len(kept), 1 + len(us) + len(vs) - 1))
    for i, (u, v, c, n, y) in enumerate(kept):
        X[i, 0] = c
        X[i, 1 + us.index(u)] = 1
        j = vs.index(v)
        if j > 0:
            X[i, len(us) + j] = 1
    return X
