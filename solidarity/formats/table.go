package formats

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TableOptions control ReadTable. The zero value reads a comma-separated
// file with a header (tab-separated for .tsv and .tab names) or a Parquet
// file, inferring every column's type.
type TableOptions struct {
	// Comma is the field delimiter of text (0: tab for .tsv/.tab names,
	// else comma). It must be a single ASCII character other than a quote
	// or a line break.
	Comma rune
	// IDs name id columns: int64 when every value is a canonical integer
	// (no sign '+', no leading zeros, so "007" keeps its zeros), else text.
	IDs []string
	// Text names columns kept as text even when every value is a number.
	Text []string
	// Required names columns that must hold a value on every row.
	Required []string
	// Ints names columns whose every value must be an integer; another
	// value is an error naming the file, line and column.
	Ints []string
	// Names, when set, reads a headerless whitespace-separated list (SNAP
	// style, '#' and '%' comment lines) with these column names (more
	// columns get col4, col5, ...).
	Names []string
	// Times converts the named text columns to int64 (for example a date
	// to Unix seconds); an error names the file, line and column.
	Times map[string]func(string) (int64, error)

	Member          string // the member of a .zip archive; "" picks the first .csv/.tsv/.parquet
	MaxDecompressed int64  // bound on bytes read out of .gz/.zip (0 = 8 GiB)
	Progress        func(read, total int64)
	Mem             memory.Allocator
}

// ReadTable reads one table of any columns from delimited text with a
// header (optionally .gz, or a member of a .zip) or from Parquet (by
// content or extension), through the same reader, limits and error
// messages as the network formats. It is the reader behind the engagement
// event, actor and item tables. Text columns are typed as int64, float64,
// bool or string from their values (see Options for the rules), except
// as TableOptions says. The caller releases the record.
func ReadTable(path string, topt TableOptions) (arrow.RecordBatch, error) {
	if topt.Comma < 0 || topt.Comma > 127 || topt.Comma == '"' || topt.Comma == '\n' || topt.Comma == '\r' {
		return nil, fmt.Errorf("formats: delimiter %q: want a single ASCII character other than a quote or line break", topt.Comma)
	}
	opt := Options{Member: topt.Member, MaxDecompressed: topt.MaxDecompressed, Progress: topt.Progress, Mem: topt.Mem, header: true}
	s, err := openPath(path, opt, Auto)
	if err != nil {
		return nil, err
	}
	defer s.close()
	head, err := s.head(4)
	if err != nil {
		return nil, err
	}
	ext := strings.ToLower(filepath.Ext(s.base))
	if string(head) == "PAR1" || ext == ".parquet" || ext == ".pq" {
		return readParquetRecord(s, opt.mem())
	}
	f := CSV
	if ext == ".tsv" || ext == ".tab" {
		f = TSV
	}
	if topt.Comma != 0 {
		opt.sep = byte(topt.Comma)
	}
	if topt.Names != nil {
		f, opt.sep, opt.header, opt.Names = SNAP, 0, false, topt.Names
	}
	L, err := layout(s, f, opt, nil, "col")
	if err != nil {
		return nil, err
	}
	if !L.header && topt.Names == nil {
		return nil, perr(s.name, 1, "the file is empty: want a header row naming the columns")
	}
	cols, lines, err := scanDelim(s, L)
	if err != nil {
		return nil, err
	}
	return tableRecord(s.name, cols, lines, topt, opt.mem())
}

