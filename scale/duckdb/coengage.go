package duckdb

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/events"
)

// CoEdge is a pair of actors who co-engaged, by id (A before B in the
// order of their ids), with the weight split as coordination.Edge does.
type CoEdge struct {
	A, B     string
	AFirst   int // co-engagements where A engaged first
	BFirst   int // co-engagements where B engaged first
	Together int // co-engagements in the same second
	Items    int // distinct items co-engaged
}

// CoEngagement is the co-engagement network after thresholds and its
// coordinated components, by actor id.
type CoEngagement struct {
	Window   float64
	Events   int      // events considered (after the kind filter)
	Pairs    int64    // event pairs kept (within the window, different actors, within MaxPartners)
	Edges    []CoEdge // pairs passing MinItems and MinCoEngagements, sorted by (A, B)
	Clusters [][]string
}

// CoEngagement counts co-engagements as coordination.Analyze does, with
// SQL over the events file: per item, engagements in time order (ties in
// file order, for Parquet), each paired with the earlier engagements of
// other actors at most Window seconds before it, nearest first, at most
// MaxPartners of them (a window function over a join on the item); then
// one GROUP BY over the actor pair. The window must be given (Window > 0):
// its estimate needs the in-memory analysis. The join holds every pair of
// engagements of one item within the window before the cap, so a burst on
// a very popular item costs its square (DuckDB spills it).
func (d *DB) CoEngagement(ctx context.Context, in EventsInput, opt coordination.Options) (*CoEngagement, error) {
	if !(opt.Window > 0) || math.IsInf(opt.Window, 0) {
		return nil, fmt.Errorf("duckdb: co-engagement window %v seconds: want a positive number (estimating it needs the in-memory analysis)", opt.Window)
	}
	if opt.MinItems <= 0 {
		opt.MinItems = coordination.DefaultMinItems
	}
	if opt.MinCoEngagements <= 0 {
		opt.MinCoEngagements = opt.MinItems
	}
	if opt.MaxPartners == 0 {
		opt.MaxPartners = coordination.DefaultMaxPartners
	}
	cols := in.Columns
	for _, c := range []struct {
		s *string
		v string
	}{{&cols.Actor, events.ColActor}, {&cols.Item, events.ColItem}, {&cols.Time, events.ColTime}, {&cols.Kind, events.ColKind}} {
		if *c.s == "" {
			*c.s = c.v
		}
	}
	f, err := Input{Format: in.Format}.format(in.Events)
	if err != nil {
		return nil, err
	}
	r, texpr, err := d.eventsSource(ctx, in, cols.Time, cols.Actor, cols.Item)
	if err != nil {
		return nil, err
	}
	// Ties in time keep file order, as events.TimeOrder does.
	order, extra := "t", ""
	if f == "parquet" {
		r = "read_parquet(" + quote(in.Events) + ", filename = true, file_row_number = true)"
		order, extra = "t, filename, file_row_number", ", filename, file_row_number"
	}
	where := kindsWhere(cols.Kind, opt.Kinds)
	d.stage("items")
	if err := d.exec(ctx, `CREATE OR REPLACE TEMP TABLE ce AS
SELECT item, actor, t, row_number() OVER (PARTITION BY item ORDER BY `+order+`) AS rn
FROM (SELECT `+ident(cols.Item)+` AS item, `+ident(cols.Actor)+` AS actor, `+texpr+` AS t`+extra+` FROM `+r+where+`)`); err != nil {
		return nil, err
	}
	out := &CoEngagement{Window: opt.Window}
	var n int64
	if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM ce").Scan(&n); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	out.Events = int(n)
	d.stage("co-engagements")
	capq := ""
	if opt.MaxPartners >= 0 {
		capq = fmt.Sprintf("\nQUALIFY row_number() OVER (PARTITION BY j.item, j.rn ORDER BY i.rn DESC) <= %d", opt.MaxPartners)
	}
	if err := d.exec(ctx, `CREATE OR REPLACE TEMP TABLE cp AS
SELECT j.item, i.actor AS x, j.actor AS y, i.t AS ti, j.t AS tj
FROM ce j JOIN ce i ON i.item = j.item AND i.rn < j.rn AND (j.t - i.t) <= `+fmt.Sprint(opt.Window)+` AND i.actor <> j.actor`+capq); err != nil {
		return nil, err
	}
	if err := d.conn.QueryRowContext(ctx, "SELECT count(*) FROM cp").Scan(&out.Pairs); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	q := fmt.Sprintf(`SELECT CAST(least(x, y) AS VARCHAR), CAST(greatest(x, y) AS VARCHAR),
       count_if(ti < tj AND x < y), count_if(ti < tj AND x > y), count_if(ti = tj), count(DISTINCT item)
FROM cp GROUP BY least(x, y), greatest(x, y)
HAVING count(DISTINCT item) >= %d AND count(*) >= %d
ORDER BY least(x, y), greatest(x, y)`, opt.MinItems, opt.MinCoEngagements)
	err = d.rows(ctx, q, func(scan func(...any) error) error {
		var e CoEdge
		if err := scan(&e.A, &e.B, &e.AFirst, &e.BFirst, &e.Together, &e.Items); err != nil {
			return err
		}
		out.Edges = append(out.Edges, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out.Clusters = clusters(out.Edges)
	return out, nil
}

// clusters are the connected components of the edges, largest first,
// members in the order of the edges' ids.
func clusters(edges []CoEdge) [][]string {
	parent := map[string]string{}
	var find func(x string) string
	find = func(x string) string {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, e := range edges {
		for _, x := range []string{e.A, e.B} {
			if _, ok := parent[x]; !ok {
				parent[x] = x
			}
		}
		if a, b := find(e.A), find(e.B); a != b {
			parent[b] = a
		}
	}
	groups := map[string][]string{}
	for x := range parent {
		groups[find(x)] = append(groups[find(x)], x)
	}
	var out [][]string
	for _, m := range groups {
		slices.Sort(m)
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b []string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return cmp.Compare(a[0], b[0])
	})
	return out
}

// timeExpr converts a time column to Unix seconds as the events reader
// does: integers as they are, floats floored, timestamps floored to the
// second.
func timeExpr(file, name, typ string) (string, error) {
	switch {
	case isIntType(typ):
		return "CAST(" + ident(name) + " AS BIGINT)", nil
	case isFloatType(typ):
		return "CAST(floor(" + ident(name) + ") AS BIGINT)", nil
	case strings.HasPrefix(typ, "TIMESTAMP") || typ == "DATE":
		return "CAST(floor(epoch_us(CAST(" + ident(name) + " AS TIMESTAMP)) / 1000000.0) AS BIGINT)", nil
	}
	return "", fmt.Errorf("duckdb: %s: column %q is %s: want Unix seconds (a number) or a timestamp", file, name, typ)
}

// eventsSource opens the events file of in for SQL: the reader expression,
// after checking that the named columns exist, and the expression of the
// time column (timeCol) in Unix seconds.
func (d *DB) eventsSource(ctx context.Context, in EventsInput, timeCol string, need ...string) (reader, texpr string, err error) {
	r, err := Input{Format: in.Format}.reader(in.Events, false)
	if err != nil {
		return "", "", err
	}
	ecols, err := d.schema(ctx, in.Events, r)
	if err != nil {
		return "", "", err
	}
	for _, c := range append(need, timeCol) {
		if _, ok := find(ecols, c); !ok {
			return "", "", fmt.Errorf("duckdb: %s: no column %q (columns: %s)", in.Events, c, strings.Join(names(ecols), ", "))
		}
	}
	tc, _ := find(ecols, timeCol)
	texpr, err = timeExpr(in.Events, timeCol, tc.typ)
	return r, texpr, err
}
