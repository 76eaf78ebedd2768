#!/usr/bin/python3
"""Golden values for solidarity/reciprocal (reciprocal engagement over time) on CollegeMsg.

Run with Debian's Python (pure standard library, no pandas):

    /usr/bin/python3 scripts/golden_reciprocal.py

It reads ../shared/datasets/raw/college-msg/CollegeMsg.txt (or
$SOLIDARITY_SHARED_RAW/college-msg/CollegeMsg.txt), lines "SRC DST UNIXTS",
and recomputes, from the definitions in docs/methods/engagement.md and with
a different algorithm from the Go code (dicts of sorted time lists, bisect),
for windows of one hour and one day and both units ("first": u's first
message to v when v had not written to u strictly before; "events": every
message):

  units, returned (within W), observable (made >= W before the last
  message), returned_observable, p_return, p_return_km (1 - Kaplan-Meier
  S(W), unreturned units censored at end - t, events before censorings at
  equal times), median_km, nearest-rank quantiles of the return time among
  returns within W, and the KM survival at 0, W/4, W/2, 3W/4, W.

It also records networkx's overall_reciprocity of the static directed graph
(networkx 2.8.8, Debian's /usr/bin/python3), which the Go pair_reciprocity
must equal.

Writes solidarity/reciprocal/testdata/golden_collegemsg.json; the Go test
requires agreement to 1e-9.
"""
import bisect
import json
import math
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RAW = os.environ.get("SOLIDARITY_SHARED_RAW") or os.path.join(ROOT, "..", "shared", "datasets", "raw")
PATH = os.path.join(RAW, "college-msg", "CollegeMsg.txt")
OUT = os.path.join(ROOT, "solidarity", "reciprocal", "testdata", "golden_collegemsg.json")
QS = [0.1, 0.25, 0.5, 0.75, 0.9]


def load():
    times = defaultdict(list)
    end = None
    n = 0
    with open(PATH) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            s, d, t = line.split()[:3]
            s, d, t = int(s), int(d), int(t)
            n += 1
            end = t if end is None else max(end, t)
            if s == d:
                continue
            times[(s, d)].append(t)
    for k in times:
        times[k].sort()
    return times, end, n


def units_of(times, end, unit):
    out = []  # (t, delay or None)
    for (u, v), ts in times.items():
        rev = times.get((v, u), [])
        if unit == "first":
            t0 = ts[0]
            if rev and rev[0] < t0:
                continue
            out.append((t0, rev[0] - t0 if rev else None))
        else:
            for t in ts:
                j = bisect.bisect_left(rev, t)
                out.append((t, rev[j] - t if j < len(rev) else None))
    return out


def km(units, end):
    """Kaplan-Meier step function: list of (time, S after time)."""
    durs = []
    for t, d in units:
        if d is None:
            durs.append((end - t, 1))  # censored
        else:
            durs.append((d, 0))  # event
    durs.sort()
    at_risk = len(durs)
    s = 1.0
    steps = []
    i = 0
    while i < len(durs):
        t = durs[i][0]
        d = c = 0
        while i < len(durs) and durs[i][0] == t:
            if durs[i][1] == 0:
                d += 1
            else:
                c += 1
            i += 1
        if d:
            s *= 1 - d / at_risk
            steps.append((t, s))
        at_risk -= d + c
    return steps


def surv_at(steps, x):
    s = 1.0
    for t, v in steps:
        if t <= x:
            s = v
        else:
            break
    return s


def summary(units, end, W):
    returned = [d for t, d in units if d is not None and d <= W]
    observable = [(t, d) for t, d in units if end - t >= W]
    ret_obs = sum(1 for t, d in observable if d is not None and d <= W)
    steps = km(units, end)
    median = None
    for t, v in steps:
        if v <= 0.5:
            median = t
            break
    returned.sort()
    quant = []
    for p in QS:
        r = max(math.ceil(p * len(returned)) - 1, 0)
        quant.append(returned[r])
    return {
        "units": len(units),
        "returned": len(returned),
        "observable": len(observable),
        "returned_observable": ret_obs,
        "p_return": ret_obs / len(observable),
        "p_return_km": 1 - surv_at(steps, W),
        "median_km": median,
        "quantiles": quant,
        "survival": [surv_at(steps, W * k / 4) for k in range(5)],
    }


def main():
    if not os.path.exists(PATH):
        sys.exit("CollegeMsg.txt not found at %s" % PATH)
    times, end, n = load()
    pairs = len(times)
    mutual = sum(1 for (u, v) in times if (v, u) in times)
    cases = []
    for W in (3600, 86400):
        for unit in ("first", "events"):
            s = summary(units_of(times, end, unit), end, W)
            s.update({"window": W, "unit": unit})
            cases.append(s)
    import networkx as nx
    G = nx.DiGraph()
    G.add_edges_from(times.keys())
    out = {
        "networkx_version": nx.__version__,
        "networkx_overall_reciprocity": nx.overall_reciprocity(G),
        "source": "scripts/golden_reciprocal.py (pure Python %s) on CollegeMsg.txt" % sys.version.split()[0],
        "events": n, "end": end, "pairs": pairs, "mutual_pairs": mutual,
        "quantile_ps": QS, "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", OUT)
    for c in cases:
        print(c["unit"], c["window"], c["units"], round(c["p_return"], 4), round(c["p_return_km"], 4), c["median_km"], c["quantiles"])


if __name__ == "__main__":
    main()
