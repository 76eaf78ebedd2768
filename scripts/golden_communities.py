#!/usr/bin/python3
"""Golden values for solidarity/community and the GraphML/GEXF writers.

Run from the repository root with Debian's Python (networkx 2.8.8,
python-igraph 0.10.2) and Go on the PATH:

    /usr/bin/python3 scripts/golden_communities.py

Writes solidarity/community/testdata/golden_communities.json with:

  - modularity: for karate, football and polblogs (read from
    ../shared/datasets/raw, or $SOLIDARITY_SHARED_RAW, with a small GML
    parser; the toolkit's rule: self-loops dropped, parallel records merged
    into one edge of weight 1; a directed network symmetrised, weight of
    {i,j} = [i->j] + [j->i]), networkx's louvain_communities(seed=1)
    partition and its modularity computed by BOTH
    nx.community.modularity(weight="weight") and igraph's
    Graph.modularity(weights=...), required to agree to 1e-12. The Go test
    recomputes Q of the same partition and must agree to 1e-9.
  - sbm: planted partitions (nx.stochastic_block_model, 4 blocks of 75,
    expected degree 12, a share mu of each node's edges across blocks) with
    the edges, the truth and the NMI of networkx's Louvain (seeds 1..5) and
    igraph's Leiden (modularity, n_iterations=-1) against the truth.
  - readback: the GraphML and GEXF that 'solidarity convert' writes for
    karate and polblogs (with --communities leiden) read back by
    nx.read_graphml / nx.read_gexf: node and edge counts and the
    community of every node compared with 'solidarity communities --out'.
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

import igraph as ig
import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAW = os.environ.get("SOLIDARITY_SHARED_RAW") or os.path.join(ROOT, "..", "shared", "datasets", "raw")
OUT = os.path.join(ROOT, "solidarity", "community", "testdata", "golden_communities.json")

DATASETS = [
    ("karate", "karate/karate.gml", None),
    ("football", "football/football.gml", "value"),
    ("polblogs", "polblogs/polblogs.gml", "value"),
]


def gml(path):
    """(directed, node ids in file order, {id: attrs}, edge list) of a GML file."""
    text = open(os.path.join(RAW, path), encoding="utf-8", errors="replace").read()
    toks = re.findall(r'"[^"]*"|\[|\]|[^\s\[\]]+', text)
    depth, block, cur, i = 0, None, {}, 0
    nodes, attrs, edges, directed = [], {}, [], False
    while i < len(toks):
        t = toks[i]
        if t == "[":
            depth += 1
            i += 1
        elif t == "]":
            if block and depth == block[1]:
                if block[0] == "node":
                    nodes.append(cur["id"])
                    attrs[cur["id"]] = cur
                else:
                    edges.append((cur["source"], cur["target"]))
                block = None
            depth -= 1
            i += 1
        elif i + 1 < len(toks) and toks[i + 1] == "[":
            if t in ("node", "edge") and block is None:
                block, cur = (t, depth + 1), {}
            i += 1
        else:
            v = toks[i + 1] if i + 1 < len(toks) else ""
            if v.startswith('"'):
                v = v[1:-1]
            if block and depth == block[1]:
                cur[t] = v
            elif t == "directed" and depth == 1:
                directed = v == "1"
            i += 2
    return directed, nodes, attrs, edges


def symmetrised(directed, nodes, edges):
    """The toolkit's view: loops dropped, parallels merged, A + A^T."""
    arcs = set()
    for u, v in edges:
        if u == v:
            continue
        arcs.add((u, v) if directed else tuple(sorted((u, v))))
    w = Counter()
    for u, v in arcs:
        w[tuple(sorted((u, v)))] += 1
    G = nx.Graph()
    G.add_nodes_from(nodes)
    for u, v in edges:
        G.add_node(u)
        G.add_node(v)
    for (u, v), x in sorted(w.items()):
        G.add_edge(u, v, weight=float(x))
    return G


def igraph_q(G, parts):
    order = list(G.nodes())
    pos = {v: i for i, v in enumerate(order)}
    g = ig.Graph(n=len(order), edges=[(pos[u], pos[v]) for u, v in G.edges()])
    lab = {v: k for k, c in enumerate(parts) for v in c}
    return g.modularity([lab[v] for v in order], weights=[d["weight"] for _, _, d in G.edges(data=True)])


def nmi(a, b):
    n = len(a)
    ca, cb, j = Counter(a), Counter(b), Counter(zip(a, b))
    h = lambda c: -sum(x / n * math.log(x / n) for x in c.values())
    ha, hb = h(ca), h(cb)
    if ha == 0 and hb == 0:
        return 1.0
    mi = sum(x / n * math.log(x * n / (ca[p] * cb[q])) for (p, q), x in j.items())
    return max(0.0, mi / ((ha + hb) / 2))


