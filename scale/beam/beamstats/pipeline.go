package beamstats

import (
	"context"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

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

func init() {
	register.DoFn5x1[context.Context, fileio.ReadableFile, func(string, PairPart), func(string, NodePart), func(LoadSums), error](&readEdgesFn{})
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(string, NodePart), error](&readNodesFn{})
	register.DoFn5x0[string, PairPart, func(ArcSums), func(string, NodePart), func(string, Arc)](&splitPairFn{})
	register.DoFn6x0[string, NodePart, func(NodeSums), func(string, int64), func(string, int64), func(string, NodeInfo)](&nodeFn{})
	register.Function4x0(joinSources)
	register.DoFn6x0[string, func(*Half) bool, func(*NodeInfo) bool, func(string, int64), func(string, CellSum), func(string, int64)](&joinTargetsFn{})
	register.DoFn2x1[Totals, func(string), error](&finishFn{})
	register.DoFn2x1[context.Context, string, error](&writeFn{})
	register.Function2x1(mergePairs)
	register.Function2x1(mergeNodes)
	register.Function2x1(mergeLoad)
	register.Function2x1(mergeArcSums)
	register.Function2x1(mergeNodeSums)
	register.Function2x1(mergeCells)
	register.Function2x1(sumInt64)
	register.Function2x1(MergeTotals)
	register.Function1x1(loadTotals)
	register.Function1x1(arcTotals)
	register.Function1x1(nodeTotals)
	register.Function2x1(groupTotals)
	register.Function2x1(jackTotals)
	register.Function2x1(degTotals)
	register.Function2x1(cellTotals)
	register.Function2x1(wjackTotals)
	register.Emitter1[string]()
	register.Emitter1[LoadSums]()
	register.Emitter1[ArcSums]()
	register.Emitter1[NodeSums]()
	register.Emitter2[string, PairPart]()
	register.Emitter2[string, NodePart]()
	register.Emitter2[string, Arc]()
	register.Emitter2[string, int64]()
	register.Emitter2[string, NodeInfo]()
	register.Emitter2[string, Half]()
	register.Emitter2[string, CellSum]()
	register.Iter1[Arc]()
	register.Iter1[Half]()
	register.Iter1[NodeInfo]()
}

