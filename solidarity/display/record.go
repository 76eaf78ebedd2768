package display

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Columns builds an Arrow record batch of n rows column by column from
// functions of the row number: the way a result held as Go slices offers
// all its rows as a table (a result's Table method). NaN floats stay NaN
// (they are values with a reason in the result, not missing data).
//
//	rec := display.NewColumns(len(r.Actors)).
//		String("actor", func(i int) string { return r.Person(int32(i)) }).
//		Float("leaning", func(i int) float64 { return r.Actors[i].Leaning }).
//		Record()
//	defer rec.Release()
type Columns struct {
	n      int
	mem    memory.Allocator
	fields []arrow.Field
	arrays []arrow.Array
}

// NewColumns starts a record batch of n rows (default allocator).
func NewColumns(n int) *Columns { return &Columns{n: n, mem: memory.DefaultAllocator} }

// String adds a text column.
func (c *Columns) String(name string, f func(i int) string) *Columns {
	b := array.NewStringBuilder(c.mem)
	defer b.Release()
	b.Reserve(c.n)
	for i := 0; i < c.n; i++ {
		b.Append(f(i))
	}
	return c.add(name, arrow.BinaryTypes.String, b.NewArray())
}

// Int adds an int64 column.
func (c *Columns) Int(name string, f func(i int) int64) *Columns {
	b := array.NewInt64Builder(c.mem)
	defer b.Release()
	b.Reserve(c.n)
	for i := 0; i < c.n; i++ {
		b.Append(f(i))
	}
	return c.add(name, arrow.PrimitiveTypes.Int64, b.NewArray())
}

// Float adds a float64 column.
func (c *Columns) Float(name string, f func(i int) float64) *Columns {
	b := array.NewFloat64Builder(c.mem)
	defer b.Release()
	b.Reserve(c.n)
	for i := 0; i < c.n; i++ {
		b.Append(f(i))
	}
	return c.add(name, arrow.PrimitiveTypes.Float64, b.NewArray())
}

// Bool adds a boolean column.
func (c *Columns) Bool(name string, f func(i int) bool) *Columns {
	b := array.NewBooleanBuilder(c.mem)
	defer b.Release()
	b.Reserve(c.n)
	for i := 0; i < c.n; i++ {
		b.Append(f(i))
	}
	return c.add(name, arrow.FixedWidthTypes.Boolean, b.NewArray())
}

func (c *Columns) add(name string, t arrow.DataType, a arrow.Array) *Columns {
	c.fields = append(c.fields, arrow.Field{Name: name, Type: t})
	c.arrays = append(c.arrays, a)
	return c
}

// Record returns the record batch; the caller releases it.
func (c *Columns) Record() arrow.RecordBatch {
	rec := array.NewRecordBatch(arrow.NewSchema(c.fields, nil), c.arrays, int64(c.n))
	for _, a := range c.arrays {
		a.Release()
	}
	c.arrays = nil
	return rec
}
