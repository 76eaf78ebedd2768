package formats

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The fast path reads delimited edge lists whose fields are all plain
// numbers (no quotes, no empty fields, integer ids): the common case for
// large SNAP and CSV edge lists. A reader splits the input into chunks at
// line ends and gives each chunk a row range (its number of line ends) in
// column arrays shared by all chunks; workers parse chunks in parallel
// with a hand-written scanner straight into their ranges. Float columns
// are stored as float64 bits in the same 8-byte slots. At the end the
// ranges are compacted (comment and blank lines leave holes) and the
// slices are wrapped as Arrow arrays without a copy, so memory is one
// 8-byte slot per field plus the chunks in flight. Anything else (a quote,
// a word, an empty field) makes it give up, and the general path reads the
// file again from the start.

var errFallback = errors.New("formats: not plain numbers; using the general reader")

// fastChunk is the chunk size (a variable so tests can force many chunks).
var fastChunk = 4 << 20

type fastParams struct {
	sep      byte
	comments bool
	ncol     int
	idCol    [2]int
}

type chunkResult struct {
	off      int    // first row of the chunk's range
	rows     int    // rows parsed (at most the range length)
	isFloat  []bool // per column: slots hold float64 bits
	newlines int
	errLine  int // line within the chunk (1-based) of the first problem
	errMsg   string
	fallback bool
}

