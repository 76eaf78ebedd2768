package solidarity

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/go-gota/gota/dataframe"

	"github.com/algosolidarity/toolkit/solidarity/display"
)

type rendered interface {
	String() string
	HTML() string
	Markdown() string
	Table() arrow.RecordBatch
	Frame() dataframe.DataFrame
}

// Every engagement result displays itself as bounded tables, the finding
// first, and gives all its rows as an Arrow table and a gota frame.
func TestResultsRender(t *testing.T) {
	cfg := DefaultSimulation()
	cfg.Actors, cfg.Days, cfg.Seed = 600, 3, 3
	cfg.CoordinatedCells, cfg.CellSize = 2, 5
	sim, err := Simulate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := sim.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	fol, err := sim.FollowNetwork(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer fol.Release()
	com, err := Comrades(ev, ComradesOptions{Follows: fol})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := Reciprocal(ev, ReciprocalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Trending(ev, TrendingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	co, err := Coordination(ev, CoordinationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ec, err := Echo(ev, EchoOptions{Network: fol})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		r     rendered
		first string // the finding, in the first rows
		rows  int
	}{
		{"comrades", com, "lift", len(com.PerActor)},
		{"reciprocal", rec, "P(returned)", len(rec.ByGroup) + 3},
		{"trending", tr, "amplification", len(tr.Items)},
		{"coordination", co, "Coordinated clusters", len(co.Edges)},
		{"echo", ec, "correlation of own and neighbours' leaning", len(ec.Actors)},
	} {
		s := c.r.String()
		if i := strings.Index(s, c.first); i < 0 || i > 400 {
			t.Errorf("%s: %q not among the first lines:\n%s", c.name, c.first, s)
		}
		b := display.NewBundle(c.r)
		if h, _ := b[display.MIMEHTML].(string); len(h) > 20<<10 || !strings.Contains(h, "<table") {
			t.Errorf("%s: HTML of %d bytes, want a table under 20 KiB", c.name, len(h))
		}
		if len(s) > 10<<10 || len(c.r.Markdown()) > 20<<10 {
			t.Errorf("%s: text %d bytes, Markdown %d", c.name, len(s), len(c.r.Markdown()))
		}
		tb := c.r.Table()
		if int(tb.NumRows()) != c.rows {
			t.Errorf("%s: Table has %d rows, want %d", c.name, tb.NumRows(), c.rows)
		}
		tb.Release()
		if df := c.r.Frame(); df.Nrow() != c.rows && c.rows > 0 {
			t.Errorf("%s: Frame has %d rows, want %d (%v)", c.name, df.Nrow(), c.rows, df.Err)
		}
		if testing.Verbose() {
			t.Logf("%s:\n%s", c.name, s)
		}
	}
}
