package formats

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// delimLayout describes a delimited file after its first line was read.
type delimLayout struct {
	format   Format
	sep      byte // ',' or '\t'; 0 for runs of whitespace (SNAP)
	comments bool // '#' and '%' lines are comments (SNAP)
	names    []string
	header   bool // the first data line is a header
	skip     int  // bytes before the first data line (BOM, comments, header)
	skipLine int  // lines before the first data line
}

var defaultEdgeNames = []string{network.ColSource, network.ColTarget, network.ColWeight, network.ColTime}

func headerlessNames(n int, given, defaults []string, prefix string) []string {
	out := make([]string, n)
	for i := range out {
		switch {
		case i < len(given) && given[i] != "":
			out[i] = given[i]
		case i < len(defaults):
			out[i] = defaults[i]
		default:
			out[i] = fmt.Sprintf("%s%d", prefix, i+1)
		}
	}
	return out
}

func allNumeric(fields [][]byte) bool {
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		f = bytes.Trim(bytes.TrimSpace(f), `"`)
		if _, err := strconv.ParseFloat(string(f), 64); err != nil {
			return false
		}
	}
	return true
}

// layout reads the start of the file to find the header (or the column
// count of a headerless file).
func layout(s *source, f Format, opt Options, defaults []string, prefix string) (*delimLayout, error) {
	head, err := s.head(1 << 20)
	if err != nil {
		return nil, err
	}
	if !isText(head) {
		return nil, perr(s.name, 1, "binary content: want %s text", f)
	}
	L := &delimLayout{format: f}
	switch f {
	case CSV:
		L.sep = ','
	case TSV:
		L.sep = '\t'
	default:
		L.comments = true
	}
	if opt.sep != 0 {
		L.sep = opt.sep
	}
	pos := 0
	if bytes.HasPrefix(head, []byte("\ufeff")) {
		pos = 3
	}
	line := 0
	for pos < len(head) {
		end := bytes.IndexByte(head[pos:], '\n')
		if end < 0 {
			end = len(head)
		} else {
			end += pos
		}
		l := bytes.TrimRight(head[pos:end], "\r")
		line++
		t := bytes.TrimSpace(l)
		if len(t) == 0 || (L.comments && (t[0] == '#' || t[0] == '%')) {
			pos = end + 1
			continue
		}
		var fields [][]byte
		if L.sep == 0 {
			fields = bytes.Fields(t)
		} else {
			fields = bytes.Split(l, []byte{L.sep})
		}
		if L.sep != 0 && !opt.NoHeader && (opt.header || !allNumeric(fields)) {
			// A header line. Quoted names are unquoted by encoding/csv.
			r := csv.NewReader(bytes.NewReader(l))
			r.Comma = rune(L.sep)
			r.LazyQuotes = true
			names, err := r.Read()
			if err != nil {
				return nil, perr(s.name, line, "cannot read the header: %v", err)
			}
			L.names = cleanNames(names)
			L.header = true
			L.skip = end + 1
			L.skipLine = line
			return L, nil
		}
		L.names = headerlessNames(len(fields), opt.Names, defaults, prefix)
		L.skip = pos
		L.skipLine = line - 1
		return L, nil
	}
	if line == 0 || pos >= len(head) {
		return nil, perr(s.name, line+1, "no data: the file is empty or only comments; want %s lines", f)
	}
	return L, nil
}

func cleanNames(names []string) []string {
	seen := map[string]int{}
	out := make([]string, len(names))
	for i, n := range names {
		n = strings.TrimSpace(strings.TrimPrefix(n, "\ufeff"))
		if n == "" {
			n = fmt.Sprintf("col%d", i+1)
		}
		if k := seen[n]; k > 0 {
			seen[n]++
			n = fmt.Sprintf("%s_%d", n, k+1)
		}
		seen[n]++
		out[i] = n
	}
	return out
}

var (
	sourceAliases = []string{"source", "src", "from", "sender", "source_id", "u", "node1", "i"}
	targetAliases = []string{"target", "dst", "to", "receiver", "target_id", "v", "node2", "j"}
)

func findCol(names []string, want string, aliases []string, fallback int) int {
	if want != "" {
		for i, n := range names {
			if n == want {
				return i
			}
		}
		return -1
	}
	for _, a := range aliases {
		for i, n := range names {
			if strings.EqualFold(n, a) {
				return i
			}
		}
	}
	if fallback < len(names) {
		return fallback
	}
	return -1
}

