package duckdb

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

// Options choose what Stats covers: the options of 'solidarity stats'
// that do not need the whole network in memory.
type Options struct {
	// Attr is the node attribute to measure homophily by ("" = none).
	Attr string
	// Weighted uses merged edge weights in the homophily indices.
	Weighted bool
	// DegreeModes adds, for a directed network, the in-in, out-out and
	// in-out degree assortativities next to the out-in one.
	DegreeModes bool
}

// Stats computes the whole-network report of 'solidarity stats' with SQL
// over the files of in: the same merge rule (parallel records merge with
// weights added, self-loops are left out), the same numbers and the same
// JSON (stats.Report.MarshalJSON) as the in-memory core. SQL reduces the
// records to the sums of package mergeable; the core's own finishing
// functions make the numbers from them.
//
// Stages (each a DuckDB query that spills to the temp directory past the
// memory limit): one scan for record counts and checks; one GROUP BY over
// the unordered pair (the merged arcs); per-node degrees from the pairs;
// then small aggregates: reciprocity sums, the (degree, mutual) histogram,
// the degree-pair histogram of the arcs, and with an attribute the mixing
// cells (plus, weighted, a GROUP BY of (group, group, weight) for the
// jackknife).
func (d *DB) Stats(ctx context.Context, in Input, opt Options) (*stats.Report, error) {
	if in.Edges == "" {
		return nil, fmt.Errorf("duckdb: no edges file")
	}
	cols := in.Columns
	if cols.Source == "" {
		cols.Source = network.ColSource
	}
	if cols.Target == "" {
		cols.Target = network.ColTarget
	}
	if cols.ID == "" {
		cols.ID = network.ColID
	}
	d.stage("schema")
	er, err := in.reader(in.Edges, true)
	if err != nil {
		return nil, err
	}
	ecols, err := d.schema(ctx, in.Edges, er)
	if err != nil {
		return nil, err
	}
	sc, ok1 := find(ecols, cols.Source)
	tc, ok2 := find(ecols, cols.Target)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("duckdb: %s: no column %q or %q (columns: %s)", in.Edges, cols.Source, cols.Target, strings.Join(names(ecols), ", "))
	}
	strIDs := isStringType(sc.typ)
	if !(strIDs && isStringType(tc.typ)) && !(isIntType(sc.typ) && isIntType(tc.typ)) {
		return nil, fmt.Errorf("duckdb: %s: columns %q (%s) and %q (%s): want both integer or both string ids",
			in.Edges, cols.Source, sc.typ, cols.Target, tc.typ)
	}
	weightExpr := "1.0::DOUBLE"
	weighted := false
	switch wname := cols.Weight; {
	case wname == "-":
	case wname == "" || wname == network.ColWeight:
		// The default weight column is optional, as in memory.
		if _, ok := find(ecols, network.ColWeight); ok {
			weightExpr, weighted = "CAST("+ident(network.ColWeight)+" AS DOUBLE)", true
		}
	default:
		if _, ok := find(ecols, wname); !ok {
			return nil, fmt.Errorf("duckdb: %s: no weight column %q (columns: %s)", in.Edges, wname, strings.Join(names(ecols), ", "))
		}
		weightExpr, weighted = "CAST("+ident(wname)+" AS DOUBLE)", true
	}
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP VIEW e AS SELECT "+ident(cols.Source)+" AS s, "+ident(cols.Target)+" AS t, "+
		weightExpr+" AS w FROM "+er); err != nil {
		return nil, err
	}
	var ncols []column
	var idc column
	if in.Nodes != "" {
		nr, err := in.reader(in.Nodes, false)
		if err != nil {
			return nil, err
		}
		if ncols, err = d.schema(ctx, in.Nodes, nr); err != nil {
			return nil, err
		}
		var ok bool
		if idc, ok = find(ncols, cols.ID); !ok {
			return nil, fmt.Errorf("duckdb: %s: no id column %q (columns: %s)", in.Nodes, cols.ID, strings.Join(names(ncols), ", "))
		}
		if isStringType(idc.typ) != strIDs || !(isStringType(idc.typ) || isIntType(idc.typ)) {
			return nil, fmt.Errorf("duckdb: %s: column %q is %s but edge ids are %s: convert one so they match", in.Nodes, cols.ID, idc.typ, sc.typ)
		}
		if err := d.exec(ctx, "CREATE OR REPLACE TEMP VIEW nv AS SELECT *, "+ident(cols.ID)+" AS _id FROM "+nr); err != nil {
			return nil, err
		}
	}
	if opt.Attr != "" && in.Nodes == "" {
		return nil, fmt.Errorf("duckdb: %s has no nodes table, so no attribute %q", in.Edges, opt.Attr)
	}
	var attrc column
	if opt.Attr != "" {
		var ok bool
		if attrc, ok = find(ncols, opt.Attr); !ok {
			return nil, fmt.Errorf("duckdb: %s: no column %q (columns: %s)", in.Nodes, opt.Attr, strings.Join(names(ncols), ", "))
		}
	}

	// Scan 1: records, and the checks the in-memory reader makes.
	d.stage("records")
	var records, nullEnds, badW int64
	q := "SELECT count(*), count_if(s IS NULL OR t IS NULL), count_if(w IS NULL OR isnan(w)) FROM e"
	if err := d.conn.QueryRowContext(ctx, q).Scan(&records, &nullEnds, &badW); err != nil {
		return nil, fmt.Errorf("duckdb: reading %s: %w", in.Edges, err)
	}
	if nullEnds > 0 {
		return nil, fmt.Errorf("duckdb: %s: %d records have an empty %q or %q (every edge needs both ends)", in.Edges, nullEnds, cols.Source, cols.Target)
	}
	if badW > 0 {
		return nil, fmt.Errorf("duckdb: %s: %d records have an empty or NaN weight (weights must be numbers)", in.Edges, badW)
	}

	// Scan 2: merged pairs. Loops become rows with u = v and no arc.
	d.stage("pairs")
	pairs := `CREATE OR REPLACE TEMP TABLE pairs AS
SELECT least(s, t) AS u, greatest(s, t) AS v,
       bool_or(s < t) AS f, bool_or(s > t) AS b,
       coalesce(sum(w) FILTER (WHERE s < t), 0) AS wf, coalesce(sum(w) FILTER (WHERE s > t), 0) AS wb,
       count(*) AS n
FROM e GROUP BY ALL`
	if in.Undirected {
		pairs = `CREATE OR REPLACE TEMP TABLE pairs AS
SELECT u, v, u <> v AS f, u <> v AS b, sum(w) AS wf, sum(w) AS wb, count(*) AS n
FROM (SELECT least(s, t) AS u, greatest(s, t) AS v, w FROM e) GROUP BY ALL`
	}
	if err := d.exec(ctx, pairs); err != nil {
		return nil, err
	}
	var loops, loopNodes int64
	if err := d.conn.QueryRowContext(ctx, "SELECT coalesce(sum(n), 0)::BIGINT, count(*) FROM pairs WHERE u = v").Scan(&loops, &loopNodes); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP TABLE loopnodes AS SELECT u AS id FROM pairs WHERE u = v"); err != nil {
		return nil, err
	}
	if err := d.exec(ctx, "DELETE FROM pairs WHERE u = v"); err != nil {
		return nil, err
	}

	// Reciprocity sums over the pairs (Reciprocity.AddPair in SQL).
	d.stage("reciprocity")
	var rec mergeable.Reciprocity
	var npairs int64
	var wrec *float64
	q = `SELECT count(*), (count_if(f) + count_if(b))::BIGINT, (2 * count_if(f AND b))::BIGINT,
       coalesce(sum(CASE WHEN f THEN wf ELSE 0 END) + sum(CASE WHEN b THEN wb ELSE 0 END), 0),
       2 * sum(least(wf, wb)) FILTER (WHERE f AND b),
       (count_if(f AND wf < 0) + count_if(b AND wb < 0))::BIGINT,
       (count_if(f AND isinf(wf) AND wf > 0) + count_if(b AND isinf(wb) AND wb > 0))::BIGINT
FROM pairs`
	if err := d.conn.QueryRowContext(ctx, q).Scan(&npairs, &rec.Arcs, &rec.Reciprocated, &rec.Weight, &wrec, &rec.Negative, &rec.Infinite); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	if wrec != nil {
		rec.WeightReciprocated = *wrec
	}
	simple := rec.Arcs
	if in.Undirected {
		simple = npairs
	}

	// Node summaries (Pair.Ends, merged per node).
	d.stage("nodes")
	if err := d.exec(ctx, `CREATE OR REPLACE TEMP TABLE deg AS
SELECT id, sum(o)::BIGINT AS o, sum(i)::BIGINT AS i, sum(m)::BIGINT AS m FROM (
  SELECT u AS id, f::INT AS o, b::INT AS i, (f AND b)::INT AS m FROM pairs
  UNION ALL
  SELECT v AS id, b::INT AS o, f::INT AS i, (f AND b)::INT AS m FROM pairs) GROUP BY id`); err != nil {
		return nil, err
	}
	err = d.rows(ctx, "SELECT o + i, m, count(*) FROM deg GROUP BY ALL", func(scan func(...any) error) error {
		var k mergeable.NodeKey
		var c int64
		if err := scan(&k.Degree, &k.Mutual, &c); err != nil {
			return err
		}
		if rec.Nodes == nil {
			rec.Nodes = map[mergeable.NodeKey]int64{}
		}
		if k.Degree > 0 {
			rec.Nodes[k] += c
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	load := network.Report{
		Directed: !in.Undirected, EdgeRecords: int(records), SelfLoops: int(loops),
		SimpleEdges: int(simple), ParallelEdges: int(records - loops - simple), Weighted: weighted,
		EdgeColumns: names(ecols), NodeColumns: names(ncols),
	}
	var withArcs int64
	if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM deg").Scan(&withArcs); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	if in.Nodes != "" {
		var rows, distinct, nullIDs int64
		if err := d.conn.QueryRowContext(ctx, "SELECT count(*), count(DISTINCT _id), count_if(_id IS NULL) FROM nv").Scan(&rows, &distinct, &nullIDs); err != nil {
			return nil, fmt.Errorf("duckdb: reading %s: %w", in.Nodes, err)
		}
		if nullIDs > 0 {
			return nil, fmt.Errorf("duckdb: %s: %d rows have an empty %q (every node needs an id)", in.Nodes, nullIDs, cols.ID)
		}
		if distinct != rows {
			return nil, fmt.Errorf("duckdb: %s: %d rows but %d distinct ids in %q: ids must be unique", in.Nodes, rows, distinct, cols.ID)
		}
		var total int64
		if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT _id AS id FROM nv UNION SELECT id FROM deg UNION SELECT id FROM loopnodes)").Scan(&total); err != nil {
			return nil, fmt.Errorf("duckdb: %w", err)
		}
		load.Nodes, load.NodeRows = int(total), int(rows)
		load.NodesOnlyInEdges = load.Nodes - load.NodeRows
		load.NodesNoAttrs = load.Nodes
		if len(ncols) > 1 {
			var conds []string
			for _, c := range ncols {
				if c.name != cols.ID {
					conds = append(conds, ident(c.name)+" IS NULL")
				}
			}
			var empty int64
			if err := d.conn.QueryRowContext(ctx, "SELECT count_if("+strings.Join(conds, " AND ")+") FROM nv").Scan(&empty); err != nil {
				return nil, fmt.Errorf("duckdb: %w", err)
			}
			load.NodesNoAttrs = load.NodesOnlyInEdges + int(empty)
		}
	} else {
		var total int64
		if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT id FROM deg UNION SELECT id FROM loopnodes)").Scan(&total); err != nil {
			return nil, fmt.Errorf("duckdb: %w", err)
		}
		load.Nodes = int(total)
		load.NodesOnlyInEdges = load.Nodes
		load.NodesNoAttrs = load.Nodes
	}
	load.IsolatedNodes = load.Nodes - int(withArcs)
	rs := rec.Finish(mergeable.Load{Directed: !in.Undirected, Nodes: load.Nodes, SelfLoops: load.SelfLoops, Parallel: load.ParallelEdges})

	// Degree pairs: each arc joined to the degrees of its ends.
	d.stage("degree assortativity")
	deg, modes, err := d.degreePairs(ctx, in.Undirected, opt.DegreeModes)
	if err != nil {
		return nil, err
	}

	var h *homophily.Summary
	if opt.Attr != "" {
		d.stage("mixing")
		h, err = d.mixing(ctx, in, opt, attrc, load.Nodes)
		if err != nil {
			return nil, err
		}
	}
	return mergeable.Report(in.Edges, load, &rs, deg, modes, h), nil
}

