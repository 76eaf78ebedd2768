package network

import (
	"fmt"
	"strconv"

	"github.com/algosolidarity/toolkit/internal/pool"
)

// Index maps node ids (int64 or string, never both) to dense int32 indices
// 0..Len()-1 and back. Ids from the nodes table come first, in table order,
// so dense index i is row i of the nodes table for i < NodeRows; ids that
// appear only in edges follow in order of first appearance.
type Index struct {
	ints     []int64
	strs     []string
	isStr    bool
	intPos   map[int64]int32
	strPos   map[string]int32
	dense    []int32 // fast path for small non-negative int ids: dense[id] = index+1
	NodeRows int     // rows of the nodes table (ids before this came from it)
}

// NewIntIndex returns an empty index for integer ids.
func NewIntIndex(capacity int) *Index {
	return &Index{intPos: make(map[int64]int32, capacity)}
}

// NewCompactIntIndex returns an empty index for integer ids that looks ids
// in [0, max] up in a flat array (4 bytes per possible id) instead of a hash
// map: several times faster for the compact ids most data sets use. A max
// below 0 or above 1<<28 gives a plain map index; ids outside [0, max] still
// go to the map.
func NewCompactIntIndex(max int64, capacity int) *Index {
	ix := NewIntIndex(capacity)
	ix.useDense(max)
	return ix
}

// NewStringIndex returns an empty index for string ids.
func NewStringIndex(capacity int) *Index {
	return &Index{isStr: true, strPos: make(map[string]int32, capacity)}
}

// IsString reports whether the ids are strings.
func (ix *Index) IsString() bool { return ix.isStr }

// Len is the number of distinct node ids.
func (ix *Index) Len() int {
	if ix.isStr {
		return len(ix.strs)
	}
	return len(ix.ints)
}

// Int returns the integer id of dense index i; it panics for string ids.
func (ix *Index) Int(i int32) int64 { return ix.ints[i] }

// String returns the id of dense index i as text (integers in base 10).
func (ix *Index) String(i int32) string {
	if ix.isStr {
		return ix.strs[i]
	}
	return strconv.FormatInt(ix.ints[i], 10)
}

// Ints returns the integer ids in dense order (nil for string ids). Do not modify.
func (ix *Index) Ints() []int64 { return ix.ints }

// Strings returns the string ids in dense order (nil for integer ids). Do not modify.
func (ix *Index) Strings() []string { return ix.strs }

// LookupInt returns the dense index of an integer id.
func (ix *Index) LookupInt(id int64) (int32, bool) {
	if ix.dense != nil && id >= 0 && id < int64(len(ix.dense)) {
		d := ix.dense[id]
		return d - 1, d > 0
	}
	i, ok := ix.intPos[id]
	return i, ok
}

// LookupString returns the dense index of a string id. For an integer index
// the text is parsed first.
func (ix *Index) LookupString(id string) (int32, bool) {
	if !ix.isStr {
		v, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return 0, false
		}
		return ix.LookupInt(v)
	}
	i, ok := ix.strPos[id]
	return i, ok
}

// AddInt returns the dense index of id, adding it if new.
func (ix *Index) AddInt(id int64) int32 {
	if ix.dense != nil && id >= 0 && id < int64(len(ix.dense)) {
		if d := ix.dense[id]; d > 0 {
			return d - 1
		}
		i := int32(len(ix.ints))
		ix.ints = append(ix.ints, id)
		ix.dense[id] = i + 1
		return i
	}
	if i, ok := ix.intPos[id]; ok {
		return i
	}
	i := int32(len(ix.ints))
	ix.ints = append(ix.ints, id)
	ix.intPos[id] = i
	return i
}

// addInts sets out[i] to the dense index of ids[i], adding new ids in
// order of first appearance, exactly as AddInt in a loop would. Ids already
// in a flat index (those of the nodes table) are looked up in parallel
// first; only the misses take the ordered pass.
func (ix *Index) addInts(ids []int64, out []int32) {
	p := workers(len(ids))
	if ix.dense == nil || len(ix.ints) == 0 || p == 1 {
		for i, v := range ids {
			out[i] = ix.AddInt(v)
		}
		return
	}
	dense := ix.dense
	// Ids 0..ident-1 sit at their own dense index (nodes tables listing
	// 0..N-1 in order): no lookup needed for them.
	ident := 0
	for ident < len(ix.ints) && ix.ints[ident] == int64(ident) {
		ident++
	}
	part := evenSplit(len(ids), p)
	misses := make([]int, p)
	pool.Parts(p, func(k int) {
		miss := 0
		for i := part[k]; i < part[k+1]; i++ {
			v := ids[i]
			if uint64(v) < uint64(ident) {
				out[i] = int32(v)
				continue
			}
			d := int32(0)
			if uint64(v) < uint64(len(dense)) {
				d = dense[v]
			}
			out[i] = d - 1
			if d == 0 {
				miss++
			}
		}
		misses[k] = miss
	})
	for k, miss := range misses {
		for i := part[k]; i < part[k+1] && miss > 0; i++ {
			if out[i] < 0 {
				out[i] = ix.AddInt(ids[i])
				miss--
			}
		}
	}
}

// AddString returns the dense index of id, adding it if new.
func (ix *Index) AddString(id string) int32 {
	if i, ok := ix.strPos[id]; ok {
		return i
	}
	i := int32(len(ix.strs))
	ix.strs = append(ix.strs, id)
	ix.strPos[id] = i
	return i
}

// useDense switches integer lookups for ids in [0, max] to a flat array,
// which is several times faster than a map for the compact ids most data
// sets use. Only called while the index is empty.
func (ix *Index) useDense(max int64) {
	if ix.isStr || len(ix.ints) != 0 || max < 0 || max > 1<<28 {
		return
	}
	ix.dense = make([]int32, max+1)
}

// errDuplicateID is returned while building the index from a nodes table.
type DuplicateIDError struct {
	Row int
	ID  string
}

func (e *DuplicateIDError) Error() string {
	return fmt.Sprintf("network: nodes table row %d: id %q appears twice (ids must be unique)", e.Row+1, e.ID)
}
