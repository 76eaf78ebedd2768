package simulate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Truth is what Run planted, as written to truth.json.
type Truth struct {
	Config
	// CoordinatedCells lists each cell's actor ids (sorted).
	CoordinatedCells [][]int32 `json:"coordinated_cells"`
	// CellItems lists the items each cell boosted.
	CellItems [][]int32 `json:"cell_items"`
	// GroupLeaningsUsed are the groups' mean leanings actually used.
	GroupSizes       []int  `json:"group_sizes"`
	Events           int    `json:"events"`
	CoordinatedEvent int    `json:"coordinated_events"`
	Items            int    `json:"items"`
	Follows          int    `json:"follow_edges"`
	Exposures        int64  `json:"exposures"`
	ComradeExposures int64  `json:"comrade_exposures"`
	T0               int64  `json:"t0"`
	Model            string `json:"model"`
	Exposure         string `json:"exposure"`
	ComradeRule      string `json:"comrade_rule"`
}

// Truth returns the planted parameters and cells.
func (r *Result) Truth() Truth {
	t := Truth{Config: r.Config, CoordinatedCells: r.Cells, CellItems: r.CellItems,
		GroupSizes: make([]int, r.Config.Groups), Events: r.Len(), Items: len(r.ItemAuthor),
		Follows: len(r.FollowSrc), Exposures: r.Exposures, ComradeExposures: r.ComradeExposures, T0: T0,
		Model:    "P(engage) = logistic(base_log_odds + quality_effect*quality + solidarity*comrade)",
		Exposure: "every item of followed authors (the feed), plus Poisson(discovery*days) uniform items of unfollowed authors",
	}
	switch r.Config.Comrade {
	case ComradeGroup:
		t.ComradeRule = "same group"
	case ComradeReciprocal:
		t.ComradeRule = "mutual follow"
	default:
		t.ComradeRule = "mutual follow or same group"
	}
	if t.CoordinatedCells == nil {
		t.CoordinatedCells = [][]int32{}
		t.CellItems = [][]int32{}
	}
	for _, g := range r.Group {
		t.GroupSizes[g]++
	}
	for _, c := range r.Coordinated {
		if c {
			t.CoordinatedEvent++
		}
	}
	return t
}

// WriteDir writes events.csv (actor,item,author,kind,time,quality,leaning —
// leaning is the item author's leaning), actors.csv (id,group,leaning),
// follows.csv (source,target), items.csv (item,author,time,quality: every
// item posted, engaged or not) and truth.json into dir. Files are written to
// a temporary directory beside dir, which is then renamed to dir, so a
// failure leaves nothing half-written. dir must not exist, or be empty, or
// hold only a previous simulation's files (which are replaced).
func (r *Result) WriteDir(dir string) error {
	dir = filepath.Clean(dir)
	if err := checkTarget(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("simulate: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("simulate: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := r.writeFiles(tmp); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("simulate: %w", err)
	}
	var old string
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("simulate: replacing %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("simulate: %w", err)
	}
	ok = true
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

var outputs = map[string]bool{"events.csv": true, "actors.csv": true, "follows.csv": true, "items.csv": true, "truth.json": true}

func checkTarget(dir string) error {
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return fmt.Errorf("simulate: output %s: %w", dir, err)
	}
	for _, e := range ents {
		if !outputs[e.Name()] {
			return fmt.Errorf("simulate: output directory %s holds %s, which a simulation did not write: choose an empty or new directory", dir, e.Name())
		}
	}
	return nil
}

func (r *Result) writeFiles(dir string) error {
	write := func(name string, body func(w *bufio.Writer)) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("simulate: %w", err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		body(w)
		if err := w.Flush(); err != nil {
			f.Close()
			return fmt.Errorf("simulate: writing %s: %w", name, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("simulate: writing %s: %w", name, err)
		}
		return nil
	}
	var buf []byte
	err := write("events.csv", func(w *bufio.Writer) {
		w.WriteString("actor,item,author,kind,time,quality,leaning\n")
		for i := range r.Actor {
			it := r.Item[i]
			buf = buf[:0]
			buf = strconv.AppendInt(buf, int64(r.Actor[i]), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(it), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(r.Author[i]), 10)
			buf = append(buf, ',')
			buf = append(buf, r.KindName(r.Kind[i])...)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, r.Time[i], 10)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, r.ItemQuality[it], 'g', -1, 64)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, r.Leaning[r.Author[i]], 'g', -1, 64)
			buf = append(buf, '\n')
			w.Write(buf)
		}
	})
	if err != nil {
		return err
	}
	err = write("actors.csv", func(w *bufio.Writer) {
		w.WriteString("id,group,leaning\n")
		for i, g := range r.Group {
			buf = buf[:0]
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(g), 10)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, r.Leaning[i], 'g', -1, 64)
			buf = append(buf, '\n')
			w.Write(buf)
		}
	})
	if err != nil {
		return err
	}
	err = write("follows.csv", func(w *bufio.Writer) {
		w.WriteString("source,target\n")
		for i, s := range r.FollowSrc {
			buf = buf[:0]
			buf = strconv.AppendInt(buf, int64(s), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(r.FollowDst[i]), 10)
			buf = append(buf, '\n')
			w.Write(buf)
		}
	})
	if err != nil {
		return err
	}
	err = write("items.csv", func(w *bufio.Writer) {
		w.WriteString("item,author,time,quality\n")
		for i, a := range r.ItemAuthor {
			buf = buf[:0]
			buf = strconv.AppendInt(buf, int64(i), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(a), 10)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, r.ItemTime[i], 10)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, r.ItemQuality[i], 'g', -1, 64)
			buf = append(buf, '\n')
			w.Write(buf)
		}
	})
	if err != nil {
		return err
	}
	js, err := json.MarshalIndent(r.Truth(), "", "  ")
	if err != nil {
		return fmt.Errorf("simulate: truth.json: %w", err)
	}
	return write("truth.json", func(w *bufio.Writer) { w.Write(append(js, '\n')) })
}

