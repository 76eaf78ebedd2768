package beamstats

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; the command adds gs:// and s3://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/algosolidarity/toolkit/solidarity/homophily"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Options choose the inputs and the report, as the flags of 'solidarity
// stats' do.
type Options struct {
	// Edges is a file or glob on any registered Beam filesystem (local,
	// gs://, s3://): CSV, TSV, SNAP, GML, GraphML, Pajek or Parquet, .gz
	// and .zip read transparently, each file read by the core's readers.
	Edges string
	// Nodes optionally names the nodes (attribute) files, a file or glob.
	Nodes string
	// Attr is the node attribute for the homophily indices ("" = none).
	Attr string
	// Undirected reads the edges as undirected (edge lists default to
	// directed, as in the core).
	Undirected bool
	// Weighted uses merged edge weights for the homophily indices.
	Weighted bool
	// DegreeModes adds the in-in, out-out and in-out degree
	// assortativities of a directed network.
	DegreeModes bool
	// Format and NodesFormat force a format ("csv", "parquet", ...);
	// empty detects it per file.
	Format, NodesFormat string
	// Columns names the source, target, weight and node id columns
	// (empty: the core's defaults and aliases).
	Columns network.Columns
	// Source is the "source" written in the report; empty: the base name
	// of Edges.
	Source string
}

// modes are the degree modes, numbered as the keys of the degree-pair
// combine.
var modes = []homophily.DegreeMode{homophily.OutIn, homophily.InIn, homophily.OutOut, homophily.InOut}

func init() {
	register.DoFn5x1[context.Context, fileio.ReadableFile, func(string, mergeable.Pair), func(string, NodePart), func(LoadSums), error](&readEdgesFn{})
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(string, NodePart), error](&readNodesFn{})
	register.DoFn5x0[string, mergeable.Pair, func(mergeable.Pair), func(string, NodePart), func(string, Arc)](&splitPairFn{})
	register.Function6x0(perNode)
	register.Function4x0(joinSources)
	register.DoFn6x0[string, func(*Half) bool, func(*NodeInfo) bool, func(int, DegArc), func(string, mergeable.CellSums), func(string, int64)](&joinTargetsFn{})
	register.DoFn2x1[Totals, func(string), error](&finishFn{})
	register.DoFn2x1[context.Context, string, error](&writeFn{})
	register.Combiner2[mergeable.Reciprocity, mergeable.Pair](&reciprocityPairsFn{})
	register.Combiner2[mergeable.Reciprocity, mergeable.Node](&reciprocityNodesFn{})
	register.Combiner2[mergeable.Mixing, Label](&mixingNodesFn{})
	register.Combiner2[mergeable.DegreePairs, DegArc](&degreePairsFn{})
	register.Function2x1(mergePairs)
	register.Function2x1(mergeNodes)
	register.Function2x1(mergeLoad)
	register.Function2x1(mergeNodeSums)
	register.Function2x1(mergeCells)
	register.Function2x1(sumInt64)
	register.Function2x1(MergeTotals)
	register.Function1x1(loadTotals)
	register.Function1x1(nodeTotals)
	register.Function1x1(recTotals)
	register.Function1x1(mixTotals)
	register.Function2x1(degTotals)
	register.Function2x1(cellTotals)
	register.Function2x2(wjackTotals)
	register.Emitter1[string]()
	register.Emitter1[LoadSums]()
	register.Emitter1[NodeSums]()
	register.Emitter1[Label]()
	register.Emitter1[mergeable.Pair]()
	register.Emitter1[mergeable.Node]()
	register.Emitter2[string, mergeable.Pair]()
	register.Emitter2[string, NodePart]()
	register.Emitter2[string, Arc]()
	register.Emitter2[string, int64]()
	register.Emitter2[string, NodeInfo]()
	register.Emitter2[string, Half]()
	register.Emitter2[string, mergeable.CellSums]()
	register.Emitter2[int, DegArc]()
	register.Iter1[Arc]()
	register.Iter1[Half]()
	register.Iter1[NodeInfo]()
}

