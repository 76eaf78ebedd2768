package formats

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Format names a file format.
type Format string

const (
	Auto    Format = ""
	CSV     Format = "csv"     // delimited text with a header (comma)
	TSV     Format = "tsv"     // delimited text with a header (tab)
	SNAP    Format = "snap"    // whitespace edge list, '#' comments, no header
	GML     Format = "gml"     // Newman / networkx GML
	GraphML Format = "graphml" // GraphML with key declarations
	Pajek   Format = "pajek"   // Pajek .net / .paj
	Parquet Format = "parquet" // Arrow via pqarrow: the cache format
)

// DefaultMaxDecompressed is the bound on bytes read out of a .gz or .zip
// member when Options.MaxDecompressed is 0.
const DefaultMaxDecompressed = 8 << 30

// Options control reading. The zero value detects everything.
type Options struct {
	Format      Format          // Auto: by extension, then by content
	Directed    *bool           // nil: from the file (GML/GraphML/Pajek) or true for edge lists
	Columns     network.Columns // edge/node column names for delimited text
	NodesPath   string          // optional nodes (attribute) file
	NodesFormat Format          // format of NodesPath; Auto detects (SNAP label files are "snap")
	Network     string          // which network of a multi-network file (.paj); "" = first
	Mem         memory.Allocator
	// MaxDecompressed bounds the bytes read out of a .gz or .zip member
	// (0 = 8 GiB), so a decompression bomb fails with an error.
	MaxDecompressed int64

	// Names names the columns of files without a header: SNAP edge lists
	// and label files, and headerless CSV. The defaults are source, target,
	// weight, time for edge lists (CollegeMsg's third column is a time, so
	// pass {"source","target","time"}) and id, label for node files.
	Names []string
	// NoHeader says a CSV/TSV file has no header line. Without it, a first
	// line whose fields are all numbers is taken as data, not as a header.
	NoHeader bool
	// Member picks the member of a .zip archive by name; "" picks the
	// first member in a format this package reads, preferring graph
	// formats (GML, GraphML, Pajek, CSV, Parquet) over plain .txt files.
	Member string
	// Layer keeps only the arcs/edges of one relation of a multi-relational
	// Pajek file, by number ("2") or declared name ("friendship"); "" keeps
	// all, with the relation in the "layer" edge column.
	Layer string
	// MaxLine bounds one line, record, quoted field or token (0 = 64 MiB),
	// so a never-closed quote or a flood of NUL bytes without a line end
	// fails with a *LimitError instead of being held in memory.
	MaxLine int64
	// MaxDepth bounds the nesting of GML lists (0 = 64).
	MaxDepth int
	// MaxDeclared bounds a count a file declares without listing what it
	// counts, such as Pajek's "*Vertices n" (0 = 4,194,304). A larger count
	// is accepted when the file's content is at least as many bytes, so
	// memory follows what the file holds, not what it claims.
	MaxDeclared int
	// Progress, when set, is called as a large file is read (about every
	// 16 MiB and at the end) with the bytes read so far and the total
	// (-1 when unknown, as for gzip). It is for progress bars; the package
	// itself prints nothing.
	Progress func(read, total int64)

	sep    byte // ReadTable: the delimiter, when not ',' or '\t'
	header bool // ReadTable: the first line is always the header
}

func (o Options) mem() memory.Allocator {
	if o.Mem == nil {
		return memory.DefaultAllocator
	}
	return o.Mem
}

func (o Options) maxBytes() int64 {
	if o.MaxDecompressed <= 0 {
		return DefaultMaxDecompressed
	}
	return o.MaxDecompressed
}

// Defaults of the limits in Options (see docs/limits.md).
const (
	DefaultMaxLine     = 64 << 20
	DefaultMaxDepth    = 64
	DefaultMaxDeclared = 1 << 22
)

func (o Options) maxLine() int64 {
	if o.MaxLine <= 0 {
		return DefaultMaxLine
	}
	return o.MaxLine
}

func (o Options) maxDepth() int {
	if o.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return o.MaxDepth
}

func (o Options) maxDeclared() int {
	if o.MaxDeclared <= 0 {
		return DefaultMaxDeclared
	}
	return o.MaxDeclared
}

// tables is what a format reader returns before indexing.
type tables struct {
	edges, nodes arrow.RecordBatch
	directed     *bool
	cols         network.Columns
}