const arcsCTE = `WITH arcs AS (SELECT u AS a, v AS b, wf AS w FROM pairs WHERE f
                 UNION ALL SELECT v AS a, u AS b, wb AS w FROM pairs WHERE b) `

func (d *DB) degreePairs(ctx context.Context, undirected, allModes bool) (*homophily.Numeric, map[string]*homophily.Numeric, error) {
	if undirected {
		var dp mergeable.DegreePairs
		err := d.rows(ctx, "SELECT x.o, y.o, count(*) FROM pairs JOIN deg x ON pairs.u = x.id JOIN deg y ON pairs.v = y.id GROUP BY ALL",
			func(scan func(...any) error) error {
				var a, b, c int64
				if err := scan(&a, &b, &c); err != nil {
					return err
				}
				dp.AddEdge(a, b, c)
				return nil
			})
		if err != nil {
			return nil, nil, err
		}
		return dp.Finish(false, homophily.OutIn), nil, nil
	}
	var outIn, inIn, outOut, inOut mergeable.DegreePairs
	q := arcsCTE + "SELECT x.o, y.i, count(*) FROM arcs JOIN deg x ON arcs.a = x.id JOIN deg y ON arcs.b = y.id GROUP BY ALL"
	if allModes {
		q = arcsCTE + "SELECT x.o, x.i, y.o, y.i, count(*) FROM arcs JOIN deg x ON arcs.a = x.id JOIN deg y ON arcs.b = y.id GROUP BY ALL"
	}
	err := d.rows(ctx, q, func(scan func(...any) error) error {
		if !allModes {
			var x, y, c int64
			if err := scan(&x, &y, &c); err != nil {
				return err
			}
			outIn.AddArc(x, y, c)
			return nil
		}
		var xo, xi, yo, yi, c int64
		if err := scan(&xo, &xi, &yo, &yi, &c); err != nil {
			return err
		}
		outIn.AddArc(xo, yi, c)
		inIn.AddArc(xi, yi, c)
		outOut.AddArc(xo, yo, c)
		inOut.AddArc(xi, yo, c)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	r := outIn.Finish(true, homophily.OutIn)
	if !allModes {
		return r, nil, nil
	}
	return r, map[string]*homophily.Numeric{
		string(homophily.OutIn):  r,
		string(homophily.InIn):   inIn.Finish(true, homophily.InIn),
		string(homophily.OutOut): outOut.Finish(true, homophily.OutOut),
		string(homophily.InOut):  inOut.Finish(true, homophily.InOut),
	}, nil
}

// mixing fills the Mixing summary from the node labels and the arcs.
func (d *DB) mixing(ctx context.Context, in Input, opt Options, attr column, nodes int) (*homophily.Summary, error) {
	val := ident(attr.name)
	keep := val + " IS NOT NULL"
	if attr.typ == "DOUBLE" || attr.typ == "FLOAT" {
		keep += " AND NOT isnan(" + val + ")"
	}
	raw := isStringType(attr.typ) || isIntType(attr.typ) || attr.typ == "DOUBLE" || attr.typ == "FLOAT" || attr.typ == "BOOLEAN"
	if !raw {
		val = "CAST(" + val + " AS VARCHAR)"
	}
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP TABLE lab AS SELECT _id AS id, "+val+" AS g FROM nv WHERE "+keep); err != nil {
		return nil, err
	}
	var mix mergeable.Mixing
	mix.Sizes = map[string]int64{}
	labels := map[string]bool{}
	var valued int64
	err := d.rows(ctx, "SELECT g, count(*) FROM lab GROUP BY g", func(scan func(...any) error) error {
		var g any
		var c int64
		if err := scan(&g, &c); err != nil {
			return err
		}
		l := label(g, attr.typ)
		if labels[l] {
			return fmt.Errorf("duckdb: %s: two values of %q print as %q", in.Nodes, attr.name, l)
		}
		labels[l] = true
		mix.Sizes[l] += c
		valued += c
		return nil
	})
	if err != nil {
		return nil, err
	}
	mix.MissingNodes = int64(nodes) - valued
	entries := "(SELECT u AS a, v AS b, wf AS w FROM pairs UNION ALL SELECT v AS a, u AS b, wb AS w FROM pairs)"
	var total int64
	totalQ := "SELECT 2 * count(*) FROM pairs"
	if !in.Undirected {
		entries = "(SELECT u AS a, v AS b, wf AS w FROM pairs WHERE f UNION ALL SELECT v AS a, u AS b, wb AS w FROM pairs WHERE b)"
		totalQ = "SELECT (count_if(f) + count_if(b))::BIGINT FROM pairs"
	}
	if err := d.conn.QueryRowContext(ctx, totalQ).Scan(&total); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	err = d.rows(ctx, "SELECT x.g, y.g, count(*), sum(w) FROM "+entries+" AS arcs JOIN lab x ON arcs.a = x.id JOIN lab y ON arcs.b = y.id GROUP BY ALL",
		func(scan func(...any) error) error {
			var g, h any
			var c int64
			var w float64
			if err := scan(&g, &h, &c, &w); err != nil {
				return err
			}
			mix.AddCell(label(g, attr.typ), label(h, attr.typ), c, w)
			return nil
		})
	if err != nil {
		return nil, err
	}
	mix.AddMissing(total - mix.Kept)
	directed := !in.Undirected
	var jk *mergeable.MixingJackknife
	if opt.Weighted {
		matrix, err := mix.Matrix(directed, true)
		if err != nil {
			return nil, err
		}
		jk = mergeable.NewMixingJackknife(matrix)
		// One term per edge: arcs when directed, pairs once when not.
		edges := entries
		if in.Undirected {
			edges = "(SELECT u AS a, v AS b, wf AS w FROM pairs)"
		}
		err = d.rows(ctx, "SELECT x.g, y.g, w, count(*) FROM "+edges+" AS arcs JOIN lab x ON arcs.a = x.id JOIN lab y ON arcs.b = y.id GROUP BY ALL",
			func(scan func(...any) error) error {
				var g, h any
				var w float64
				var c int64
				if err := scan(&g, &h, &w, &c); err != nil {
					return err
				}
				return jk.AddEdge(label(g, attr.typ), label(h, attr.typ), w, c)
			})
		if err != nil {
			return nil, err
		}
	}
	return mix.Finish(opt.Attr, directed, opt.Weighted, jk)
}

// label prints a group value as the in-memory reader does (Arrow's
// ValueStr): integers in decimal, floats in the shortest form that reads
// back ('g'), booleans as true/false.
func label(v any, typ string) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case bool:
		return strconv.FormatBool(x)
	case *big.Int:
		return x.String()
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
		return fmt.Sprint(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
