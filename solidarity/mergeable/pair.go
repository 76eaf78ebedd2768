package mergeable

import (
	"cmp"
	"math"

	"github.com/algosolidarity/toolkit/solidarity/reciprocity"
)

// Orient puts the two ends of a record in a fixed order, so that every
// record of one unordered pair lands on the same key: u <= v, and forward
// says whether the record goes u→v. Key the pair summaries on (u, v).
func Orient[T cmp.Ordered](source, target T) (u, v T, forward bool) {
	if source <= target {
		return source, target, true
	}
	return target, source, false
}

// Pair is the summary of one unordered pair {u, v} of distinct nodes
// (u < v in the order of Orient): which of the arcs u→v and v→u exist and
// their merged weights (parallel records add up). Its zero value is a pair
// without arcs. Self-loops never reach a Pair: count them apart.
type Pair struct {
	Forward, Backward   bool    // arcs u→v and v→u exist
	WForward, WBackward float64 // their merged weights
}

// Add merges one directed record of weight w (1 when the network has no
// weight column): forward says it goes u→v. For an undirected network call
// AddUndirected instead.
func (p *Pair) Add(forward bool, w float64) {
	if forward {
		p.Forward = true
		p.WForward += w
	} else {
		p.Backward = true
		p.WBackward += w
	}
}

// AddUndirected merges one record of an undirected network: the edge
// stands for both arcs, each with the merged weight.
func (p *Pair) AddUndirected(w float64) {
	p.Add(true, w)
	p.Add(false, w)
}

// Merge adds the records of q.
func (p *Pair) Merge(q Pair) {
	p.Forward = p.Forward || q.Forward
	p.Backward = p.Backward || q.Backward
	p.WForward += q.WForward
	p.WBackward += q.WBackward
}

// Arcs is the number of merged arcs of the pair (0, 1 or 2).
func (p Pair) Arcs() int64 { return b2i(p.Forward) + b2i(p.Backward) }

// Mutual reports whether both arcs exist.
func (p Pair) Mutual() bool { return p.Forward && p.Backward }

// Ends returns what the pair adds to the node summaries of u and of v.
func (p Pair) Ends() (u, v Node) {
	m := b2i(p.Mutual())
	return Node{Out: b2i(p.Forward), In: b2i(p.Backward), Mutual: m},
		Node{Out: b2i(p.Backward), In: b2i(p.Forward), Mutual: m}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// Node is the summary of one node, added up over its pairs: distinct out-
// and in-neighbours (for an undirected network both are the number of
// neighbours) and mutual neighbours. Its zero value is an isolated node.
type Node struct {
	Out, In, Mutual int64
}

// Merge adds o.
func (n *Node) Merge(o Node) {
	n.Out += o.Out
	n.In += o.In
	n.Mutual += o.Mutual
}

// NodeKey is what the reciprocity jackknife needs of a node: its out+in
// degree and its number of mutual neighbours.
type NodeKey struct{ Degree, Mutual int64 }

// Reciprocity holds the sums of every reciprocity index: arc and weight
// sums from the pairs (AddPair) and a histogram of the nodes' (degree,
// mutual) for the node jackknife (AddNode, once per node after the node
// summaries are complete). Its zero value is empty.
type Reciprocity struct {
	Arcs, Reciprocated         int64
	Weight, WeightReciprocated float64
	Negative, Infinite         int64 // merged arcs with a weight < 0, or infinite
	Nodes                      map[NodeKey]int64
}

// AddPair adds one pair's arcs.
func (r *Reciprocity) AddPair(p Pair) {
	arc := func(w float64) {
		r.Arcs++
		r.Weight += w
		if w < 0 {
			r.Negative++
		} else if math.IsInf(w, 0) {
			r.Infinite++
		}
	}
	if p.Forward {
		arc(p.WForward)
	}
	if p.Backward {
		arc(p.WBackward)
	}
	if p.Mutual() {
		r.Reciprocated += 2
		r.WeightReciprocated += 2 * math.Min(p.WForward, p.WBackward)
	}
}

// AddNode adds one node's complete summary to the jackknife histogram.
// Isolated nodes may be added or left out: they do not count.
func (r *Reciprocity) AddNode(n Node) {
	d := n.Out + n.In
	if d == 0 {
		return
	}
	if r.Nodes == nil {
		r.Nodes = map[NodeKey]int64{}
	}
	r.Nodes[NodeKey{d, n.Mutual}]++
}

// Merge adds o.
func (r *Reciprocity) Merge(o *Reciprocity) {
	r.Arcs += o.Arcs
	r.Reciprocated += o.Reciprocated
	r.Weight += o.Weight
	r.WeightReciprocated += o.WeightReciprocated
	r.Negative += o.Negative
	r.Infinite += o.Infinite
	if len(o.Nodes) > 0 && r.Nodes == nil {
		r.Nodes = make(map[NodeKey]int64, len(o.Nodes))
	}
	for k, c := range o.Nodes {
		r.Nodes[k] += c
	}
}

// Load is what the reading of the network says and the pairs cannot: the
// direction, the number of nodes (isolated ones included), and the
// self-loop and parallel records left out.
type Load struct {
	Directed            bool
	Nodes               int
	SelfLoops, Parallel int
}

// Finish computes the reciprocity summary through reciprocity.FromCounts,
// the function reciprocity.Summarize ends in. The histogram is read in
// sorted order, so the result does not depend on the order of merges.
func (r *Reciprocity) Finish(l Load) reciprocity.Summary {
	keys := sortedKeys(r.Nodes, func(a, b NodeKey) int {
		return cmp.Or(cmp.Compare(a.Degree, b.Degree), cmp.Compare(a.Mutual, b.Mutual))
	})
	return reciprocity.FromCounts(reciprocity.Counts{
		Directed: l.Directed, Nodes: l.Nodes, SelfLoops: l.SelfLoops, Parallel: l.Parallel,
		Arcs: r.Arcs, Reciprocated: r.Reciprocated,
		WeightTotal: r.Weight, WeightReciprocated: r.WeightReciprocated,
		NegativeWeights: r.Negative, InfiniteWeights: r.Infinite,
	}, func(yield func(degree, mutual, count int64)) {
		for _, k := range keys {
			yield(k.Degree, k.Mutual, r.Nodes[k])
		}
	})
}
