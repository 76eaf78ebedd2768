// Package datasets holds the data the toolkit carries inside its binary: the
// registry of public social data sets (registry.json, read by
// solidarity/registry) and two small networks it may legally ship, so that
// the main job runs with no network and no files:
//
//   - "engagement" (the default): a seeded synthetic engagement network with
//     planted group homophily and reciprocity, and a time and kind
//     (follow/like/share/reply) per edge;
//   - "karate": Zachary's karate club with the faction attribute "club",
//     written from Debian's python3-networkx 2.8.8.
//
// Both are made by scripts/make_shipped_data.py; README.md documents the
// planted parameters and the provenance.
package datasets
