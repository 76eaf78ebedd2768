package formats

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/algosolidarity/toolkit/internal/atomicfile"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Schema metadata keys written by WriteParquet and read back by
// ReadParquet (and Read on a Parquet file).
const (
	MetaRole     = "solidarity.table"    // "edges" or "nodes"
	MetaDirected = "solidarity.directed" // "true" or "false"
	MetaSource   = "solidarity.source"   // name of the source column
	MetaTarget   = "solidarity.target"   // name of the target column
	MetaWeight   = "solidarity.weight"   // name of the weight column
	MetaID       = "solidarity.id"       // name of the node id column
	MetaName     = "solidarity.name"     // the network's Name
)

// WriteParquet writes the network's edges and (if any) nodes tables as
// Parquet files; nodesPath is ignored when there is no nodes table.
// Directedness and column roles are kept in the file metadata. Files are
// written to a temporary name and renamed, so a failure leaves nothing.
// Columns are Snappy-compressed; the tables are written exactly as held
// (the raw records, loops and parallel edges included).
func WriteParquet(n *network.Network, edgesPath, nodesPath string) error {
	if n == nil || n.Edges() == nil {
		return fmt.Errorf("formats: WriteParquet: no network (nil or released)")
	}
	c := n.Columns()
	meta := map[string]string{
		MetaDirected: strconv.FormatBool(n.Directed()),
		MetaSource:   c.Source, MetaTarget: c.Target, MetaWeight: c.Weight, MetaID: c.ID,
		MetaName: n.Name,
	}
	meta[MetaRole] = "edges"
	if err := writeParquetFile(n.Edges(), edgesPath, meta); err != nil {
		return err
	}
	if n.Nodes() != nil && nodesPath != "" {
		meta[MetaRole] = "nodes"
		if err := writeParquetFile(n.Nodes(), nodesPath, meta); err != nil {
			os.Remove(edgesPath)
			return err
		}
	}
	return nil
}

