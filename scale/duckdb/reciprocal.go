package duckdb

import (
	"context"
	"fmt"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
)

// EventsInput names an engagement events file (or glob), Parquet or CSV,
// with actor, author and time columns (Unix seconds or a timestamp) and an
// optional kind column.
type EventsInput struct {
	Events  string
	Format  string // "parquet", "csv" or "" (from the extension)
	Columns events.Columns
	// Items is an optional items table (item and author columns, named by
	// Columns) listing every item posted, engaged or not, as
	// events.Options.ItemsPath; read by DB.Comrades only.
	Items string
}

// Reciprocal measures reciprocal engagement within a window as
// reciprocal.Analyze does (the same units, Kaplan–Meier curve, quantiles
// and JSON), with SQL over the events file: one GROUP BY for the first
// engagement of each ordered pair and a self-join with its reverse (first
// contacts), or an ASOF join of every engagement with the next reverse
// one (Options.Unit = reciprocal.UnitEvents). SQL produces the histogram
// of return and censoring times; reciprocal.SummarizeDurations, the
// function the in-memory analysis ends in, makes the numbers.
//
// Not yet out of core: the split by the actors' groups (ByGroup,
// WithinGroup, AcrossGroup); run the in-memory analysis for those.
func (d *DB) Reciprocal(ctx context.Context, in EventsInput, opt reciprocal.Options) (*reciprocal.Result, error) {
	W := opt.Window
	if W == 0 {
		W = 86400
	}
	if !(W > 0) || math.IsInf(W, 0) {
		return nil, fmt.Errorf("duckdb: window %v seconds: want a positive number", opt.Window)
	}
	unit := opt.Unit
	if unit == "" {
		unit = reciprocal.UnitFirst
	}
	if unit != reciprocal.UnitFirst && unit != reciprocal.UnitEvents {
		return nil, fmt.Errorf("duckdb: unit %q: want %q or %q", opt.Unit, reciprocal.UnitFirst, reciprocal.UnitEvents)
	}
	points := opt.Points
	if points <= 0 {
		points = 48
	}
	qs := opt.Quantiles
	if qs == nil {
		qs = []float64{0.1, 0.25, 0.5, 0.75, 0.9}
	}
	for _, p := range qs {
		if !(p > 0 && p <= 1) {
			return nil, fmt.Errorf("duckdb: quantile %v: want a probability in (0, 1]", p)
		}
	}
	cols := in.Columns
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&cols.Actor, events.ColActor)
	def(&cols.Author, events.ColAuthor)
	def(&cols.Time, events.ColTime)
	def(&cols.Kind, events.ColKind)
	need := []string{cols.Actor, cols.Author}
	if len(opt.Kinds) > 0 {
		need = append(need, cols.Kind) // to select the kinds
	}
	r, texpr, err := d.eventsSource(ctx, in, cols.Time, need...)
	if err != nil {
		return nil, err
	}
	where := kindsWhere(cols.Kind, opt.Kinds)
	d.stage("events")
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP VIEW ev AS SELECT "+ident(cols.Actor)+" AS u, "+ident(cols.Author)+" AS v, "+
		texpr+" AS t FROM "+r+where); err != nil {
		return nil, err
	}
	res := &reciprocal.Result{WindowSeconds: W, Unit: unit}
	var nullT int64
	var end *int64
	q := "SELECT count(*), count_if(u = v), max(t), count_if(u IS NULL OR v IS NULL OR t IS NULL) FROM ev"
	var n, self int64
	if err := d.conn.QueryRowContext(ctx, q).Scan(&n, &self, &end, &nullT); err != nil {
		return nil, fmt.Errorf("duckdb: reading %s: %w", in.Events, err)
	}
	if nullT > 0 {
		return nil, fmt.Errorf("duckdb: %s: %d events have an empty actor, author or time", in.Events, nullT)
	}
	res.Events, res.SelfEvents = int(n), int(self)
	res.End = math.MinInt64
	if end != nil {
		res.End = *end
	}
	d.stage("pairs")
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP TABLE fp AS SELECT u, v, min(t) AS t0 FROM ev WHERE u <> v GROUP BY ALL"); err != nil {
		return nil, err
	}
	var pairs, mutual int64
	if err := d.conn.QueryRowContext(ctx, "SELECT count(*), count(r.u) FROM fp a LEFT JOIN fp r ON a.u = r.v AND a.v = r.u").Scan(&pairs, &mutual); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	res.Pairs, res.MutualPairs = int(pairs), int(mutual)
	res.PairReciprocity = reciprocal.Number(math.NaN())
	if pairs > 0 {
		res.PairReciprocity = reciprocal.Number(float64(mutual) / float64(pairs))
	}
	d.stage("return times")
	e := fmt.Sprint(res.End)
	w := fmt.Sprint(W)
	q = `SELECT CASE WHEN r.t0 IS NULL THEN (` + e + ` - a.t0) * 2 + 1 ELSE (r.t0 - a.t0) * 2 END AS k,
       (` + e + ` - a.t0) >= ` + w + ` AS obs, count(*)
FROM fp a LEFT JOIN fp r ON a.u = r.v AND a.v = r.u
WHERE r.t0 IS NULL OR r.t0 >= a.t0 GROUP BY ALL ORDER BY k, obs`
	if unit == reciprocal.UnitEvents {
		q = `WITH x AS (SELECT u, v, t FROM ev WHERE u <> v)
SELECT CASE WHEN r.t IS NULL THEN (` + e + ` - a.t) * 2 + 1 ELSE (r.t - a.t) * 2 END AS k,
       (` + e + ` - a.t) >= ` + w + ` AS obs, count(*)
FROM x a ASOF LEFT JOIN x r ON a.u = r.v AND a.v = r.u AND r.t >= a.t
GROUP BY ALL ORDER BY k, obs`
	}
	var h []reciprocal.Duration
	err = d.rows(ctx, q, func(scan func(...any) error) error {
		var x reciprocal.Duration
		if err := scan(&x.Key, &x.Observable, &x.Count); err != nil {
			return err
		}
		h = append(h, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	grid := make([]float64, points+1)
	for i := range grid {
		grid[i] = W * float64(i) / float64(points)
	}
	res.Overall = *reciprocal.SummarizeDurations(h, W, grid, qs)
	res.Identify()
	return res, nil
}