// Sums adds the summing part of 'solidarity stats' to s and returns a
// PCollection<Totals> holding one element: every summary the report is
// finished from.
//
// Every index is a keyed combine over the core's mergeable summaries:
//
//	records → mergeable.Pair per unordered pair (merge rule: parallel
//	          records add their weights, self-loops are counted apart)
//	pairs   → mergeable.Reciprocity (arc and weight sums, dyads)
//	        → mergeable.Node per node (degrees, mutual neighbours), then the
//	          node jackknife histogram and the group sizes (mergeable.Mixing)
//	arcs ⋈ nodes by source, then by target
//	        → mergeable.DegreePairs per degree mode (assortativity and its
//	          jackknife)
//	        → mixing cells per (group, group) (matrix, Newman's jackknife);
//	          weighted: edges per (group, group, weight) for the second pass
//
// The keyed results are small (distinct keys, not edges) and are gathered
// into one Totals.
func Sums(s beam.Scope, opt Options) beam.PCollection {
	s = s.Scope("solidarity.Sums")
	directed := !opt.Undirected
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, opt.Edges, fileio.MatchEmptyDisallow()), fileio.ReadUncompressed())
	pairs, nodeParts, loads := beam.ParDo3(s, &readEdgesFn{
		Directed: directed, Source: opt.Columns.Source, Target: opt.Columns.Target, Weight: opt.Columns.Weight,
		ID: opt.Columns.ID, Format: opt.Format, Attr: opt.Attr,
	}, files)
	if opt.Nodes != "" {
		nfiles := fileio.ReadMatches(s, fileio.MatchFiles(s, opt.Nodes, fileio.MatchEmptyDisallow()), fileio.ReadUncompressed())
		rows := beam.ParDo(s, &readNodesFn{ID: opt.Columns.ID, Format: opt.NodesFormat, Attr: opt.Attr}, nfiles)
		nodeParts = beam.Flatten(s, nodeParts, rows)
	}
	merged := beam.CombinePerKey(s, mergePairs, pairs)
	recPairs, ends, arcs := beam.ParDo3(s, &splitPairFn{}, merged)
	nodes := beam.CombinePerKey(s, mergeNodes, beam.Flatten(s, nodeParts, ends))
	nodeSums, recNodes, labels, infos := beam.ParDo4(s, perNode, nodes)
	halves := beam.ParDo(s, joinSources, beam.CoGroupByKey(s, arcs, infos))
	degs, cells, wjack := beam.ParDo3(s, &joinTargetsFn{Directed: directed, Modes: opt.DegreeModes && directed, Weighted: opt.Weighted},
		beam.CoGroupByKey(s, halves, infos))

	parts := []beam.PCollection{
		beam.ParDo(s, loadTotals, beam.Combine(s, mergeLoad, loads)),
		beam.ParDo(s, nodeTotals, beam.Combine(s, mergeNodeSums, nodeSums)),
		beam.ParDo(s, recTotals, beam.Combine(s, &reciprocityPairsFn{}, recPairs)),
		beam.ParDo(s, recTotals, beam.Combine(s, &reciprocityNodesFn{}, recNodes)),
		beam.ParDo(s, mixTotals, beam.Combine(s, &mixingNodesFn{}, labels)),
		beam.ParDo(s, degTotals, beam.CombinePerKey(s, &degreePairsFn{Directed: directed}, degs)),
		beam.ParDo(s, cellTotals, beam.CombinePerKey(s, mergeCells, cells)),
		beam.ParDo(s, wjackTotals, beam.CombinePerKey(s, sumInt64, wjack)),
	}
	return beam.Combine(s, MergeTotals, beam.Flatten(s, parts...))
}

// Stats adds the whole 'solidarity stats' computation to s (Sums, then the
// finish on one worker) and returns a PCollection<string> holding one
// element, the JSON report: the same keys and values as 'solidarity stats
// --json'.
func Stats(s beam.Scope, opt Options) beam.PCollection {
	total := Sums(s, opt)
	src := opt.Source
	if src == "" {
		src = path.Base(opt.Edges)
	}
	return beam.ParDo(s.Scope("solidarity.Finish"), &finishFn{Directed: !opt.Undirected, Attr: opt.Attr, Weighted: opt.Weighted,
		DegreeModes: opt.DegreeModes, Source: src}, total)
}

