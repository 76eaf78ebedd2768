package frames_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/frames"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// mixed is a record with every type the bridge keeps, with nulls, a valid
// NaN and the text "NaN".
func mixed(mem memory.Allocator) arrow.RecordBatch {
	ib := array.NewInt64Builder(mem)
	ib.AppendValues([]int64{1, -2, 0, math.MaxInt64}, []bool{true, true, false, true})
	i32 := array.NewInt32Builder(mem)
	i32.AppendValues([]int32{7, 0, -7, 1}, []bool{true, false, true, true})
	u64 := array.NewUint64Builder(mem)
	u64.AppendValues([]uint64{0, 1, 2, 1 << 62}, nil)
	fb := array.NewFloat64Builder(mem)
	fb.AppendValues([]float64{1.5, math.NaN(), 0, math.Inf(-1)}, []bool{true, true, false, true})
	f32 := array.NewFloat32Builder(mem)
	f32.AppendValues([]float32{0.25, 0, 1, 2}, []bool{true, false, true, true})
	sb := array.NewStringBuilder(mem)
	sb.AppendValues([]string{"a", "", "NaN", "x"}, []bool{true, true, true, false})
	bb := array.NewBooleanBuilder(mem)
	bb.AppendValues([]bool{true, false, false, true}, []bool{true, true, false, true})
	ts := array.NewTimestampBuilder(mem, &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"})
	ts.AppendValues([]arrow.Timestamp{0, 86400, 0, 1}, []bool{true, true, false, true})
	bs := []array.Builder{ib, i32, u64, fb, f32, sb, bb, ts}
	names := []string{"i64", "i32", "u64", "f64", "f32", "str", "bool", "ts"}
	cols := make([]arrow.Array, len(bs))
	fields := make([]arrow.Field, len(bs))
	for i, b := range bs {
		cols[i] = b.NewArray()
		b.Release()
		fields[i] = arrow.Field{Name: names[i], Type: cols[i].DataType(), Nullable: true}
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, 4)
	for _, c := range cols {
		c.Release()
	}
	return rec
}

func TestTypesNullsNaN(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := mixed(mem)
	defer rec.Release()
	df := frames.FromRecord(rec)
	if df.Err != nil {
		t.Fatal(df.Err)
	}
	wantTypes := []series.Type{series.Int, series.Int, series.Int, series.Float, series.Float, series.String, series.Bool, series.String}
	for i, typ := range df.Types() {
		if typ != wantTypes[i] {
			t.Errorf("column %s: gota type %s, want %s", df.Names()[i], typ, wantTypes[i])
		}
	}
	// gota's view of the values, one row per Arrow row; NA where gota says
	// IsNA (the documented map: nulls, float NaN and the text "NaN").
	wantNA := map[string][]bool{
		"i64":  {false, false, true, false},
		"i32":  {false, true, false, false},
		"u64":  {false, false, false, false},
		"f64":  {false, true, true, false}, // the valid NaN is NA in gota
		"f32":  {false, true, false, false},
		"str":  {false, false, true, true}, // "NaN" text is NA in gota
		"bool": {false, false, true, false},
		"ts":   {false, false, true, false},
	}
	for name, want := range wantNA {
		got := df.Col(name).IsNaN()
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s row %d: NA = %v, want %v", name, i, got[i], want[i])
			}
		}
	}
	if v, _ := df.Col("i64").Elem(3).Int(); v != math.MaxInt64 {
		t.Errorf("max int64 = %d", v)
	}
	if v := df.Col("str").Elem(1).String(); v != "" {
		t.Errorf("empty string became %q", v)
	}
	if v := df.Col("ts").Elem(1).String(); !strings.HasPrefix(v, "1970-01-02") {
		t.Errorf("timestamp as text = %q", v)
	}

	back, err := frames.ToRecord(df, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Release()
	wantArrow := []arrow.DataType{arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Int64,
		arrow.PrimitiveTypes.Float64, arrow.PrimitiveTypes.Float64, arrow.BinaryTypes.String, arrow.FixedWidthTypes.Boolean, arrow.BinaryTypes.String}
	for i, f := range back.Schema().Fields() {
		if !arrow.TypeEqual(f.Type, wantArrow[i]) || f.Name != rec.Schema().Field(i).Name {
			t.Errorf("column %d: %s %s, want %s %s", i, f.Name, f.Type, rec.Schema().Field(i).Name, wantArrow[i])
		}
		for r := 0; r < 4; r++ {
			if back.Column(i).IsNull(r) != wantNA[f.Name][r] {
				t.Errorf("%s row %d: null = %v, want %v", f.Name, r, back.Column(i).IsNull(r), wantNA[f.Name][r])
			}
		}
	}
	f := back.Column(3).(*array.Float64)
	if f.Value(0) != 1.5 || !math.IsInf(f.Value(3), -1) {
		t.Errorf("floats back = %v", f)
	}
	if u := back.Column(2).(*array.Int64); u.Value(3) != 1<<62 {
		t.Errorf("uint64 back = %v", u)
	}
	if s := back.Column(5).(*array.String); s.Value(0) != "a" || s.Value(1) != "" {
		t.Errorf("strings back = %v", s)
	}
}

