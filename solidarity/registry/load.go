package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/internal/atomicfile"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Load returns data set name as a Network. Embedded data sets ("engagement",
// "karate") are read from the binary. Others are fetched (see Fetch), read
// from their raw files once, and written to <cache>/<name>/edges.parquet
// (and nodes.parquet) atomically; later calls read the Parquet with no
// network and no raw parse. The network's Name is the registry name. The
// caller releases the Network.
//
// The Parquet copy is rebuilt when the registry's checksum of a raw file
// changes, when Options.NodesPath changes, or when it cannot be read.
func Load(ctx context.Context, name string, opt Options) (*network.Network, error) {
	reg := opt.Registry
	if reg == nil {
		var err error
		if reg, err = Default(); err != nil {
			return nil, err
		}
	}
	d, err := reg.Lookup(name)
	if err != nil {
		return nil, err
	}
	if d.Table {
		return nil, fmt.Errorf("registry: %s is a table, not a network: use Fetch and read %s yourself", d.Name, d.Files[0].Name)
	}
	if d.Embedded {
		if opt.NodesPath != "" {
			return nil, fmt.Errorf("registry: %s ships with the toolkit with its own nodes table; Options.NodesPath is for data sets without one", d.Name)
		}
		return datasets.Load(d.Name)
	}
	if opt.NodesPath != "" && d.FileByRole(RoleNodes) != nil {
		return nil, fmt.Errorf("registry: %s has a nodes file in the registry (%s); Options.NodesPath is for data sets without one", d.Name, d.FileByRole(RoleNodes).Name)
	}
	root, err := CacheDir(opt)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, d.Name)
	if n, ok := loadParquet(dir, d, &opt); ok {
		return n, nil
	}
	f, err := Fetch(ctx, d.Name, Options{
		CacheDir: root, Mirror: opt.Mirror, Client: opt.Client, Log: opt.Log,
		Progress: opt.Progress, Quiet: opt.Quiet, MaxBytes: opt.MaxBytes, Registry: reg,
	})
	if err != nil {
		return nil, err
	}
	n, err := readRaw(f, opt.NodesPath)
	if err != nil {
		return nil, err
	}
	if err := writeParquet(dir, d, f, opt.NodesPath, n); err != nil {
		n.Release()
		return nil, err
	}
	return n, nil
}

// parquetMarker is <cache>/<name>/parquet.json, written last: its presence
// says the Parquet copy is complete, and from which raw files it was made.
type parquetMarker struct {
	About     string            `json:"about"`
	Edges     string            `json:"edges"`
	Nodes     string            `json:"nodes,omitempty"`
	NodesPath string            `json:"nodes_path,omitempty"`
	Raw       map[string]string `json:"raw_sha256"`
	// SHA-256 of edges.parquet and nodes.parquet as written, checked on
	// every load: a damaged copy is reported and rebuilt, never read.
	Parquet map[string]string `json:"parquet_sha256"`
}

const markerName = "parquet.json"

func loadParquet(dir string, d Dataset, opt *Options) (*network.Network, bool) {
	m, ok := readMarker(dir, d, opt.NodesPath)
	if !ok {
		return nil, false
	}
	nodes := ""
	if m.Nodes != "" {
		nodes = filepath.Join(dir, m.Nodes)
	}
	for _, name := range []string{m.Edges, m.Nodes} {
		if name == "" {
			continue
		}
		want := m.Parquet[name]
		got, err := sha256File(filepath.Join(dir, name))
		if err != nil {
			got = err.Error()
		}
		if want == "" || got != want {
			why := fmt.Sprintf("is damaged (sha256 %s, written as %s)", got, want)
			if want == "" {
				why = "has no checksum (made by an older version)"
			}
			opt.log(nil, fmt.Sprintf("registry: %s: the cached Parquet copy %s %s; rebuilding it from the raw files", d.Name, name, why))
			os.Remove(filepath.Join(dir, markerName))
			return nil, false
		}
	}
	n, err := formats.ReadParquet(filepath.Join(dir, m.Edges), nodes, formats.Options{})
	if err != nil {
		opt.log(nil, fmt.Sprintf("registry: %s: the cached Parquet copy could not be read (%v); rebuilding it from the raw files", d.Name, err))
		return nil, false
	}
	n.Name = d.Name
	return n, true
}