func (t *tables) release() {
	if t.edges != nil {
		t.edges.Release()
	}
	if t.nodes != nil {
		t.nodes.Release()
	}
}

// Read loads a network (edges, and nodes where the format or NodesPath has
// them) from path. .gz and .zip are read transparently. The network's Name
// is the file's base name.
//
// Node ids: integer when every id in the file is an integer, text
// otherwise. A nodes table (from the format itself or NodesPath) may list
// nodes that never appear in an edge: they are kept as isolated nodes and
// counted in the Report. Edge endpoints missing from a separate nodes file
// are counted (Report.NodesOnlyInEdges); in GML, GraphML and Pajek, where
// the file declares its nodes, an edge to an undeclared node is an error.
// A node id listed twice is an error.
func Read(path string, opt Options) (*network.Network, error) {
	if err := opt.check(path); err != nil {
		return nil, err
	}
	src, err := openPath(path, opt, opt.Format)
	if err != nil {
		return nil, err
	}
	defer src.close()
	return readSource(src, opt)
}

// ReadFrom loads a network from r, whose content is named name (a file
// name: its extension helps detect the format, and it names the data in
// error messages). Use it for embedded data. r is read to the end into
// memory first, so it suits data up to a few hundred megabytes; use Read
// for larger files.
func ReadFrom(r io.Reader, name string, opt Options) (*network.Network, error) {
	if err := opt.check(name); err != nil {
		return nil, err
	}
	src, err := openReader(r, name, opt, opt.Format)
	if err != nil {
		return nil, err
	}
	defer src.close()
	return readSource(src, opt)
}

func readSource(src *source, opt Options) (*network.Network, error) {
	f, err := src.detect(opt.Format)
	if err != nil {
		return nil, err
	}
	mem := opt.mem()
	var t tables
	switch f {
	case CSV, TSV, SNAP:
		t, err = readDelimEdges(src, f, opt, mem)
	case GML:
		t, err = readGML(src, opt, mem)
	case GraphML:
		t, err = readGraphML(src, opt, mem)
	case Pajek:
		t, err = readPajek(src, opt, mem)
	case Parquet:
		t, err = readParquetEdges(src, opt, mem)
	default:
		err = fmt.Errorf("formats: %s: unknown format %q (want csv, tsv, snap, gml, graphml, pajek or parquet)", src.name, f)
	}
	if err != nil {
		return nil, err
	}
	defer t.release()
	if opt.NodesPath != "" {
		if t.nodes != nil {
			return nil, fmt.Errorf("formats: %s already holds a nodes table (%s format); NodesPath %s is only for edge lists", src.name, f, opt.NodesPath)
		}
		nopt := opt
		nopt.Names = nil
		nodes, err := ReadNodes(opt.NodesPath, nopt)
		if err != nil {
			return nil, err
		}
		t.nodes = nodes
	}
	return build(src.name, &t, opt, mem)
}

// check refuses options that could only give a wrong network: the same
// name for two columns (--names source,source would make every edge a loop).
func (o Options) check(name string) error {
	seen := map[string]int{}
	for i, n := range o.Names {
		if j, ok := seen[n]; ok && n != "" {
			return fmt.Errorf("formats: %s: Options.Names names columns %d and %d both %q: want distinct names", name, j+1, i+1, n)
		}
		seen[n] = i
	}
	c := o.Columns
	if c.Source != "" && c.Source == c.Target {
		return fmt.Errorf("formats: %s: Options.Columns names %q as both source and target: want two columns", name, c.Source)
	}
	return nil
}