def modularity_cases():
    out = []
    for name, path, label in DATASETS:
        directed, nodes, attrs, edges = gml(path)
        G = symmetrised(directed, nodes, edges)
        parts = nx.community.louvain_communities(G, weight="weight", seed=1)
        q_nx = nx.community.modularity(G, parts, weight="weight")
        q_ig = igraph_q(G, parts)
        if abs(q_nx - q_ig) > 1e-12:
            sys.exit("%s: networkx Q %.15f and igraph Q %.15f disagree" % (name, q_nx, q_ig))
        lab = {v: k for k, c in enumerate(parts) for v in c}
        case = dict(name=name, path=path, directed=directed, call="nx.community.louvain_communities(G, weight='weight', seed=1)",
                    ids=list(G.nodes()), partition=[lab[v] for v in G.nodes()],
                    communities=len(parts), modularity_networkx=q_nx, modularity_igraph=q_ig)
        if label:
            truth = [attrs.get(v, {}).get(label) for v in G.nodes()]
            keep = [i for i, t in enumerate(truth) if t is not None]
            case["nmi_louvain_vs_" + label] = nmi([truth[i] for i in keep], [case["partition"][i] for i in keep])
        out.append(case)
        print("%-9s %4d communities  Q networkx %.12f  igraph %.12f" % (name, len(parts), q_nx, q_ig))
    return out


def sbm_cases():
    out = []
    sizes, deg = [75, 75, 75, 75], 12.0
    N = sum(sizes)
    for mu in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
        p_in = deg * (1 - mu) / (sizes[0] - 1)
        p_out = deg * mu / (N - sizes[0])
        probs = [[p_in if a == b else p_out for b in range(4)] for a in range(4)]
        G = nx.stochastic_block_model(sizes, probs, seed=int(mu * 100))
        truth = [G.nodes[v]["block"] for v in range(N)]
        edges = sorted(tuple(sorted(e)) for e in G.edges())
        nx_nmi = []
        for seed in range(1, 6):
            parts = nx.community.louvain_communities(G, seed=seed)
            lab = {v: k for k, c in enumerate(parts) for v in c}
            nx_nmi.append(nmi(truth, [lab[v] for v in range(N)]))
        g = ig.Graph(n=N, edges=edges)
        ig_nmi = []
        for seed in range(1, 6):
            import random
            random.seed(seed)
            p = g.community_leiden(objective_function="modularity", n_iterations=-1)
            ig_nmi.append(nmi(truth, p.membership))
        out.append(dict(mu=mu, p_in=p_in, p_out=p_out, seed=int(mu * 100), n=N, edges=edges, truth=truth,
                        nmi_networkx_louvain=nx_nmi, nmi_igraph_leiden=ig_nmi))
        print("SBM mu %.1f: %4d edges  NMI networkx Louvain %.3f  igraph Leiden %.3f (mean of 5 seeds)" % (
            mu, len(edges), sum(nx_nmi) / 5, sum(ig_nmi) / 5))
    return out


def readback():
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("karate", "polblogs"):
            raw = os.path.join(RAW, dict(karate="karate/karate.gml", polblogs="polblogs/polblogs.gml")[name])
            csv = os.path.join(tmp, name + ".csv")
            base = ["go", "run", "./cmd/solidarity"]
            subprocess.run(base + ["communities", "--edges", raw, "--method", "leiden", "--seed", "1", "--out", csv],
                           cwd=ROOT, check=True, capture_output=True)
            comm = {}
            for line in open(csv).read().split("\n")[1:]:
                if line:
                    i, c = line.split(",")
                    comm[i] = int(c)
            res = dict(name=name)
            for fmt in ("graphml", "gexf"):
                d = os.path.join(tmp, fmt)
                subprocess.run(base + ["convert", "--edges", raw, "--to", fmt, "--communities", "leiden", "--seed", "1", "--out", d],
                               cwd=ROOT, check=True, capture_output=True)
                path = os.path.join(d, name + "." + fmt)
                G = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
                got = {str(v): int(G.nodes[v]["community"]) for v in G.nodes()}
                res[fmt] = dict(nodes=G.number_of_nodes(), edges=G.number_of_edges(), directed=G.is_directed(),
                                multigraph=G.is_multigraph(), communities_match=(got == comm),
                                attributes=sorted(set(k for v in G.nodes() for k in G.nodes[v])))
                print("%s %-7s read back by networkx: %d nodes, %d edges, communities match: %s" % (
                    name, fmt, G.number_of_nodes(), G.number_of_edges(), got == comm))
                if got != comm:
                    sys.exit("%s %s: communities differ after the round trip" % (name, fmt))
            out.append(res)
    return out


def main():
    data = dict(generated_by="scripts/golden_communities.py", networkx=nx.__version__, igraph=ig.__version__,
                modularity=modularity_cases(), sbm=sbm_cases(), readback=readback())
    with open(OUT, "w") as f:
        json.dump(data, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