// Sums adds the summing part of 'solidarity stats' to s and returns a
// PCollection<Totals> holding one element: every sum the report is
// finished from.
//
// Every index is a keyed combine over summaries that add up:
//
//	records  → per unordered pair  (merge rule, reciprocity, dyads, weights)
//	pairs    → per node            (degrees, mutual neighbours, group)
//	nodes    → per (degree, mutual) (node jackknife of reciprocity)
//	arcs⋈nodes twice (by source, then by target)
//	         → per (x, y) degree pair (degree assortativity and its jackknife)
//	         → per (group, group) cell (mixing matrix and Newman's jackknife)
//
// and the small keyed results are gathered into one Totals, from which the
// report is finished on one worker.
func Sums(s beam.Scope, opt Options) beam.PCollection {
	s = s.Scope("solidarity.Stats")
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
	arcSums, degParts, arcs := beam.ParDo3(s, &splitPairFn{Directed: directed}, merged)
	nodes := beam.CombinePerKey(s, mergeNodes, beam.Flatten(s, nodeParts, degParts))
	nodeSums, groups, jack, infos := beam.ParDo4(s, &nodeFn{Directed: directed}, nodes)
	halves := beam.ParDo(s, joinSources, beam.CoGroupByKey(s, arcs, infos))
	degs, cells, wjack := beam.ParDo3(s, &joinTargetsFn{Directed: directed, Modes: opt.DegreeModes && directed, Weighted: opt.Weighted},
		beam.CoGroupByKey(s, halves, infos))

	parts := []beam.PCollection{
		beam.ParDo(s, loadTotals, beam.Combine(s, mergeLoad, loads)),
		beam.ParDo(s, arcTotals, beam.Combine(s, mergeArcSums, arcSums)),
		beam.ParDo(s, nodeTotals, beam.Combine(s, mergeNodeSums, nodeSums)),
		beam.ParDo(s, groupTotals, beam.CombinePerKey(s, sumInt64, groups)),
		beam.ParDo(s, jackTotals, beam.CombinePerKey(s, sumInt64, jack)),
		beam.ParDo(s, degTotals, beam.CombinePerKey(s, sumInt64, degs)),
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
	return beam.ParDo(s.Scope("solidarity.Finish"), &finishFn{Directed: !opt.Undirected, Attr: opt.Attr, Weighted: opt.Weighted, DegreeModes: opt.DegreeModes, Source: src}, total)
}

// Write adds a step writing the report (the output of Stats) to out, a
// path on any registered Beam filesystem.
func Write(s beam.Scope, out string, report beam.PCollection) {
	filesystem.ValidateScheme(out)
	beam.ParDo0(s.Scope("solidarity.Write"), &writeFn{Out: out}, report)
}

func mergePairs(a, b PairPart) PairPart {
	return PairPart{NAB: a.NAB + b.NAB, NBA: a.NBA + b.NBA, WAB: a.WAB + b.WAB, WBA: a.WBA + b.WBA}
}

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

func mergeArcSums(a, b ArcSums) ArcSums {
	return ArcSums{Parallel: a.Parallel + b.Parallel, Simple: a.Simple + b.Simple, Arcs: a.Arcs + b.Arcs,
		Reciprocated: a.Reciprocated + b.Reciprocated, W: a.W + b.W, WRec: a.WRec + b.WRec, Neg: a.Neg + b.Neg, Inf: a.Inf + b.Inf}
}

func mergeNodeSums(a, b NodeSums) NodeSums {
	out := NodeSums{Nodes: a.Nodes + b.Nodes, Isolated: a.Isolated + b.Isolated, NoAttrs: a.NoAttrs + b.NoAttrs,
		Missing: a.Missing + b.Missing, Duplicates: a.Duplicates + b.Duplicates, DuplicateID: a.DuplicateID}
	if out.DuplicateID == "" || (b.DuplicateID != "" && b.DuplicateID < out.DuplicateID) {
		out.DuplicateID = b.DuplicateID
	}
	return out
}

func mergeCells(a, b CellSum) CellSum { return CellSum{N: a.N + b.N, W: a.W + b.W} }

func sumInt64(a, b int64) int64 { return a + b }

// splitPairFn turns a merged pair into its arcs: the whole-network sums,
// each endpoint's degrees and mutual neighbours, and the adjacency entries
// for the joins.
type splitPairFn struct {
	Directed bool
}

func (f *splitPairFn) ProcessElement(key string, p PairPart, emitSums func(ArcSums), emitNode func(string, NodePart), emitArc func(string, Arc)) {
	k := splitKey(key)
	a, b := k[0], k[1]
	var sums ArcSums
	arc := func(w float64) {
		sums.Arcs++
		sums.W += w
		if w < 0 {
			sums.Neg++
		} else if math.IsInf(w, 0) {
			sums.Inf++
		}
	}
	if !f.Directed {
		// One undirected edge: two adjacency entries, each reciprocated by
		// the other, as in the core's Simple view.
		sums.Simple = 1
		sums.Parallel = p.NAB - 1
		arc(p.WAB)
		arc(p.WAB)
		emitSums(sums)
		emitNode(a, NodePart{Out: 1, In: 1})
		emitNode(b, NodePart{Out: 1, In: 1})
		emitArc(a, Arc{Dst: b, W: p.WAB})
		emitArc(b, Arc{Dst: a, W: p.WAB})
		return
	}
	var na, nb NodePart
	if p.NAB > 0 {
		sums.Simple++
		sums.Parallel += p.NAB - 1
		arc(p.WAB)
		na.Out++
		nb.In++
		emitArc(a, Arc{Dst: b, W: p.WAB})
	}
	if p.NBA > 0 {
		sums.Simple++
		sums.Parallel += p.NBA - 1
		arc(p.WBA)
		nb.Out++
		na.In++
		emitArc(b, Arc{Dst: a, W: p.WBA})
	}
	if p.NAB > 0 && p.NBA > 0 {
		sums.Reciprocated = 2
		sums.WRec = 2 * math.Min(p.WAB, p.WBA)
		na.Mutual, nb.Mutual = 1, 1
	}
	emitSums(sums)
	emitNode(a, na)
	emitNode(b, nb)
}

// nodeFn turns a merged node into the whole-network node counts, its group
// size, its node-jackknife term and, when it has arcs, its join record.
type nodeFn struct {
	Directed bool
}

func (f *nodeFn) ProcessElement(id string, p NodePart, emitSums func(NodeSums), emitGroup func(string, int64),
	emitJack func(string, int64), emitInfo func(string, NodeInfo)) {
	s := NodeSums{Nodes: 1}
	if p.Out+p.In == 0 {
		s.Isolated = 1
	}
	if p.Attrs == 0 {
		s.NoAttrs = 1
	}
	if p.Rows > 1 {
		s.Duplicates, s.DuplicateID = 1, id
	}
	if p.HasGroup {
		emitGroup(p.Group, 1)
	} else {
		s.Missing = 1
	}
	emitSums(s)
	if p.Out+p.In == 0 {
		return
	}
	if f.Directed {
		emitJack(intKey(p.Out+p.In, p.Mutual), 1)
	}
	emitInfo(id, NodeInfo{Out: p.Out, In: p.In, Group: p.Group, HasGroup: p.HasGroup})
}

// joinSources attaches the source's degrees and group to each of its arcs
// and re-keys the arc by its target.
func joinSources(_ string, arcs func(*Arc) bool, infos func(*NodeInfo) bool, emit func(string, Half)) {
	var info NodeInfo
	infos(&info) // every source of an arc has one
	var a Arc
	for arcs(&a) {
		emit(a.Dst, Half{Out: info.Out, In: info.In, Group: info.Group, HasGroup: info.HasGroup, W: a.W})
	}
}

// Degree modes, numbered in the keys of the degree-pair histogram.
var modeNames = []string{"out-in", "in-in", "out-out", "in-out"}

// joinTargetsFn completes each arc with its target and emits its terms:
// the degree pair of every requested mode, the mixing cell, and (weighted)
// the cell and weight of each edge for the jackknife.
type joinTargetsFn struct {
	Directed, Modes, Weighted bool
}

func (f *joinTargetsFn) ProcessElement(dst string, halves func(*Half) bool, infos func(*NodeInfo) bool,
	emitDeg func(string, int64), emitCell func(string, CellSum), emitWJack func(string, int64)) {
	var t NodeInfo
	infos(&t)
	var h Half
	for halves(&h) {
		if !f.Directed {
			emitDeg(intKey(0, h.Out, t.Out), 1)
		} else {
			emitDeg(intKey(0, h.Out, t.In), 1)
			if f.Modes {
				emitDeg(intKey(1, h.In, t.In), 1)
				emitDeg(intKey(2, h.Out, t.Out), 1)
				emitDeg(intKey(3, h.In, t.Out), 1)
			}
		}
		if !h.HasGroup || !t.HasGroup {
			emitCell(droppedKey, CellSum{N: 1})
			continue
		}
		emitCell(joinKey(h.Group, t.Group), CellSum{N: 1, W: h.W})
		if f.Weighted {
			// An undirected edge comes as two entries whose removals are
			// the same (both cells at once): the finish halves their sum.
			emitWJack(joinKey(h.Group, t.Group, strconv.FormatFloat(h.W, 'g', -1, 64)), 1)
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
