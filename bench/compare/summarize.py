#!/usr/bin/env python3
"""Summarise the runs of compare.sh: a table of wall seconds, CPU seconds
(user+sys) and peak RSS per tool with ratios to the toolkit, then a check
that the tools agree (reciprocity, dyad census, nominal and degree
assortativity, mixing-matrix trace) within 1e-9.

Usage: summarize.py RUNS_DIR REPEAT NODES ARCS   (exit 1 on disagreement)
"""
import glob
import json
import os
import statistics
import sys

runs, repeat, nodes, arcs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])


def load(name):
    times, outs = [], []
    for t in sorted(glob.glob(os.path.join(runs, name + ".*.time"))):
        with open(t) as f:
            last = f.read().split("\n")
        # /usr/bin/time prints "Command exited with non-zero status" first on failure.
        e, u, s, m = [x for x in last if x.strip()][-1].split()
        times.append((float(e), float(u) + float(s), int(m) / 1024))
        with open(t[: -len(".time")] + ".json") as f:
            txt = f.read()
        outs.append(json.loads(txt) if txt.strip() else {})
    return times, outs


rows = [
    ("solidarity", "toolkit: stats (CSV + all indices + jackknife)", "solidarity"),
    ("solidarity-load", "toolkit: info (CSV load + index only)", "solidarity"),
    ("igraph", "python-igraph Read_Edgelist + simplify + indices", "solidarity"),
    ("duckdb", "DuckDB SQL: reciprocity + mixing from CSV", "solidarity"),
    ("solidarity-tenth", "toolkit: stats on 1/10 of the arcs", "solidarity-tenth"),
    ("networkx", "networkx on 1/10 of the arcs", "solidarity-tenth"),
]
data = {name: load(name) for name, _, _ in rows}

with open(os.path.join(runs, "loadavg.before")) as f:
    before = " ".join(f.read().split()[:3])
with open(os.path.join(runs, "loadavg.after")) as f:
    after = " ".join(f.read().split()[:3])
print(f"\n{nodes:,} nodes, {arcs:,} arc records; median of {repeat} runs; "
      f"load average before {before}, after {after}; {os.cpu_count()} CPUs\n")
hdr = ("tool", "wall s", "min wall", "CPU s", "peak RSS MiB", "wall ×", "CPU ×", "RSS ×")
print("| " + " | ".join(hdr) + " |")
print("|" + "|".join(["---"] + ["---:"] * (len(hdr) - 1)) + "|")
med = {}
for name, label, ref in rows:
    times, _ = data[name]
    if not times:
        continue
    med[name] = (statistics.median(t[0] for t in times), min(t[0] for t in times),
                 statistics.median(t[1] for t in times), max(t[2] for t in times))
for name, label, ref in rows:
    if name not in med:
        continue
    w, wmin, c, m = med[name]
    rw, _, rc, rm = med.get(ref, (w, wmin, c, m))
    print(f"| {label} | {w:.2f} | {wmin:.2f} | {c:.2f} | {m:,.0f} | {w / rw:.1f} | {c / rc:.1f} | {m / rm:.2f} |")

# Agreement.
ok = True


def check(what, a, b, tol=1e-9):
    global ok
    if a is None or b is None:
        print(f"  {what}: missing ({a}, {b})")
        return
    good = abs(a - b) <= tol * max(1.0, abs(a), abs(b))
    ok = ok and good
    print(f"  {what}: {a!r} vs {b!r} {'ok' if good else 'DISAGREE'}")


def ours(name):
    outs = data[name][1]
    if not outs:
        return None
    o = outs[0]
    counts = o["homophily"]["mixing"]["counts"]
    return {
        "reciprocity": o["reciprocity"]["edge"],
        "dyads": [o["reciprocity"]["dyads"][k] for k in ("mutual", "asymmetric", "null")],
        "assortativity": o["homophily"]["assortativity"],
        "degree_assortativity": o["degree_assortativity"],
        "mixing_trace": sum(counts[i][i] for i in range(len(counts))),
        "arcs": o["simple_edges"],
    }


print("\nagreement (relative tolerance 1e-9):")
us, us10 = ours("solidarity"), ours("solidarity-tenth")
if us and data["igraph"][1]:
    ig = data["igraph"][1][0]
    for k in ("arcs", "reciprocity", "assortativity", "degree_assortativity", "mixing_trace"):
        check(f"igraph {k}", us[k], ig.get(k))
    for i, k in enumerate(("mutual", "asymmetric", "null")):
        check(f"igraph dyads {k}", us["dyads"][i], ig["dyads"][i])
if us and data["duckdb"][1]:
    check("duckdb reciprocity", us["reciprocity"], data["duckdb"][1][0].get("reciprocity"))
if us10 and data["networkx"][1]:
    nx = data["networkx"][1][0]
    for k in ("arcs", "reciprocity", "assortativity", "degree_assortativity"):
        check(f"networkx (1/10) {k}", us10[k], nx.get(k))
print("all agree" if ok else "DISAGREEMENT")
sys.exit(0 if ok else 1)
