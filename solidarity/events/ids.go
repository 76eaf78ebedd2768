package events

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// ids assigns dense indices in order of first appearance. Integer ids use a
// flat lookup array while they stay small and non-negative (much faster
// than a map for the compact ids most data sets use), a map otherwise.
type ids struct {
	isStr bool
	ints  []int64
	strs  []string
	flat  []int32 // flat[id] = dense+1
	im    map[int64]int32
	sm    map[string]int32
}

func newIDs(isStr bool, capacity int) *ids {
	if isStr {
		return &ids{isStr: true, sm: make(map[string]int32, capacity)}
	}
	return &ids{im: map[int64]int32{}}
}

func (x *ids) len() int {
	if x.isStr {
		return len(x.strs)
	}
	return len(x.ints)
}

func (x *ids) addInt(v int64) int32 {
	if v >= 0 && v < int64(len(x.flat)) {
		if d := x.flat[v]; d > 0 {
			return d - 1
		}
		i := int32(len(x.ints))
		x.ints = append(x.ints, v)
		x.flat[v] = i + 1
		return i
	}
	if i, ok := x.im[v]; ok {
		return i
	}
	i := int32(len(x.ints))
	x.ints = append(x.ints, v)
	x.im[v] = i
	return i
}

func (x *ids) addString(s string) int32 {
	if i, ok := x.sm[s]; ok {
		return i
	}
	i := int32(len(x.strs))
	x.strs = append(x.strs, s)
	x.sm[s] = i
	return i
}

func (x *ids) add(a arrow.Array, i int) int32 {
	if x.isStr {
		return x.addString(valueString(a, i))
	}
	return x.addInt(intAt(a, i))
}

// addColumns indexes a (and b, interleaved row by row, when not nil).
func (x *ids) addColumns(a, b arrow.Array, outA, outB []int32) {
	n := a.Len()
	if !x.isStr && x.flat == nil && len(x.im) == 0 && len(x.ints) == 0 {
		max := int64(-1)
		ok := true
		for _, c := range []arrow.Array{a, b} {
			if c == nil {
				continue
			}
			for i := 0; i < n && ok; i++ {
				v := intAt(c, i)
				if v < 0 {
					ok = false
				} else if v > max {
					max = v
				}
			}
		}
		if ok && max < int64(8*n+1024) && max < 1<<30 {
			x.flat = make([]int32, max+1)
		}
	}
	a64, _ := a.(*array.Int64)
	var b64 *array.Int64
	if b != nil {
		b64, _ = b.(*array.Int64)
	}
	for i := 0; i < n; i++ {
		if a64 != nil {
			outA[i] = x.addInt(a64.Value(i))
		} else {
			outA[i] = x.add(a, i)
		}
		if b != nil {
			if b64 != nil {
				outB[i] = x.addInt(b64.Value(i))
			} else {
				outB[i] = x.add(b, i)
			}
		}
	}
}

// index copies the ids, in dense order, into a network.Index.
func (x *ids) index() *network.Index {
	if x.isStr {
		ix := network.NewStringIndex(len(x.strs))
		for _, s := range x.strs {
			ix.AddString(s)
		}
		return ix
	}
	ix := network.NewIntIndex(len(x.ints))
	for _, v := range x.ints {
		ix.AddInt(v)
	}
	return ix
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
