package duckdb

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Comrades is the out-of-core comrade estimate of DB.Comrades: the
// counts of comrades.Result that the (actor, author) cells carry, and the
// fits on those cells.
type Comrades struct {
	// Events read from the events file (all kinds: every event names an
	// item and its author).
	Events int64 `json:"events"`
	// Engagements, SelfEngagements, ComradeEngagements, OutsideExposure,
	// Actors, Exposures and ComradeExposures mean what they mean in
	// comrades.Result (distinct (actor, item) pairs of the chosen kinds;
	// exposures are (actor, item) pairs of the feeds of active actors).
	Engagements          int64  `json:"engagements"`
	SelfEngagements      int64  `json:"self_engagements"`
	ComradeEngagements   int64  `json:"comrade_engagements"`
	ComradeShare         Number `json:"comrade_share"`
	OutsideExposure      int64  `json:"outside_exposure"`
	Actors               int64  `json:"actors"`
	Exposures            int64  `json:"exposures"`
	ComradeExposures     int64  `json:"comrade_exposures"`
	ComradeExposureShare Number `json:"comrade_exposure_share"`
	ComradeRate          Number `json:"comrade_rate"`
	OtherRate            Number `json:"other_rate"`
	// Cells is the number of (actor, author, comrade) cells SQL returned:
	// at most one per follow arc of an active actor.
	Cells int64 `json:"cells"`
	// FixedEffects is the headline, comrades.FitCells on the cells
	// (Effects "actor+author"): what comrades.Analyze reports above 5
	// million exposures. Below that Analyze fits one cell per exposure
	// with item effects, which is not out of core (see docs/scale.md).
	FixedEffects comrades.FixedEffects `json:"fixed_effects"`
	// PoissonFixedEffects is comrades.FitFixedEffects on the same cells,
	// as Result.PoissonFixedEffects.
	PoissonFixedEffects comrades.FixedEffects `json:"fixed_effects_poisson"`
}

// Number is a float64 that encodes to JSON as null when NaN or infinite.
type Number = comrades.Number

// maxItemExposures mirrors comrades' maxItemCells: up to it the core fits
// its headline on one cell per exposure with item effects, above it on the
// (actor, author) cells this path builds.
const maxItemExposures = 5_000_000