// ReaderOptions returns the formats options that read data set d's raw
// edges file, with nodesPath (the cached nodes file, or a caller's) as its
// nodes table.
func ReaderOptions(d Dataset, nodesPath string) formats.Options {
	e := d.FileByRole(RoleEdges)
	directed := d.Directed
	o := formats.Options{
		Directed:  &directed,
		Columns:   network.Columns{Source: d.EdgeColumns.Source, Target: d.EdgeColumns.Target, Weight: d.EdgeColumns.Weight, ID: d.EdgeColumns.ID},
		NodesPath: nodesPath,
		Layer:     d.Layer,
	}
	if e != nil {
		o.Format = formats.Format(e.Format)
		if !e.Header {
			o.Names = e.Columns
			if e.Format == string(formats.CSV) || e.Format == string(formats.TSV) {
				o.NoHeader = true
			}
		}
	}
	if nf := d.FileByRole(RoleNodes); nf != nil && nodesPath != "" {
		o.NodesFormat = formats.Format(nf.Format)
	}
	return o
}

func readRaw(f *Fetched, extraNodes string) (*network.Network, error) {
	return readRawWith(f, extraNodes, nil)
}

// readRawWith is readRaw with the registry's reader options adjusted by
// adjust (see Read).
func readRawWith(f *Fetched, extraNodes string, adjust func(*formats.Options)) (*network.Network, error) {
	d := f.Dataset
	nodesPath := f.Path(RoleNodes)
	if nodesPath == "" {
		nodesPath = extraNodes
	}
	ro := ReaderOptions(d, nodesPath)
	if adjust != nil {
		adjust(&ro)
	}
	if ro.NoHeader && nodesPath != "" {
		// formats applies NoHeader to the nodes file too; read it apart.
		return readApart(d, f.Path(RoleEdges), ro)
	}
	n, err := formats.Read(f.Path(RoleEdges), ro)
	if err != nil {
		return nil, fmt.Errorf("registry: %s: %w", d.Name, err)
	}
	n.Name = d.Name
	// Label files have no header: name their columns as the registry says.
	nf := d.FileByRole(RoleNodes)
	if nf == nil || nf.Header || len(nf.Columns) == 0 || n.Nodes() == nil {
		return n, nil
	}
	renamed, err := renameColumns(n.Nodes(), nf.Columns)
	if err != nil {
		n.Release()
		return nil, fmt.Errorf("registry: %s: %s: %w", d.Name, nf.Name, err)
	}
	defer renamed.Release()
	cols := n.Columns()
	cols.ID = renamed.Schema().Field(0).Name
	m, err := network.New(n.Edges(), renamed, n.Directed(), cols)
	n.Release()
	if err != nil {
		return nil, fmt.Errorf("registry: %s: %w", d.Name, err)
	}
	m.Name = d.Name
	return m, nil
}

// readApart reads a headerless edges file and a nodes file with a header
// separately, then joins them.
func readApart(d Dataset, edgesPath string, ro formats.Options) (*network.Network, error) {
	nodesPath, nodesFormat := ro.NodesPath, ro.NodesFormat
	ro.NodesPath, ro.NodesFormat = "", formats.Auto
	e, err := formats.Read(edgesPath, ro)
	if err != nil {
		return nil, fmt.Errorf("registry: %s: %w", d.Name, err)
	}
	defer e.Release()
	nodes, err := formats.ReadNodes(nodesPath, formats.Options{Format: nodesFormat, Columns: network.Columns{ID: ro.Columns.ID}})
	if err != nil {
		return nil, fmt.Errorf("registry: %s: %w", d.Name, err)
	}
	defer nodes.Release()
	cols := e.Columns()
	if len(nodes.Schema().FieldIndices(cols.ID)) == 0 {
		cols.ID = nodes.Schema().Field(0).Name
	}
	n, err := network.New(e.Edges(), nodes, e.Directed(), cols)
	if err != nil {
		return nil, fmt.Errorf("registry: %s: nodes file %s: %w", d.Name, nodesPath, err)
	}
	n.Name = d.Name
	return n, nil
}

