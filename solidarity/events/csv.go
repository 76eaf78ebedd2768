package events

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/algosolidarity/toolkit/solidarity/formats"
)

// ParseError is a bad value or row in a text file: the file, the line and
// what was expected. It is the formats package's error, as events are read
// by the formats package's table reader.
type ParseError = formats.ParseError

// ReadCSV reads events from delimited text with a header row: the contract
// columns actor,item,author,kind,time[,quality] (names from opt.Columns),
// the optional content columns text and url (always read as text), and
// any further columns (item attributes such as topic or leaning), which are
// kept in Table as integers, floats, booleans or strings. A .tsv name
// switches the delimiter to tab; .gz and .zip files are read transparently
// (formats.ReadTable: the network readers' limits and error messages). Time is Unix seconds
// (integer, or a float floored to seconds) or a date-time
// (RFC 3339, "2006-01-02 15:04:05", "2006-01-02", read as UTC).
//
// opt.ActorsPath, when set, names an actors table (CSV or Parquet) with an
// id column and optional group and leaning columns.
//
// Errors name the file, line and column and say what was expected: a short
// or long row, an empty id or time, an unreadable time.
func ReadCSV(path string, opt Options) (*Events, error) {
	c := opt.Columns.withDefaults()
	rec, err := formats.ReadTable(path, opt.table(
		[]string{c.Actor, c.Author, c.Item}, []string{c.Kind, c.Text, c.URL}, []string{c.Actor, c.Author, c.Item, c.Time}, c.Time))
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	return finish(rec, path, opt)
}

// ReadActors reads an actors table (id plus attributes such as group and
// leaning) from CSV/TSV or Parquet (by content or extension). The caller
// releases it.
func ReadActors(path string, opt Options) (arrow.RecordBatch, error) {
	c := opt.Columns.withDefaults()
	return formats.ReadTable(path, opt.table([]string{c.ID}, []string{c.Group}, []string{c.ID}, ""))
}

// ReadItems reads an items table (item, author, optional time and quality)
// from CSV/TSV or Parquet (by content or extension). The caller releases it.
func ReadItems(path string, opt Options) (arrow.RecordBatch, error) {
	c := opt.Columns.withDefaults()
	return formats.ReadTable(path, opt.table([]string{c.Item, c.Author}, nil, []string{c.Item, c.Author, c.Time}, c.Time))
}

// table is the formats.ReadTable options for an events, actors or items
// table: id columns, text columns, columns every row needs, and the time
// column parsed as parseTime does.
func (o Options) table(ids, text, required []string, timeCol string) formats.TableOptions {
	t := formats.TableOptions{Comma: o.Comma, IDs: ids, Text: text, Required: required,
		MaxDecompressed: o.MaxDecompressed, Progress: o.Progress, Mem: o.mem()}
	if timeCol != "" {
		t.Times = map[string]func(string) (int64, error){timeCol: timeValue}
	}
	return t
}

func timeValue(s string) (int64, error) {
	if t, ok := parseTime([]byte(s)); ok {
		return t, nil
	}
	return 0, fmt.Errorf("%q is not a time: want Unix seconds or a date-time such as 2006-01-02T15:04:05Z", s)
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