func TestDegenerate(t *testing.T) {
	// nil and column-less records: an empty frame without error.
	if df := frames.FromRecord(nil); df.Err != nil || df.Ncol() != 0 {
		t.Errorf("nil record: %v", df)
	}
	// Zero rows keep their columns and types.
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	full := mixed(mem)
	empty := full.NewSlice(0, 0)
	full.Release()
	df := frames.FromRecord(empty)
	empty.Release()
	if df.Err != nil || df.Nrow() != 0 || df.Ncol() != 8 {
		t.Fatalf("zero rows: %v %v", df.Err, df)
	}
	back, err := frames.ToRecord(df, mem)
	if err != nil || back.NumRows() != 0 || back.NumCols() != 8 {
		t.Fatalf("zero rows back: %v", err)
	}
	back.Release()
	// A uint64 beyond int64.
	b := array.NewUint64Builder(mem)
	b.Append(math.MaxUint64)
	a := b.NewArray()
	b.Release()
	rec := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "big", Type: a.DataType()}}, nil), []arrow.Array{a}, 1)
	a.Release()
	df = frames.FromRecord(rec)
	rec.Release()
	if df.Err == nil || !strings.Contains(df.Err.Error(), `column "big" row 1`) {
		t.Errorf("uint64 overflow: %v", df.Err)
	}
	if _, err := frames.ToRecord(df, nil); err == nil {
		t.Error("ToRecord of a frame with Err: want an error")
	}
	// A frame with an NA id: the error names the row.
	tgt := series.New([]int{2, 3}, series.Int, "target")
	tgt.Elem(1).Set(nil)
	edges := dataframe.New(series.New([]int{1, 2}, series.Int, "source"), tgt)
	if _, err := frames.NetworkFromFrames(edges, dataframe.DataFrame{}, true, network.Columns{}); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("NA id: %v", err)
	}
	// Float ids are refused by the network with a readable message.
	fe := dataframe.New(series.New([]float64{1, 2}, series.Float, "source"), series.New([]float64{2, 3}, series.Float, "target"))
	if _, err := frames.NetworkFromFrames(fe, dataframe.DataFrame{}, true, network.Columns{}); err == nil || !strings.Contains(err.Error(), "integer or both string") {
		t.Errorf("float ids: %v", err)
	}
}

// sameTable says whether two record batches hold the same columns: names,
// types, nulls and values (NaN equal to NaN).
func sameTable(t *testing.T, what string, a, b arrow.RecordBatch) {
	t.Helper()
	if (a == nil) != (b == nil) {
		t.Fatalf("%s: one table is nil", what)
	}
	if a == nil {
		return
	}
	if a.NumCols() != b.NumCols() || a.NumRows() != b.NumRows() {
		t.Fatalf("%s: shape %dx%d vs %dx%d", what, a.NumRows(), a.NumCols(), b.NumRows(), b.NumCols())
	}
	for i := 0; i < int(a.NumCols()); i++ {
		fa, fb := a.Schema().Field(i), b.Schema().Field(i)
		if fa.Name != fb.Name || !arrow.TypeEqual(fa.Type, fb.Type) {
			t.Errorf("%s column %d: %s %s vs %s %s", what, i, fa.Name, fa.Type, fb.Name, fb.Type)
			continue
		}
		if !array.ApproxEqual(a.Column(i), b.Column(i), array.WithNaNsEqual(true), array.WithAbsTolerance(0)) {
			t.Errorf("%s column %q differs", what, fa.Name)
		}
	}
}

func roundTrip(t *testing.T, n *network.Network) {
	t.Helper()
	m, err := frames.NetworkFromFrames(frames.EdgesFrame(n), frames.NodesFrame(n), n.Directed(), n.Columns())
	if err != nil {
		t.Fatal(err)
	}
	defer m.Release()
	sameTable(t, "edges", n.Edges(), m.Edges())
	sameTable(t, "nodes", n.Nodes(), m.Nodes())
	a, b := n.Report(), m.Report()
	if a.Nodes != b.Nodes || a.EdgeRecords != b.EdgeRecords || a.SelfLoops != b.SelfLoops || a.ParallelEdges != b.ParallelEdges ||
		a.SimpleEdges != b.SimpleEdges || a.NodesNoAttrs != b.NodesNoAttrs || a.IsolatedNodes != b.IsolatedNodes || a.Weighted != b.Weighted {
		t.Errorf("reports differ:\n%+v\n%+v", a, b)
	}
	// Dense order is kept, so attribute codes agree node by node.
	ia, ib := n.Index(), m.Index()
	for i := int32(0); i < int32(n.N()); i++ {
		if ia.String(i) != ib.String(i) {
			t.Fatalf("dense node %d: %s vs %s", i, ia.String(i), ib.String(i))
		}
	}
}

func TestShippedRoundTrip(t *testing.T) {
	for _, name := range datasets.Names() {
		t.Run(name, func(t *testing.T) {
			n, err := datasets.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			defer n.Release()
			roundTrip(t, n)
		})
	}
}

// Every network in shared/datasets/raw goes network -> gota -> network
// unchanged (read through the registry with the shared folder as mirror).
func TestSharedRoundTrip(t *testing.T) {
	mirror, ok := shareddata.SharedRawDir()
	if !ok {
		shareddata.Skipf(t, "public data sets not found at %s: put the project's shared/ folder beside the checkout (or set SOLIDARITY_SHARED_RAW) to run this test", mirror)
	}
	cache := t.TempDir()
	names := []string{"polblogs", "email-eu-core", "karate-newman", "polbooks", "football", "soc-sign-bitcoin-otc",
		"collegemsg", "higgs-reply", "higgs-mention", "lazega-lawyers", "sampson", "sampson-like",
		"netseg-classroom", "netseg-ef3", "netseg-whitekinship"}
	if testing.Short() {
		names = names[:5]
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			n, err := registry.Load(context.Background(), name, registry.Options{CacheDir: cache, Mirror: mirror, Quiet: true})
			if err != nil {
				t.Fatal(err)
			}
			defer n.Release()
			roundTrip(t, n)
		})
	}
}
