package events

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// newIndex returns an empty id index for the given id columns (nil ones
// are skipped). Integer ids that are all non-negative and compact (at most
// 8 possible ids per value, as network.New decides) get the flat lookup of
// network.NewCompactIntIndex.
func newIndex(isStr bool, capacity int, cols ...arrow.Array) *network.Index {
	if isStr {
		return network.NewStringIndex(capacity)
	}
	max, n := int64(-1), 0
	for _, c := range cols {
		if c == nil {
			continue
		}
		n += c.Len()
		for i := 0; i < c.Len(); i++ {
			if c.IsNull(i) {
				continue
			}
			v := intAt(c, i)
			if v < 0 {
				return network.NewIntIndex(capacity)
			}
			max = maxInt64(max, v)
		}
	}
	if max < int64(8*n+1024) {
		return network.NewCompactIntIndex(max, capacity)
	}
	return network.NewIntIndex(capacity)
}

func maxInt64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// addID adds the id in row i of a to ix and returns its dense index.
func addID(ix *network.Index, a arrow.Array, i int) int32 {
	if ix.IsString() {
		return ix.AddString(valueString(a, i))
	}
	return ix.AddInt(intAt(a, i))
}

// addColumns indexes a (and b, interleaved row by row, when not nil), so
// ids get dense indices in order of first appearance, actor before author.
func addColumns(ix *network.Index, a, b arrow.Array, outA, outB []int32) {
	a64, _ := a.(*array.Int64)
	var b64 *array.Int64
	if b != nil {
		b64, _ = b.(*array.Int64)
	}
	for i := 0; i < a.Len(); i++ {
		if a64 != nil {
			outA[i] = ix.AddInt(a64.Value(i))
		} else {
			outA[i] = addID(ix, a, i)
		}
		if b != nil {
			if b64 != nil {
				outB[i] = ix.AddInt(b64.Value(i))
			} else {
				outB[i] = addID(ix, b, i)
			}
		}
	}
}

func intAt(a arrow.Array, i int) int64 {
	switch v := a.(type) {
	case *array.Int64:
		return v.Value(i)
	case *array.Int32:
		return int64(v.Value(i))
	case *array.Int16:
		return int64(v.Value(i))
	case *array.Int8:
		return int64(v.Value(i))
	case *array.Uint64:
		return int64(v.Value(i))
	case *array.Uint32:
		return int64(v.Value(i))
	case *array.Uint16:
		return int64(v.Value(i))
	case *array.Uint8:
		return int64(v.Value(i))
	}
	return 0
}
