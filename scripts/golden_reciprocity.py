#!/usr/bin/python3
"""Golden values for solidarity/reciprocity, cross-checked between networkx and igraph.

Run with Debian's Python (networkx 2.8.8, python-igraph 0.10.2):

    /usr/bin/python3 scripts/golden_reciprocity.py

It reads the directed data sets under ../shared/datasets/raw (or
$SOLIDARITY_SHARED_RAW), applies the toolkit's rule (parallel records merge,
their weights add, without a weight column a merged arc weighs its record
count; self-loops are left out), and writes
solidarity/reciprocity/testdata/golden.json, which the Go tests compare at
1e-9. Every value that networkx and igraph both compute is computed by both and
must agree (to 1e-12) or the script stops. Values neither library has
(weighted reciprocity, reciprocity within and between groups, per-node sums)
are computed here directly from the definitions, with plain Python integers
where possible, as an independent implementation.

Each data set entry also says how to load the files (the "load" object), so
the Go test can read them with a few lines of its own, independent of the
formats package.
"""
import json
import math
import os
import re
import sys
from collections import OrderedDict

import igraph as ig
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
RAW = os.environ.get("SOLIDARITY_SHARED_RAW") or os.path.join(REPO, "..", "shared", "datasets", "raw")
OUT = os.path.join(REPO, "solidarity", "reciprocity", "testdata", "golden.json")

# load specs: edges {path, kind: ws|csv|gml|paj, header, src, dst, weight, layer}
#             nodes {path, kind: ws|csv|gml|rowid|none, header, id, attr}
DATASETS = [
    dict(name="polblogs",
         edges=dict(path="polblogs/polblogs.gml", kind="gml"),
         nodes=dict(path="polblogs/polblogs.gml", kind="gml", attr="value")),
    dict(name="email-eu-core",
         edges=dict(path="email-eu-core/email-Eu-core.txt", kind="ws", src=0, dst=1),
         nodes=dict(path="email-eu-core/email-Eu-core-department-labels.txt", kind="ws", id=0, attr=1)),
    dict(name="college-msg",  # third column is a time stamp: weights are record counts
         edges=dict(path="college-msg/CollegeMsg.txt", kind="ws", src=0, dst=1)),
    dict(name="bitcoin-otc",  # third column is a rating in -10..10: negative weights
         edges=dict(path="bitcoin-otc/soc-sign-bitcoinotc.csv", kind="csv", header=False, src=0, dst=1, weight=2)),
    dict(name="higgs-reply",
         edges=dict(path="higgs-twitter/higgs-reply_network.edgelist", kind="ws", src=0, dst=1, weight=2)),
    dict(name="higgs-mention",  # sum of squared degrees 1.9e8: networkx's triad census takes too long
         triads="igraph",
         edges=dict(path="higgs-twitter/higgs-mention_network.edgelist", kind="ws", src=0, dst=1, weight=2)),
    dict(name="lazega-advice",
         edges=dict(path="lazega-lawyers/Lazega-Law-Firm.paj", kind="paj", layer=1),
         nodes=dict(path="lazega-lawyers/ELattr.dat", kind="rowid", attr=1)),
    dict(name="lazega-friendship",
         edges=dict(path="lazega-lawyers/Lazega-Law-Firm.paj", kind="paj", layer=2),
         nodes=dict(path="lazega-lawyers/ELattr.dat", kind="rowid", attr=1)),
    dict(name="lazega-cowork",
         edges=dict(path="lazega-lawyers/Lazega-Law-Firm.paj", kind="paj", layer=3),
         nodes=dict(path="lazega-lawyers/ELattr.dat", kind="rowid", attr=3)),
    dict(name="sampson-samplk3",
         edges=dict(path="sampson-monks/csv/samplk3_edges.csv", kind="csv", header=True, src=0, dst=1, weight=2),
         nodes=dict(path="sampson-monks/csv/samplk_nodes.csv", kind="csv", header=True, id=0, attr=2)),
    dict(name="sampson-samplike",
         edges=dict(path="sampson-monks/csv/samplike_edges.csv", kind="csv", header=True, src=0, dst=1, weight=2),
         nodes=dict(path="sampson-monks/csv/samplike_nodes.csv", kind="csv", header=True, id=0, attr=1)),
    dict(name="sampson-sampdlk1",  # disliking: negative scores
         edges=dict(path="sampson-monks/csv/sampdlk1_edges.csv", kind="csv", header=True, src=0, dst=1, weight=2),
         nodes=dict(path="sampson-monks/csv/samplk_nodes.csv", kind="csv", header=True, id=0, attr=2)),
    dict(name="netseg-classroom",
         edges=dict(path="netseg/classroom-edb.csv", kind="csv", header=True, src=0, dst=1),
         nodes=dict(path="netseg/classroom-vdb.csv", kind="csv", header=True, id=0, attr=1)),
]

