#!/usr/bin/python3
"""Golden values for solidarity/homophily, cross-checked between networkx and igraph.

Run with Debian's Python (networkx 2.8.8, python-igraph 0.10.2):

    /usr/bin/python3 scripts/golden_homophily.py

It reads data sets under ../shared/datasets/raw (or $SOLIDARITY_SHARED_RAW)
with its own small parsers, applies the toolkit's rule (parallel records
merge, self-loops are left out) and gives BOTH libraries the same simple
loop-free graph: every node of the nodes file plus every id in the edges
(isolated nodes included), and one edge per distinct pair (ordered pair when
directed). networkx gets nx.DiGraph / nx.Graph built from that edge list;
igraph gets ig.Graph(n, edges, directed) from the same list in the same node
order. Nothing is simplified by the libraries themselves.

Computed by both libraries and required to agree to 1e-12 (else the script
stops):
  - nominal assortativity: nx.attribute_assortativity_coefficient and
    igraph assortativity_nominal(types, directed=True);
  - numeric assortativity (numeric attributes): nx.numeric_assortativity_coefficient
    and igraph assortativity(values, directed=True);
  - degree assortativity: undirected nx.degree_assortativity_coefficient /
    igraph assortativity_degree; directed out-in (nx x='out', y='in';
    igraph assortativity_degree(directed=True) and assortativity(outdeg, indeg)),
    out-out, in-in, in-out (nx x/y; igraph assortativity(types1, types2)).
The mixing matrix is networkx's attribute_mixing_matrix (normalized=False,
mapping = sorted labels), which counts an undirected edge from both ends.

Computed here directly from the definitions (plain Python, an independent
implementation, not taken from either library): E-I, Coleman, Currarini et
al.'s H and IH, Freeman, the odds ratio of within-group ties, Newman's
jackknife error of r by recomputing r with each edge removed (the slow way,
which the Go code replaces by O(1) updates), and the weighted mixing matrix
and r where a weight column exists.

Writes solidarity/homophily/testdata/golden.json.
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
OUT = os.path.join(REPO, "solidarity", "homophily", "testdata", "golden.json")

# Each data set: how this script parses it ("py"), how the Go test loads it
# ("go": formats.Read arguments, or "loader": "lazega" for the test's own
# small Pajek+ELattr reader), the attribute(s) and whether they are numeric.
DATASETS = [
    dict(name="polblogs", directed=True,
         py=dict(edges=("gml", "polblogs/polblogs.gml"), nodes=("gml", "polblogs/polblogs.gml", "value")),
         go=dict(path="polblogs/polblogs.gml", attr="value"), numeric=True),
    dict(name="email-eu-core", directed=True,
         py=dict(edges=("ws", "email-eu-core/email-Eu-core.txt"),
                 nodes=("ws", "email-eu-core/email-Eu-core-department-labels.txt", 1)),
         go=dict(path="email-eu-core/email-Eu-core.txt", format="snap",
                 nodes="email-eu-core/email-Eu-core-department-labels.txt", nodes_format="snap", attr="label"),
         numeric=True),
    dict(name="karate", directed=False,
         py=dict(edges=("gml", "karate/karate_club_networkx.gml"), nodes=("gml", "karate/karate_club_networkx.gml", "club")),
         go=dict(path="karate/karate_club_networkx.gml", attr="club"), numeric=False),
    dict(name="polbooks", directed=False,
         py=dict(edges=("gml", "polbooks/polbooks.gml"), nodes=("gml", "polbooks/polbooks.gml", "value")),
         go=dict(path="polbooks/polbooks.gml", attr="value"), numeric=False),
    dict(name="football", directed=False,
         py=dict(edges=("gml", "football/football.gml"), nodes=("gml", "football/football.gml", "value")),
         go=dict(path="football/football.gml", attr="value"), numeric=True),
    dict(name="netseg-classroom", directed=True,
         py=dict(edges=("csv", "netseg/classroom-edb.csv"), nodes=("csv", "netseg/classroom-vdb.csv", "gender")),
         go=dict(path="netseg/classroom-edb.csv", nodes="netseg/classroom-vdb.csv",
                 source="from", target="to", id="id", attr="gender"), numeric=False),
    dict(name="netseg-EF3", directed=False,
         py=dict(edges=("csv", "netseg/EF3-edb.csv"), nodes=("csv", "netseg/EF3-vdb.csv", "race")),
         go=dict(path="netseg/EF3-edb.csv", nodes="netseg/EF3-vdb.csv",
                 source="from", target="to", id="name", attr="race"), numeric=True),
    dict(name="netseg-WhiteKinship", directed=False,
         py=dict(edges=("csv", "netseg/WhiteKinship-edb.csv"), nodes=("csv", "netseg/WhiteKinship-vdb.csv", "gender")),
         go=dict(path="netseg/WhiteKinship-edb.csv", nodes="netseg/WhiteKinship-vdb.csv",
                 source="from", target="to", id="name", attr="gender"), numeric=False),
    dict(name="sampson-samplk3", directed=True,
         py=dict(edges=("csv", "sampson-monks/csv/samplk3_edges.csv"), nodes=("csv", "sampson-monks/csv/samplk_nodes.csv", "group")),
         go=dict(path="sampson-monks/csv/samplk3_edges.csv", nodes="sampson-monks/csv/samplk_nodes.csv",
                 source="source", target="target", id="id", attr="group", weight="-"), numeric=False),
    dict(name="sampson-samplike", directed=True, weight="nominations",
         py=dict(edges=("csv", "sampson-monks/csv/samplike_edges.csv"), nodes=("csv", "sampson-monks/csv/samplike_nodes.csv", "group")),
         go=dict(path="sampson-monks/csv/samplike_edges.csv", nodes="sampson-monks/csv/samplike_nodes.csv",
                 source="source", target="target", id="id", attr="group", weight="nominations"), numeric=False),
]
# Lazega: advice (layer 1, directed) and co-work (layer 3) arcs from the .paj,
# attributes from Snijders' ELattr.dat (row i is lawyer i).
LAZEGA_ATTRS = dict(status=1, gender=2, office=3, years=4, age=5)
for layer, lname in ((1, "advice"), (3, "cowork")):
    for attr in ("office", "status", "gender", "age"):
        DATASETS.append(dict(
            name="lazega-%s-%s" % (lname, attr), directed=True,
            py=dict(edges=("paj", "lazega-lawyers/Lazega-Law-Firm.paj", layer),
                    nodes=("rowid", "lazega-lawyers/ELattr.dat", LAZEGA_ATTRS[attr])),
            go=dict(loader="lazega", layer=layer, attr_col=LAZEGA_ATTRS[attr], attr=attr),
            numeric=(attr == "age")))


def lines(path):
    with open(os.path.join(RAW, path), encoding="utf-8", errors="replace") as f:
        for line in f:
            yield line.rstrip("\r\n")


def gml_blocks(path):
    """Yield ("node"|"edge", {key: value}) from a GML file (any layout of
    keys, values and brackets); quoted values are unquoted."""
    text = "\n".join(lines(path))
    toks = re.findall(r'"[^"]*"|\[|\]|[^\s\[\]]+', text)
    depth, block, cur, i = 0, None, {}, 0
    while i < len(toks):
        t = toks[i]
        if t == "[":
            depth += 1
            i += 1
        elif t == "]":
            if block and depth == block[1]:
                yield block[0], cur
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
            i += 2


def csv_rows(path):
    rows = [l.split(",") for l in lines(path) if l.strip()]
    return rows[0], rows[1:]


def load_edges(spec, weight_col):
    kind, path = spec[0], spec[1]
    out = []
    if kind == "gml":
        out = [(d["source"], d["target"], 1.0) for b, d in gml_blocks(path) if b == "edge"]
    elif kind == "ws":
        for l in lines(path):
            f = l.split()
            if f and not f[0].startswith("#"):
                out.append((f[0], f[1], 1.0))
    elif kind == "csv":
        head, rows = csv_rows(path)
        wi = head.index(weight_col) if weight_col else None
        out = [(r[0], r[1], float(r[wi]) if wi is not None else 1.0) for r in rows]
    elif kind == "paj":
        pat = re.compile(r"^\s*(\d+):\s+(\d+)\s+(\d+)")
        for l in lines(path):
            m = pat.match(l)
            if m and int(m.group(1)) == spec[2]:
                out.append((m.group(2), m.group(3), 1.0))
    return out


def load_nodes(spec):
    kind, path, attr = spec
    nodes = OrderedDict()
    if kind == "gml":
        for b, d in gml_blocks(path):
            if b == "node":
                nodes[d["id"]] = d.get(attr)
    elif kind == "ws":
        for l in lines(path):
            f = l.split()
            if f:
                nodes[f[0]] = f[attr]
    elif kind == "csv":
        head, rows = csv_rows(path)
        ai = head.index(attr)
        for r in rows:
            nodes[r[0]] = r[ai]
    elif kind == "rowid":
        i = 0
        for l in lines(path):
            if l.strip():
                i += 1
                nodes[str(i)] = l.split()[attr]
    return nodes


def canon(x):
    try:
        return int(x)
    except ValueError:
        return x


def label_of(v):
    """The label Go's Categories gives: integers print without a decimal point."""
    try:
        f = float(v)
        if f == int(f) and re.fullmatch(r"[+-]?\d+", v.strip()):
            return str(int(f))
    except ValueError:
        pass
    return v