func tableRecord(name string, cols []*colBuilder, lines []int32, topt TableOptions, mem memory.Allocator) (arrow.RecordBatch, error) {
	byName := map[string]*colBuilder{}
	for _, c := range cols {
		byName[c.name] = c
		// Spaces around a field are layout, not data (" 5" is the number 5).
		for i, v := range c.vals {
			if t := strings.TrimSpace(v); len(t) != len(v) {
				c.vals[i], c.valid[i] = t, t != ""
			}
		}
	}
	for _, r := range topt.Required {
		c := byName[r]
		if c == nil {
			continue // a missing column is the caller's to report, with the columns it wants
		}
		for i, ok := range c.valid {
			if !ok {
				return nil, perr(name, int(lines[i]), "column %q is empty: every row needs a value", r)
			}
		}
	}
	for _, in := range topt.Ints {
		c := byName[in]
		if c == nil {
			continue
		}
		for i, v := range c.vals {
			if _, err := strconv.ParseInt(v, 10, 64); c.valid[i] && err != nil {
				return nil, perr(name, int(lines[i]), "column %q holds %q: want an integer", in, v)
			}
		}
	}
	for _, t := range topt.Text {
		if c := byName[t]; c != nil {
			c.forceString = true
		}
	}
	for _, id := range topt.IDs {
		c := byName[id]
		if c == nil {
			continue
		}
		for i, v := range c.vals {
			if c.valid[i] && !canonicalInt(v) {
				c.forceString = true
				break
			}
		}
	}
	arrs := make([]arrow.Array, len(cols))
	fields := make([]arrow.Field, len(cols))
	defer func() {
		for _, a := range arrs {
			if a != nil {
				a.Release()
			}
		}
	}()
	n := len(lines)
	for i, c := range cols {
		c.pad(n)
		if parse := topt.Times[c.name]; parse != nil {
			b := array.NewInt64Builder(mem)
			b.Reserve(n)
			for k, v := range c.vals {
				if !c.valid[k] {
					b.AppendNull()
					continue
				}
				t, err := parse(v)
				if err != nil {
					b.Release()
					return nil, perr(name, int(lines[k]), "column %q: %v", c.name, err)
				}
				b.UnsafeAppend(t)
			}
			arrs[i] = b.NewArray()
			b.Release()
			fields[i] = arrow.Field{Name: c.name, Type: arrow.PrimitiveTypes.Int64, Nullable: arrs[i].NullN() > 0}
			c.vals = nil
			continue
		}
		t := c.infer(false)
		arrs[i] = c.build(mem, t)
		fields[i] = arrow.Field{Name: c.name, Type: t, Nullable: arrs[i].NullN() > 0}
		c.vals = nil // let the text go as soon as its column is built
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, int64(n)), nil
}

// canonicalInt reports whether s is a base-10 integer written the one way
// strconv.FormatInt writes it (no '+', no leading zeros, no "-0").
func canonicalInt(s string) bool {
	v, err := strconv.ParseInt(s, 10, 64)
	return err == nil && strconv.FormatInt(v, 10) == s
}

// Open opens a file for a reader of another format (platform exports):
// the content of a plain file, a .gz file or one member of a .zip
// (opt.Member, by name or base name; "" for an archive with a single
// file), under the same decompression limit and with the same progress
// callback as the network readers. It returns the reader, the name to use
// in messages (archive.zip:member for a member) and the content's size
// when known without reading it (else -1). The caller closes the reader.
func Open(file string, opt Options) (io.ReadCloser, string, int64, error) {
	if opt.Member == "" {
		if zr, err := zip.OpenReader(file); err == nil {
			var only []string
			for _, f := range zr.File {
				if !f.FileInfo().IsDir() && !strings.HasPrefix(f.Name, "__MACOSX/") && !strings.HasPrefix(path.Base(f.Name), ".") {
					only = append(only, f.Name)
				}
			}
			zr.Close()
			if len(only) == 1 {
				opt.Member = only[0]
			} else {
				return nil, "", 0, fmt.Errorf("formats: %s: an archive of %d files: name the one to read (members: %s)", file, len(only), strings.Join(only, ", "))
			}
		}
	}
	s, err := openPath(file, opt, Auto)
	if err != nil {
		return nil, "", 0, err
	}
	rc, err := s.open()
	if err != nil {
		s.close()
		return nil, "", 0, err
	}
	return &readCloser{Reader: rc, closers: []io.Closer{closerFunc(s.close), rc}}, s.name, s.sizeHint(), nil
}

type closerFunc func()

func (f closerFunc) Close() error { f(); return nil }
