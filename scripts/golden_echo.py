#!/usr/bin/python3
"""Golden values for solidarity/echo's random-walk controversy (RWC).

An independent implementation of Garimella et al. (2018, ACM TSC,
doi:10.1145/3140565) with networkx for the graphs and a dense numpy solve
of the absorbing Markov chain for the end probabilities. The Go code uses
conjugate gradients on the grounded Laplacian, so the two share only the
definition:

- the graph is undirected (a directed arc is a tie both ways, weights add);
- endpoints: the k highest-degree vertices of each side (ties: lower id);
- a walk starts at a uniform vertex of a side (each side with prob. 1/2),
  steps to a neighbour (uniformly, or by weight), and ends at the first
  endpoint met after leaving the start;
- P_AB = Pr[start in A | end in B]; RWC = P_XX P_YY - P_YX P_XY;
- side vertices in components without an endpoint are left out.

Run with Debian's python (networkx 2.8.8):
    /usr/bin/python3 scripts/golden_echo.py
It writes solidarity/echo/testdata/golden_rwc.json.
"""
import json
import os
import random

import networkx as nx
import numpy as np


def rwc(n, edges, side, k, directed, weighted):
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for u, v, w in edges:
        if u == v:
            continue
        if not weighted:
            w = 1.0
        if G.has_edge(u, v):
            if weighted:
                G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)
    deg = dict(G.degree())
    ends = {}
    endpoints = []
    for s in (0, 1):
        cand = [v for v in range(n) if side[v] == s and deg[v] > 0]
        cand.sort(key=lambda v: (-deg[v], v))
        top = sorted(cand[:k])
        endpoints.append(top)
        for v in top:
            ends[v] = s
    reach = set()
    for v in ends:
        reach |= nx.node_connected_component(G, v)
    interior = [v for v in sorted(reach) if v not in ends]
    pos = {v: i for i, v in enumerate(interior)}
    m = len(interior)
    A = np.eye(m)
    b = np.zeros(m)
    for v in interior:
        dv = sum(G[v][u]["weight"] for u in G[v])
        for u in G[v]:
            p = G[v][u]["weight"] / dv
            if u in ends:
                if ends[u] == 0:
                    b[pos[v]] += p
            else:
                A[pos[v], pos[u]] -= p
    h = np.linalg.solve(A, b) if m else np.zeros(0)

    def val(u):
        if u in ends:
            return 1.0 if ends[u] == 0 else 0.0
        return h[pos[u]]

    sums, cnts, unreachable = [0.0, 0.0], [0, 0], 0
    for v in range(n):
        if side[v] < 0:
            continue
        if v not in reach:
            unreachable += 1
            continue
        if v in ends:
            dv = sum(G[v][u]["weight"] for u in G[v])
            p = sum(G[v][u]["weight"] / dv * val(u) for u in G[v])
        else:
            p = h[pos[v]]
        sums[side[v]] += p
        cnts[side[v]] += 1
    a = sums[0] / cnts[0]
    bb = sums[1] / cnts[1]
    pxx, pyx = a / (a + bb), bb / (a + bb)
    pxy, pyy = (1 - a) / ((1 - a) + (1 - bb)), (1 - bb) / ((1 - a) + (1 - bb))
    return {
        "rwc": pxx * pyy - pyx * pxy,
        "pxx": pxx, "pxy": pxy, "pyx": pyx, "pyy": pyy,
        "end_x_given_x": a, "end_x_given_y": bb,
        "endpoints_x": endpoints[0], "endpoints_y": endpoints[1],
        "starts_x": cnts[0], "starts_y": cnts[1], "unreachable": unreachable,
    }


def case(name, n, edges, side, k, directed=False, weighted=False, labels=None):
    c = {"name": name, "n": n, "directed": directed, "weighted": weighted, "k": k,
         "edges": [[int(u), int(v), float(w)] for u, v, w in edges], "side": side}
    if labels:
        c["labels"] = labels
    c.update(rwc(n, edges, side, k, directed, weighted))
    return c


def main():
    cases = []
    # Zachary's karate club, sides from the "club" attribute (networkx's copy).
    K = nx.karate_club_graph()
    kedges = [(u, v, 1.0) for u, v in K.edges()]
    clubs = [K.nodes[v]["club"] for v in range(34)]
    kside = [0 if c == "Mr. Hi" else 1 for c in clubs]
    for k in (1, 3, 10):
        cases.append(case("karate k=%d" % k, 34, kedges, kside, k, labels=clubs))
    # Planted partition, plus a detached triangle of side X (unreachable),
    # an isolated Y vertex and a vertex of neither side bridging the halves.
    P = nx.planted_partition_graph(2, 30, 0.3, 0.02, seed=3)
    pedges = [(u, v, 1.0) for u, v in P.edges()]
    pedges += [(60, 61, 1.0), (61, 62, 1.0), (60, 62, 1.0), (64, 5, 1.0), (64, 40, 1.0)]
    pside = [0] * 30 + [1] * 30 + [0, 0, 0, 1, -1]
    cases.append(case("planted with strays", 65, pedges, pside, 5))
    # Directed, weighted, with parallel arcs, both directions and a loop.
    rng = random.Random(7)
    dedges = []
    for _ in range(200):
        u, v = rng.randrange(40), rng.randrange(40)
        same = (u < 20) == (v < 20)
        if same or rng.random() < 0.3:
            dedges.append((u, v, float(rng.randint(1, 5))))
    dside = [0] * 20 + [1] * 20
    cases.append(case("directed weighted", 40, dedges, dside, 4, directed=True, weighted=True))
    cases.append(case("directed unweighted", 40, dedges, dside, 4, directed=True, weighted=False))
    out = {"source": "scripts/golden_echo.py (networkx %s, numpy %s)" % (nx.__version__, np.__version__),
           "cases": cases}
    path = os.path.join(os.path.dirname(__file__), "..", "solidarity", "echo", "testdata", "golden_rwc.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for c in cases:
        print("%-22s rwc=%.12f starts=%d/%d unreachable=%d" % (c["name"], c["rwc"], c["starts_x"], c["starts_y"], c["unreachable"]))


if __name__ == "__main__":
    main()