def sort_labels(labels):
    try:
        return sorted(labels, key=float)
    except ValueError:
        return sorted(labels)


def nominal_r(m):
    tot = sum(map(sum, m))
    if tot == 0:
        return float("nan")
    k = len(m)
    a = [sum(m[i]) / tot for i in range(k)]
    b = [sum(m[i][j] for i in range(k)) / tot for j in range(k)]
    s = sum(a[i] * b[i] for i in range(k))
    t = sum(m[i][i] for i in range(k)) / tot
    if 1 - s <= 1e-12:
        return float("nan")
    return (t - s) / (1 - s)


def indices(m, sizes):
    """E-I, Coleman, H, IH, Freeman, ORWG straight from the definitions."""
    k = len(m)
    tot = sum(map(sum, m))
    diag = sum(m[i][i] for i in range(k))
    N = sum(sizes)
    out = {}
    out["ei"] = (tot - 2 * diag) / tot
    col, h, ih = {}, {}, {}
    for i in range(k):
        row = sum(m[i])
        e = row * (sizes[i] - 1) / (N - 1)
        if row == 0 or (m[i][i] <= e and e == 0):
            col[i] = None
        elif m[i][i] > e:
            col[i] = (m[i][i] - e) / (row - e)
        else:
            col[i] = (m[i][i] - e) / e
        h[i] = m[i][i] / row if row else None
        w = sizes[i] / N
        ih[i] = (h[i] - w) / (1 - w) if h[i] is not None and w < 1 else None
    out["coleman"], out["h"], out["ih"] = col, h, ih
    between = tot - diag
    ecct = tot * (N * N - sum(s * s for s in sizes)) / (N * (N - 1))
    out["freeman"] = (ecct - between) / ecct
    pw = sum(s * (s - 1) for s in sizes)
    pb = N * (N - 1) - pw
    out["orwg"] = (diag / (pw - diag)) / (between / (pb - between)) if between and pw - diag else None
    return out


