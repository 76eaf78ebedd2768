#!/usr/bin/env python3
"""python-igraph's fastest pipeline for the indices of issue 3, for comparison.

Reads a 0-based space-separated edge list (igraph's Read_Edgelist) and a
group per node, simplifies (merging parallel arcs, dropping loops, as the
toolkit does), then computes edge reciprocity, the dyad census, the mixing
matrix, nominal assortativity and degree assortativity. igraph has no
jackknife standard error; that part is not timed here.

Usage: /usr/bin/python3 igraph_pipeline.py EDGES.txt GROUPS.txt
Prints one JSON object with the values, seconds and peak RSS (MiB).
"""
import json
import resource
import sys
import time

import igraph as ig
import numpy as np

t0 = time.time()
g = ig.Graph.Read_Edgelist(sys.argv[1], directed=True)
groups = np.loadtxt(sys.argv[2], dtype=np.int64)
g.simplify(multiple=True, loops=True)
n = g.vcount()
groups = groups[:n]
g.vs["group"] = groups.tolist()
r = g.reciprocity(ignore_loops=True)
mutual, asym, null = g.dyad_census()
a_nom = g.assortativity_nominal("group", directed=True)
a_deg = g.assortativity_degree(directed=True)
el = np.array(g.get_edgelist(), dtype=np.int64)
k = int(groups.max()) + 1
mix = np.bincount(groups[el[:, 0]] * k + groups[el[:, 1]], minlength=k * k).reshape(k, k)
secs = time.time() - t0
print(json.dumps({
    "tool": "python-igraph " + ig.__version__,
    "seconds": round(secs, 2),
    "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "arcs": g.ecount(), "reciprocity": r,
    "dyads": [int(mutual), int(asym), int(null)],
    "assortativity": a_nom, "degree_assortativity": a_deg,
    "mixing_trace": int(np.trace(mix)),
}))
