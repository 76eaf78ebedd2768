package events

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// ReadCSV reads events from delimited text with a header row: the contract
// columns actor,item,author,kind,time[,quality] (names from opt.Columns) and
// any further columns (item attributes such as topic or leaning), which are
// kept in Table as integers, floats or strings. A .tsv name switches the
// delimiter to tab; .gz files are decompressed. Time is Unix seconds
// (integer, or a float floored to seconds) or a date-time
// (RFC 3339, "2006-01-02 15:04:05", "2006-01-02", read as UTC).
//
// opt.ActorsPath, when set, names an actors table (CSV or Parquet) with an
// id column and optional group and leaning columns.
//
// Errors name the file, line and column and say what was expected: a short
// or long row, an empty id or time, an unreadable time.
func ReadCSV(path string, opt Options) (*Events, error) {
	if opt.Comma < 0 || opt.Comma > 127 || opt.Comma == '"' || opt.Comma == '\n' || opt.Comma == '\r' {
		return nil, fmt.Errorf("events: delimiter %q: want a single ASCII character other than a quote or line break", opt.Comma)
	}
	c := opt.Columns.withDefaults()
	roles := map[string]role{c.Actor: roleID, c.Author: roleID, c.Item: roleID, c.Time: roleTime, c.Kind: roleText}
	rec, err := readText(path, opt.comma(path), roles, opt.mem())
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	return finish(rec, path, opt)
}

// ReadActors reads an actors table (id plus attributes such as group and
// leaning) from CSV/TSV or Parquet (by extension). The caller releases it.
func ReadActors(path string, opt Options) (arrow.RecordBatch, error) {
	if isParquet(path) {
		return readParquet(path, opt.mem())
	}
	c := opt.Columns.withDefaults()
	return readText(path, opt.comma(path), map[string]role{c.ID: roleID, c.Group: roleText}, opt.mem())
}

// ReadItems reads an items table (item, author, optional time and quality)
// from CSV/TSV or Parquet (by extension). The caller releases it.
func ReadItems(path string, opt Options) (arrow.RecordBatch, error) {
	if isParquet(path) {
		return readParquet(path, opt.mem())
	}
	c := opt.Columns.withDefaults()
	return readText(path, opt.comma(path), map[string]role{c.Item: roleID, c.Author: roleID, c.Time: roleTime}, opt.mem())
}

func finish(rec arrow.RecordBatch, path string, opt Options) (*Events, error) {
	var actors arrow.RecordBatch
	if opt.ActorsPath != "" {
		var err error
		actors, err = ReadActors(opt.ActorsPath, opt)
		if err != nil {
			return nil, err
		}
		defer actors.Release()
	}
	ev, err := New(rec, actors, opt)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	ev.Name = filepath.Base(path)
	if opt.ItemsPath != "" {
		items, err := ReadItems(opt.ItemsPath, opt)
		if err != nil {
			ev.Release()
			return nil, err
		}
		defer items.Release()
		if err := ev.AddItems(items, opt); err != nil {
			ev.Release()
			return nil, fmt.Errorf("%w (file %s)", err, opt.ItemsPath)
		}
	}
	return ev, nil
}

func (o Options) comma(path string) byte {
	if o.Comma != 0 {
		return byte(o.Comma)
	}
	p := strings.TrimSuffix(strings.ToLower(path), ".gz")
	if strings.HasSuffix(p, ".tsv") || strings.HasSuffix(p, ".tab") {
		return '\t'
	}
	return ','
}

func isParquet(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".parquet") || strings.HasSuffix(p, ".pq")
}

type role int

const (
	roleAny  role = iota // int, float or string, as the values allow
	roleID               // int or string, never empty
	roleTime             // Unix seconds or date-time, never empty
	roleText             // always string
)

type colKind int

const (
	kInt colKind = iota
	kFloat
	kString
)

type textCol struct {
	name   string
	role   role
	kind   colKind
	ints   []int64
	floats []float64
	strs   []string
	valid  []bool // nil while every value is present
	intern map[string]string
}

// errRestart asks readText to read again with column col forced to strings
// (a float column met a value that is not a number).
type errRestart struct{ col int }

func (e errRestart) Error() string { return "restart" }

// ParseError is a bad value or row in a text file.
type ParseError struct {
	File   string
	Line   int
	Column string // "" for a whole-row problem
	Msg    string
}

func (e *ParseError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("events: %s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("events: %s:%d: column %q: %s", e.File, e.Line, e.Column, e.Msg)
}

// maxLine bounds one line of a text events file, so memory follows the
// content and not the distance to the next line end.
const maxLine = 64 << 20

func openText(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("events: %s: not gzip: %w", path, err)
		}
		return struct {
			io.Reader
			io.Closer
		}{z, f}, nil
	}
	return f, nil
}

