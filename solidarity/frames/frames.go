package frames

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// FromRecord returns rec as a gota DataFrame, one series per column, with
// Arrow nulls as gota NA (see the package documentation for the type map
// and the NaN caveats). A nil or column-less record gives an empty
// DataFrame (no columns, no error). A column that cannot be represented
// (an unsigned value beyond the int64 range) sets the DataFrame's Err,
// naming the column and row. rec is not retained.
func FromRecord(rec arrow.RecordBatch) dataframe.DataFrame {
	if rec == nil || rec.NumCols() == 0 {
		return dataframe.DataFrame{}
	}
	cols := make([]series.Series, rec.NumCols())
	for i, f := range rec.Schema().Fields() {
		s, err := toSeries(f.Name, rec.Column(i))
		if err != nil {
			return dataframe.DataFrame{Err: err}
		}
		cols[i] = s
	}
	return dataframe.New(cols...)
}

func toSeries(name string, a arrow.Array) (series.Series, error) {
	n := a.Len()
	var s series.Series
	switch v := a.(type) {
	case *array.Int64:
		vals := make([]int, n)
		for i, x := range v.Int64Values() {
			vals[i] = int(x)
		}
		s = series.New(vals, series.Int, name)
	case *array.Int32, *array.Int16, *array.Int8, *array.Uint32, *array.Uint16, *array.Uint8, *array.Uint64:
		vals := make([]int, n)
		for i := range vals {
			if a.IsNull(i) {
				continue
			}
			x, err := intValue(a, i)
			if err != nil {
				return series.Series{}, fmt.Errorf("frames: column %q row %d: %w", name, i+1, err)
			}
			vals[i] = x
		}
		s = series.New(vals, series.Int, name)
	case *array.Float64:
		s = series.New(v.Float64Values()[:n:n], series.Float, name)
	case *array.Float32:
		vals := make([]float64, n)
		for i, x := range v.Float32Values() {
			vals[i] = float64(x)
		}
		s = series.New(vals, series.Float, name)
	case *array.Boolean:
		vals := make([]bool, n)
		for i := range vals {
			vals[i] = v.Value(i)
		}
		s = series.New(vals, series.Bool, name)
	default:
		vals := make([]string, n)
		for i := range vals {
			if !a.IsNull(i) {
				vals[i] = stringValue(a, i)
			}
		}
		s = series.New(vals, series.String, name)
	}
	if a.NullN() > 0 {
		for i := 0; i < n; i++ {
			if a.IsNull(i) {
				s.Elem(i).Set(nil)
			}
		}
	}
	return s, nil
}

func intValue(a arrow.Array, i int) (int, error) {
	switch v := a.(type) {
	case *array.Int32:
		return int(v.Value(i)), nil
	case *array.Int16:
		return int(v.Value(i)), nil
	case *array.Int8:
		return int(v.Value(i)), nil
	case *array.Uint32:
		return int(v.Value(i)), nil
	case *array.Uint16:
		return int(v.Value(i)), nil
	case *array.Uint8:
		return int(v.Value(i)), nil
	case *array.Uint64:
		x := v.Value(i)
		if x > math.MaxInt64 {
			return 0, fmt.Errorf("unsigned value %d is beyond gota's int range", x)
		}
		return int(x), nil
	}
	return 0, fmt.Errorf("not an integer column (%s)", a.DataType())
}

func stringValue(a arrow.Array, i int) string {
	switch v := a.(type) {
	case *array.String:
		return v.Value(i)
	case *array.LargeString:
		return v.Value(i)
	case *array.StringView:
		return v.Value(i)
	case *array.Dictionary:
		return stringValue(v.Dictionary(), v.GetValueIndex(i))
	}
	return a.ValueStr(i)
}