// renameColumns returns rec with its first len(names) columns renamed
// (no data is copied).
func renameColumns(rec arrow.RecordBatch, names []string) (arrow.RecordBatch, error) {
	if int(rec.NumCols()) != len(names) {
		return nil, fmt.Errorf("has %d columns, the registry names %d (%v)", rec.NumCols(), len(names), names)
	}
	fields := make([]arrow.Field, rec.NumCols())
	for i, f := range rec.Schema().Fields() {
		f.Name = names[i]
		fields[i] = f
	}
	md := rec.Schema().Metadata()
	return array.NewRecordBatch(arrow.NewSchema(fields, &md), rec.Columns(), rec.NumRows()), nil
}

func writeParquet(dir string, d Dataset, f *Fetched, nodesPath string, n *network.Network) (err error) {
	edgesTmp := tempName(dir, "edges.parquet")
	nodesTmp := ""
	if n.Nodes() != nil {
		nodesTmp = tempName(dir, "nodes.parquet")
	}
	defer func() {
		if err != nil {
			os.Remove(edgesTmp)
			if nodesTmp != "" {
				os.Remove(nodesTmp)
			}
		}
	}()
	if err = formats.WriteParquet(n, edgesTmp, nodesTmp); err != nil {
		return fmt.Errorf("registry: %s: writing the Parquet cache: %w", d.Name, err)
	}
	// Readable like the raw files, so a cache can be shared (a classroom).
	for _, p := range []string{edgesTmp, nodesTmp} {
		if p != "" {
			os.Chmod(p, 0o644)
		}
	}
	m := parquetMarker{
		About:     "The Parquet copy of this data set, made from the raw files with these SHA-256; written by the algosolidarity toolkit. Delete it to rebuild.",
		Edges:     "edges.parquet",
		NodesPath: nodesPath,
		Raw:       map[string]string{},
	}
	// The old marker goes first, so a crash below never leaves a marker
	// pointing at a half-replaced copy.
	if rerr := os.Remove(filepath.Join(dir, markerName)); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		return fmt.Errorf("registry: %s: %w", d.Name, rerr)
	}
	if err = os.Rename(edgesTmp, filepath.Join(dir, m.Edges)); err != nil {
		return fmt.Errorf("registry: %s: %w", d.Name, err)
	}
	if nodesTmp != "" {
		m.Nodes = "nodes.parquet"
		if err = os.Rename(nodesTmp, filepath.Join(dir, m.Nodes)); err != nil {
			return fmt.Errorf("registry: %s: %w", d.Name, err)
		}
	} else if rerr := os.Remove(filepath.Join(dir, "nodes.parquet")); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		return fmt.Errorf("registry: %s: %w", d.Name, rerr)
	}
	for _, x := range f.Files {
		m.Raw[x.Name] = x.SHA256
	}
	m.Parquet = map[string]string{}
	for _, name := range []string{m.Edges, m.Nodes} {
		if name == "" {
			continue
		}
		sum, herr := sha256File(filepath.Join(dir, name))
		if herr != nil {
			return fmt.Errorf("registry: %s: %w", d.Name, herr)
		}
		m.Parquet[name] = sum
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("registry: %w", err)
	}
	if err = atomicfile.WriteFile(filepath.Join(dir, markerName), b, 0o644); err != nil {
		return fmt.Errorf("registry: %s: %w", d.Name, err)
	}
	return nil
}
