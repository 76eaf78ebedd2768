package duckdb

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// comradeWorld simulates engagement on a follow network with reciprocal
// comrades and writes events and follows as CSV and Parquet in a temp
// directory.
func comradeWorld(t testing.TB, db *DB, cfg simulate.Config) (dir string) {
	t.Helper()
	sim, err := simulate.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "world")
	if err := sim.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"events", "follows", "items"} {
		q := fmt.Sprintf("COPY (SELECT * FROM read_csv(%s, header = true)) TO %s (FORMAT parquet)",
			quote(filepath.Join(dir, name+".csv")), quote(filepath.Join(dir, name+".parquet")))
		if err := db.Exec(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// coreComrades runs comrades.Analyze on the world's events and follows
// (no actors or items table: the files DB.Comrades reads).
func coreComrades(t testing.TB, dir string, opt comrades.Options, items ...string) *comrades.Result {
	t.Helper()
	var eo events.Options
	if len(items) > 0 {
		eo.ItemsPath = items[0]
	}
	ev, err := events.ReadCSV(filepath.Join(dir, "events.csv"), eo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Release)
	directed := true
	fl, err := formats.Read(filepath.Join(dir, "follows.csv"), formats.Options{Directed: &directed})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fl.Release)
	opt.Follows = fl
	opt.Mode, opt.Exposure = comrades.ModeReciprocal, comrades.ExposureFollows
	r, err := comrades.Analyze(ev, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sameAsCore holds got's counts and fits to the core's result r: counts
// exactly, the fits (every field of their JSON) to 1e-9. headline says
// whether r's headline is on (actor, author) cells (above 5 million
// exposures) and so comparable.
func sameAsCore(t *testing.T, name string, got *Comrades, r *comrades.Result, headline bool) {
	t.Helper()
	type pair struct {
		what      string
		got, want int64
	}
	for _, p := range []pair{
		{"engagements", got.Engagements, int64(r.Engagements)},
		{"self-engagements", got.SelfEngagements, int64(r.SelfEngagements)},
		{"comrade engagements", got.ComradeEngagements, int64(r.ComradeEngagements)},
		{"outside exposure", got.OutsideExposure, int64(r.OutsideExposure)},
		{"actors", got.Actors, int64(r.Actors)},
		{"exposures", got.Exposures, r.Exposures},
		{"comrade exposures", got.ComradeExposures, r.ComradeExposures},
	} {
		if p.got != p.want {
			t.Errorf("%s: %s %d, core %d", name, p.what, p.got, p.want)
		}
	}
	for _, x := range [][3]any{
		{"comrade share", got.ComradeShare, r.ComradeShare},
		{"comrade rate", got.ComradeRate, r.ComradeRate},
		{"other rate", got.OtherRate, r.OtherRate},
	} {
		if g, w := float64(x[1].(Number)), float64(x[2].(Number)); math.Abs(g-w) > 1e-12 {
			t.Errorf("%s: %s %v, core %v", name, x[0], g, w)
		}
	}
	fits := [][2]any{{got.PoissonFixedEffects, r.PoissonFixedEffects}}
	if headline {
		if r.FixedEffects.Effects != comrades.EffectsActorAuthor {
			t.Fatalf("%s: the core's headline has effects %q: the world is too small to compare it", name, r.FixedEffects.Effects)
		}
		fits = append(fits, [2]any{got.FixedEffects, r.FixedEffects})
	}
	for _, f := range fits {
		var g, w any
		b, _ := json.Marshal(f[0])
		json.Unmarshal(b, &g)
		b, _ = json.Marshal(f[1])
		json.Unmarshal(b, &w)
		// The headline's split-panel correction fits halves drawn by a
		// hash of the dense indices, which the SQL numbers in its own
		// order: other halves, the same estimator. It agrees to its
		// sampling noise, not to rounding.
		gm, wm := g.(map[string]any), w.(map[string]any)
		if gb, ok := gm["bias_corrected_rate_ratio"].(float64); ok {
			wb, _ := wm["bias_corrected_rate_ratio"].(float64)
			if math.Abs(math.Log(gb/wb)) > 0.02 {
				t.Errorf("%s: bias-corrected ratio %v, core %v: want within 2%% (other halves)", name, gb, wb)
			}
			delete(gm, "bias_corrected_rate_ratio")
			delete(wm, "bias_corrected_rate_ratio")
		}
		for _, d := range mergeable.Diff("", g, w, 1e-9) {
			t.Errorf("%s: %s", name, d)
		}
		t.Logf("%s: %s largest relative difference from the core %.2g", name, g.(map[string]any)["model"], maxDiff(g, w))
	}
}

// TestComradesSimulated: on a simulated world below 5 million exposures
// (the core's headline is then on item cells), the counts equal the
// core's and the Poisson fit on the SQL cells equals the core's, fitted
// on its own (actor, author) cells, to 1e-9, from CSV and Parquet, all
// kinds and one kind.
func TestComradesSimulated(t *testing.T) {
	db := openTest(t)
	cfg := simulate.DefaultConfig()
	cfg.Comrade = simulate.ComradeReciprocal
	cfg.Solidarity = 1
	dir := comradeWorld(t, db, cfg)
	for _, kinds := range [][]string{nil, {"like"}} {
		want := coreComrades(t, dir, comrades.Options{Kinds: kinds})
		for _, ext := range []string{"csv", "parquet"} {
			got, err := db.Comrades(context.Background(), EventsInput{Events: filepath.Join(dir, "events."+ext)},
				Input{Edges: filepath.Join(dir, "follows."+ext)}, comrades.Options{Kinds: kinds})
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%s kinds %v", ext, kinds)
			sameAsCore(t, name, got, want, false)
			t.Logf("%s: %d events, %d exposures, %d cells; headline %s %.4f [%.4f, %.4f] (core, item effects: %.4f)", name,
				got.Events, got.Exposures, got.Cells, got.FixedEffects.Model, got.FixedEffects.RateRatio,
				got.FixedEffects.CI[0], got.FixedEffects.CI[1], want.FixedEffects.RateRatio)
		}
	}
}

// TestComradesItems: with an items table (every item posted, engaged or
// not) the counts and the Poisson fit equal the core's reading the same
// table (events.Options.ItemsPath), from CSV and Parquet.
func TestComradesItems(t *testing.T) {
	db := openTest(t)
	cfg := simulate.DefaultConfig()
	cfg.Comrade = simulate.ComradeReciprocal
	dir := comradeWorld(t, db, cfg)
	want := coreComrades(t, dir, comrades.Options{}, filepath.Join(dir, "items.csv"))
	for _, ext := range []string{"csv", "parquet"} {
		got, err := db.Comrades(context.Background(), EventsInput{Events: filepath.Join(dir, "events."+ext), Items: filepath.Join(dir, "items."+ext)},
			Input{Edges: filepath.Join(dir, "follows."+ext)}, comrades.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameAsCore(t, ext+" with items", got, want, false)
		t.Logf("%s with items: %d exposures (%d comrade), rates %.4f and %.4f, %d cells", ext, got.Exposures, got.ComradeExposures,
			got.ComradeRate, got.OtherRate, got.Cells)
	}
}

// TestComradesHeadline: above 5 million exposures the core fits its
// headline on (actor, author) cells; the SQL cells give the same headline
// (both shapes, the interval spanning both) and Poisson fit to 1e-9.
func TestComradesHeadline(t *testing.T) {
	if testing.Short() {
		t.Skip("a world of over 5 million exposures (seconds): not with -short")
	}
	db := openTest(t)
	cfg := simulate.DefaultConfig()
	cfg.Comrade = simulate.ComradeReciprocal
	cfg.Actors, cfg.Groups, cfg.Follows, cfg.PostsPerDay, cfg.BaseLogOdds = 2500, 1, 30, 12, -3.5
	dir := comradeWorld(t, db, cfg)
	start := time.Now()
	want := coreComrades(t, dir, comrades.Options{})
	coreTook := time.Since(start)
	start = time.Now()
	got, err := db.Comrades(context.Background(), EventsInput{Events: filepath.Join(dir, "events.parquet")},
		Input{Edges: filepath.Join(dir, "follows.parquet")}, comrades.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d events, %d exposures, %d cells: core %v, duckdb %v (wall)", got.Events, got.Exposures, got.Cells,
		coreTook.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	sameAsCore(t, "parquet", got, want, true)
	fe := got.FixedEffects
	t.Logf("headline %s %.4f [%.4f, %.4f]; %s", fe.Model, fe.RateRatio, fe.CI[0], fe.CI[1], fe.Shape)
}

// TestComradesHand: a world small enough to count by hand.
//
//	follows: a->b, b->a (mutual), a->c, c->a (mutual), a->d, d->c, a->a (self, dropped), a->b again (merged)
//	items:   b1, b2 by b; c1 by c; d1, d2, d3 by d; a1 by a
//	events:  a likes b1, b1 again (one engagement), c1, d2, a1 (self);
//	         d likes c1 (c does not follow back: other), a1 (d does not follow a: outside);
//	         c shares b2 (outside: c does not follow b)
//
// Cells (actor, author, comrade, exposures, engaged):
//
//	a: (a,b,T,2,1) (a,c,T,1,1) (a,d,F,3,1)
//	c: (c,a,T,1,0)
//	d: (d,c,F,1,1)
func TestComradesHand(t *testing.T) {
	dir := t.TempDir()
	ev := filepath.Join(dir, "events.csv")
	fl := filepath.Join(dir, "follows.csv")
	write(t, ev, `actor,item,author,kind,time
a,b1,b,like,10
a,b1,b,like,11
b,b2,b,post,1
a,c1,c,like,12
a,d2,d,like,13
a,a1,a,like,14
d,c1,c,like,15
d,a1,a,like,16
c,b2,b,share,17
d,d1,d,post,2
d,d3,d,post,3
`)
	write(t, fl, "source,target\na,b\nb,a\na,c\nc,a\na,d\nd,c\na,a\na,b\n")
	db := openTest(t)
	got, err := db.Comrades(context.Background(), EventsInput{Events: ev}, Input{Edges: fl}, comrades.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	err = db.rows(context.Background(), "SELECT u, v, comrade, n, x FROM cm_cells ORDER BY u, v", func(scan func(...any) error) error {
		var u, v string
		var c bool
		var n, x int64
		if err := scan(&u, &v, &c, &n, &x); err != nil {
			return err
		}
		cells = append(cells, fmt.Sprintf("(%s,%s,%s,%d,%d)", u, v, strings.ToUpper(strconv.FormatBool(c)[:1]), n, x))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if s, want := strings.Join(cells, " "), "(a,b,T,2,1) (a,c,T,1,1) (a,d,F,3,1) (c,a,T,1,0) (d,c,F,1,1)"; s != want {
		t.Errorf("cells\n got %s\nwant %s", s, want)
	}
	// Engagements: a: b1, c1, d2 (a1 self); b: b2 self; d: c1, a1 (d1, d3 self); c: b2.
	// Comrade engagements: a->b1, a->c1. Outside: d->a1, c->b2.
	if got.Events != 11 || got.Engagements != 6 || got.SelfEngagements != 4 || got.ComradeEngagements != 2 ||
		got.OutsideExposure != 2 || got.Actors != 3 || got.Exposures != 8 || got.ComradeExposures != 4 || got.Cells != 5 {
		t.Errorf("counts %+v", *got)
	}
	// The tables that grow with the events are gone.
	var left int
	if err := db.conn.QueryRowContext(context.Background(), "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('cm_items', 'cm_pos', 'cm_fl')").Scan(&left); err != nil || left != 0 {
		t.Errorf("%d intermediate tables left (%v)", left, err)
	}
	// The core on the same files.
	want := coreComrades(t, dir, comrades.Options{})
	sameAsCore(t, "hand", got, want, false)

	// An items table adds b3 (by b) and c2 (by c), engaged by nobody:
	// cells (a,b,T,3,1) (a,c,T,2,1) (d,c,F,2,1), 3 more exposures.
	items := filepath.Join(dir, "items.csv")
	write(t, items, "item,author\nb3,b\nc2,c\nb1,b\n")
	got, err = db.Comrades(context.Background(), EventsInput{Events: ev, Items: items}, Input{Edges: fl}, comrades.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Exposures != 11 || got.ComradeExposures != 6 || got.Engagements != 6 || got.Cells != 5 {
		t.Errorf("with items: counts %+v", *got)
	}
	want = coreComrades(t, dir, comrades.Options{}, items)
	sameAsCore(t, "hand with items", got, want, false)

	// Options.MaxCells: past it both fits are skipped with the core's
	// reason; a negative bound is an error.
	got, err = db.Comrades(context.Background(), EventsInput{Events: ev}, Input{Edges: fl}, comrades.Options{MaxCells: 4})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []comrades.FixedEffects{got.FixedEffects, got.PoissonFixedEffects} {
		if f.Reason != comrades.MaxCellsReason(4) || !math.IsNaN(float64(f.RateRatio)) {
			t.Errorf("MaxCells 4 (5 cells): %s ratio %v, reason %q: want NaN and %q", f.Model, f.RateRatio, f.Reason, comrades.MaxCellsReason(4))
		}
	}
	if _, err := db.Comrades(context.Background(), EventsInput{Events: ev}, Input{Edges: fl}, comrades.Options{MaxCells: -1}); err == nil || !strings.Contains(err.Error(), "max cells -1") {
		t.Errorf("MaxCells -1: error %v, want one naming the bound", err)
	}
}

// TestComradesBadInput: clear errors naming the file and column.
func TestComradesBadInput(t *testing.T) {
	dir := t.TempDir()
	ev := filepath.Join(dir, "events.csv")
	write(t, ev, "actor,item,author,time\na,b1,b,1\n")
	noAuthor := filepath.Join(dir, "noauthor.csv")
	write(t, noAuthor, "actor,item,time\na,b1,1\n")
	twoAuthors := filepath.Join(dir, "twoauthors.csv")
	write(t, twoAuthors, "actor,item,author,time\na,b1,b,1\nc,b1,d,2\n")
	fl := filepath.Join(dir, "follows.csv")
	write(t, fl, "source,target\na,b\n")
	srcdst := filepath.Join(dir, "srcdst.csv")
	write(t, srcdst, "src,dst\na,b\n")
	ints := filepath.Join(dir, "ints.csv")
	write(t, ints, "source,target\n1,2\n")
	db := openTest(t)
	for _, c := range []struct {
		ev, items, fl string
		opt           comrades.Options
		want          []string
	}{
		{noAuthor, "", fl, comrades.Options{}, []string{noAuthor, `no column "author"`}},
		{ev, "", srcdst, comrades.Options{}, []string{srcdst, `no column "source"`, "src, dst"}},
		{ev, "", ints, comrades.Options{}, []string{ints, `"source"`, "convert one"}},
		{twoAuthors, "", fl, comrades.Options{}, []string{twoAuthors, "item b1", `"author"`}},
		{ev, "", fl, comrades.Options{Kinds: []string{"like"}}, []string{ev, `no column "kind"`}},
		{ev, "", fl, comrades.Options{Mode: comrades.ModeGroup}, []string{"in-memory"}},
		{ev, "", fl, comrades.Options{Exposure: comrades.ExposureAll}, []string{"actors x authors"}},
		{ev, "", "", comrades.Options{}, []string{"no follows file"}},
		{ev, noAuthor, fl, comrades.Options{}, []string{noAuthor, `no column "author"`, "items table"}},
		{ev, twoAuthors, fl, comrades.Options{}, []string{twoAuthors, "item b1", "listed with different authors"}},
		{ev, ints, fl, comrades.Options{}, []string{ints, `no column "item"`}},
	} {
		_, err := db.Comrades(context.Background(), EventsInput{Events: c.ev, Items: c.items}, Input{Edges: c.fl}, c.opt)
		if err == nil {
			t.Errorf("%s %s %+v: no error", c.ev, c.fl, c.opt)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not say %q", err, w)
			}
		}
	}
}

func write(t testing.TB, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestComradesScale times DB.Comrades on a simulated world of about
// SOLIDARITY_COMRADES_EVENTS events with its items table (Parquet, memory_limit
// SOLIDARITY_SCALE_MEM, default 1GB) and, with SOLIDARITY_SCALE_CORE=1,
// comrades.Analyze on the same files, checking agreement. A measurement,
// not part of the default run:
//
//	SOLIDARITY_COMRADES_EVENTS=1000000 SOLIDARITY_SCALE_CORE=1 go test -run TestComradesScale -v -timeout 1h .
func TestComradesScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SOLIDARITY_COMRADES_EVENTS"))
	if n <= 0 {
		t.Skip("set SOLIDARITY_COMRADES_EVENTS (e.g. 1000000) to time the out-of-core comrade estimate")
	}
	mem := os.Getenv("SOLIDARITY_SCALE_MEM")
	if mem == "" {
		mem = "1GB"
	}
	cfg := simulate.DefaultConfig()
	cfg.Comrade = simulate.ComradeReciprocal
	// About 237 events per actor with these settings (TestComradesHeadline's world).
	cfg.Actors, cfg.Groups, cfg.Follows, cfg.PostsPerDay, cfg.BaseLogOdds = max(n/237, 10), 1, 30, 12, -3.5
	gen := openTest(t)
	start := time.Now()
	dir := comradeWorld(t, gen, cfg)
	t.Logf("simulated and written in %v", time.Since(start).Round(time.Millisecond))
	gen.Close()
	var stages []string
	last, stage := time.Now(), ""
	db, err := Open(Config{MemoryLimit: mem, TempDir: t.TempDir(), Progress: func(s string) {
		if stage != "" {
			stages = append(stages, fmt.Sprintf("%s %.2fs", stage, time.Since(last).Seconds()))
		}
		stage, last = s, time.Now()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start, cpu0 := time.Now(), cpuTime()
	got, err := db.Comrades(context.Background(), EventsInput{Events: filepath.Join(dir, "events.parquet"), Items: filepath.Join(dir, "items.parquet")},
		Input{Edges: filepath.Join(dir, "follows.parquet")}, comrades.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stages = append(stages, fmt.Sprintf("%s %.2fs", stage, time.Since(last).Seconds()))
	t.Logf("duckdb: %d events, %d exposures, %d cells under memory_limit=%s: %v wall, %v CPU (peak RSS of the test process %s)",
		got.Events, got.Exposures, got.Cells, mem, time.Since(start).Round(time.Millisecond), (cpuTime() - cpu0).Round(time.Millisecond), peakRSS())
	t.Logf("duckdb stages: %s", strings.Join(stages, ", "))
	fe := got.FixedEffects
	t.Logf("headline %s %.4f [%.4f, %.4f] (planted log-odds %.1f: odds ratio %.3f)", fe.Model, fe.RateRatio, fe.CI[0], fe.CI[1], cfg.Solidarity, math.Exp(cfg.Solidarity))
	if os.Getenv("SOLIDARITY_SCALE_CORE") != "1" {
		return
	}
	start, cpu0 = time.Now(), cpuTime()
	want := coreComrades(t, dir, comrades.Options{}, filepath.Join(dir, "items.csv"))
	t.Logf("core (read CSV + Analyze): %v wall, %v CPU (peak RSS %s)", time.Since(start).Round(time.Millisecond), (cpuTime() - cpu0).Round(time.Millisecond), peakRSS())
	sameAsCore(t, "scale", got, want, got.Exposures > maxItemExposures)
}

// The comrade estimate out of core: events and follows files in, the
// core's headline out.
func ExampleDB_Comrades() {
	cfg := simulate.DefaultConfig()
	cfg.Comrade = simulate.ComradeReciprocal // comrades are mutual follows
	sim, _ := simulate.Run(cfg)
	dir, _ := os.MkdirTemp("", "comrades-example-")
	defer os.RemoveAll(dir)
	sim.WriteDir(filepath.Join(dir, "world"))
	db, err := Open(Config{MemoryLimit: "500MB"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	r, err := db.Comrades(context.Background(),
		EventsInput{Events: filepath.Join(dir, "world", "events.csv")},
		Input{Edges: filepath.Join(dir, "world", "follows.csv")}, comrades.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fe := r.FixedEffects
	fmt.Printf("%d engagements, %d exposures in %d cells\n", r.Engagements, r.Exposures, r.Cells)
	fmt.Printf("comrade share %.2f of engagements, %.2f of exposures\n", r.ComradeShare, r.ComradeExposureShare)
	fmt.Printf("%s (%s): %.2f [%.2f, %.2f]\n", fe.Model, fe.Effects, fe.RateRatio, fe.CI[0], fe.CI[1])
	// Output:
	// 10007 engagements, 71213 exposures in 23853 cells
	// comrade share 0.68 of engagements, 0.48 of exposures
	// logit (actor+author): 2.78 [2.43, 2.92]
}
