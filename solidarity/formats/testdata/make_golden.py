#!/usr/bin/python3
"""Writes the GraphML and Pajek fixtures and golden.json for formats tests.

Run with Debian's python3 (networkx 2.8.8):  /usr/bin/python3 make_golden.py
The fixtures are networkx's own karate club (Zachary 1977, BSD-licensed
networkx data) written by networkx's writers, so the Go readers are checked
against files produced by another implementation.
"""
import json
import networkx as nx

g = nx.karate_club_graph()  # 34 nodes, 78 edges, node attribute "club", edge "weight" (nx >= 2.6)
nx.write_graphml(g, "karate_nx.graphml")
nx.write_pajek(g, "karate_nx.net")

d = nx.DiGraph()
d.add_edge("a", "b", weight=2.5, kind="reply")
d.add_edge("b", "a", weight=1.0, kind="like")
d.add_edge("b", "c", weight=0.5, kind="reply")
d.add_node("z", age=41, member=True)
d.nodes["a"]["age"] = 30
d.nodes["a"]["member"] = False
nx.write_graphml(d, "small_directed.graphml")

clubs = {}
for _, c in g.nodes(data="club"):
    clubs[c] = clubs.get(c, 0) + 1
golden = {
    "networkx": nx.__version__,
    "karate": {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "weight_sum": sum(w for _, _, w in g.edges(data="weight", default=1)),
        "clubs": clubs,
    },
    "small_directed": {
        "nodes": d.number_of_nodes(),
        "edges": d.number_of_edges(),
        "weight_sum": sum(w for _, _, w in d.edges(data="weight")),
    },
}
with open("golden.json", "w") as f:
    json.dump(golden, f, indent=1, sort_keys=True)
    f.write("\n")