// edgeRoles finds the source and target columns: Columns.Source/Target
// when given; else "source"/"target" or a common alias (src/dst,
// from/to, ...); else the first two columns.
func edgeRoles(name string, names []string, c network.Columns) (src, dst int, cols network.Columns, err error) {
	src = findCol(names, c.Source, sourceAliases, 0)
	dst = findCol(names, c.Target, targetAliases, 1)
	if src < 0 || dst < 0 || src == dst {
		return 0, 0, cols, fmt.Errorf("formats: %s: want source and target columns (Options.Columns %q, %q, or source/target, from/to, src/dst, or at least two columns); the header has %v",
			name, c.Source, c.Target, names)
	}
	cols = c
	cols.Source, cols.Target = names[src], names[dst]
	if cols.Weight == "" {
		cols.Weight = network.ColWeight
	}
	return src, dst, cols, nil
}

func readDelimEdges(s *source, f Format, opt Options, mem memory.Allocator) (tables, error) {
	L, err := layout(s, f, opt, defaultEdgeNames, "col")
	if err != nil {
		return tables{}, err
	}
	if len(L.names) < 2 {
		return tables{}, perr(s.name, L.skipLine+1, "want at least 2 columns (source and target), found %d", len(L.names))
	}
	si, ti, cols, err := edgeRoles(s.name, L.names, opt.Columns)
	if err != nil {
		return tables{}, err
	}
	t := tables{cols: cols}
	rec, err := fastEdges(s, L, si, ti, mem)
	if errors.Is(err, errFallback) {
		rec, err = generalDelim(s, L, []string{cols.Source, cols.Target}, cols.Weight, mem)
	}
	if err != nil {
		return tables{}, err
	}
	t.edges = rec
	return t, nil
}

func readDelimNodes(s *source, f Format, opt Options, mem memory.Allocator) (arrow.RecordBatch, error) {
	L, err := layout(s, f, opt, []string{network.ColID, "label"}, "label")
	if err != nil {
		return nil, err
	}
	id := nodeIDColumn(arrow.NewSchema(namesFields(L.names), nil), opt.Columns.ID)
	if findCol(L.names, id, nil, -1) < 0 {
		return nil, fmt.Errorf("formats: %s: nodes table has no id column %q (columns: %v)", s.name, id, L.names)
	}
	return generalDelim(s, L, []string{id}, "", mem)
}

func namesFields(names []string) []arrow.Field {
	out := make([]arrow.Field, len(names))
	for i, n := range names {
		out[i] = arrow.Field{Name: n, Type: arrow.BinaryTypes.String}
	}
	return out
}

// generalDelim reads any delimited file (quotes, text ids, missing values)
// through encoding/csv or a whitespace splitter, keeping text per column
// and inferring types at the end. idCols are the id columns; numeric names
// a column that must hold numbers (the weight), checked with line numbers.
// When idCols has one column (a nodes table), a repeated id is an error.
func generalDelim(s *source, L *delimLayout, idCols []string, numeric string, mem memory.Allocator) (arrow.RecordBatch, error) {
	cols, lines, err := scanDelim(s, L)
	if err != nil {
		return nil, err
	}
	return checkDelim(s, L, cols, lines, idCols, numeric, mem)
}

