package platforms

// The line-at-a-time NDJSON reader that eachJSON replaced, kept as the
// reference the block reader is compared with (same events, report and
// error on every input).

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
	"sync"
)

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

// eachJSONRef reads an NDJSON file: it decodes the lines into T on every
// core, in batches of about 1 MiB, and calls apply with the records in file
// order. A malformed line is an error naming the file and line, or a count
// (malformed) with Options.SkipMalformed. At most a few batches per core
// are in memory at once.
func eachJSONRef[T any](path string, opt Options, c *collector, apply func(r *T, name string, line int) error) error {
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