// Write adds a step writing the report (the output of Stats) to out, a
// path on any registered Beam filesystem.
func Write(s beam.Scope, out string, report beam.PCollection) {
	filesystem.ValidateScheme(out)
	beam.ParDo0(s.Scope("solidarity.Write"), &writeFn{Out: out}, report)
}

func mergePairs(a, b mergeable.Pair) mergeable.Pair { a.Merge(b); return a }

func mergeNodes(a, b NodePart) NodePart {
	out := NodePart{Out: a.Out + b.Out, In: a.In + b.In, Mutual: a.Mutual + b.Mutual, Rows: a.Rows + b.Rows, Attrs: a.Attrs + b.Attrs,
		Group: a.Group, HasGroup: a.HasGroup}
	if !out.HasGroup {
		out.Group, out.HasGroup = b.Group, b.HasGroup
	}
	return out
}

func mergeLoad(a, b LoadSums) LoadSums {
	return LoadSums{Files: a.Files + b.Files, Records: a.Records + b.Records, Loops: a.Loops + b.Loops, WeightedFiles: a.WeightedFiles + b.WeightedFiles}
}

func mergeNodeSums(a, b NodeSums) NodeSums {
	out := NodeSums{Nodes: a.Nodes + b.Nodes, Rows: a.Rows + b.Rows, Isolated: a.Isolated + b.Isolated, NoAttrs: a.NoAttrs + b.NoAttrs,
		Duplicates: a.Duplicates + b.Duplicates, DuplicateID: a.DuplicateID}
	if out.DuplicateID == "" || (b.DuplicateID != "" && b.DuplicateID < out.DuplicateID) {
		out.DuplicateID = b.DuplicateID
	}
	return out
}

func mergeCells(a, b mergeable.CellSums) mergeable.CellSums {
	return mergeable.CellSums{Count: a.Count + b.Count, Weight: a.Weight + b.Weight}
}

func sumInt64(a, b int64) int64 { return a + b }

// The CombineFns below fill the core's summaries, so that Beam lifts
// them: each bundle adds its elements into one summary before the shuffle.

type reciprocityPairsFn struct{}

func (reciprocityPairsFn) AddInput(a mergeable.Reciprocity, p mergeable.Pair) mergeable.Reciprocity {
	a.AddPair(p)
	return a
}

func (reciprocityPairsFn) MergeAccumulators(a, b mergeable.Reciprocity) mergeable.Reciprocity {
	a.Merge(&b)
	return a
}

type reciprocityNodesFn struct{}

func (reciprocityNodesFn) AddInput(a mergeable.Reciprocity, n mergeable.Node) mergeable.Reciprocity {
	a.AddNode(n)
	return a
}

func (reciprocityNodesFn) MergeAccumulators(a, b mergeable.Reciprocity) mergeable.Reciprocity {
	a.Merge(&b)
	return a
}

type mixingNodesFn struct{}

func (mixingNodesFn) AddInput(a mergeable.Mixing, l Label) mergeable.Mixing {
	a.AddNode(l.Group, l.HasGroup)
	return a
}

func (mixingNodesFn) MergeAccumulators(a, b mergeable.Mixing) mergeable.Mixing {
	a.Merge(&b)
	return a
}

// degreePairsFn fills one mode's mergeable.DegreePairs: every arc of a
// directed network, each undirected edge once (from its First entry).
type degreePairsFn struct {
	Directed bool
}

func (f *degreePairsFn) AddInput(a mergeable.DegreePairs, d DegArc) mergeable.DegreePairs {
	switch {
	case f.Directed:
		a.AddArc(d.X, d.Y, 1)
	case d.First:
		a.AddEdge(d.X, d.Y, 1)
	}
	return a
}

func (f *degreePairsFn) MergeAccumulators(a, b mergeable.DegreePairs) mergeable.DegreePairs {
	a.Merge(&b)
	return a
}

// splitPairFn turns a merged pair into its reciprocity terms, what it adds
// to each end (mergeable.Pair.Ends) and its adjacency entries for the
// joins.
type splitPairFn struct{}

