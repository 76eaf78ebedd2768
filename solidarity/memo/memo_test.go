package memo_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/memo"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
	"github.com/algosolidarity/toolkit/solidarity/stats"
)

type result struct {
	Lift     float64
	CI       [2]float64
	ByGroup  map[string]float64
	Reason   string
	Progress func(done, total int) `json:"-"`
}

func useTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("SOLIDARITY_MEMO_DIR", dir)
	t.Setenv("SOLIDARITY_MEMO", "")
	return dir
}

// The second call reads what the first stored, NaN and maps included, and
// does not compute.
func TestDoComputesOnce(t *testing.T) {
	useTempDir(t)
	calls := 0
	f := func() (result, error) {
		calls++
		return result{Lift: 1.5, CI: [2]float64{math.NaN(), 2}, ByGroup: map[string]float64{"a": 0.25}, Reason: "one group"}, nil
	}
	a, err := memo.Do("k", f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := memo.Do("k", f)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("computed %d times, want 1", calls)
	}
	if b.Lift != 1.5 || !math.IsNaN(b.CI[0]) || b.CI[1] != 2 || b.ByGroup["a"] != 0.25 || b.Reason != a.Reason {
		t.Errorf("read back %+v, stored %+v", b, a)
	}
	// Another key, or the same key for another type, computes again.
	if _, err := memo.Do("k2", f); err != nil || calls != 2 {
		t.Errorf("other key: calls %d, err %v", calls, err)
	}
	if _, err := memo.Do("k", func() (*result, error) { calls++; return &result{}, nil }); err != nil || calls != 3 {
		t.Errorf("other type: calls %d, err %v", calls, err)
	}
}

// An error is returned and nothing stored; a corrupt entry is recomputed
// and replaced; no temporary files are left behind.
func TestDoErrorsAndCorruptEntries(t *testing.T) {
	dir := useTempDir(t)
	boom := errors.New("boom")
	if _, err := memo.Do("e", func() (int, error) { return 0, boom }); !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("an error stored %d files", len(files))
	}
	if v, _ := memo.Do("c", func() (int, error) { return 7, nil }); v != 7 {
		t.Fatal(v)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.memo"))
	if len(paths) != 1 {
		t.Fatalf("%d entries, want 1", len(paths))
	}
	os.WriteFile(paths[0], []byte("not gob"), 0o644)
	var notes []string
	memo.Notify = func(m string) { notes = append(notes, m) }
	defer func() { memo.Notify = nil }()
	if v, err := memo.Do("c", func() (int, error) { return 8, nil }); v != 8 || err != nil {
		t.Errorf("corrupt entry: %d, %v; want recomputed 8", v, err)
	}
	if v, _ := memo.Do("c", func() (int, error) { return 9, nil }); v != 8 {
		t.Errorf("entry not replaced: %d", v)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "unreadable") {
		t.Errorf("notes %q", notes)
	}
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if strings.HasPrefix(f.Name(), ".memo-") {
			t.Errorf("temporary file left: %s", f.Name())
		}
	}
}

func TestOffAndClear(t *testing.T) {
	dir := useTempDir(t)
	calls := 0
	f := func() (int, error) { calls++; return calls, nil }
	memo.Do("x", f)
	memo.Do("x", f)
	t.Setenv("SOLIDARITY_MEMO", "off")
	memo.Do("x", f)
	t.Setenv("SOLIDARITY_MEMO", "")
	if calls != 2 {
		t.Errorf("calls %d, want 2 (stored, read, off)", calls)
	}
	if err := memo.Clear(); err != nil {
		t.Fatal(err)
	}
	if paths, _ := filepath.Glob(filepath.Join(dir, "*.memo")); len(paths) != 0 {
		t.Errorf("Clear left %d entries", len(paths))
	}
}

type hidden struct {
	Shown int
	kept  []int32
}

// Values that would not come back whole are computed every time.
func TestStorable(t *testing.T) {
	useTempDir(t)
	for _, c := range []struct {
		v    any
		want string
	}{
		{result{}, ""},
		{hidden{}, "unexported field kept"},
		{struct{ F func() }{}, ""},
		{func() {}, "is a func"},
		{struct{ R arrow.RecordBatch }{}, "R is a interface"},
		{(*network.Network)(nil), ""},
	} {
		err := memo.Storable(reflect.TypeOf(c.v))
		if (err == nil) != (c.want == "") || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("Storable(%T) = %v, want %q", c.v, err, c.want)
		}
	}
	calls := 0
	for range 2 {
		memo.Do("h", func() (hidden, error) { calls++; return hidden{kept: []int32{1}}, nil })
	}
	if calls != 2 {
		t.Errorf("unstorable value computed %d times, want 2", calls)
	}
}

// Networks and record batches come back as equal Arrow-backed values.
func TestArrowValues(t *testing.T) {
	useTempDir(t)
	for range 2 {
		n, err := memo.Do("karate", datasets.Karate)
		if err != nil {
			t.Fatal(err)
		}
		if r := n.Report(); r.Nodes != 34 || r.SimpleEdges != 78 || n.Name != "karate" || n.Nodes() == nil {
			t.Errorf("karate back from the memo: %+v", r)
		}
		n.Release()
	}
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	mk := func() (arrow.RecordBatch, error) {
		b := array.NewRecordBuilder(mem, arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Float64}}, nil))
		defer b.Release()
		b.Field(0).(*array.Float64Builder).AppendValues([]float64{1, math.NaN(), 3}, nil)
		return b.NewRecordBatch(), nil
	}
	for range 2 {
		rec, err := memo.Do("rec", mk)
		if err != nil {
			t.Fatal(err)
		}
		if rec.NumRows() != 3 || rec.Column(0).(*array.Float64).Value(2) != 3 {
			t.Errorf("record back from the memo: %v", rec)
		}
		rec.Release()
	}
	mem.AssertSize(t, 0)
}