// scanDelim reads the data lines of a delimited file into text columns,
// with the line number of every row.
func scanDelim(s *source, L *delimLayout) ([]*colBuilder, []int32, error) {
	rc, err := s.open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<20)
	if _, err := br.Discard(L.skip); err != nil {
		return nil, nil, wrapReadErr(s.name, err)
	}
	ncol := len(L.names)
	cols := make([]*colBuilder, ncol)
	for i, n := range L.names {
		cols[i] = newCol(n)
	}
	var lines []int32
	want := func(line, got int) error {
		return perr(s.name, line, "want %d fields (%s), found %d", ncol, strings.Join(L.names, ","), got)
	}
	add := func(line int, rec []string) error {
		if len(rec) != ncol {
			return want(line, len(rec))
		}
		for i, v := range rec {
			cols[i].add(v)
		}
		lines = append(lines, int32(line))
		return nil
	}
	var plain string
	var src io.Reader = br
	if L.sep != 0 {
		data, ok, err := plainText(br, s.sizeHint())
		if err != nil {
			return nil, nil, wrapReadErr(s.name, err)
		}
		if ok {
			plain = string(data)
		} else if data != nil {
			src = io.MultiReader(bytes.NewReader(data), br)
		}
	}
	if L.sep != 0 && plain != "" {
		// No quotes and no carriage returns: split on the separator and
		// line ends (what encoding/csv does for such text, empty lines
		// skipped), every field a substring of one copy of the text.
		// Reserve for the line ends, but no more rows than the text could
		// hold (a row is at least ncol bytes), so blank lines cost nothing.
		n := min(strings.Count(plain, "\n")+1, len(plain)/max(ncol, 1)+1)
		for _, c := range cols {
			c.reserve(n)
		}
		lines = slices.Grow(lines, n)
		rec := make([]string, 0, ncol)
		line := L.skipLine
		for text := plain; len(text) > 0; {
			line++
			l := text
			if k := strings.IndexByte(text, '\n'); k >= 0 {
				l, text = text[:k], text[k+1:]
			} else {
				text = ""
			}
			if l == "" {
				continue
			}
			rec = rec[:0]
			for {
				k := strings.IndexByte(l, L.sep)
				if k < 0 {
					rec = append(rec, l)
					break
				}
				rec = append(rec, l[:k])
				l = l[k+1:]
			}
			if err := add(line, rec); err != nil {
				return nil, nil, err
			}
		}
	} else if L.sep != 0 {
		hint := s.sizeHint()
		// encoding/csv holds a record until its end: a quote that never
		// closes would hold the rest of the file. lim fails the read once a
		// record runs past MaxLine bytes.
		lim := &recordLimit{r: src, max: s.maxLine}
		r := csv.NewReader(lim)
		r.Comma = rune(L.sep)
		r.FieldsPerRecord = -1
		r.ReuseRecord = true
		r.LazyQuotes = L.sep == '\t'
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				if errors.Is(err, errRecordTooLong) {
					line, _ := r.FieldPos(0)
					return nil, nil, &LimitError{File: s.name, Line: line + L.skipLine + 1, Limit: s.maxLine, Option: "MaxLine",
						What: fmt.Sprintf("a record (line, or quoted field) longer than %d bytes after line %d: a quote that is never closed?", s.maxLine, line+L.skipLine)}
				}
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					msg := "malformed " + string(L.format) + ": " + pe.Err.Error()
					if pe.StartLine != pe.Line {
						msg += fmt.Sprintf(" (in the quoted field that starts on line %d and runs to line %d)", pe.StartLine+L.skipLine, pe.Line+L.skipLine)
					}
					return nil, nil, &ParseError{File: s.name, Line: pe.StartLine + L.skipLine, Msg: msg, Err: err}
				}
				return nil, nil, wrapReadErr(s.name, err)
			}
			lim.mark = r.InputOffset()
			line, _ := r.FieldPos(0)
			line += L.skipLine
			if err := add(line, rec); err != nil {
				return nil, nil, err
			}
			if len(lines) == presizeAfter && hint > 0 {
				// Size the columns once from the bytes per row so far,
				// instead of growing them (and copying pointers) 20 times.
				est := int(float64(hint-int64(L.skip)) / float64(max(r.InputOffset(), 1)) * presizeAfter * 1.05)
				for _, c := range cols {
					c.reserve(est)
				}
				lines = slices.Grow(lines, est-len(lines))
			}
		}
	} else {
		sc := bufio.NewScanner(br)
		sc.Buffer(make([]byte, 0, 1<<16), int(min(s.maxLine, 1<<30)))
		line := L.skipLine
		for sc.Scan() {
			line++
			t := bytes.TrimSpace(sc.Bytes())
			if len(t) == 0 || t[0] == '#' || t[0] == '%' {
				continue
			}
			f := strings.Fields(string(t))
			if err := add(line, f); err != nil {
				return nil, nil, err
			}
		}
		if err := sc.Err(); err != nil {
			if err == bufio.ErrTooLong {
				return nil, nil, &LimitError{File: s.name, Line: line + 1, Limit: s.maxLine, Option: "MaxLine", What: fmt.Sprintf("a line longer than %d bytes (want one edge per line)", s.maxLine)}
			}
			return nil, nil, wrapReadErr(s.name, err)
		}
	}
	return cols, lines, nil
}

