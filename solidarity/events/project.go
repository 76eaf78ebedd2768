package events

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Project returns the directed actor -> author network of the events of one
// kind ("" for every kind): one edge per distinct (actor, author) pair.
// With weighted true the edge carries a "weight" column equal to the number
// of events of that pair; otherwise it has no weight column (every edge
// weighs 1). The nodes table holds every person of the events (id, plus
// group and leaning when an actors table was read), in People's dense
// order, so the network's dense indices equal the events' People indices.
// Self-engagement (actor == author) becomes a self-loop, which the
// network's Simple view leaves out and counts in its Report.
//
// The returned Network is independent of e: release it separately.
func (e *Events) Project(kind string, weighted bool) (*network.Network, error) {
	k := int32(-1)
	if kind != "" {
		if k = e.KindIndex(kind); k < 0 {
			return nil, fmt.Errorf("events: %s has no kind %q (kinds: %v)", e.describe(), kind, e.Kinds)
		}
	}
	var keep []bool
	if k >= 0 {
		keep = make([]bool, len(e.Kinds))
		keep[k] = true
	}
	order := e.PairOrder(keep, false)
	var src, dst []int32
	var cnt []float64
	for i := 0; i < len(order); {
		u, v := e.Actor[order[i]], e.Author[order[i]]
		j := i + 1
		for j < len(order) && e.Actor[order[j]] == u && e.Author[order[j]] == v {
			j++
		}
		src = append(src, u)
		dst = append(dst, v)
		cnt = append(cnt, float64(j-i))
		i = j
	}
	mem := e.memory()
	idArr := func(d []int32) arrow.Array {
		if e.People.IsString() {
			b := array.NewStringBuilder(mem)
			defer b.Release()
			for _, v := range d {
				b.Append(e.People.String(v))
			}
			return b.NewArray()
		}
		b := array.NewInt64Builder(mem)
		defer b.Release()
		for _, v := range d {
			b.Append(e.People.Int(v))
		}
		return b.NewArray()
	}
	idType := arrow.DataType(arrow.PrimitiveTypes.Int64)
	if e.People.IsString() {
		idType = arrow.BinaryTypes.String
	}
	fields := []arrow.Field{{Name: network.ColSource, Type: idType}, {Name: network.ColTarget, Type: idType}}
	cols := []arrow.Array{idArr(src), idArr(dst)}
	if weighted {
		b := array.NewFloat64Builder(mem)
		b.AppendValues(cnt, nil)
		cols = append(cols, b.NewArray())
		b.Release()
		fields = append(fields, arrow.Field{Name: network.ColWeight, Type: arrow.PrimitiveTypes.Float64})
	}
	edges := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(len(src)))
	for _, c := range cols {
		c.Release()
	}
	defer edges.Release()

	all := make([]int32, e.NumPeople())
	for i := range all {
		all[i] = int32(i)
	}
	nf := []arrow.Field{{Name: network.ColID, Type: idType}}
	nc := []arrow.Array{idArr(all)}
	if e.Group != nil {
		b := array.NewStringBuilder(mem)
		for _, g := range e.Group {
			if g < 0 {
				b.AppendNull()
			} else {
				b.Append(e.Groups[g])
			}
		}
		nc = append(nc, b.NewArray())
		b.Release()
		nf = append(nf, arrow.Field{Name: ColGroup, Type: arrow.BinaryTypes.String, Nullable: true})
	}
	if e.Leaning != nil {
		b := array.NewFloat64Builder(mem)
		for _, l := range e.Leaning {
			if l != l {
				b.AppendNull()
			} else {
				b.Append(l)
			}
		}
		nc = append(nc, b.NewArray())
		b.Release()
		nf = append(nf, arrow.Field{Name: ColLeaning, Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	nodes := array.NewRecordBatch(arrow.NewSchema(nf, nil), nc, int64(len(all)))
	for _, c := range nc {
		c.Release()
	}
	defer nodes.Release()
	n, err := network.New(edges, nodes, true, network.Columns{})
	if err != nil {
		return nil, fmt.Errorf("events: projecting %s: %w", e.describe(), err)
	}
	n.Name = e.describe()
	if kind != "" {
		n.Name += " (" + kind + ")"
	}
	return n, nil
}