// Keys follow content: the same network loaded twice gives one key, other
// data another; options structs are written field by field, NaN included,
// callbacks left out.
func TestKey(t *testing.T) {
	a, _ := datasets.Karate()
	b, _ := datasets.Karate()
	c, _ := datasets.Default()
	defer a.Release()
	defer b.Release()
	defer c.Release()
	if memo.Key("h", a) != memo.Key("h", b) || memo.Key("h", a) == memo.Key("h", c) {
		t.Errorf("network keys: %s %s %s", memo.Key("h", a), memo.Key("h", b), memo.Key("h", c))
	}
	e1, e2 := eventstest.Synthetic(1000, 50), eventstest.Synthetic(1001, 50)
	if memo.Key(e1) == memo.Key(e2) || memo.Key(e1) != memo.Key(eventstest.Synthetic(1000, 50)) {
		t.Errorf("event keys do not follow content")
	}
	type opts struct {
		Follows  *network.Network
		Alpha    float64
		Kinds    []string
		W        map[string]int
		Progress func(int, int)
	}
	k1 := memo.Key("comrades", opts{Follows: a, Alpha: math.NaN(), Kinds: []string{"like"}, W: map[string]int{"b": 2, "a": 1}, Progress: func(int, int) {}})
	k2 := memo.Key("comrades", opts{Follows: b, Alpha: math.NaN(), Kinds: []string{"like"}, W: map[string]int{"a": 1, "b": 2}})
	k3 := memo.Key("comrades", opts{Follows: c, Alpha: math.NaN(), Kinds: []string{"like"}, W: map[string]int{"a": 1, "b": 2}})
	if k1 != k2 || k1 == k3 {
		t.Errorf("option keys:\n%s\n%s\n%s", k1, k2, k3)
	}
	if !strings.Contains(k1, "Alpha:NaN") || !strings.Contains(k1, `map["a":1 "b":2]`) {
		t.Errorf("key not readable: %s", k1)
	}
}

// The engagement results embed events.IDs (indices of people and items)
// and their options: they come back whole, ids included.
func TestResultsWithIDs(t *testing.T) {
	useTempDir(t)
	ev := eventstest.Synthetic(2000, 60)
	type res struct {
		events.IDs
		Follows *network.Network
		Lift    float64
	}
	fol, _ := datasets.Karate()
	defer fol.Release()
	if err := memo.Storable(reflect.TypeFor[res]()); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		r, err := memo.Do("ids", func() (res, error) { return res{IDs: ev.IDs(), Follows: fol, Lift: 2}, nil })
		if err != nil {
			t.Fatal(err)
		}
		if r.Person(59) != "59" || r.People.Len() != 60 || r.Items.Len() != 200 || r.Follows.Report().Nodes != 34 {
			t.Errorf("ids back from the memo: person 59 = %q, %d people, %d items", r.Person(59), r.People.Len(), r.Items.Len())
		}
		if i, ok := r.People.LookupInt(42); !ok || i != 42 {
			t.Errorf("lookup after decoding: %d %v", i, ok)
		}
	}
}

// Which of the toolkit's results the memo keeps (a notebook wraps these).
func TestToolkitResultsStorable(t *testing.T) {
	for _, c := range []struct {
		typ  reflect.Type
		keep bool
	}{
		{reflect.TypeFor[*comrades.Result](), true},
		{reflect.TypeFor[*reciprocal.Result](), true},
		{reflect.TypeFor[*coordination.Result](), true},
		{reflect.TypeFor[*echo.Result](), true},
		{reflect.TypeFor[*homophily.Summary](), true},
		{reflect.TypeFor[*stats.Report](), true},
		{reflect.TypeFor[*simulate.Result](), true},
		{reflect.TypeFor[*network.Network](), true},
	} {
		if err := memo.Storable(c.typ); (err == nil) != c.keep {
			t.Errorf("Storable(%v) = %v, want kept %v", c.typ, err, c.keep)
		}
	}
}

// A comrades result comes back from the memo with its per-actor rows whole
// (their person index is unexported), so LiftByGroup gives the same lifts.
func TestComradesResultRoundTrip(t *testing.T) {
	useTempDir(t)
	cfg := simulate.DefaultConfig()
	cfg.Actors, cfg.Days, cfg.Seed = 300, 2, 5
	sim, err := simulate.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := sim.Events(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	f := func() (*comrades.Result, error) {
		return comrades.Analyze(ev, comrades.Options{Exposure: comrades.ExposureAll})
	}
	a, err := memo.Do("c", f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := memo.Do("c", f)
	if err != nil {
		t.Fatal(err)
	}
	la, lb := comrades.LiftByGroup(ev, a), comrades.LiftByGroup(ev, b)
	if len(la) == 0 || len(la) != len(lb) || la[0].Lift != lb[0].Lift || la[0].Actors != lb[0].Actors || b.Person(0) != a.Person(0) {
		t.Errorf("by group: computed %+v, from the memo %+v", la, lb)
	}
}