func build(name string, t *tables, opt Options, mem memory.Allocator) (*network.Network, error) {
	// A weight column asked for by name must exist: without this check a
	// misspelt --weight would quietly give an unweighted network.
	if w := opt.Columns.Weight; w != "" && w != "-" && !t.edges.Schema().HasField(w) {
		return nil, fmt.Errorf("formats: %s: no weight column %q (edge columns: %v); name one of them, or \"-\" for none", name, w, fieldNames(t.edges.Schema()))
	}
	directed := true
	if t.directed != nil {
		directed = *t.directed
	}
	if opt.Directed != nil {
		directed = *opt.Directed
	}
	cols := t.cols
	if t.nodes != nil {
		if cols.ID == "" {
			cols.ID = nodeIDColumn(t.nodes.Schema(), opt.Columns.ID)
		}
		nodes, err := matchIDTypes(t.edges, t.nodes, cols, mem)
		if err != nil {
			return nil, fmt.Errorf("formats: %s: %w", name, err)
		}
		t.nodes.Release()
		t.nodes = nodes
	}
	n, err := network.New(t.edges, t.nodes, directed, cols)
	if err != nil {
		var dup *network.DuplicateIDError
		if errors.As(err, &dup) {
			return nil, fmt.Errorf("formats: %s: nodes table: %w", name, err)
		}
		return nil, fmt.Errorf("formats: %s: %w", name, err)
	}
	n.Name = displayName(name)
	return n, nil
}

// ReadNodes loads a nodes table (id plus attributes) from path: CSV/TSV
// with a header (the id column is Columns.ID, else "id", else the first
// column), a SNAP label file (whitespace columns, '#' comments, named by
// Names or "id", "label", "label2", ...), or Parquet. The caller releases
// the returned record. A duplicate id is an error naming both lines.
func ReadNodes(path string, opt Options) (arrow.RecordBatch, error) {
	f := opt.NodesFormat
	if f == Auto && opt.NodesPath == "" {
		f = opt.Format
	}
	src, err := openPath(path, opt, f)
	if err != nil {
		return nil, err
	}
	defer src.close()
	f, err = src.detect(f)
	if err != nil {
		return nil, err
	}
	switch f {
	case CSV, TSV, SNAP:
		return readDelimNodes(src, f, opt, opt.mem())
	case Parquet:
		return readParquetNodes(src, opt, opt.mem())
	}
	return nil, fmt.Errorf("formats: %s: nodes tables are read from csv, tsv, snap label files or parquet, not %s", src.name, f)
}

// detect picks the format: the caller's, else by extension, else by content.
func (s *source) detect(want Format) (Format, error) {
	if want != Auto {
		return want, nil
	}
	head, err := s.head(4096)
	if err != nil {
		return "", err
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return "", &ParseError{File: s.name, Line: 1, Msg: "the file is empty: want a network"}
	}
	if bytes.HasPrefix(head, []byte("PAR1")) {
		return Parquet, nil
	}
	ext := strings.ToLower(filepath.Ext(s.base))
	switch ext {
	case ".csv":
		return CSV, nil
	case ".tsv", ".tab":
		return TSV, nil
	case ".gml":
		return GML, nil
	case ".graphml":
		return GraphML, nil
	case ".net", ".paj":
		return Pajek, nil
	case ".parquet", ".pq":
		return Parquet, nil
	}
	return sniff(head, s.name)
}

func sniff(head []byte, name string) (Format, error) {
	if !isText(head) {
		return "", &ParseError{File: name, Line: 1, Msg: "binary content: want a text network format (csv, tsv, snap, gml, graphml, pajek) or parquet"}
	}
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if bytes.HasPrefix(t, []byte("<")) {
		return GraphML, nil
	}
	// First meaningful line.
	lines := bytes.Split(t, []byte("\n"))
	for _, l := range lines {
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' || l[0] == '%' {
			continue
		}
		if l[0] == '*' {
			return Pajek, nil
		}
		low := bytes.ToLower(l)
		if bytes.HasPrefix(low, []byte("creator")) || bytes.HasPrefix(low, []byte("graph")) || bytes.HasPrefix(low, []byte("version")) {
			return GML, nil
		}
		if bytes.IndexByte(l, ',') >= 0 {
			return CSV, nil
		}
		if bytes.IndexByte(l, '\t') >= 0 && !allNumeric(bytes.Fields(l)) {
			return TSV, nil
		}
		return SNAP, nil
	}
	return SNAP, nil
}

// isText reports whether head looks like text: no NUL bytes and few
// control characters.
func isText(head []byte) bool {
	bad := 0
	for _, c := range head {
		if c == 0 {
			return false
		}
		if c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			bad++
		}
	}
	return bad*100 <= len(head)
}

// displayName is the base name of a file, or archive.zip:member.
func displayName(name string) string {
	if i := strings.LastIndex(name, ".zip:"); i >= 0 {
		return filepath.Base(name[:i+4]) + name[i+4:]
	}
	return filepath.Base(name)
}
