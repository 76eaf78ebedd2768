package network

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Categorical is a node attribute read as groups: Codes[i] is the group of
// dense node i (an index into Labels) or -1 where the value is missing
// (null, or the node is not in the nodes table).
type Categorical struct {
	Name    string
	Labels  []string
	Codes   []int32
	Missing int
}

// Groups is the number of distinct labels.
func (c *Categorical) Groups() int { return len(c.Labels) }

// Categories reads node attribute col as groups. Labels are sorted
// (numerically when every label is a number, otherwise in natural order:
// "g2" before "g10"), so results do not depend on row order.
func (n *Network) Categories(col string) (*Categorical, error) {
	a, err := n.nodeColumn(col)
	if err != nil {
		return nil, err
	}
	N := n.N()
	// One pass assigns provisional codes in order of first appearance (a
	// run of equal labels costs one string comparison each, no lookup);
	// then codes are renumbered to the sorted labels.
	codes := make([]int32, N)
	seen := map[string]int32{}
	var labels []string
	prev, prevCode := "", int32(-1)
	f64, _ := a.(*array.Float64)
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			codes[i] = -1
			continue
		}
		if f64 != nil {
			if math.IsNaN(f64.Value(i)) {
				codes[i] = -1
				continue
			}
		} else if f, ok := floatAt(a, i); ok && math.IsNaN(f) {
			codes[i] = -1
			continue
		}
		l := labelAt(a, i)
		if prevCode >= 0 && l == prev {
			codes[i] = prevCode
			continue
		}
		k, ok := seen[l]
		if !ok {
			k = int32(len(labels))
			seen[l] = k
			labels = append(labels, l)
		}
		codes[i], prev, prevCode = k, l, k
	}
	for i := a.Len(); i < N; i++ {
		codes[i] = -1
	}
	sorted := slices.Clone(labels)
	sortLabels(sorted)
	rank := make([]int32, len(labels))
	for r, l := range sorted {
		rank[seen[l]] = int32(r)
	}
	c := &Categorical{Name: col, Labels: sorted, Codes: codes}
	for i, k := range codes {
		if k < 0 {
			c.Missing++
		} else {
			codes[i] = rank[k]
		}
	}
	return c, nil
}

// Numbers reads a numeric node attribute for every dense node; missing
// values (null, NaN, or nodes not in the nodes table) are NaN.
func (n *Network) Numbers(col string) ([]float64, error) {
	a, err := n.nodeColumn(col)
	if err != nil {
		return nil, err
	}
	vals, err := Float64s(a, "nodes", col)
	if err != nil {
		return nil, err
	}
	out := make([]float64, n.N())
	for i := range out {
		out[i] = math.NaN()
	}
	copy(out, vals)
	return out, nil
}

func (n *Network) nodeColumn(col string) (arrow.Array, error) {
	if n.nodes == nil {
		return nil, fmt.Errorf("network: %s has no nodes table, so no attribute %q", n.describe(), col)
	}
	return column(n.nodes, col, "nodes")
}

func (n *Network) describe() string {
	if n.Name != "" {
		return n.Name
	}
	return "the network"
}

func floatAt(a arrow.Array, i int) (float64, bool) {
	switch a.DataType().ID() {
	case arrow.FLOAT64, arrow.FLOAT32:
		f, err := strconv.ParseFloat(a.ValueStr(i), 64)
		return f, err == nil
	}
	return 0, false
}

func labelAt(a arrow.Array, i int) string {
	if isStringType(a.DataType()) {
		return stringAt(a, i)
	}
	return a.ValueStr(i)
}

func sortLabels(l []string) {
	numeric := true
	for _, s := range l {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			numeric = false
			break
		}
	}
	sort.Slice(l, func(i, j int) bool {
		if numeric {
			a, _ := strconv.ParseFloat(l[i], 64)
			b, _ := strconv.ParseFloat(l[j], 64)
			return a < b
		}
		return naturalLess(l[i], l[j])
	})
}

// naturalLess orders text with embedded numbers as people read it:
// "g2" < "g10", "dept 9" < "dept 10"; otherwise byte order.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

// digits is the length of the run of ASCII digits that s starts with.
func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// SortLabels sorts group labels as Categories does: numerically when every
// label is a number, otherwise in natural order ("g2" before "g10"). Paths
// that gather labels elsewhere (package mergeable) use it to order groups
// the same way.
func SortLabels(labels []string) { sortLabels(labels) }