func bstr(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// parseChunk parses the lines of b into out[c][0:], one slot per row.
func parseChunk(b []byte, p *fastParams, out [][]int64, r *chunkResult) {
	ncol := p.ncol
	r.isFloat = make([]bool, ncol)
	row := 0
	line := 0
	i, n := 0, len(b)
	sep := p.sep
	ws := sep == 0
	for i < n {
		line++
		end := bytes.IndexByte(b[i:], '\n')
		if end < 0 {
			end = n
		} else {
			end += i
		}
		l := b[i:end]
		i = end + 1
		if len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		pos := 0
		if ws {
			for pos < len(l) && isSpace(l[pos]) {
				pos++
			}
		}
		if pos == len(l) {
			continue
		}
		if p.comments && (l[pos] == '#' || l[pos] == '%') {
			continue
		}
		for c := 0; c < ncol; c++ {
			if c > 0 {
				if pos >= len(l) {
					r.errLine, r.errMsg = line, wrongCount(l, p)
					return
				}
				if ws {
					if !isSpace(l[pos]) {
						r.fallback, r.errLine = true, line
						return
					}
					for pos < len(l) && isSpace(l[pos]) {
						pos++
					}
					if pos == len(l) {
						r.errLine, r.errMsg = line, wrongCount(l, p)
						return
					}
				} else {
					if l[pos] != sep {
						r.fallback, r.errLine = true, line
						return
					}
					pos++
				}
			}
			start := pos
			neg := false
			if pos < len(l) && (l[pos] == '-' || l[pos] == '+') {
				neg = l[pos] == '-'
				pos++
			}
			var v uint64
			ds := pos
			for pos < len(l) {
				d := l[pos] - '0'
				if d > 9 {
					break
				}
				v = v*10 + uint64(d)
				pos++
			}
			nd := pos - ds
			if nd > 0 && nd <= 18 && (pos == len(l) || (ws && isSpace(l[pos])) || (!ws && l[pos] == sep)) {
				x := int64(v)
				if neg {
					x = -x
				}
				if r.isFloat[c] {
					out[c][row] = int64(math.Float64bits(float64(x)))
				} else {
					out[c][row] = x
				}
				continue
			}
			// Not a short integer: find the field's end and try harder.
			for pos < len(l) && !((ws && isSpace(l[pos])) || (!ws && l[pos] == sep)) {
				pos++
			}
			f := l[start:pos]
			if c == p.idCol[0] || c == p.idCol[1] {
				if x, err := strconv.ParseInt(bstr(f), 10, 64); err == nil {
					out[c][row] = x
					continue
				}
				r.fallback, r.errLine = true, line
				return
			}
			if len(f) == 0 || bytes.IndexByte(f, '"') >= 0 {
				r.fallback, r.errLine = true, line
				return
			}
			if !r.isFloat[c] {
				if x, err := strconv.ParseInt(bstr(f), 10, 64); err == nil {
					out[c][row] = x
					continue
				}
			}
			// Out of range (1e400) falls back too, so that the general
			// reader decides, as it does for a quoted "1e400".
			x, err := strconv.ParseFloat(bstr(f), 64)
			if err != nil {
				r.fallback, r.errLine = true, line
				return
			}
			if !r.isFloat[c] {
				for k := 0; k < row; k++ {
					out[c][k] = int64(math.Float64bits(float64(out[c][k])))
				}
				r.isFloat[c] = true
			}
			out[c][row] = int64(math.Float64bits(x))
		}
		if ws {
			for pos < len(l) && isSpace(l[pos]) {
				pos++
			}
		}
		if pos != len(l) {
			if ws || l[pos] == sep {
				r.errLine, r.errMsg = line, wrongCount(l, p)
				return
			}
			r.fallback, r.errLine = true, line
			return
		}
		row++
	}
	r.rows = row
}

func wrongCount(l []byte, p *fastParams) string {
	var got int
	if p.sep == 0 {
		got = len(bytes.Fields(l))
	} else {
		if bytes.IndexByte(l, '"') >= 0 {
			return ""
		}
		got = bytes.Count(l, []byte{p.sep}) + 1
	}
	return "want " + strconv.Itoa(p.ncol) + " fields, found " + strconv.Itoa(got)
}

type fastJob struct {
	buf  []byte
	data []byte
	out  [][]int64
	res  *chunkResult
}

// fastEdges runs the fast path; errFallback means "use generalDelim".
func fastEdges(s *source, L *delimLayout, si, ti int, mem memory.Allocator) (arrow.RecordBatch, error) {
	rc, err := s.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if _, err := io.CopyN(io.Discard, rc, int64(L.skip)); err != nil {
		return nil, wrapReadErr(s.name, err)
	}
	p := &fastParams{sep: L.sep, comments: L.comments, ncol: len(L.names), idCol: [2]int{si, ti}}
	workers := min(runtime.GOMAXPROCS(0), 8)
	hint := s.sizeHint()
	chunk := fastChunk
	if hint >= 0 && hint+1 < int64(chunk) {
		chunk = max(int(hint)+1, 4096)
	}
	jobs := make(chan fastJob, workers)
	pool := make(chan []byte, 2*workers+1)
	var (
		stop     atomic.Bool
		inflight sync.WaitGroup
		wg       sync.WaitGroup
		results  []*chunkResult
		cols     = make([][]int64, p.ncol)
		capRows  int
		rowEnd   int // end of the last assigned range
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				parseChunk(j.data, p, j.out, j.res)
				if j.res.fallback || j.res.errLine > 0 {
					stop.Store(true)
				}
				select {
				case pool <- j.buf:
				default:
				}
				inflight.Done()
			}
		}()
	}
	// A row takes at least minRow bytes ("1,2\n"), so a chunk of b bytes
	// holds at most b/minRow+1 rows however many line ends it has: blank
	// lines reserve no slots beyond that.
	minRow := 2 * p.ncol
	// grow makes room for need more rows, after the chunks in flight are
	// done. It first closes the holes that comment and blank lines left
	// (so memory follows the rows, not the line ends), then sizes the
	// columns from the rows per byte so far, at most what the rest of the
	// file could hold.
	grow := func(need int, bytesSeen, linesSeen int) {
		inflight.Wait()
		at := 0
		for _, r := range results {
			if r.off != at {
				for c := range cols {
					copy(cols[c][at:], cols[c][r.off:r.off+r.rows])
				}
				r.off = at
			}
			at += r.rows
		}
		rowEnd = at
		need += rowEnd
		est := need * 2
		if hint > 0 && bytesSeen > 0 && linesSeen > 0 {
			e := int(float64(hint-int64(L.skip))*float64(linesSeen)/float64(bytesSeen)*1.02) + 1024
			if most := int((hint-int64(L.skip))/int64(minRow)) + 1024; e > most {
				e = most
			}
			if e >= need {
				est = e
			}
		}
		if est <= capRows {
			return
		}
		for c := range cols {
			nc := make([]int64, est)
			copy(nc, cols[c][:rowEnd])
			cols[c] = nc
		}
		capRows = est
	}
	maxLine := int(s.maxLine)
	var readErr error
	var carry []byte
	bytesSeen, linesSeen := 0, 0
	for !stop.Load() {
		var buf []byte
		select {
		case buf = <-pool:
		default:
			buf = make([]byte, chunk)
		}
		if len(carry) >= len(buf)/2 {
			buf = make([]byte, 2*len(carry)+chunk)
		}
		k := copy(buf, carry)
		m, err := readFull(rc, buf[k:])
		data := buf[:k+m]
		last := false
		if err == io.EOF {
			last = true
		} else if err != nil {
			readErr = wrapReadErr(s.name, err)
			break
		}
		carry = carry[:0]
		if !last {
			cut := bytes.LastIndexByte(data, '\n')
			if cut < 0 {
				if len(data) > maxLine {
					stop.Store(true)
					readErr = &LimitError{File: s.name, Line: L.skipLine + linesSeen + 1, Limit: int64(maxLine), Option: "MaxLine",
						What: fmt.Sprintf("a line longer than %d bytes (want one edge per line; a flood of NUL bytes or a binary file?)", maxLine)}
					break
				}
				carry = append(carry, data...)
				continue
			}
			carry = append(carry, data[cut+1:]...)
			data = data[:cut+1]
		}
		if len(data) > 0 {
			nl := bytes.Count(data, []byte{'\n'})
			lines := nl
			if data[len(data)-1] != '\n' {
				lines++
			}
			lines = min(lines, len(data)/minRow+1)
			bytesSeen += len(data)
			linesSeen += nl
			if rowEnd+lines > capRows {
				grow(lines, bytesSeen, min(linesSeen, bytesSeen/minRow+1))
			}
			res := &chunkResult{off: rowEnd, newlines: nl}
			out := make([][]int64, p.ncol)
			for c := range out {
				out[c] = cols[c][rowEnd : rowEnd+lines]
			}
			rowEnd += lines
			results = append(results, res)
			inflight.Add(1)
			jobs <- fastJob{buf: buf, data: data, out: out, res: res}
		}
		if last {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if readErr != nil {
		return nil, readErr
	}
	// Check chunks in order; the first problem decides.
	line := L.skipLine
	rows := 0
	for _, r := range results {
		if r.fallback {
			return nil, errFallback
		}
		if r.errLine > 0 {
			if r.errMsg == "" {
				return nil, errFallback
			}
			return nil, perr(s.name, line+r.errLine, "%s (%s)", r.errMsg, joinNames(L.names))
		}
		line += r.newlines
		rows += r.rows
	}
	if rows == 0 {
		return nil, perr(s.name, L.skipLine+1, "no edges: want at least one line \"%s\"", joinNames(L.names))
	}
	arrs := make([]arrow.Array, p.ncol)
	fields := make([]arrow.Field, p.ncol)
	for c := 0; c < p.ncol; c++ {
		isFloat := false
		for _, r := range results {
			isFloat = isFloat || r.isFloat[c]
		}
		col := cols[c]
		// Compact the ranges (holes come from comment and blank lines) and
		// turn integer slots into float bits where the column is float.
		at := 0
		for _, r := range results {
			seg := col[r.off : r.off+r.rows]
			if isFloat && !r.isFloat[c] {
				for k, v := range seg {
					seg[k] = int64(math.Float64bits(float64(v)))
				}
			}
			if r.off != at {
				copy(col[at:], seg)
			}
			at += r.rows
		}
		col = col[:rows:rows]
		if isFloat {
			arrs[c] = float64Array(unsafe.Slice((*float64)(unsafe.Pointer(unsafe.SliceData(col))), len(col)))
			fields[c] = arrow.Field{Name: L.names[c], Type: arrow.PrimitiveTypes.Float64, Nullable: true}
		} else {
			arrs[c] = int64Array(col)
			fields[c] = arrow.Field{Name: L.names[c], Type: arrow.PrimitiveTypes.Int64, Nullable: true}
		}
		cols[c] = nil
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, int64(rows))
	for _, a := range arrs {
		a.Release()
	}
	return rec, nil
}

func joinNames(n []string) string {
	var b bytes.Buffer
	for i, s := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s)
	}
	return b.String()
}

// readFull fills b, returning io.EOF only at the true end of the stream
// (io.ReadFull would turn a truncated gzip stream's ErrUnexpectedEOF into
// a quiet short read).
func readFull(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		k, err := r.Read(b[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