func (f *splitPairFn) ProcessElement(key string, p mergeable.Pair, emitRec func(mergeable.Pair), emitEnd func(string, NodePart), emitArc func(string, Arc)) {
	k := splitKey(key)
	u, v := k[0], k[1]
	emitRec(p)
	nu, nv := p.Ends()
	emitEnd(u, NodePart{Out: nu.Out, In: nu.In, Mutual: nu.Mutual})
	emitEnd(v, NodePart{Out: nv.Out, In: nv.In, Mutual: nv.Mutual})
	if p.Forward {
		emitArc(u, Arc{Dst: v, W: p.WForward, First: true})
	}
	if p.Backward {
		emitArc(v, Arc{Dst: u, W: p.WBackward})
	}
}

// perNode turns a merged node into the load counts, its jackknife term,
// its group and, when it has arcs, its join record.
func perNode(id string, p NodePart, emitSums func(NodeSums), emitRec func(mergeable.Node), emitLabel func(Label), emitInfo func(string, NodeInfo)) {
	s := NodeSums{Nodes: 1}
	if p.Out+p.In == 0 {
		s.Isolated = 1
	}
	if p.Attrs == 0 {
		s.NoAttrs = 1
	}
	if p.Rows > 0 {
		s.Rows = 1
	}
	if p.Rows > 1 {
		s.Duplicates, s.DuplicateID = 1, id
	}
	emitSums(s)
	emitLabel(Label{Group: p.Group, HasGroup: p.HasGroup})
	if p.Out+p.In == 0 {
		return
	}
	emitRec(p.node())
	emitInfo(id, NodeInfo{Out: p.Out, In: p.In, Group: p.Group, HasGroup: p.HasGroup})
}

// joinSources attaches the source's degrees and group to each of its arcs
// and re-keys the arc by its target.
func joinSources(_ string, arcs func(*Arc) bool, infos func(*NodeInfo) bool, emit func(string, Half)) {
	var info NodeInfo
	infos(&info) // every source of an arc has one
	var a Arc
	for arcs(&a) {
		emit(a.Dst, Half{Out: info.Out, In: info.In, Group: info.Group, HasGroup: info.HasGroup, W: a.W, First: a.First})
	}
}

// joinTargetsFn completes each arc with its target and emits its terms:
// the degree pair of every requested mode, the mixing cell and, weighted,
// the cell and weight of each edge once for the jackknife's second pass.
type joinTargetsFn struct {
	Directed, Modes, Weighted bool
}

func (f *joinTargetsFn) ProcessElement(_ string, halves func(*Half) bool, infos func(*NodeInfo) bool,
	emitDeg func(int, DegArc), emitCell func(string, mergeable.CellSums), emitWJack func(string, int64)) {
	var t NodeInfo
	infos(&t)
	var h Half
	for halves(&h) {
		// Undirected: Out holds the degree at both ends.
		emitDeg(0, DegArc{X: h.Out, Y: t.In, First: h.First})
		if f.Modes {
			emitDeg(1, DegArc{X: h.In, Y: t.In})
			emitDeg(2, DegArc{X: h.Out, Y: t.Out})
			emitDeg(3, DegArc{X: h.In, Y: t.Out})
		}
		if !h.HasGroup || !t.HasGroup {
			emitCell(droppedKey, mergeable.CellSums{Count: 1})
			continue
		}
		emitCell(joinKey(h.Group, t.Group), mergeable.CellSums{Count: 1, Weight: h.W})
		if f.Weighted && (f.Directed || h.First) {
			emitWJack(wKey(h.Group, t.Group, h.W), 1)
		}
	}
}

// droppedKey keys the adjacency entries left out for a missing group.
const droppedKey = "\x01dropped"

// writeFn writes the report to a file on any Beam filesystem.
type writeFn struct {
	Out string
}

func (f *writeFn) ProcessElement(ctx context.Context, report string) error {
	fs, err := filesystem.New(ctx, f.Out)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, f.Out)
	if err != nil {
		return fmt.Errorf("beamstats: writing %s: %w", f.Out, err)
	}
	if _, err := w.Write([]byte(strings.TrimRight(report, "\n") + "\n")); err != nil {
		w.Close()
		return fmt.Errorf("beamstats: writing %s: %w", f.Out, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("beamstats: writing %s: %w", f.Out, err)
	}
	return nil
}
