package platforms

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/formats"
)

// open opens path (or a member of the .zip path) through formats.Open:
// .gz and .zip, the decompression limit and the progress callback.
func open(path, member string, opt Options) (io.ReadCloser, string, error) {
	rc, name, _, err := formats.Open(path, formats.Options{Member: member, MaxDecompressed: opt.MaxDecompressed, Progress: opt.Progress})
	return rc, name, err
}

func perr(file string, line int, format string, args ...any) error {
	return &formats.ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// lines reads a file line by line, each at most max bytes.
type lines struct {
	br   *bufio.Reader
	name string
	line int
	max  int
	buf  []byte
}

func newLines(r io.Reader, name string, max int) *lines {
	return &lines{br: bufio.NewReaderSize(r, 1<<20), name: name, max: max}
}

// next returns the next non-blank line without its line break (valid
// until the next call), or io.EOF.
func (l *lines) next() ([]byte, error) {
	for {
		l.buf = l.buf[:0]
		var b []byte
		for {
			part, err := l.br.ReadSlice('\n')
			if len(l.buf)+len(part) > l.max+2 {
				return nil, perr(l.name, l.line+1, "a record longer than %d bytes (Options.MaxRecord): want one JSON record per line", l.max)
			}
			if err == bufio.ErrBufferFull {
				l.buf = append(l.buf, part...)
				continue
			}
			if len(l.buf) > 0 {
				l.buf = append(l.buf, part...)
				b = l.buf
			} else {
				b = part
			}
			if err != nil && err != io.EOF {
				return nil, readErr(l.name, err)
			}
			if len(b) == 0 && err == io.EOF {
				return nil, io.EOF
			}
			break
		}
		l.line++
		if l.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		b = bytes.TrimSpace(b)
		if len(b) > 0 {
			return b, nil
		}
	}
}

func readErr(name string, err error) error {
	var pe *formats.ParseError
	var le *formats.LimitError
	if errors.As(err, &pe) || errors.As(err, &le) {
		return err
	}
	return &formats.ParseError{File: name, Msg: "reading: " + err.Error(), Err: err}
}

// checkDepth reports whether the JSON text b nests deeper than max
// (arrays and objects), so that no record costs more than its size.
func checkDepth(b []byte, max int) bool {
	depth, inStr, esc := 0, false, false
	for _, ch := range b {
		switch {
		case inStr:
			if esc {
				esc = false
			} else if ch == '\\' {
				esc = true
			} else if ch == '"' {
				inStr = false
			}
		case ch == '"':
			inStr = true
		case ch == '{' || ch == '[':
			depth++
			if depth > max {
				return false
			}
		case ch == '}' || ch == ']':
			depth--
		}
	}
	return true
}

// decodeJSON unmarshals one JSON record into v, or says why not, naming
// the file and line.
func decodeJSON(b []byte, v any, name string, line int, opt Options) error {
	if !checkDepth(b, opt.maxDepth()) {
		return perr(name, line, "JSON nested deeper than %d levels (Options.MaxDepth)", opt.maxDepth())
	}
	if e := json.Unmarshal(b, v); e != nil {
		return perr(name, line, "not a JSON record: %s", jsonMsg(e))
	}
	return nil
}

func jsonMsg(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q holds a JSON %s, want %s", te.Field, te.Value, te.Type)
	}
	return err.Error()
}

// eachJSON reads an NDJSON file: it decodes the lines into T on every
// core, in batches of about 1 MiB, and calls apply with the records in file
// order. A malformed line is an error naming the file and line, or a count
// (malformed) with Options.SkipMalformed. At most a few batches per core
// are in memory at once.
func eachJSON[T any](path string, opt Options, c *collector, apply func(r *T, name string, line int) error) error {
	rc, name, err := open(path, "", opt)
	if err != nil {
		return err
	}
	defer rc.Close()
	l := newLines(rc, name, opt.maxRecord())
	workers := runtime.GOMAXPROCS(0)
	type batch struct {
		seq   int
		buf   []byte
		ends  []int
		lines []int
		recs  []T
		errs  []error
		err   error // reading stopped here
	}
	jobs := make(chan *batch, workers)
	results := make(chan *batch, workers)
	stop := make(chan struct{})
	var wg, rd sync.WaitGroup
	rd.Add(1)
	go func() { // the reader
		defer rd.Done()
		defer close(jobs)
		for seq := 0; ; seq++ {
			b := &batch{seq: seq}
			for len(b.buf) < 1<<20 && len(b.lines) < 4096 {
				line, err := l.next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.err = err
					break
				}
				b.buf = append(b.buf, line...)
				b.ends = append(b.ends, len(b.buf))
				b.lines = append(b.lines, l.line)
			}
			if len(b.lines) == 0 && b.err == nil {
				return
			}
			select {
			case jobs <- b:
			case <-stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				b.recs = make([]T, len(b.lines))
				b.errs = make([]error, len(b.lines))
				start := 0
				for i, end := range b.ends {
					b.errs[i] = decodeJSON(b.buf[start:end], &b.recs[i], name, b.lines[i], opt)
					start = end
				}
				select {
				case results <- b:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	defer func() {
		close(stop)
		rd.Wait() // the reader is done with rc before it is closed
	}()
	pending := map[int]*batch{}
	next := 0
	for b := range results {
		pending[b.seq] = b
		for {
			b, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			start := 0
			for i := range b.lines {
				c.rep.Records++
				if err := b.errs[i]; err != nil {
					if b.lines[i] == 1 && bytes.HasPrefix(b.buf[start:], []byte("SOURCE_SUBREDDIT\t")) {
						return perr(name, 1, "this is SNAP's soc-redditHyperlinks table, not a JSON export: read it as reddit-hyperlinks")
					}
					if !opt.SkipMalformed {
						return err
					}
					c.skip(SkipMalformed)
				} else if err := apply(&b.recs[i], name, b.lines[i]); err != nil {
					return err
				}
				start = b.ends[i]
			}
			if b.err != nil {
				return b.err
			}
		}
	}
	return nil
}

// flexTime is a time written as Unix seconds (a number or a numeric
// string, fractions floored) or as a date-time (RFC 3339, read as UTC
// when it has no zone).
type flexTime struct {
	T   int64
	Set bool
}

func (f *flexTime) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" || s == `""` {
		return nil
	}
	if u, err := strconv.Unquote(s); err == nil {
		s = u
	}
	// An unreadable time is not an unreadable record: the reader counts
	// it (no_time) and goes on.
	f.T, f.Set = parseTime(s)
	return nil
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.RubyDate, "2006-01-02"}

func parseTime(s string) (int64, bool) {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, true
	}
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

// flexID is an id written as a JSON string or number, kept as text.
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		*f = ""
		return nil
	}
	if s != "" && s[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*f = flexID(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want an id (text or number), found %s", s)
	}
	*f = flexID(n.String())
	return nil
}

// zipMembers maps the base names of a zip archive's files to their full
// names (the first of each base name), or returns nil when path is not a
// zip archive.
func zipMembers(path string) map[string]string {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	defer zr.Close()
	m := map[string]string{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") {
			continue
		}
		b := f.Name
		if i := strings.LastIndexByte(b, '/'); i >= 0 {
			b = b[i+1:]
		}
		if _, ok := m[b]; !ok {
			m[b] = f.Name
		}
	}
	return m
}