// checkDelim checks the id and numeric columns (with line numbers) and
// builds the record.
func checkDelim(s *source, L *delimLayout, cols []*colBuilder, lines []int32, idCols []string, numeric string, mem memory.Allocator) (arrow.RecordBatch, error) {
	if len(lines) == 0 && len(idCols) > 1 {
		return nil, perr(s.name, L.skipLine+1, "no edges: want at least one %s line after the header", L.format)
	}
	// Type checks with line numbers.
	byName := map[string]*colBuilder{}
	for _, c := range cols {
		byName[c.name] = c
	}
	if c := byName[numeric]; c != nil && numeric != "" {
		if t := c.infer(false); t.ID() != arrow.INT64 && t.ID() != arrow.FLOAT64 {
			for i, v := range c.vals {
				if _, err := strconv.ParseFloat(v, 64); err != nil && c.valid[i] {
					return nil, perr(s.name, int(lines[i]), "column %q holds %q: want a number (it is the weight; name another column with Options.Columns.Weight, or \"-\" for none)", numeric, v)
				}
			}
		}
		for i := range c.vals {
			if !c.valid[i] {
				return nil, perr(s.name, int(lines[i]), "column %q is empty: want a number (it is the weight)", numeric)
			}
		}
	}
	for _, id := range idCols {
		c := byName[id]
		for i := range c.vals {
			if !c.valid[i] {
				return nil, perr(s.name, int(lines[i]), "column %q is empty: want a node id", id)
			}
		}
	}
	if len(idCols) == 1 {
		c := byName[idCols[0]]
		if c.infer(true).ID() == arrow.INT64 {
			if i, j := firstRepeatInt(c.vals); i >= 0 {
				return nil, perr(s.name, int(lines[i]), "node id %q appears again (first on line %d): want each id once", c.vals[i], lines[j])
			}
		} else {
			first := make(map[string]int, len(c.vals))
			for i, v := range c.vals {
				if j, ok := first[v]; ok {
					return nil, perr(s.name, int(lines[i]), "node id %q appears again (first on line %d): want each id once", v, lines[j])
				}
				first[v] = i
			}
		}
	}
	return record(mem, cols, idCols, nil), nil
}

// plainLimit bounds the delimited files read whole to check for quotes.
var plainLimit int64 = 64 << 20 // a variable so tests can force encoding/csv

// plainText reads the rest of r when the file is at most plainLimit bytes
// and reports whether it is plain: no quote and no carriage return, so
// fields split on the separator alone. When it is not, data holds what was
// read, to be read again before the rest of r.
func plainText(r io.Reader, size int64) (data []byte, ok bool, err error) {
	if size < 0 || size > plainLimit {
		return nil, false, nil
	}
	data, err = io.ReadAll(io.LimitReader(r, plainLimit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(data)) > plainLimit || bytes.IndexByte(data, '"') >= 0 || bytes.IndexByte(data, '\r') >= 0 {
		return data, false, nil
	}
	return data, true, nil
}

// presizeAfter is the number of rows after which generalDelim sizes its
// columns from the file size.
const presizeAfter = 4096

// int64Array and float64Array wrap Go slices as Arrow arrays without a copy.
func int64Array(v []int64) arrow.Array {
	d := array.NewData(arrow.PrimitiveTypes.Int64, len(v), []*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int64Traits.CastToBytes(v))}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func float64Array(v []float64) arrow.Array {
	d := array.NewData(arrow.PrimitiveTypes.Float64, len(v), []*memory.Buffer{nil, memory.NewBufferBytes(arrow.Float64Traits.CastToBytes(v))}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// firstRepeatInt returns the first row i whose integer id appeared before,
// at row j, or -1, -1. Compact ids (the usual 0..n-1) use a flat table
// instead of a map.
func firstRepeatInt(vals []string) (i, j int) {
	ids := make([]int64, len(vals))
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for k, v := range vals {
		x, _ := strconv.ParseInt(v, 10, 64)
		ids[k] = x
		lo, hi = min(lo, x), max(hi, x)
	}
	if len(ids) > 0 && hi-lo >= 0 && hi-lo < int64(8*len(ids)+1024) {
		seen := make([]int32, hi-lo+1) // row+1
		for k, x := range ids {
			if r := seen[x-lo]; r > 0 {
				return k, int(r - 1)
			}
			seen[x-lo] = int32(k + 1)
		}
		return -1, -1
	}
	first := make(map[int64]int, len(ids))
	for k, x := range ids {
		if r, ok := first[x]; ok {
			return k, r
		}
		first[x] = k
	}
	return -1, -1
}

var errRecordTooLong = errors.New("formats: record too long")

// recordLimit passes reads through until more than max bytes have been
// read since mark (the input offset where the current record began).
type recordLimit struct {
	r       io.Reader
	n, mark int64
	max     int64
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n-l.mark > l.max {
		return 0, errRecordTooLong
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	return k, err
}
