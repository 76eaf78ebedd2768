package platforms

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/algosolidarity/toolkit/solidarity/formats"
)

// doc streams one JSON document (an ActivityPub collection, a Telegram
// export, a Twitter archive file) token by token, so that only one
// element of its big arrays is in memory at a time.
type doc struct {
	dec  *json.Decoder
	cr   *countReader
	name string
	opt  Options
}

// countReader fails once more than max bytes were read since mark: no
// single record (or skipped value) may hold more than Options.MaxRecord.
type countReader struct {
	r         io.Reader
	n, mark   int64
	max       int64
	overLimit bool
}

func (c *countReader) Read(p []byte) (int, error) {
	if c.n-c.mark > c.max {
		c.overLimit = true
		return 0, errRecordTooLong
	}
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}

var errRecordTooLong = errors.New("record too long")

func newDoc(r io.Reader, name string, opt Options) *doc {
	// Headroom over MaxRecord for the decoder's read-ahead.
	cr := &countReader{r: r, max: int64(opt.maxRecord()) + 1<<16}
	d := json.NewDecoder(cr)
	d.UseNumber()
	return &doc{dec: d, cr: cr, name: name, opt: opt}
}

func (d *doc) err(err error, what string) error {
	if d.cr.overLimit || errors.Is(err, errRecordTooLong) {
		return perr(d.name, 0, "%s near byte %d is longer than %d bytes (Options.MaxRecord)", what, d.cr.n, d.opt.maxRecord())
	}
	var pe *formats.ParseError
	var le *formats.LimitError
	if errors.As(err, &pe) || errors.As(err, &le) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return perr(d.name, 0, "%s: the JSON ends early (truncated file?)", what)
	}
	return perr(d.name, 0, "%s near byte %d: not valid JSON: %v", what, d.dec.InputOffset(), err)
}

// token returns the next token, marking the start of a new record.
func (d *doc) token(what string) (json.Token, error) {
	d.cr.mark = d.cr.n
	t, err := d.dec.Token()
	if err != nil {
		return nil, d.err(err, what)
	}
	return t, nil
}

// skip skips one value without holding it in memory.
func (d *doc) skip() error {
	depth := 0
	for {
		t, err := d.token("a value")
		if err != nil {
			return err
		}
		if dl, ok := t.(json.Delim); ok {
			switch dl {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
		if depth > d.opt.maxDepth() {
			return perr(d.name, 0, "JSON nested deeper than %d levels near byte %d (Options.MaxDepth)", d.opt.maxDepth(), d.dec.InputOffset())
		}
	}
}

// object reads an object's keys, calling fn for every key with the
// decoder positioned at its value; fn must consume the value (or return
// skipValue to have it skipped).
func (d *doc) object(what string, fn func(key string) error) error {
	t, err := d.token(what)
	if err != nil {
		return err
	}
	if t != json.Delim('{') {
		return perr(d.name, 0, "%s: want a JSON object, found %v", what, t)
	}
	return d.objectBody(what, fn)
}

// objectBody reads the keys of an object whose '{' was read already, as
// object does for a whole object.
func (d *doc) objectBody(what string, fn func(key string) error) error {
	for d.dec.More() {
		kt, err := d.token(what)
		if err != nil {
			return err
		}
		key, _ := kt.(string)
		if err := fn(key); err == errSkip {
			if err := d.skip(); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	_, err := d.token(what)
	return err
}

var errSkip = errors.New("skip")

// array reads an array, calling fn with every element's raw JSON (at most
// MaxRecord bytes and MaxDepth levels deep).
func (d *doc) array(what string, fn func(raw json.RawMessage, i int) error) error {
	t, err := d.token(what)
	if err != nil {
		return err
	}
	if t != json.Delim('[') {
		return perr(d.name, 0, "%s: want a JSON array, found %v", what, t)
	}
	var raw json.RawMessage
	for i := 0; d.dec.More(); i++ {
		d.cr.mark = d.cr.n
		raw = raw[:0]
		if err := d.dec.Decode(&raw); err != nil {
			return d.err(err, fmt.Sprintf("%s element %d", what, i+1))
		}
		if !checkDepth(raw, d.opt.maxDepth()) {
			return perr(d.name, 0, "%s element %d: JSON nested deeper than %d levels (Options.MaxDepth)", what, i+1, d.opt.maxDepth())
		}
		if err := fn(raw, i); err != nil {
			return err
		}
	}
	_, err = d.token(what)
	return err
}

// element unmarshals one array element into v: a malformed element is an
// error naming it, or a count when opt.SkipMalformed.
func (d *doc) element(raw json.RawMessage, v any, what string, i int, c *collector) (bool, error) {
	if err := json.Unmarshal(raw, v); err != nil {
		if d.opt.SkipMalformed {
			c.skip(SkipMalformed)
			return false, nil
		}
		return false, perr(d.name, 0, "%s element %d (near byte %d): %s", what, i+1, d.dec.InputOffset(), jsonMsg(err))
	}
	return true, nil
}

// each reads an array whose elements fn consumes itself (streamed).
func (d *doc) each(what string, fn func(i int) error) error {
	t, err := d.token(what)
	if err != nil {
		return err
	}
	if t != json.Delim('[') {
		return perr(d.name, 0, "%s: want a JSON array, found %v", what, t)
	}
	for i := 0; d.dec.More(); i++ {
		if err := fn(i); err != nil {
			return err
		}
	}
	_, err = d.token(what)
	return err
}