// Comrades measures comradeship versus content as comrades.Analyze does
// with a follow network, Mode reciprocal and Exposure follows, with SQL
// over the events and follows files. SQL reduces the events (actor, item,
// author) and the follows (source follows target) to the (actor, author,
// comrade) binomial cells of the core's "actor+author" path; Go reads only
// the cells (one row per follow arc of an actor who engaged something, not
// one per event) and fits them with comrades.FitCells and
// comrades.FitFixedEffects, so the estimate and interval are the core's
// by construction.
//
// The semantics are the core's: an item's author is the author its events
// name; an engagement is a distinct (actor, item) pair of the chosen kinds
// (opt.Kinds), self-engagement (actor = the item's author) left out; an
// actor who engaged someone else's item is exposed to every item of every
// author it follows; a comrade is a mutual follow (the core's follows have
// no time, so comradeship is static); engagements of authors the actor does
// not follow are outside exposure. Items nobody engaged are missing from
// an events file, which inflates the rates, unless in.Items lists every
// item posted (as events.Options.ItemsPath: its authors take precedence).
//
// Not out of core (they need the in-memory analysis): ModeGroup and
// ModeEither (groups), ExposureAll (cells grow as actors x authors), the
// item-effects headline below 5 million exposures (one cell per exposure),
// the per-actor lifts, support by quality and the model. An item whose
// events name different authors, or listed twice with different authors,
// is an error here (the core takes the first event's author, the last
// listing).
func (d *DB) Comrades(ctx context.Context, in EventsInput, follows Input, opt comrades.Options) (*Comrades, error) {
	switch opt.Mode {
	case "", comrades.ModeReciprocal:
	default:
		return nil, fmt.Errorf("duckdb: comrades mode %q: only %q (mutual follows) is out of core; run the in-memory analysis for groups", opt.Mode, comrades.ModeReciprocal)
	}
	switch opt.Exposure {
	case "", comrades.ExposureFollows:
	default:
		return nil, fmt.Errorf("duckdb: comrades exposure %q: only %q is out of core (with %q the cells grow as actors x authors)", opt.Exposure, comrades.ExposureFollows, comrades.ExposureAll)
	}
	if opt.Follows != nil {
		return nil, fmt.Errorf("duckdb: comrades: give the follow network as a file (the follows argument), not Options.Follows")
	}
	if follows.Edges == "" {
		return nil, fmt.Errorf("duckdb: comrades: no follows file: the exposure sets are the feeds of the follow network")
	}
	if follows.Undirected {
		return nil, fmt.Errorf("duckdb: comrades: the follow network %s must be directed (source follows target)", follows.Edges)
	}
	if opt.MaxCells < 0 {
		return nil, fmt.Errorf("duckdb: comrades: max cells %d: want a positive number, or 0 for the default", opt.MaxCells)
	}
	// The core's bound on the fixed-effects cells (Options.MaxCells):
	// past it the fits are skipped with the core's reason.
	maxCells := opt.MaxCells
	if maxCells == 0 {
		maxCells = comrades.DefaultMaxCells
	}
	cols := in.Columns
	for _, c := range []struct {
		s *string
		v string
	}{{&cols.Actor, events.ColActor}, {&cols.Item, events.ColItem}, {&cols.Author, events.ColAuthor}, {&cols.Time, events.ColTime}, {&cols.Kind, events.ColKind}} {
		if *c.s == "" {
			*c.s = c.v
		}
	}
	need := []string{cols.Actor, cols.Item, cols.Author}
	if len(opt.Kinds) > 0 {
		need = append(need, cols.Kind)
	}
	r, _, err := d.eventsSource(ctx, in, cols.Time, need...)
	if err != nil {
		return nil, err
	}
	ecols, err := d.schema(ctx, in.Events, r)
	if err != nil {
		return nil, err
	}
	fc := follows.Columns
	if fc.Source == "" {
		fc.Source = network.ColSource
	}
	if fc.Target == "" {
		fc.Target = network.ColTarget
	}
	fr, err := follows.reader(follows.Edges, true)
	if err != nil {
		return nil, err
	}
	fcols, err := d.schema(ctx, follows.Edges, fr)
	if err != nil {
		return nil, err
	}
	for _, c := range []string{fc.Source, fc.Target} {
		if _, ok := find(fcols, c); !ok {
			return nil, fmt.Errorf("duckdb: %s: no column %q (columns: %s): the follows file needs source and target columns (source follows target)", follows.Edges, c, strings.Join(names(fcols), ", "))
		}
	}
	// Ids must be of one kind, as the core requires.
	ac, _ := find(ecols, cols.Actor)
	sc, _ := find(fcols, fc.Source)
	if isStringType(ac.typ) != isStringType(sc.typ) {
		return nil, fmt.Errorf("duckdb: follow ids in %s (column %q) are %s but event ids in %s (column %q) are %s: convert one so they match",
			follows.Edges, fc.Source, sc.typ, in.Events, cols.Actor, ac.typ)
	}

	// The intermediate tables grow with the events: drop them when done
	// (cm_cells, one row per follow arc of an active actor, stays until
	// the next call, like the other methods' last tables).
	defer d.exec(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS cm_items; DROP TABLE IF EXISTS cm_pos; DROP TABLE IF EXISTS cm_fl; DROP TABLE IF EXISTS cm_listed; DROP VIEW IF EXISTS cm_ev")
	d.stage("events")
	where := kindsWhere(cols.Kind, opt.Kinds)
	if len(opt.Kinds) > 0 {
		present := map[string]bool{}
		err := d.rows(ctx, "SELECT DISTINCT CAST("+ident(cols.Kind)+" AS VARCHAR) FROM "+r, func(scan func(...any) error) error {
			var k *string
			if err := scan(&k); err != nil {
				return err
			}
			if k != nil {
				present[*k] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, k := range opt.Kinds {
			if !present[k] {
				return nil, fmt.Errorf("duckdb: %s: no events of kind %q in column %q", in.Events, k, cols.Kind)
			}
		}
	}
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP VIEW cm_ev AS SELECT "+ident(cols.Actor)+" AS u, "+ident(cols.Item)+" AS it, "+
		ident(cols.Author)+" AS v FROM "+r); err != nil {
		return nil, err
	}
	out := &Comrades{}
	var nulls int64
	if err := d.conn.QueryRowContext(ctx, "SELECT count(*), count_if(u IS NULL OR it IS NULL OR v IS NULL) FROM cm_ev").Scan(&out.Events, &nulls); err != nil {
		return nil, fmt.Errorf("duckdb: reading %s: %w", in.Events, err)
	}
	if nulls > 0 {
		return nil, fmt.Errorf("duckdb: %s: %d events have an empty %s, %s or %s", in.Events, nulls, cols.Actor, cols.Item, cols.Author)
	}
	d.stage("items")
	// Every item's author, and each author's item count (the feed): from
	// the items table where it lists the item, else from the events.
	q := "SELECT it, min(v) AS v, count(DISTINCT v) AS k FROM cm_ev GROUP BY it"
	if in.Items != "" {
		ir, err := d.itemsSource(ctx, in, cols, ecols)
		if err != nil {
			return nil, err
		}
		if err := d.exec(ctx, "CREATE OR REPLACE TEMP TABLE cm_listed AS SELECT "+ident(cols.Item)+" AS it, min("+ident(cols.Author)+") AS v, count(DISTINCT "+
			ident(cols.Author)+") AS k, count_if("+ident(cols.Item)+" IS NULL OR "+ident(cols.Author)+" IS NULL) AS nulls FROM "+ir+" GROUP BY ALL"); err != nil {
			return nil, err
		}
		var nulls int64
		var bad *string
		if err := d.conn.QueryRowContext(ctx, "SELECT coalesce(sum(nulls), 0), CAST(min(it) FILTER (k > 1) AS VARCHAR) FROM cm_listed").Scan(&nulls, &bad); err != nil {
			return nil, fmt.Errorf("duckdb: reading %s: %w", in.Items, err)
		}
		if nulls > 0 {
			return nil, fmt.Errorf("duckdb: %s: %d rows have an empty %s or %s (every item needs both)", in.Items, nulls, cols.Item, cols.Author)
		}
		if bad != nil {
			return nil, fmt.Errorf("duckdb: %s: item %s is listed with different authors (column %q): an item has one author", in.Items, *bad, cols.Author)
		}
		q = "SELECT it, v, k FROM cm_listed UNION ALL SELECT * FROM (" + q + ") ANTI JOIN cm_listed USING (it)"
	}
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP TABLE cm_items AS "+q); err != nil {
		return nil, err
	}
	var bad *string
	if err := d.conn.QueryRowContext(ctx, "SELECT CAST(min(it) AS VARCHAR) FROM cm_items WHERE k > 1").Scan(&bad); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	if bad != nil {
		return nil, fmt.Errorf("duckdb: %s: item %s has events naming different authors (column %q): an item has one author", in.Events, *bad, cols.Author)
	}
	d.stage("engagements")
	// Distinct (actor, item) engagements of the chosen kinds with the
	// item's author.
	if err := d.exec(ctx, `CREATE OR REPLACE TEMP TABLE cm_pos AS
SELECT p.u, p.it, i.v FROM (SELECT DISTINCT `+ident(cols.Actor)+` AS u, `+ident(cols.Item)+` AS it FROM `+r+where+`) p JOIN cm_items i USING (it)`); err != nil {
		return nil, err
	}
	d.stage("follows")
	if err := d.exec(ctx, "CREATE OR REPLACE TEMP TABLE cm_fl AS SELECT DISTINCT "+ident(fc.Source)+" AS u, "+ident(fc.Target)+" AS v FROM "+fr+
		" WHERE "+ident(fc.Source)+" IS NOT NULL AND "+ident(fc.Target)+" IS NOT NULL AND "+ident(fc.Source)+" <> "+ident(fc.Target)); err != nil {
		return nil, err
	}
	q = `SELECT count_if(p.u <> p.v), count_if(p.u = p.v),
       count_if(p.u <> p.v AND m.u IS NOT NULL AND f.u IS NOT NULL), count_if(p.u <> p.v AND f.u IS NULL)
FROM cm_pos p LEFT JOIN cm_fl f ON f.u = p.u AND f.v = p.v LEFT JOIN cm_fl m ON m.u = p.v AND m.v = p.u`
	if err := d.conn.QueryRowContext(ctx, q).Scan(&out.Engagements, &out.SelfEngagements, &out.ComradeEngagements, &out.OutsideExposure); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	out.ComradeShare = ratio(out.ComradeEngagements, out.Engagements)
	d.stage("cells")
	cells, nCells, nActors, nAuthors, err := d.comradeCells(ctx, maxCells)
	if err != nil {
		return nil, err
	}
	if err := d.conn.QueryRowContext(ctx, "SELECT count(DISTINCT u) FROM cm_pos WHERE u <> v").Scan(&out.Actors); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	out.Cells = nCells
	var x1, x0, n1, n0 float64
	q = `SELECT coalesce(sum(n) FILTER (comrade), 0), coalesce(sum(x) FILTER (comrade), 0),
       coalesce(sum(n) FILTER (NOT comrade), 0), coalesce(sum(x) FILTER (NOT comrade), 0) FROM cm_cells`
	if err := d.conn.QueryRowContext(ctx, q).Scan(&n1, &x1, &n0, &x0); err != nil {
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	out.Exposures, out.ComradeExposures = int64(n1+n0), int64(n1)
	out.ComradeExposureShare = ratio(out.ComradeExposures, out.Exposures)
	out.ComradeRate, out.OtherRate = Number(x1/n1), Number(x0/n0)
	if n1 == 0 {
		out.ComradeRate = Number(math.NaN())
	}
	if n0 == 0 {
		out.OtherRate = Number(math.NaN())
	}
	d.stage("fit")
	switch {
	case opt.NoFixedEffects, nCells > int64(maxCells):
		reason := "not fitted (Options.NoFixedEffects)"
		if !opt.NoFixedEffects {
			reason = comrades.MaxCellsReason(maxCells)
		}
		skip := func(model string) comrades.FixedEffects {
			nan := Number(math.NaN())
			return comrades.FixedEffects{Model: model, Coef: nan, SE: nan, RateRatio: nan, CI: [2]Number{nan, nan}, FitCI: [2]Number{nan, nan}, Z: nan, P: nan, Reason: reason}
		}
		out.FixedEffects, out.PoissonFixedEffects = skip(comrades.ModelHazard), skip(comrades.ModelPoisson)
	default:
		out.FixedEffects = comrades.FitCells(cells, nActors, nAuthors)
		if out.FixedEffects.Reason == "" {
			// The note the core gives its headline on these cells.
			if out.Exposures > maxItemExposures {
				out.FixedEffects.Reason = fmt.Sprintf("more than %d exposures: the headline was fitted on (actor, author) cells", maxItemExposures)
			} else {
				out.FixedEffects.Reason = fmt.Sprintf("fitted on (actor, author) cells out of core: the in-memory analysis fits item effects up to %d exposures", maxItemExposures)
			}
		}
		out.PoissonFixedEffects = comrades.FitFixedEffects(cells, nActors, nAuthors)
		out.PoissonFixedEffects.Effects = comrades.EffectsActorAuthor
	}
	return out, nil
}

// comradeCells reads the (actor, author, comrade) cells from the tables
// Comrades made: for every follow arc u -> v of an active actor u to an
// author v with items, the cell of v's items, comrade when v follows u
// back, with u's engagements of them. Actors and authors get dense
// indices in SQL (their own index spaces), so Go holds only the cells.
// Past maxCells they are counted (n), not read.
func (d *DB) comradeCells(ctx context.Context, maxCells int) (cells []comrades.PairCell, n int64, nActors, nAuthors int, err error) {
	if err := d.exec(ctx, `CREATE OR REPLACE TEMP TABLE cm_cells AS
WITH active AS (SELECT DISTINCT u FROM cm_pos WHERE u <> v),
     na AS (SELECT v, count(*) AS n FROM cm_items GROUP BY v),
     eng AS (SELECT u, v, count(*) AS x FROM cm_pos WHERE u <> v GROUP BY u, v)
SELECT f.u, f.v, m.u IS NOT NULL AS comrade, na.n, coalesce(e.x, 0) AS x
FROM cm_fl f SEMI JOIN active a ON a.u = f.u
JOIN na ON na.v = f.v
LEFT JOIN cm_fl m ON m.u = f.v AND m.v = f.u
LEFT JOIN eng e ON e.u = f.u AND e.v = f.v`); err != nil {
		return nil, 0, 0, 0, err
	}
	if err := d.conn.QueryRowContext(ctx, "SELECT count(*), count(DISTINCT u), count(DISTINCT v) FROM cm_cells").Scan(&n, &nActors, &nAuthors); err != nil {
		return nil, 0, 0, 0, fmt.Errorf("duckdb: %w", err)
	}
	if n > int64(maxCells) {
		return nil, n, nActors, nAuthors, nil // the caller skips the fit, as the core does
	}
	cells = make([]comrades.PairCell, 0, n)
	q := `SELECT dense_rank() OVER (ORDER BY u) - 1, dense_rank() OVER (ORDER BY v) - 1, comrade, n, x FROM cm_cells ORDER BY u, v`
	err = d.rows(ctx, q, func(scan func(...any) error) error {
		var c comrades.PairCell
		var ne, x int64
		if err := scan(&c.Actor, &c.Author, &c.Comrade, &ne, &x); err != nil {
			return err
		}
		c.Exposures, c.Engaged = float64(ne), float64(x)
		cells = append(cells, c)
		return nil
	})
	return cells, n, nActors, nAuthors, err
}

func ratio(a, b int64) Number {
	if b == 0 {
		return Number(math.NaN())
	}
	return Number(float64(a) / float64(b))
}

// itemsSource opens the items table of in (in.Items) after checking its
// item and author columns exist and hold ids of the events' kind (text or
// integers), as events.AddItems does.
func (d *DB) itemsSource(ctx context.Context, in EventsInput, cols events.Columns, ecols []column) (string, error) {
	r, err := Input{Format: in.Format}.reader(in.Items, false)
	if err != nil {
		return "", err
	}
	icols, err := d.schema(ctx, in.Items, r)
	if err != nil {
		return "", err
	}
	for _, c := range []string{cols.Item, cols.Author} {
		ic, ok := find(icols, c)
		if !ok {
			return "", fmt.Errorf("duckdb: %s: no column %q (columns: %s): the items table needs item and author columns", in.Items, c, strings.Join(names(icols), ", "))
		}
		ec, _ := find(ecols, c)
		if isStringType(ic.typ) != isStringType(ec.typ) {
			return "", fmt.Errorf("duckdb: items column %q in %s is %s but in %s it is %s: convert one so they match", c, in.Items, ic.typ, in.Events, ec.typ)
		}
	}
	return r, nil
}
