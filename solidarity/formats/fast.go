package formats

import (
	"bytes"
	"errors"
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
// large SNAP and CSV edge lists. It splits the input into chunks at line
// ends, parses chunks in parallel with a hand-written scanner into Go
// slices, and wraps the slices as Arrow arrays without copying. Anything
// else (a quote, a word, an empty field) makes it give up, and the
// general path reads the file again from the start.

var errFallback = errors.New("formats: not plain numbers; using the general reader")

const fastChunk = 4 << 20

type fastParams struct {
	sep      byte
	comments bool
	ncol     int
	idCol    [2]int
}

type chunkResult struct {
	ints     [][]int64
	floats   [][]float64 // per column, non-nil once the column held a non-integer
	rows     int
	newlines int
	errLine  int // line within the chunk (1-based) of the first problem
	errMsg   string
	fallback bool
}

func bstr(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func parseChunk(b []byte, p *fastParams, r *chunkResult) {
	ncol := p.ncol
	r.ints = make([][]int64, ncol)
	r.floats = make([][]float64, ncol)
	est := bytes.Count(b, []byte{'\n'})
	r.newlines = est
	for c := range r.ints {
		r.ints[c] = make([]int64, 0, est+1)
	}
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
			endField := pos == len(l) || (ws && isSpace(l[pos])) || (!ws && l[pos] == sep)
			if nd > 0 && nd <= 18 && endField {
				x := int64(v)
				if neg {
					x = -x
				}
				if r.floats[c] != nil {
					r.floats[c] = append(r.floats[c], float64(x))
				} else {
					r.ints[c] = append(r.ints[c], x)
				}
				continue
			}
			// Not a short integer: find the field's end and try a float.
			for pos < len(l) && !((ws && isSpace(l[pos])) || (!ws && l[pos] == sep)) {
				pos++
			}
			f := l[start:pos]
			if c == p.idCol[0] || c == p.idCol[1] {
				if x, err := strconv.ParseInt(bstr(f), 10, 64); err == nil {
					r.ints[c] = append(r.ints[c], x)
					continue
				}
				r.fallback, r.errLine = true, line
				return
			}
			if len(f) == 0 || bytes.IndexByte(f, '"') >= 0 {
				r.fallback, r.errLine = true, line
				return
			}
			if x, err := strconv.ParseInt(bstr(f), 10, 64); err == nil && r.floats[c] == nil {
				r.ints[c] = append(r.ints[c], x)
				continue
			}
			x, err := strconv.ParseFloat(bstr(f), 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				r.fallback, r.errLine = true, line
				return
			}
			if r.floats[c] == nil {
				fl := make([]float64, len(r.ints[c]), cap(r.ints[c]))
				for k, v := range r.ints[c] {
					fl[k] = float64(v)
				}
				r.floats[c] = fl
				r.ints[c] = nil
			}
			r.floats[c] = append(r.floats[c], x)
		}
		if ws {
			for pos < len(l) && isSpace(l[pos]) {
				pos++
			}
		}
		if pos != len(l) {
			if !ws && l[pos] == sep || ws {
				r.errLine, r.errMsg = line, wrongCount(l, p)
				return
			}
			r.fallback, r.errLine = true, line
			return
		}
		r.rows++
	}
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
	seq  int
	buf  []byte
	data []byte
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
	workers := runtime.GOMAXPROCS(0)
	if workers > 8 {
		workers = 8
	}
	chunk := fastChunk
	if h := s.sizeHint(); h >= 0 && h+1 < int64(chunk) {
		chunk = max(int(h)+1, 4096)
	}
	jobs := make(chan fastJob, workers)
	pool := make(chan []byte, 2*workers+1)
	var (
		mu      sync.Mutex
		results []*chunkResult
		stop    atomic.Bool
		readErr error
		wg      sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := &chunkResult{}
				parseChunk(j.data, p, r)
				if r.fallback || r.errLine > 0 {
					stop.Store(true)
				}
				select {
				case pool <- j.buf:
				default:
				}
				mu.Lock()
				for len(results) <= j.seq {
					results = append(results, nil)
				}
				results[j.seq] = r
				mu.Unlock()
			}
		}()
	}
	// Read chunks that end at a line end.
	var carry []byte
	for seq := 0; !stop.Load(); seq++ {
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
				carry = append(carry[:0], data...)
				seq--
				continue
			}
			carry = append(carry, data[cut+1:]...)
			data = data[:cut+1]
		}
		if len(data) > 0 {
			jobs <- fastJob{seq: seq, buf: buf, data: data}
		} else {
			seq--
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
		if r == nil {
			break
		}
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
	// Concatenate per column, freeing chunk slices as we go.
	arrs := make([]arrow.Array, p.ncol)
	fields := make([]arrow.Field, p.ncol)
	for c := 0; c < p.ncol; c++ {
		isFloat := false
		for _, r := range results {
			if r.floats[c] != nil {
				isFloat = true
			}
		}
		if isFloat {
			out := make([]float64, 0, rows)
			for _, r := range results {
				if r.floats[c] != nil {
					out = append(out, r.floats[c]...)
				} else {
					for _, v := range r.ints[c] {
						out = append(out, float64(v))
					}
				}
				r.floats[c], r.ints[c] = nil, nil
			}
			arrs[c] = float64Array(out)
			fields[c] = arrow.Field{Name: L.names[c], Type: arrow.PrimitiveTypes.Float64, Nullable: true}
		} else {
			var out []int64
			if len(results) == 1 {
				out = results[0].ints[c]
			} else {
				out = make([]int64, 0, rows)
				for _, r := range results {
					out = append(out, r.ints[c]...)
					r.ints[c] = nil
				}
			}
			arrs[c] = int64Array(out)
			fields[c] = arrow.Field{Name: L.names[c], Type: arrow.PrimitiveTypes.Int64, Nullable: true}
		}
	}
	_ = math.MaxInt64
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
