package network

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
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
// (numerically when every label is a number), so results do not depend on
// row order.
func (n *Network) Categories(col string) (*Categorical, error) {
	a, err := n.nodeColumn(col)
	if err != nil {
		return nil, err
	}
	N := n.N()
	raw := make([]string, N)
	has := make([]bool, N)
	for i := 0; i < a.Len(); i++ {
		if !a.IsNull(i) {
			if f, ok := floatAt(a, i); ok && math.IsNaN(f) {
				continue
			}
			raw[i] = labelAt(a, i)
			has[i] = true
		}
	}
	seen := map[string]int32{}
	var labels []string
	for i := range raw {
		if has[i] {
			if _, ok := seen[raw[i]]; !ok {
				seen[raw[i]] = 0
				labels = append(labels, raw[i])
			}
		}
	}
	sortLabels(labels)
	for k, l := range labels {
		seen[l] = int32(k)
	}
	c := &Categorical{Name: col, Labels: labels, Codes: make([]int32, N)}
	for i := range raw {
		if has[i] {
			c.Codes[i] = seen[raw[i]]
		} else {
			c.Codes[i] = -1
			c.Missing++
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
		return l[i] < l[j]
	})
}