def jackknife(m, edges_cells, directed):
    """Newman's sigma_r = sqrt(sum_i (r_i - r)^2), r_i with edge i removed, recomputed in full."""
    r = nominal_r(m)
    v = 0.0
    k = len(m)
    for g, h in edges_cells:
        mm = [row[:] for row in m]
        mm[g][h] -= 1
        if not directed:
            mm[h][g] -= 1
        v += (nominal_r(mm) - r) ** 2
    return math.sqrt(v)


def close(a, b, what, tol=1e-12):
    if (a is None or (isinstance(a, float) and math.isnan(a))) and (b is None or (isinstance(b, float) and math.isnan(b))):
        return
    if abs(a - b) > tol:
        raise SystemExit("%s: networkx %r and igraph %r disagree" % (what, a, b))


def nan_none(x):
    return None if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))) else x


def analyse(ds):
    directed = ds["directed"]
    recs = load_edges(ds["py"]["edges"], ds.get("weight"))
    attrs = load_nodes(ds["py"]["nodes"])
    order = [canon(k) for k in attrs]
    attr = {canon(k): v for k, v in attrs.items()}
    seen = set(order)
    for s, t, _ in recs:
        for x in (canon(s), canon(t)):
            if x not in seen:
                seen.add(x)
                order.append(x)
    pos = {x: i for i, x in enumerate(order)}
    W = OrderedDict()
    loops = 0
    for s, t, w in recs:
        s, t = canon(s), canon(t)
        if s == t:
            loops += 1
            continue
        key = (s, t) if directed else tuple(sorted((s, t), key=lambda z: pos[z]))
        W[key] = W.get(key, 0.0) + w
    N = len(order)
    labels = sort_labels(sorted({label_of(v) for v in attr.values() if v is not None}))
    code = {l: i for i, l in enumerate(labels)}
    missing = [x for x in order if attr.get(x) is None]
    if missing:
        raise SystemExit("%s: %d nodes without a value; networkx would count None as a group" % (ds["name"], len(missing)))
    lab = {x: label_of(attr[x]) for x in order}

    # The same simple graph for both libraries.
    G = nx.DiGraph() if directed else nx.Graph()
    for x in order:
        G.add_node(x, a=lab[x])
    G.add_edges_from(W.keys())
    H = ig.Graph(n=N, edges=[(pos[s], pos[t]) for s, t in W], directed=directed)
    types = [code[lab[x]] for x in order]
    assert G.number_of_edges() == H.ecount() == len(W)

    res = OrderedDict(name=ds["name"], directed=directed, go=ds["go"], nodes=N, simple_edges=len(W),
                      self_loops=loops, attribute=ds["go"]["attr"], labels=labels)
    # Mixing matrix (networkx convention) and nominal r.
    M = nx.attribute_mixing_matrix(G, "a", mapping=code, normalized=False)
    mix = [[int(round(M[i][j])) for j in range(len(labels))] for i in range(len(labels))]
    res["mixing"] = mix
    r_nx = nx.attribute_assortativity_coefficient(G, "a")
    r_ig = H.assortativity_nominal(types, directed=True)
    close(r_nx, r_ig, ds["name"] + " nominal r")
    close(r_nx, nominal_r(mix), ds["name"] + " nominal r (networkx vs definition)", 1e-12)
    res["assortativity"] = nan_none(r_nx)
    res["assortativity_igraph"] = nan_none(r_ig)
    sizes = [sum(1 for x in order if lab[x] == l) for l in labels]
    res["sizes"] = sizes
    cells = [(code[lab[s]], code[lab[t]]) for s, t in W]
    res["assortativity_se"] = nan_none(jackknife(mix, cells, directed))
    ind = indices(mix, sizes)
    res["ei"] = ind["ei"]
    res["freeman"] = ind["freeman"]
    res["orwg"] = nan_none(ind["orwg"])
    res["coleman"] = {labels[i]: nan_none(v) for i, v in ind["coleman"].items()}
    res["homophily_index"] = {labels[i]: nan_none(v) for i, v in ind["h"].items()}
    res["inbreeding"] = {labels[i]: nan_none(v) for i, v in ind["ih"].items()}
    if ds.get("weight"):
        wm = [[0.0] * len(labels) for _ in labels]
        for (s, t), w in W.items():
            wm[code[lab[s]]][code[lab[t]]] += w
            if not directed:
                wm[code[lab[t]]][code[lab[s]]] += w
        res["weighted_mixing"] = wm
        res["weighted_assortativity"] = nan_none(nominal_r(wm))
    if ds["numeric"]:
        vals = [float(attr[x]) for x in order]
        for x in order:
            G.nodes[x]["v"] = float(attr[x])
        n_nx = nx.numeric_assortativity_coefficient(G, "v")
        n_ig = H.assortativity(vals, directed=True)
        close(n_nx, n_ig, ds["name"] + " numeric r")
        res["numeric_assortativity"] = nan_none(n_nx)
    # Degree assortativity.
    deg = OrderedDict()
    if directed:
        outd, ind_ = H.outdegree(), H.indegree()
        pick = {"out": outd, "in": ind_}
        for xs, ys in (("out", "in"), ("out", "out"), ("in", "in"), ("in", "out")):
            d_nx = nx.degree_assortativity_coefficient(G, x=xs, y=ys)
            d_ig = H.assortativity(pick[xs], pick[ys], directed=True)
            close(d_nx, d_ig, "%s degree %s-%s" % (ds["name"], xs, ys))
            deg["%s-%s" % (xs, ys)] = nan_none(d_nx)
        close(deg["out-in"], H.assortativity_degree(directed=True), ds["name"] + " assortativity_degree")
    else:
        d_nx = nx.degree_assortativity_coefficient(G)
        close(d_nx, H.assortativity_degree(directed=False), ds["name"] + " degree")
        deg["undirected"] = nan_none(d_nx)
    res["degree_assortativity"] = deg
    return res


def main():
    # networkx sums over sets of string labels, whose order (and so the last
    # bit of a float) follows Python's hash seed: fix it, so that reruns
    # write the same file.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    out = OrderedDict(
        generator="scripts/golden_homophily.py",
        networkx=nx.__version__, igraph=ig.__version__,
        note="nominal/numeric/degree assortativity from networkx and igraph (agree to 1e-12); "
             "mixing from nx.attribute_mixing_matrix (undirected edges counted from both ends); "
             "ei/coleman/freeman/orwg/inbreeding/jackknife/weighted computed from the definitions here",
        datasets=[])
    for ds in DATASETS:
        try:
            res = analyse(ds)
        except FileNotFoundError as e:
            print("skip %s: %s" % (ds["name"], e))
            continue
        out["datasets"].append(res)
        print("%-28s n=%5d m=%6d r=%.6f se=%.6f deg=%s" % (
            res["name"], res["nodes"], res["simple_edges"], res["assortativity"] or float("nan"),
            res["assortativity_se"] or float("nan"),
            ", ".join("%s %.4f" % (k, v) for k, v in res["degree_assortativity"].items())))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
