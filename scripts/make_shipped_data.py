#!/usr/bin/python3
"""Write the small data sets the toolkit ships in datasets/ (run from the repo root).

    /usr/bin/python3 scripts/make_shipped_data.py

It writes, deterministically (re-running gives byte-identical files):

- datasets/karate/edges.csv (source,target,weight) and nodes.csv (id,club):
  Zachary's karate club as Debian's python3-networkx (2.8.8) ships it in
  nx.karate_club_graph(). The weights are Zachary's interaction counts
  (matrix C of the 1977 paper), the `club` attribute is the faction each
  member joined after the split ("Mr. Hi" or "Officer").
- datasets/engagement/edges.csv (source,target,time,kind) and nodes.csv
  (id,group,activity): a synthetic engagement network with planted group
  homophily and reciprocity. The planted parameters are the constants below;
  datasets/README.md documents them and datasets/datasets_test.go recovers them.

The synthetic generator uses only random.Random(SEED) (Mersenne Twister,
stable across Python 3 versions) and integer arithmetic for output, so the files
do not depend on the machine.
"""
import csv
import os
import random
import sys

SEED = 20240301
N = 300
GROUPS = [("a", 150), ("b", 100), ("c", 50)]  # group sizes (before hiding)
MISSING_GROUP = 6         # nodes whose group is left empty (attribute missing)
FOLLOWS = 900             # initial follow ties (distinct, no self-ties)
HOMOPHILY = 0.8           # P(target drawn from the source's own group)
RECIPROCITY = 0.35        # P(an initial follow is followed back)
ENGAGEMENTS = 1500        # like/share/reply events on follow ties
KIND_P = [("like", 0.60), ("share", 0.25), ("reply", 0.15)]
REPLY_BACK = 0.5          # P(a reply gets a reply back, target -> source)
SELF_REPLIES = 5          # self-loops: a user replying in their own thread
T0 = 1709251200           # 2024-03-01T00:00:00Z
SPAN = 30 * 24 * 3600     # 30 days


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def karate():
    import networkx as nx
    g = nx.karate_club_graph()
    assert nx.__version__ == "2.8.8", nx.__version__
    assert g.number_of_nodes() == 34 and g.number_of_edges() == 78
    nodes = [(v, g.nodes[v]["club"]) for v in sorted(g.nodes)]
    edges = sorted((min(u, v), max(u, v), d.get("weight", 1)) for u, v, d in g.edges(data=True))
    write("datasets/karate/nodes.csv", ["id", "club"], nodes)
    write("datasets/karate/edges.csv", ["source", "target", "weight"], edges)


def engagement():
    rng = random.Random(SEED)
    group = []
    for name, size in GROUPS:
        group += [name] * size
    assert len(group) == N
    rng.shuffle(group)
    members = {name: [v for v in range(N) if group[v] == name] for name, _ in GROUPS}
    # activity: how much content a user engages with (a positive number,
    # 2 decimals); drives who acts, so degrees are heterogeneous.
    activity = [round(rng.lognormvariate(0.0, 0.75), 2) for _ in range(N)]
    total = sum(activity)
    cum = []
    s = 0.0
    for a in activity:
        s += a
        cum.append(s)

    def active():
        x = rng.random() * total
        lo, hi = 0, N - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return lo

    follows = {}  # (u, v) -> time
    order = []
    while len(order) < FOLLOWS:
        u = active()
        if rng.random() < HOMOPHILY:
            pool = members[group[u]]
        else:
            pool = [v for name, vs in members.items() if name != group[u] for v in vs]
        v = rng.choice(pool)
        if v == u or (u, v) in follows:
            continue
        follows[(u, v)] = T0 + rng.randrange(SPAN // 2)
        order.append((u, v))
    initial = list(order)
    for (u, v) in initial:
        if rng.random() < RECIPROCITY and (v, u) not in follows:
            follows[(v, u)] = follows[(u, v)] + 60 + rng.randrange(3 * 24 * 3600)
            order.append((v, u))
    edges = [(u, v, follows[(u, v)], "follow") for (u, v) in order]
    for _ in range(ENGAGEMENTS):
        u, v = order[rng.randrange(len(order))]
        x = rng.random()
        kind = KIND_P[-1][0]
        for k, p in KIND_P:
            if x < p:
                kind = k
                break
            x -= p
        t = follows[(u, v)] + rng.randrange(T0 + SPAN - follows[(u, v)])
        edges.append((u, v, t, kind))
        if kind == "reply" and rng.random() < REPLY_BACK:
            edges.append((v, u, t + 30 + rng.randrange(6 * 3600), "reply"))
    for _ in range(SELF_REPLIES):
        u = rng.randrange(N)
        edges.append((u, u, T0 + rng.randrange(SPAN), "reply"))
    edges.sort(key=lambda e: (e[2], e[0], e[1], e[3]))
    hidden = set(rng.sample(range(N), MISSING_GROUP))
    nodes = [(v, "" if v in hidden else group[v], "%.2f" % activity[v]) for v in range(N)]
    write("datasets/engagement/nodes.csv", ["id", "group", "activity"], nodes)
    write("datasets/engagement/edges.csv", ["source", "target", "time", "kind"], edges)


if __name__ == "__main__":
    if not os.path.exists("datasets/registry.json"):
        sys.exit("run from the repository root (datasets/registry.json not found)")
    karate()
    engagement()
