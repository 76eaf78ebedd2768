#!/usr/bin/env python3
"""networkx's pipeline for the indices of issue 3, for comparison.

Usage: /usr/bin/python3 networkx_pipeline.py EDGES.txt GROUPS.txt
networkx is far slower, so compare.sh runs it on a tenth of the arcs.
"""
import json
import resource
import sys
import time

import networkx as nx

t0 = time.time()
g = nx.read_edgelist(sys.argv[1], create_using=nx.DiGraph, nodetype=int)
g.remove_edges_from(list(nx.selfloop_edges(g)))
with open(sys.argv[2]) as f:
    groups = [int(x) for x in f]
nx.set_node_attributes(g, {v: groups[v] for v in g}, "group")
r = nx.overall_reciprocity(g)
a_nom = nx.attribute_assortativity_coefficient(g, "group")
a_deg = nx.degree_assortativity_coefficient(g, x="out", y="in")
mix = nx.attribute_mixing_matrix(g, "group")
secs = time.time() - t0
print(json.dumps({
    "tool": "networkx " + nx.__version__,
    "seconds": round(secs, 2),
    "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "arcs": g.number_of_edges(), "reciprocity": r,
    "assortativity": a_nom, "degree_assortativity": a_deg,
}))