func readText(path string, comma byte, roles map[string]role, mem memory.Allocator) (arrow.RecordBatch, error) {
	forced := map[int]bool{}
	for {
		rec, err := readTextOnce(path, comma, roles, forced, mem)
		var r errRestart
		if errors.As(err, &r) {
			forced[r.col] = true
			continue
		}
		return rec, err
	}
}

func readTextOnce(path string, comma byte, roles map[string]role, forced map[int]bool, mem memory.Allocator) (arrow.RecordBatch, error) {
	rc, err := openText(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<20)
	name := filepath.Base(path)
	line := 0
	readLine := func() ([]byte, error) {
		var buf []byte
		for {
			b, err := br.ReadSlice('\n')
			if err == bufio.ErrBufferFull {
				buf = append(buf, b...)
				if len(buf) > maxLine {
					return nil, fmt.Errorf("line %d is longer than %d bytes: want one event per line (a binary file, or a flood of NUL bytes?)", line+1, maxLine)
				}
				continue
			}
			if err != nil && err != io.EOF {
				// A truncated .gz ends in io.ErrUnexpectedEOF: reading on
				// would take what came before as the whole file.
				return nil, err
			}
			if buf != nil {
				buf = append(buf, b...)
				b = buf
			}
			if len(b) == 0 && err != nil {
				return nil, err
			}
			line++
			b = bytes.TrimRight(b, "\r\n")
			return b, nil
		}
	}
	var header []string
	for {
		b, err := readLine()
		if err == io.EOF {
			return nil, fmt.Errorf("events: %s is empty: want a header row naming the columns", path)
		} else if err != nil {
			return nil, fmt.Errorf("events: %s: %w", path, err)
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		header, err = splitQuoted(b, comma)
		if err != nil {
			return nil, &ParseError{name, line, "", "unreadable header: " + err.Error()}
		}
		break
	}
	cols := make([]*textCol, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if seen[h] {
			return nil, &ParseError{name, line, h, "the header names this column twice"}
		}
		seen[h] = true
		c := &textCol{name: h, role: roles[h]}
		if c.role == roleText || forced[i] {
			c.kind = kString
			c.intern = map[string]string{}
		}
		cols[i] = c
	}
	// Pre-size the columns from the file size and the header's length
	// (rows are rarely shorter than the header), so appends do not copy.
	if st, err := os.Stat(path); err == nil && !strings.HasSuffix(strings.ToLower(path), ".gz") {
		width := len(header)
		for _, h := range header {
			width += len(h)
		}
		hint := int(st.Size()/int64(max(width, 16))) + 16
		hint = min(hint, 1<<28)
		for _, c := range cols {
			switch {
			case c.kind == kString:
				c.strs = make([]string, 0, hint)
			default:
				c.ints = make([]int64, 0, hint)
			}
		}
	}
	fields := make([][]byte, len(cols))
	rows := 0
	for {
		b, err := readLine()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("events: %s: %w", path, err)
		}
		if len(b) == 0 {
			continue
		}
		if bytes.IndexByte(b, '"') >= 0 {
			s, err := splitQuoted(b, comma)
			if err != nil {
				return nil, &ParseError{name, line, "", "unreadable quoted field: " + err.Error()}
			}
			if len(s) != len(cols) {
				return nil, &ParseError{name, line, "", fmt.Sprintf("found %d fields, want %d (header: %s)", len(s), len(cols), strings.Join(header, string(comma)))}
			}
			for i := range s {
				fields[i] = []byte(s[i])
			}
		} else {
			k := 0
			for k < len(cols) {
				j := bytes.IndexByte(b, comma)
				if j < 0 {
					fields[k] = b
					k++
					b = nil
					break
				}
				if k == len(cols)-1 {
					k = len(cols) + 1
					break
				}
				fields[k] = b[:j]
				b = b[j+1:]
				k++
			}
			if k != len(cols) {
				got := k
				if k > len(cols) {
					got = len(cols) + bytes.Count(b, []byte{comma})
				}
				return nil, &ParseError{name, line, "", fmt.Sprintf("found %d fields, want %d (header: %s)", got, len(cols), strings.Join(header, string(comma)))}
			}
		}
		for i, c := range cols {
			if err := c.add(fields[i], rows); err != nil {
				if r, ok := err.(errRestart); ok {
					r.col = i
					return nil, r
				}
				return nil, &ParseError{name, line, c.name, err.Error()}
			}
		}
		rows++
	}
	return buildRecord(cols, rows, mem), nil
}

