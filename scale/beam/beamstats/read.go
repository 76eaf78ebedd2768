package beamstats

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"

	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/mergeable"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Each input file is read by the core's own readers (package formats), so
// column aliases, header detection, id typing, weights and the errors that
// name file and line are those of 'solidarity stats'. A file is one unit of
// work: a large input should come as many files (the usual shape of an
// export to GCS or S3), each small enough for one worker's memory.

// LoadSums count what the reading saw.
type LoadSums struct {
	Files, Records, Loops, WeightedFiles int64
}

// readEdgesFn reads one edges file and emits its non-loop records as
// mergeable.Pair summaries keyed by their unordered pair (mergeable.Orient),
// the ends of self-loops (nodes seen only in loops still count) and the
// file's counts. A file that holds its own nodes
// (GML, GraphML, Pajek) also emits those rows.
type readEdgesFn struct {
	Directed bool
	Source   string
	Target   string
	Weight   string
	ID       string
	Format   string
	Attr     string
}

func (f *readEdgesFn) ProcessElement(ctx context.Context, file fileio.ReadableFile,
	emitPair func(string, mergeable.Pair), emitNode func(string, NodePart), emitLoad func(LoadSums)) error {
	data, err := file.Read(ctx)
	if err != nil {
		return fmt.Errorf("beamstats: reading %s: %w", file.Metadata.Path, err)
	}
	directed := f.Directed
	n, err := formats.ReadFrom(bytes.NewReader(data), file.Metadata.Path, formats.Options{
		Format: formats.Format(f.Format), Directed: &directed,
		Columns: network.Columns{Source: f.Source, Target: f.Target, Weight: f.Weight, ID: f.ID},
	})
	if err != nil {
		return err
	}
	defer n.Release()
	data = nil
	src, dst := n.Endpoints()
	w := n.Weights()
	ix := n.Index()
	ids := make([]string, ix.Len())
	for i := range ids {
		ids[i] = ix.String(int32(i))
	}
	load := LoadSums{Files: 1, Records: int64(len(src))}
	if w != nil {
		load.WeightedFiles = 1
	}
	seen := make([]bool, len(ids)) // loop-only nodes exist too: say so once per file
	for r := range src {
		a, b := src[r], dst[r]
		if a == b {
			load.Loops++
			if !seen[a] {
				seen[a] = true
				emitNode(ids[a], NodePart{})
			}
			continue
		}
		wr := 1.0
		if w != nil {
			wr = w[r]
		}
		u, v, forward := mergeable.Orient(ids[a], ids[b])
		var p mergeable.Pair
		if f.Directed {
			p.Add(forward, wr)
		} else {
			p.AddUndirected(wr)
		}
		emitPair(joinKey(u, v), p)
	}
	emitLoad(load)
	if n.Nodes() != nil {
		return nodeRows(n, f.Attr, ids, emitNode)
	}
	return nil
}

// nodeRows emits one NodePart per row of n's nodes table, with the
// attribute's category label read by the core (Network.Categories: null and
// NaN are missing, numbers written as the core writes them).
func nodeRows(n *network.Network, attr string, ids []string, emit func(string, NodePart)) error {
	nodes := n.Nodes()
	rows := int(nodes.NumRows())
	var cat *network.Categorical
	if attr != "" {
		c, err := n.Categories(attr)
		if err != nil {
			return err
		}
		cat = c
	}
	idCol := n.Columns().ID
	for i := 0; i < rows; i++ {
		p := NodePart{Rows: 1}
		for c := 0; c < int(nodes.NumCols()); c++ {
			if nodes.ColumnName(c) != idCol && !nodes.Column(c).IsNull(i) {
				p.Attrs = 1
				break
			}
		}
		if cat != nil && cat.Codes[i] >= 0 {
			p.Group, p.HasGroup = cat.Labels[cat.Codes[i]], true
		}
		emit(ids[i], p)
	}
	return nil
}

// readNodesFn reads one nodes file (CSV, TSV, SNAP label file or Parquet,
// through formats.ReadNodes, which reads from a path: the file is copied to
// a local temporary file first, as Beam filesystems give a stream).
type readNodesFn struct {
	ID     string
	Format string
	Attr   string
}

func (f *readNodesFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emitNode func(string, NodePart)) error {
	data, err := file.Read(ctx)
	if err != nil {
		return fmt.Errorf("beamstats: reading %s: %w", file.Metadata.Path, err)
	}
	dir, err := os.MkdirTemp("", "solidarity-beam-nodes-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	local := filepath.Join(dir, path.Base(file.Metadata.Path))
	if err := os.WriteFile(local, data, 0o600); err != nil {
		return err
	}
	data = nil
	rec, err := formats.ReadNodes(local, formats.Options{
		NodesFormat: formats.Format(f.Format), Columns: network.Columns{ID: f.ID}})
	if err != nil {
		return fmt.Errorf("%w (nodes file %s)", err, file.Metadata.Path)
	}
	defer rec.Release()
	id := f.ID
	if id == "" {
		id = network.ColID
		if !rec.Schema().HasField(id) && rec.NumCols() > 0 {
			id = rec.ColumnName(0)
		}
	}
	idx := rec.Schema().FieldIndices(id)
	if len(idx) == 0 {
		return fmt.Errorf("beamstats: nodes file %s has no id column %q", file.Metadata.Path, id)
	}
	// An empty edges table with the ids' type lets network.New index the
	// nodes, so that ids and labels are written exactly as the core
	// writes them.
	t := rec.Column(idx[0]).DataType()
	schema := arrow.NewSchema([]arrow.Field{{Name: network.ColSource, Type: t}, {Name: network.ColTarget, Type: t}}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	edges := b.NewRecordBatch()
	b.Release()
	defer edges.Release()
	n, err := network.New(edges, rec, true, network.Columns{ID: id})
	if err != nil {
		return fmt.Errorf("beamstats: nodes file %s: %w", file.Metadata.Path, err)
	}
	n.Name = path.Base(file.Metadata.Path)
	defer n.Release()
	ix := n.Index()
	ids := make([]string, ix.Len())
	for i := range ids {
		ids[i] = ix.String(int32(i))
	}
	return nodeRows(n, f.Attr, ids, emitNode)
}