TRIAD_NAMES = ("003", "012", "102", "021D", "021U", "021C", "111D", "111U",
               "030T", "030C", "201", "120D", "120U", "120C", "210", "300")


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            yield line.rstrip("\r\n")


def load_edges(spec):
    """Records as (src, dst, weight) with ids as strings; weight None when unweighted."""
    path = os.path.join(RAW, spec["path"])
    kind = spec["kind"]
    out = []
    if kind in ("ws", "csv"):
        first = True
        for line in read_lines(path):
            if kind == "ws" and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if kind == "csv" and not line.strip():
                continue
            if first and spec.get("header"):
                first = False
                continue
            first = False
            f = line.split() if kind == "ws" else line.split(",")
            w = float(f[spec["weight"]]) if spec.get("weight") is not None else None
            out.append((f[spec["src"]], f[spec["dst"]], w))
    elif kind == "gml":
        block, cur = None, {}
        for line in read_lines(path):
            s = line.strip()
            if s in ("node [", "edge ["):
                block, cur = s[:4], {}
            elif s == "]" and block:
                if block == "edge":
                    out.append((cur["source"], cur["target"], None))
                block = None
            elif block == "edge":
                k, _, v = s.partition(" ")
                cur[k] = v
    elif kind == "paj":
        pat = re.compile(r"^\s*(\d+):\s+(\d+)\s+(\d+)(?:\s+(\S+))?\s*$")
        for line in read_lines(path):
            m = pat.match(line)
            if m and int(m.group(1)) == spec["layer"]:
                out.append((m.group(2), m.group(3), None))
    else:
        raise ValueError(kind)
    return out


def load_nodes(spec, edges_spec):
    """Ordered dict id -> attribute label (None when missing)."""
    nodes = OrderedDict()
    if spec is None:
        return nodes
    path = os.path.join(RAW, spec["path"])
    kind = spec["kind"]
    if kind == "gml":
        block, cur = None, {}
        for line in read_lines(path):
            s = line.strip()
            if s in ("node [", "edge ["):
                block, cur = s[:4], {}
            elif s == "]" and block:
                if block == "node":
                    nodes[cur["id"]] = cur.get(spec["attr"])
                block = None
            elif block == "node":
                k, _, v = s.partition(" ")
                cur[k] = v
    elif kind in ("ws", "csv"):
        first = True
        for line in read_lines(path):
            if not line.strip():
                continue
            if first and spec.get("header"):
                first = False
                continue
            first = False
            f = line.split() if kind == "ws" else line.split(",")
            nodes[f[spec["id"]]] = f[spec["attr"]]
    elif kind == "rowid":
        i = 0
        for line in read_lines(path):
            if not line.strip():
                continue
            i += 1
            nodes[str(i)] = line.split()[spec["attr"]]
    return nodes


def canon(x):
    """Integer ids compare as integers (the Go loader parses them)."""
    return int(x)