func splitQuoted(b []byte, comma byte) ([]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = rune(comma)
	r.LazyQuotes = false
	r.FieldsPerRecord = -1
	return r.Read()
}

func (c *textCol) setNull(row int) {
	if c.valid == nil {
		c.valid = make([]bool, row, row+1024)
		for i := range c.valid {
			c.valid[i] = true
		}
	}
	c.valid = append(c.valid, false)
	switch c.kind {
	case kInt:
		c.ints = append(c.ints, 0)
	case kFloat:
		c.floats = append(c.floats, 0)
	default:
		c.strs = append(c.strs, "")
	}
}

func (c *textCol) add(f []byte, row int) error {
	f = bytes.TrimSpace(f)
	if len(f) == 0 {
		switch c.role {
		case roleID:
			return errors.New("empty: every event needs this id")
		case roleTime:
			return errors.New("empty: every event needs a time")
		}
		c.setNull(row)
		return nil
	}
	if c.valid != nil {
		c.valid = append(c.valid, true)
	}
	if c.role == roleTime {
		t, ok := parseTime(f)
		if !ok {
			return fmt.Errorf("%q is not a time: want Unix seconds or a date-time such as 2006-01-02T15:04:05Z", f)
		}
		c.ints = append(c.ints, t)
		return nil
	}
	switch c.kind {
	case kInt:
		if v, ok := parseInt(f); ok {
			c.ints = append(c.ints, v)
			return nil
		}
		if c.role != roleID {
			if v, err := strconv.ParseFloat(string(f), 64); err == nil {
				c.kind = kFloat
				c.floats = make([]float64, len(c.ints), cap(c.ints))
				for i, x := range c.ints {
					c.floats[i] = float64(x)
				}
				c.ints = nil
				c.floats = append(c.floats, v)
				return nil
			}
		}
		// Integers so far were canonical (parseInt rejects "007", "+1"),
		// so their text is recovered exactly.
		c.kind = kString
		c.intern = map[string]string{}
		c.strs = make([]string, len(c.ints), cap(c.ints))
		for i, x := range c.ints {
			if c.valid == nil || c.valid[i] {
				c.strs[i] = strconv.FormatInt(x, 10)
			}
		}
		c.ints = nil
		c.strs = append(c.strs, c.str(f))
	case kFloat:
		v, err := strconv.ParseFloat(string(f), 64)
		if err != nil {
			return errRestart{}
		}
		c.floats = append(c.floats, v)
	default:
		c.strs = append(c.strs, c.str(f))
	}
	return nil
}

func (c *textCol) str(f []byte) string {
	if s, ok := c.intern[string(f)]; ok {
		return s
	}
	s := string(f)
	if len(c.intern) < 1<<16 {
		c.intern[s] = s
	}
	return s
}

// parseInt accepts canonical base-10 integers only (no sign '+', no leading
// zeros), so that "007" stays a string id.
func parseInt(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg = true
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 || (b[0] == '0' && len(b) > 1) {
		return 0, false
	}
	var v int64
	for _, ch := range b {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		v = v*10 + int64(ch-'0')
	}
	if neg {
		if v == 0 {
			return 0, false
		}
		v = -v
	}
	return v, true
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02"}

func parseTime(b []byte) (int64, bool) {
	if v, ok := parseInt(b); ok {
		return v, true
	}
	s := string(b)
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && math.Abs(f) < 9e15 {
		return int64(math.Floor(f)), true
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Unix(), true
		}
	}
	return 0, false
}

func parseFloat(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

func buildRecord(cols []*textCol, rows int, mem memory.Allocator) arrow.RecordBatch {
	fields := make([]arrow.Field, len(cols))
	arrs := make([]arrow.Array, len(cols))
	for i, c := range cols {
		switch {
		case c.role == roleTime || c.kind == kInt:
			b := array.NewInt64Builder(mem)
			b.AppendValues(c.ints, c.valid)
			arrs[i] = b.NewArray()
			b.Release()
			fields[i] = arrow.Field{Name: c.name, Type: arrow.PrimitiveTypes.Int64, Nullable: c.valid != nil}
		case c.kind == kFloat:
			b := array.NewFloat64Builder(mem)
			b.AppendValues(c.floats, c.valid)
			arrs[i] = b.NewArray()
			b.Release()
			fields[i] = arrow.Field{Name: c.name, Type: arrow.PrimitiveTypes.Float64, Nullable: c.valid != nil}
		default:
			b := array.NewStringBuilder(mem)
			b.AppendValues(c.strs, c.valid)
			arrs[i] = b.NewArray()
			b.Release()
			fields[i] = arrow.Field{Name: c.name, Type: arrow.BinaryTypes.String, Nullable: c.valid != nil}
		}
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, int64(rows))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}