// ToRecord returns df as an Arrow record batch with one column per series:
// gota Int -> int64, Float -> float64, String -> utf8, Bool -> boolean, and
// NA -> null in each (see the package documentation). Every field is
// nullable. The caller releases the record. mem may be nil (the default
// allocator). An error is returned when df carries one (df.Err).
func ToRecord(df dataframe.DataFrame, mem memory.Allocator) (arrow.RecordBatch, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("frames: the DataFrame carries an error: %w", df.Err)
	}
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	names := df.Names()
	fields := make([]arrow.Field, len(names))
	cols := make([]arrow.Array, len(names))
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i, name := range names {
		s := df.Col(name)
		if s.Err != nil {
			return nil, fmt.Errorf("frames: column %q: %w", name, s.Err)
		}
		a, err := fromSeries(s, mem)
		if err != nil {
			return nil, fmt.Errorf("frames: column %q: %w", name, err)
		}
		cols[i] = a
		fields[i] = arrow.Field{Name: name, Type: a.DataType(), Nullable: true}
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(df.Nrow())), nil
}

func fromSeries(s series.Series, mem memory.Allocator) (arrow.Array, error) {
	n := s.Len()
	na := s.IsNaN()
	valid := make([]bool, n)
	hasNA := false
	for i, x := range na {
		valid[i] = !x
		hasNA = hasNA || x
	}
	if !hasNA {
		valid = nil
	}
	switch s.Type() {
	case series.Int:
		b := array.NewInt64Builder(mem)
		defer b.Release()
		vals := make([]int64, n)
		for i := 0; i < n; i++ {
			if na[i] {
				continue
			}
			x, err := s.Elem(i).Int()
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			vals[i] = int64(x)
		}
		b.AppendValues(vals, valid)
		return b.NewArray(), nil
	case series.Float:
		b := array.NewFloat64Builder(mem)
		defer b.Release()
		vals := s.Float()
		for i := range vals {
			if na[i] {
				vals[i] = 0
			}
		}
		b.AppendValues(vals, valid)
		return b.NewArray(), nil
	case series.Bool:
		b := array.NewBooleanBuilder(mem)
		defer b.Release()
		vals := make([]bool, n)
		for i := 0; i < n; i++ {
			if na[i] {
				continue
			}
			x, err := s.Elem(i).Bool()
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			vals[i] = x
		}
		b.AppendValues(vals, valid)
		return b.NewArray(), nil
	case series.String:
		b := array.NewStringBuilder(mem)
		defer b.Release()
		vals := make([]string, n)
		for i := 0; i < n; i++ {
			if !na[i] {
				vals[i] = s.Elem(i).String()
			}
		}
		b.AppendValues(vals, valid)
		return b.NewArray(), nil
	}
	return nil, fmt.Errorf("gota type %q is not one of int, float, string, bool", s.Type())
}

// EdgesFrame returns the network's raw edges table (every record, loops
// and parallel edges included) as a gota DataFrame.
func EdgesFrame(n *network.Network) dataframe.DataFrame { return FromRecord(n.Edges()) }

// NodesFrame returns the network's nodes table as a gota DataFrame, or an
// empty DataFrame (no columns, Err nil) when the network has none.
func NodesFrame(n *network.Network) dataframe.DataFrame { return FromRecord(n.Nodes()) }

// NetworkFromFrames builds a Network from gota frames: edges needs source
// and target columns (gota Int or String, named by cols, defaults source and
// target) and may hold weight, time, kind and any other columns; nodes, which
// may be an empty DataFrame (dataframe.DataFrame{}) for none, needs an id
// column of the same kind. An NA in an id column is an error naming the row
// (network.New). The caller releases the Network.
func NetworkFromFrames(edges, nodes dataframe.DataFrame, directed bool, cols network.Columns) (*network.Network, error) {
	e, err := ToRecord(edges, nil)
	if err != nil {
		return nil, fmt.Errorf("frames: edges: %w", err)
	}
	defer e.Release()
	var nd arrow.RecordBatch
	if nodes.Err != nil || nodes.Ncol() > 0 {
		nd, err = ToRecord(nodes, nil)
		if err != nil {
			return nil, fmt.Errorf("frames: nodes: %w", err)
		}
		defer nd.Release()
	}
	n, err := network.New(e, nd, directed, cols)
	if err != nil {
		return nil, fmt.Errorf("frames: %w", err)
	}
	n.Name = "gota frames"
	return n, nil
}
