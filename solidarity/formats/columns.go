package formats

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// colBuilder collects the text of one column and infers its Arrow type at
// the end: int64 when every value is an integer, float64 when every value
// is a number, bool for true/false, string otherwise. Missing values
// (empty CSV fields, absent GML keys) are nulls.
type colBuilder struct {
	name        string
	vals        []string
	valid       []bool
	forceString bool // a quoted GML value, or a GraphML string key
	kind        arrow.DataType
}

func newCol(name string) *colBuilder { return &colBuilder{name: name} }

// set stores value s at row, padding earlier rows with nulls.
func (c *colBuilder) set(row int, s string, quoted bool) {
	for len(c.vals) < row {
		c.vals = append(c.vals, "")
		c.valid = append(c.valid, false)
	}
	if quoted {
		c.forceString = true
	}
	if row < len(c.vals) {
		c.vals[row], c.valid[row] = s, true
		return
	}
	c.vals = append(c.vals, s)
	c.valid = append(c.valid, true)
}

// add appends s; an empty s is a null.
func (c *colBuilder) add(s string) {
	c.vals = append(c.vals, s)
	c.valid = append(c.valid, s != "")
}

// reserve makes room for n rows in all.
func (c *colBuilder) reserve(n int) {
	if n > len(c.vals) {
		c.vals = slices.Grow(c.vals, n-len(c.vals))
		c.valid = slices.Grow(c.valid, n-len(c.valid))
	}
}

func (c *colBuilder) pad(n int) {
	for len(c.vals) < n {
		c.vals = append(c.vals, "")
		c.valid = append(c.valid, false)
	}
}

func isBool(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false":
		return true
	}
	return false
}

func (c *colBuilder) infer(idOnly bool) arrow.DataType {
	if c.kind != nil {
		return c.kind
	}
	isInt, isFloat, isB := true, true, true
	any := false
	for i, s := range c.vals {
		if !c.valid[i] {
			continue
		}
		any = true
		if isInt {
			if _, err := strconv.ParseInt(s, 10, 64); err != nil {
				isInt = false
			}
		}
		if !isInt && isFloat {
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				isFloat = false
			}
		}
		if isB && !isBool(s) {
			isB = false
		}
		if !isInt && !isFloat && !isB {
			break
		}
	}
	switch {
	case c.forceString:
		c.kind = arrow.BinaryTypes.String
	case !any && idOnly:
		c.kind = arrow.PrimitiveTypes.Int64 // no ids at all: the type of the other table decides
	case !any:
		c.kind = arrow.BinaryTypes.String
	case isInt:
		c.kind = arrow.PrimitiveTypes.Int64
	case idOnly:
		c.kind = arrow.BinaryTypes.String
	case isFloat:
		c.kind = arrow.PrimitiveTypes.Float64
	case isB:
		c.kind = arrow.FixedWidthTypes.Boolean
	default:
		c.kind = arrow.BinaryTypes.String
	}
	return c.kind
}

// build makes the Arrow array (type from infer, or t when not nil).
func (c *colBuilder) build(mem memory.Allocator, t arrow.DataType) arrow.Array {
	if t == nil {
		t = c.infer(false)
	}
	n := len(c.vals)
	switch t.ID() {
	case arrow.INT64:
		b := array.NewInt64Builder(mem)
		defer b.Release()
		b.Reserve(n)
		for i, s := range c.vals {
			if !c.valid[i] {
				b.AppendNull()
				continue
			}
			v, _ := strconv.ParseInt(s, 10, 64)
			b.UnsafeAppend(v)
		}
		return b.NewArray()
	case arrow.FLOAT64:
		b := array.NewFloat64Builder(mem)
		defer b.Release()
		b.Reserve(n)
		for i, s := range c.vals {
			if !c.valid[i] {
				b.AppendNull()
				continue
			}
			v, _ := strconv.ParseFloat(s, 64)
			b.UnsafeAppend(v)
		}
		return b.NewArray()
	case arrow.BOOL:
		b := array.NewBooleanBuilder(mem)
		defer b.Release()
		b.Reserve(n)
		for i, s := range c.vals {
			if !c.valid[i] {
				b.AppendNull()
				continue
			}
			b.UnsafeAppend(strings.EqualFold(s, "true"))
		}
		return b.NewArray()
	}
	b := array.NewStringBuilder(mem)
	defer b.Release()
	b.Reserve(n)
	for i, s := range c.vals {
		if !c.valid[i] {
			b.AppendNull()
			continue
		}
		b.Append(s)
	}
	return b.NewArray()
}

