package platforms

import (
	"archive/zip"
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

// blockSize is the bytes the reader hands to a decoding goroutine at a
// time: large enough that the hand-over costs nothing, small enough that
// a few blocks per core stay in cache-friendly, bounded memory.
var blockSize = 1 << 20 // a variable so that tests can cut tiny blocks

// jsonBatch is a block of whole lines and what was decoded from it; the
// batches are recycled, so their buffers and records are allocated once.
type jsonBatch[T any] struct {
	seq   int
	first int    // line number of the block's first line
	buf   []byte // the block: whole lines, each with its line break except maybe the file's last
	recs  []T    // decoded records, one per non-blank line
	errs  []error
	lines []int   // their line numbers
	ends  []int   // their ends in buf, for the message of a line that is not JSON
	err   error   // reading or the block stopped here, after its records
	scan  scanner // the decoding goroutine's scratch space
}

// eachJSON reads an NDJSON file: one goroutine reads blocks of about
// 1 MiB of whole lines (a line may be up to Options.MaxRecord bytes),
// every core decodes blocks into T, and apply gets the records in file
// order, with their line numbers. A malformed line is an error naming the
// file and line, or a count (malformed) with Options.SkipMalformed. A
// fixed number of blocks circulates, so memory does not grow with the
// file.
func eachJSON[T any](path string, opt Options, c *collector, apply func(r *T, name string, line int) error) error {
	rc, name, err := open(path, "", opt)
	if err != nil {
		return err
	}
	defer rc.Close()
	workers := runtime.GOMAXPROCS(0)
	maxRec, maxDepth := opt.maxRecord(), opt.maxDepth()
	proj := newProjection[T](opt.Content)
	if _, ok := any((*T)(nil)).(*ndRecord); ok {
		proj = mapProjection(opt.Map)
	}
	nbuf := 2*workers + 2
	free := make(chan *jsonBatch[T], nbuf)
	for range nbuf {
		free <- &jsonBatch[T]{}
	}
	jobs := make(chan *jsonBatch[T], nbuf)
	results := make(chan *jsonBatch[T], nbuf)
	stop := make(chan struct{})
	var wg, rd sync.WaitGroup
	rd.Add(1)
	go func() { // the reader
		defer rd.Done()
		defer close(jobs)
		var carry []byte // the start of a line cut by the end of a block
		line := 0        // lines handed out so far
		eof := false
		for seq := 0; !eof; seq++ {
			var b *jsonBatch[T]
			select {
			case b = <-free:
			case <-stop:
				return
			}
			b.seq, b.first, b.err = seq, line+1, nil
			if cap(b.buf) < blockSize {
				b.buf = make([]byte, 0, blockSize)
			}
			buf := append(b.buf[:0], carry...)
			cut := -1 // end of the last whole line
			for {
				if len(buf) == cap(buf) {
					if cut >= 0 && len(buf) >= blockSize {
						break
					}
					// One line longer than the buffer: grow, up to the
					// bound on a record.
					buf = append(buf, 0)[:len(buf)]
				}
				k, err := rc.Read(buf[len(buf):cap(buf)])
				if j := bytes.LastIndexByte(buf[len(buf):len(buf)+k], '\n'); j >= 0 {
					cut = len(buf) + j + 1
				}
				buf = buf[:len(buf)+k]
				if err == io.EOF {
					eof = true
					break
				}
				if err != nil {
					b.err = readErr(name, err)
					eof = true
					break
				}
				if cut < 0 && len(buf) > maxRec+2 {
					b.err = perr(name, line+1, "a record longer than %d bytes (Options.MaxRecord): want one JSON record per line", maxRec)
					eof = true
					break
				}
			}
			if eof || cut < 0 {
				cut = len(buf)
			}
			carry = append(carry[:0], buf[cut:]...)
			b.buf = buf[:cut]
			line += bytes.Count(b.buf, []byte{'\n'})
			if len(b.buf) > 0 && b.buf[len(b.buf)-1] != '\n' {
				line++
			}
			if len(b.buf) == 0 && b.err == nil {
				free <- b
				return
			}
			select {
			case jobs <- b:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				b.decode(proj, name, maxRec, maxDepth, opt)
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
	pending := make(map[int]*jsonBatch[T], nbuf)
	next := 0
	var zero T
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
					if b.lines[i] == 1 && bytes.HasPrefix(bytes.TrimLeft(b.buf[start:], "\ufeff \t\r\n"), []byte("SOURCE_SUBREDDIT\t")) {
						return perr(name, 1, "this is SNAP's soc-redditHyperlinks table, not a JSON export: read it as reddit-hyperlinks")
					}
					if !opt.SkipMalformed {
						return err
					}
					c.skip(SkipMalformed)
				} else if err := apply(&b.recs[i], name, b.lines[i]); err != nil {
					return err
				}
				b.recs[i] = zero // let the garbage collector have what apply did not keep
				start = b.ends[i]
			}
			if b.err != nil {
				return b.err
			}
			free <- b
		}
	}
	return nil
}

// decode splits the block into lines and decodes every non-blank one.
func (b *jsonBatch[T]) decode(proj *projection, name string, maxRec, maxDepth int, opt Options) {
	b.recs, b.errs, b.lines, b.ends = b.recs[:0], b.errs[:0], b.lines[:0], b.ends[:0]
	var zero T
	line := b.first
	for start := 0; start < len(b.buf); line++ {
		end := len(b.buf)
		if j := bytes.IndexByte(b.buf[start:], '\n'); j >= 0 {
			end = start + j + 1
		}
		if end-start > maxRec+2 {
			b.err = perr(name, line, "a record longer than %d bytes (Options.MaxRecord): want one JSON record per line", maxRec)
			b.buf = b.buf[:start]
			return
		}
		l := b.buf[start:end]
		start = end
		if line == 1 {
			l = bytes.TrimPrefix(l, []byte("\ufeff"))
		}
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		b.recs = append(b.recs, zero)
		r := &b.recs[len(b.recs)-1]
		var err error
		if proj == nil {
			err = decodeJSON(l, r, name, line, opt)
		} else if p, ok := b.scan.project(l, proj, maxDepth); !ok || json.Unmarshal(p, r) != nil {
			// Not valid, too deep, not an object, or a field of the
			// wrong type: the full decode says which, as it always did.
			*r = zero
			err = decodeJSON(l, r, name, line, opt)
		}
		b.errs = append(b.errs, err)
		b.lines = append(b.lines, line)
		b.ends = append(b.ends, end)
	}
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