func writeParquetFile(rec arrow.RecordBatch, path string, meta map[string]string) (err error) {
	md := rec.Schema().Metadata()
	keys := append([]string(nil), md.Keys()...)
	vals := append([]string(nil), md.Values()...)
	for k, v := range meta {
		if i := md.FindKey(k); i >= 0 {
			vals[i] = v
			continue
		}
		keys = append(keys, k)
		vals = append(vals, v)
	}
	m := arrow.NewMetadata(keys, vals)
	schema := arrow.NewSchema(rec.Schema().Fields(), &m)
	out := array.NewRecordBatch(schema, rec.Columns(), rec.NumRows())
	defer out.Release()

	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	defer f.Abort()
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Snappy), parquet.WithMaxRowGroupLength(1<<20))
	// The writer closes what it writes to; the atomic file commits after.
	fw, err := pqarrow.NewFileWriter(schema, noClose{f}, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	for k, v := range meta {
		if err = fw.AppendKeyValueMetadata(k, v); err != nil {
			fw.Close()
			return fmt.Errorf("formats: writing %s: %w", path, err)
		}
	}
	if err = fw.Write(out); err != nil {
		fw.Close()
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	if err = fw.Close(); err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	if err = f.Commit(); err != nil {
		return fmt.Errorf("formats: writing %s: %w", path, err)
	}
	return nil
}

// noClose hides Close from the Parquet writer.
type noClose struct{ w io.Writer }

func (n noClose) Write(p []byte) (int, error) { return n.w.Write(p) }

// ReadParquet reads a network written by WriteParquet (or any Parquet edge
// table with integer or text source/target columns); nodesPath may be "".
// Directedness and column roles come from the file metadata unless opt
// sets them.
func ReadParquet(edgesPath, nodesPath string, opt Options) (*network.Network, error) {
	opt.Format = Parquet
	opt.NodesPath = nodesPath
	if nodesPath != "" && opt.NodesFormat == Auto {
		opt.NodesFormat = Parquet
	}
	return Read(edgesPath, opt)
}

func readParquetRecord(s *source, mem memory.Allocator) (arrow.RecordBatch, error) {
	var r parquet.ReaderAtSeeker
	if s.path != "" && s.data == nil && !s.gz {
		f, err := os.Open(s.path)
		if err != nil {
			return nil, fmt.Errorf("formats: %w", err)
		}
		defer f.Close()
		r = f
	} else if s.data != nil {
		r = bytes.NewReader(s.data)
	} else {
		// A .parquet.gz or a zip member: Parquet needs random access, so
		// decompress to a temporary file instead of holding it in memory.
		f, err := s.spool()
		if err != nil {
			return nil, err
		}
		defer func() { f.Close(); os.Remove(f.Name()) }()
		r = f
	}
	tbl, err := readTableSafe(r, mem)
	if err != nil {
		return nil, &ParseError{File: s.name, Msg: "not a readable Parquet file: " + err.Error(), Err: err}
	}
	defer tbl.Release()
	arrs := make([]arrow.Array, tbl.NumCols())
	defer func() {
		for _, a := range arrs {
			if a != nil {
				a.Release()
			}
		}
	}()
	for i := range arrs {
		ch := tbl.Column(i).Data().Chunks()
		switch len(ch) {
		case 0:
			arrs[i] = array.MakeArrayOfNull(mem, tbl.Schema().Field(i).Type, 0)
		case 1:
			ch[0].Retain()
			arrs[i] = ch[0]
		default:
			a, err := array.Concatenate(ch, mem)
			if err != nil {
				return nil, fmt.Errorf("formats: %s: %w", s.name, err)
			}
			arrs[i] = a
		}
	}
	for i, a := range arrs {
		if int64(a.Len()) != tbl.NumRows() {
			return nil, &ParseError{File: s.name, Msg: fmt.Sprintf("corrupt Parquet file: column %q has %d rows, the table %d", tbl.Schema().Field(i).Name, a.Len(), tbl.NumRows())}
		}
	}
	rec := array.NewRecordBatch(tbl.Schema(), arrs, tbl.NumRows())
	// What comes out of a damaged file can be inconsistent in ways the
	// decoder does not notice (offsets past the data): check every value
	// once here rather than panic later in an analysis.
	if err := array.ValidateRecordFull(rec); err != nil {
		rec.Release()
		return nil, &ParseError{File: s.name, Msg: "corrupt Parquet file: " + err.Error(), Err: err}
	}
	return rec, nil
}

// readTableSafe reads a Parquet table, turning a panic inside the Parquet
// decoder (possible on corrupt input) into an error.
func readTableSafe(r parquet.ReaderAtSeeker, mem memory.Allocator) (tbl arrow.Table, err error) {
	defer func() {
		if p := recover(); p != nil {
			tbl, err = nil, fmt.Errorf("corrupt data (%v)", p)
		}
	}()
	// Sizes inside a damaged file (a page's length, the stored Arrow
	// schema's body) are claims: cap any one allocation by what the file
	// could hold, so a flipped byte gives an error, not an 8 GiB request.
	size, _ := r.Seek(0, io.SeekEnd)
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	mem = capAllocator{Allocator: mem, max: max(256<<20, 64*size)}
	pf, err := file.NewParquetReader(r, file.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	// The Arrow schema pqarrow stores in the metadata is decoded by arrow's
	// IPC reader, which trusts the lengths inside it with allocations of
	// its own (a flipped byte asked for 300 GiB). Our tables need none of
	// it: their int64, float64, bool and string columns come back the same
	// from the Parquet types, so the reader is not shown it.
	for _, kv := range pf.MetaData().KeyValueMetadata() {
		if kv != nil && kv.Key == "ARROW:schema" {
			kv.Key = "ARROW:schema (not read)"
		}
	}
	// Parallel off: arrow-go decodes parallel columns in goroutines of its
	// own, where a panic on corrupt data cannot be recovered here and
	// would end the program. Sequential decoding keeps it in this frame.
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{Parallel: false, BatchSize: 1 << 16}, mem)
	if err != nil {
		return nil, err
	}
	tbl, err = fr.ReadTable(context.Background())
	if err != nil {
		return nil, err
	}
	kv := pf.MetaData().KeyValueMetadata()
	md := tbl.Schema().Metadata()
	keys, vals := append([]string(nil), md.Keys()...), append([]string(nil), md.Values()...)
	for i, k := range kv.Keys() {
		if strings.HasPrefix(k, "solidarity.") && md.FindKey(k) < 0 {
			keys = append(keys, k)
			vals = append(vals, kv.Values()[i])
		}
	}
	m := arrow.NewMetadata(keys, vals)
	cols := make([]arrow.Column, tbl.NumCols())
	for i := range cols {
		cols[i] = *tbl.Column(i)
	}
	out := array.NewTable(arrow.NewSchema(tbl.Schema().Fields(), &m), cols, tbl.NumRows())
	tbl.Release()
	return out, nil
}

// capAllocator refuses (by a panic that readTableSafe recovers) any one
// allocation above max bytes.
type capAllocator struct {
	memory.Allocator
	max int64
}

func (a capAllocator) Allocate(n int) []byte {
	if int64(n) > a.max {
		panic(fmt.Sprintf("an allocation of %d bytes, more than the file could hold", n))
	}
	return a.Allocator.Allocate(n)
}

func (a capAllocator) Reallocate(n int, b []byte) []byte {
	if int64(n) > a.max {
		panic(fmt.Sprintf("an allocation of %d bytes, more than the file could hold", n))
	}
	return a.Allocator.Reallocate(n, b)
}

func metaValue(s *arrow.Schema, key string) string {
	md := s.Metadata()
	if i := md.FindKey(key); i >= 0 {
		return md.Values()[i]
	}
	return ""
}

func readParquetEdges(s *source, opt Options, mem memory.Allocator) (tables, error) {
	rec, err := readParquetRecord(s, mem)
	if err != nil {
		return tables{}, err
	}
	sc := rec.Schema()
	if metaValue(sc, MetaRole) == "nodes" {
		rec.Release()
		return tables{}, fmt.Errorf("formats: %s is a nodes table (metadata %s=nodes): want the edges file; pass the nodes file as NodesPath", s.name, MetaRole)
	}
	cols := opt.Columns
	names := fieldNames(sc)
	src := findCol(names, firstNonEmpty(cols.Source, metaValue(sc, MetaSource)), sourceAliases, 0)
	dst := findCol(names, firstNonEmpty(cols.Target, metaValue(sc, MetaTarget)), targetAliases, 1)
	if src < 0 || dst < 0 || src == dst {
		rec.Release()
		return tables{}, fmt.Errorf("formats: %s: want source and target columns; the table has %v", s.name, names)
	}
	cols.Source, cols.Target = names[src], names[dst]
	cols.Weight = firstNonEmpty(cols.Weight, metaValue(sc, MetaWeight), network.ColWeight)
	cols.ID = firstNonEmpty(cols.ID, metaValue(sc, MetaID))
	t := tables{edges: rec, cols: cols}
	if d := metaValue(sc, MetaDirected); d != "" {
		b := d == "true"
		t.directed = &b
	}
	return t, nil
}

func readParquetNodes(s *source, opt Options, mem memory.Allocator) (arrow.RecordBatch, error) {
	rec, err := readParquetRecord(s, mem)
	if err != nil {
		return nil, err
	}
	id := nodeIDColumn(rec.Schema(), firstNonEmpty(opt.Columns.ID, metaValue(rec.Schema(), MetaID)))
	if !rec.Schema().HasField(id) {
		rec.Release()
		return nil, fmt.Errorf("formats: %s: nodes table has no id column %q (columns: %v)", s.name, id, fieldNames(rec.Schema()))
	}
	return rec, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