// record builds a record batch from columns of equal length. idCols name
// columns that must be int64 or string (node ids), inferred together so
// that source and target get the same type.
func record(mem memory.Allocator, cols []*colBuilder, idCols []string, meta map[string]string) arrow.RecordBatch {
	n := 0
	for _, c := range cols {
		if len(c.vals) > n {
			n = len(c.vals)
		}
	}
	isID := map[string]bool{}
	for _, s := range idCols {
		isID[s] = true
	}
	var idType arrow.DataType = arrow.PrimitiveTypes.Int64
	for _, c := range cols {
		c.pad(n)
		if isID[c.name] && c.infer(true).ID() != arrow.INT64 {
			idType = arrow.BinaryTypes.String
		}
	}
	fields := make([]arrow.Field, len(cols))
	arrs := make([]arrow.Array, len(cols))
	for i, c := range cols {
		t := c.infer(false)
		if isID[c.name] {
			t = idType
		}
		arrs[i] = c.build(mem, t)
		fields[i] = arrow.Field{Name: c.name, Type: t, Nullable: true}
	}
	var md *arrow.Metadata
	if len(meta) > 0 {
		m := arrow.MetadataFrom(meta)
		md = &m
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, md), arrs, int64(n))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}

// nodeIDColumn picks the id column of a nodes table: want, else "id",
// else the first column.
func nodeIDColumn(s *arrow.Schema, want string) string {
	if want != "" {
		return want
	}
	if s.HasField(network.ColID) {
		return network.ColID
	}
	if s.NumFields() > 0 {
		return s.Field(0).Name
	}
	return network.ColID
}

// matchIDTypes returns the nodes table with its id column converted to
// text when the edge ids are text and the node ids integers (or the other
// way round: then the edges are left alone and node ids become text only
// if the edges are text). It returns a new reference the caller owns.
func matchIDTypes(edges, nodes arrow.RecordBatch, cols network.Columns, mem memory.Allocator) (arrow.RecordBatch, error) {
	idx := nodes.Schema().FieldIndices(cols.ID)
	if len(idx) == 0 {
		return nil, fmt.Errorf("nodes table has no id column %q (columns: %v)", cols.ID, fieldNames(nodes.Schema()))
	}
	sidx := edges.Schema().FieldIndices(cols.Source)
	if len(sidx) == 0 {
		nodes.Retain()
		return nodes, nil
	}
	et := edges.Column(sidx[0]).DataType()
	idc := nodes.Column(idx[0])
	nt := idc.DataType()
	if et.ID() == arrow.STRING && nt.ID() != arrow.STRING && arrow.IsInteger(nt.ID()) {
		b := array.NewStringBuilder(mem)
		defer b.Release()
		for i := 0; i < idc.Len(); i++ {
			if idc.IsNull(i) {
				b.AppendNull()
			} else {
				b.Append(idc.ValueStr(i))
			}
		}
		conv := b.NewArray()
		defer conv.Release()
		arrs := make([]arrow.Array, nodes.NumCols())
		fields := append([]arrow.Field(nil), nodes.Schema().Fields()...)
		for i := range arrs {
			arrs[i] = nodes.Column(i)
		}
		arrs[idx[0]] = conv
		fields[idx[0]].Type = arrow.BinaryTypes.String
		md := nodes.Schema().Metadata()
		return array.NewRecordBatch(arrow.NewSchema(fields, &md), arrs, nodes.NumRows()), nil
	}
	nodes.Retain()
	return nodes, nil
}

func fieldNames(s *arrow.Schema) []string {
	out := make([]string, s.NumFields())
	for i, f := range s.Fields() {
		out[i] = f.Name
	}
	return out
}