// Events returns the simulated events as an events.Events, exactly as
// ReadCSV would read WriteDir's events.csv with actors.csv and items.csv
// (columns actor,item,author,kind,time,quality,leaning; actors table
// id,group,leaning; items table item,author,time,quality), without
// touching the disk. mem may be nil. Release the result.
func (r *Result) Events(mem memory.Allocator) (*events.Events, error) {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	n := r.Len()
	i64 := func(f func(i int) int64, rows int) arrow.Array {
		b := array.NewInt64Builder(mem)
		defer b.Release()
		b.Reserve(rows)
		for i := 0; i < rows; i++ {
			b.UnsafeAppend(f(i))
		}
		return b.NewArray()
	}
	f64 := func(f func(i int) float64, rows int) arrow.Array {
		b := array.NewFloat64Builder(mem)
		defer b.Release()
		b.Reserve(rows)
		for i := 0; i < rows; i++ {
			b.UnsafeAppend(f(i))
		}
		return b.NewArray()
	}
	kb := array.NewStringBuilder(mem)
	for i := 0; i < n; i++ {
		kb.Append(r.KindName(r.Kind[i]))
	}
	kinds := kb.NewArray()
	kb.Release()
	cols := []arrow.Array{
		i64(func(i int) int64 { return int64(r.Actor[i]) }, n),
		i64(func(i int) int64 { return int64(r.Item[i]) }, n),
		i64(func(i int) int64 { return int64(r.Author[i]) }, n),
		kinds,
		i64(func(i int) int64 { return r.Time[i] }, n),
		f64(func(i int) float64 { return r.ItemQuality[r.Item[i]] }, n),
		f64(func(i int) float64 { return r.Leaning[r.Author[i]] }, n),
	}
	I, F, S := arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float64, arrow.BinaryTypes.String
	schema := arrow.NewSchema([]arrow.Field{{Name: "actor", Type: I}, {Name: "item", Type: I}, {Name: "author", Type: I},
		{Name: "kind", Type: S}, {Name: "time", Type: I}, {Name: "quality", Type: F}, {Name: "leaning", Type: F}}, nil)
	rec := array.NewRecordBatch(schema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	defer rec.Release()
	na := len(r.Group)
	acols := []arrow.Array{
		i64(func(i int) int64 { return int64(i) }, na),
		i64(func(i int) int64 { return int64(r.Group[i]) }, na),
		f64(func(i int) float64 { return r.Leaning[i] }, na),
	}
	aschema := arrow.NewSchema([]arrow.Field{{Name: "id", Type: I}, {Name: "group", Type: I}, {Name: "leaning", Type: F}}, nil)
	actors := array.NewRecordBatch(aschema, acols, int64(na))
	for _, c := range acols {
		c.Release()
	}
	defer actors.Release()
	ev, err := events.New(rec, actors, events.Options{Mem: mem})
	if err != nil {
		return nil, err
	}
	ev.Name = "simulated events"
	ni := len(r.ItemAuthor)
	icols := []arrow.Array{
		i64(func(i int) int64 { return int64(i) }, ni),
		i64(func(i int) int64 { return int64(r.ItemAuthor[i]) }, ni),
		i64(func(i int) int64 { return r.ItemTime[i] }, ni),
		f64(func(i int) float64 { return r.ItemQuality[i] }, ni),
	}
	ischema := arrow.NewSchema([]arrow.Field{{Name: "item", Type: I}, {Name: "author", Type: I}, {Name: "time", Type: I}, {Name: "quality", Type: F}}, nil)
	items := array.NewRecordBatch(ischema, icols, int64(ni))
	for _, c := range icols {
		c.Release()
	}
	defer items.Release()
	if err := ev.AddItems(items, events.Options{}); err != nil {
		ev.Release()
		return nil, err
	}
	return ev, nil
}

// FollowNetwork returns the follow network (source follows target) as a
// directed network.Network whose nodes table lists every actor 0..Actors-1
// with group and leaning. mem may be nil. Release the result.
func (r *Result) FollowNetwork(mem memory.Allocator) (*network.Network, error) {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	I, F := arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float64
	sb, tb := array.NewInt64Builder(mem), array.NewInt64Builder(mem)
	for i, s := range r.FollowSrc {
		sb.Append(int64(s))
		tb.Append(int64(r.FollowDst[i]))
	}
	sa, ta := sb.NewArray(), tb.NewArray()
	sb.Release()
	tb.Release()
	edges := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "source", Type: I}, {Name: "target", Type: I}}, nil),
		[]arrow.Array{sa, ta}, int64(len(r.FollowSrc)))
	sa.Release()
	ta.Release()
	defer edges.Release()
	ib, gb, lb := array.NewInt64Builder(mem), array.NewInt64Builder(mem), array.NewFloat64Builder(mem)
	for i, g := range r.Group {
		ib.Append(int64(i))
		gb.Append(int64(g))
		lb.Append(r.Leaning[i])
	}
	ia, ga, la := ib.NewArray(), gb.NewArray(), lb.NewArray()
	ib.Release()
	gb.Release()
	lb.Release()
	nodes := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "id", Type: I}, {Name: "group", Type: I}, {Name: "leaning", Type: F}}, nil),
		[]arrow.Array{ia, ga, la}, int64(len(r.Group)))
	ia.Release()
	ga.Release()
	la.Release()
	defer nodes.Release()
	n, err := network.New(edges, nodes, true, network.Columns{})
	if err != nil {
		return nil, err
	}
	n.Name = "simulated follows"
	return n, nil
}
