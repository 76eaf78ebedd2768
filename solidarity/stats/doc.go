// Package stats gathers the whole-network report behind 'solidarity stats'
// and solidarity.Stats: what was loaded, reciprocity, degree assortativity
// and the homophily of one attribute, in one value that prints as text,
// renders as an HTML table in a notebook and marshals to the JSON contract
// of the command line (NaN as null, with a reason under "reasons").
package stats