def analyse(ds):
    recs = load_edges(ds["edges"])
    attrs = load_nodes(ds.get("nodes"), ds["edges"])
    weighted = ds["edges"].get("weight") is not None
    order = [canon(k) for k in attrs]
    attr = {canon(k): v for k, v in attrs.items()}
    seen = set(order)
    for s, t, _ in recs:
        for x in (canon(s), canon(t)):
            if x not in seen:
                seen.add(x)
                order.append(x)
    N = len(order)
    loops = sum(1 for s, t, _ in recs if canon(s) == canon(t))
    # merged simple arcs
    W = {}
    for s, t, w in recs:
        s, t = canon(s), canon(t)
        if s == t:
            continue
        W[(s, t)] = W.get((s, t), 0.0) + (w if weighted else 1.0)
    L = len(W)

    # networkx on the simple loop-free digraph
    G = nx.DiGraph()
    G.add_nodes_from(order)
    G.add_edges_from(W)
    assert G.number_of_edges() == L
    nx_r = nx.overall_reciprocity(G) if L else None
    # networkx as a user would call it on the records (DiGraph merges parallels, keeps loops)
    Gl = nx.DiGraph()
    Gl.add_nodes_from(order)
    Gl.add_edges_from((canon(s), canon(t)) for s, t, _ in recs)
    nx_r_loops = nx.overall_reciprocity(Gl) if Gl.number_of_edges() else None

    # igraph on the same simple graph, and on the raw records
    idx = {v: i for i, v in enumerate(order)}
    g = ig.Graph(n=N, edges=[(idx[s], idx[t]) for (s, t) in W], directed=True)
    ig_r = g.reciprocity(ignore_loops=True, mode="default")
    ig_ratio = g.reciprocity(ignore_loops=True, mode="ratio")
    graw = ig.Graph(n=N, edges=[(idx[canon(s)], idx[canon(t)]) for s, t, _ in recs], directed=True)
    ig_raw = {
        "default_ignore_loops": graw.reciprocity(ignore_loops=True),
        "default_with_loops": graw.reciprocity(ignore_loops=False),
        "ratio_ignore_loops": graw.reciprocity(ignore_loops=True, mode="ratio"),
    }
    mut, asym, null = (int(x) for x in g.dyad_census())

    # independent count
    recip = sum(1 for (s, t) in W if (t, s) in W)
    assert recip % 2 == 0
    M, A = recip // 2, L - recip
    assert (M, A) == (mut, asym), (ds["name"], M, A, mut, asym)
    assert null == N * (N - 1) // 2 - M - A
    r = recip / L if L else None
    if L:
        assert abs(nx_r - r) < 1e-12 and abs(ig_r - r) < 1e-12, (nx_r, ig_r, r)
        assert abs(ig_ratio - M / (M + A)) < 1e-12
    a = L / (N * (N - 1))
    rho = (r - a) / (1 - a) if L else None

    out = OrderedDict(name=ds["name"], load=OrderedDict(edges=ds["edges"], nodes=ds.get("nodes")))
    out["nodes"] = N
    out["edge_records"] = len(recs)
    out["self_loops"] = loops
    out["arcs"] = L
    out["edge"] = r
    out["dyad_ratio"] = M / (M + A) if L else None
    out["density"] = a
    out["rho"] = rho
    out["dyads"] = OrderedDict(mutual=M, asymmetric=A, null=null)
    out["networkx_overall_reciprocity"] = nx_r
    out["networkx_overall_reciprocity_loops_kept"] = nx_r_loops
    out["igraph_reciprocity"] = ig_r
    out["igraph_raw_records"] = ig_raw

    # weighted reciprocity (definition of Squartini et al. 2013) and the WRG null
    ws = list(W.values())
    Wtot = math.fsum(ws)
    if any(w < 0 for w in ws):
        out["weighted"] = None
        out["weighted_reason"] = "negative weights"
    elif Wtot > 0:
        Wrec = math.fsum(min(w, W[(t, s)]) for (s, t), w in W.items() if (t, s) in W)
        T = N * (N - 1)
        rw = Wrec / Wtot
        ew = Wtot / (T + 2 * Wtot)
        out["weighted"] = rw
        out["weighted_reciprocated"] = Wrec
        out["weight_total"] = Wtot
        out["weighted_expected"] = ew
        out["weighted_rho"] = (rw - ew) / (1 - ew)

    # per-node reciprocity: reciprocated out-arcs / out-arcs
    outdeg, outrec = {}, {}
    for (s, t) in W:
        outdeg[s] = outdeg.get(s, 0) + 1
        if (t, s) in W:
            outrec[s] = outrec.get(s, 0) + 1
    defined = [outrec.get(v, 0) / outdeg[v] for v in order if outdeg.get(v)]
    out["per_node"] = OrderedDict(defined=len(defined), undefined=N - len(defined), sum=math.fsum(defined))
    if N <= 100:
        out["per_node"]["values"] = OrderedDict(
            (str(v), (outrec.get(v, 0) / outdeg[v]) if outdeg.get(v) else None) for v in order)

    # groups
    if ds.get("nodes"):
        labels = sorted({x for x in attr.values() if x is not None},
                        key=lambda s: (0, float(s), "") if re.fullmatch(r"-?[0-9.]+", s) else (1, 0, s))
        grp = {v: attr.get(v) for v in order}
        pair_arcs = {}
        pair_rec = {}
        left_out = 0
        for (s, t) in W:
            gs, gt = grp[s], grp[t]
            if gs is None or gt is None:
                left_out += 1
                continue
            pair_arcs[(gs, gt)] = pair_arcs.get((gs, gt), 0) + 1
            if (t, s) in W:
                pair_rec[(gs, gt)] = pair_rec.get((gs, gt), 0) + 1
        win_a = sum(v for (x, y), v in pair_arcs.items() if x == y)
        win_r = sum(v for (x, y), v in pair_rec.items() if x == y)
        bet_a = sum(v for (x, y), v in pair_arcs.items() if x != y)
        bet_r = sum(v for (x, y), v in pair_rec.items() if x != y)
        out["groups"] = OrderedDict(
            labels=labels,
            missing_nodes=sum(1 for v in order if grp[v] is None),
            arcs_left_out=left_out,
            pair_arcs=[[pair_arcs.get((x, y), 0) for y in labels] for x in labels],
            pair_reciprocated=[[pair_rec.get((x, y), 0) for y in labels] for x in labels],
            within=win_r / win_a if win_a else None,
            between=bet_r / bet_a if bet_a else None,
        )

    # triad census: networkx and igraph must agree
    igt = list(g.triad_census())
    igv = [int(round(x)) for x in igt]
    assert sum(igv) == N * (N - 1) * (N - 2) // 6, (sum(igv), N)
    if ds.get("triads") == "igraph":
        out["triads_from"] = "igraph only (networkx too slow here)"
        out["triads"] = OrderedDict(zip(TRIAD_NAMES, igv))
        return out
    nxt = nx.triadic_census(G)
    nxv = [int(nxt[k]) for k in TRIAD_NAMES]
    assert sum(nxv) == N * (N - 1) * (N - 2) // 6, (sum(nxv), N)
    if nxv != igv:
        out["triad_census_igraph_disagrees"] = OrderedDict(zip(TRIAD_NAMES, igv))
        print(f"  WARNING {ds['name']}: igraph triad_census differs from networkx", file=sys.stderr)
    out["triads_from"] = "networkx and igraph agree" if nxv == igv else "networkx (igraph disagrees)"
    out["triads"] = OrderedDict(zip(TRIAD_NAMES, nxv))
    return out


def main():
    if not os.path.isdir(RAW):
        sys.exit(f"data sets not found at {RAW}; set SOLIDARITY_SHARED_RAW")
    res = OrderedDict(
        generator="scripts/golden_reciprocity.py",
        networkx=nx.__version__,
        igraph=ig.__version__,
        rule="parallel records merged (weights add; record counts without weights), self-loops left out",
        datasets=[],
    )
    for ds in DATASETS:
        print(f"{ds['name']} ...", file=sys.stderr, flush=True)
        res["datasets"].append(analyse(ds))
        d = res["datasets"][-1]
        print(f"  N={d['nodes']} L={d['arcs']} r={d['edge']} dyads={dict(d['dyads'])}", file=sys.stderr)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
