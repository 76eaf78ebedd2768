package platforms

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
)

// Why a projection: a platform record (a Pushshift comment, a Jetstream
// event) is about a kilobyte, of which a reader needs a handful of short
// fields. encoding/json validates the whole line, then decodes it through
// reflection, skipping the unwanted members a second time. The scanner
// below validates the line and measures its nesting in one pass (what
// json.Valid and checkDepth did in two), copying only the top-level
// members whose key the record type can hold into a small object; that
// object is then decoded with encoding/json as before, so UnmarshalJSON
// methods, RawMessage fields and type errors behave exactly as they did.
// Any line the scanner refuses, and any line whose projection fails to
// decode, goes through the full decode, so error messages are unchanged.
// No library served here does both in one pass: valyala/fastjson accepts
// some numbers and escapes encoding/json rejects, and gjson does not
// validate while it looks keys up.

// projection is the set of top-level keys a record type can decode.
type projection struct {
	keys    [][]byte
	content bool // keep the fields tagged platforms:"content"
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// newProjection returns the keys of T's JSON fields, or nil when T cannot
// be projected (not a struct, or it decodes itself). Without content,
// fields tagged platforms:"content" (what a post says, which only
// Options.Content reads) are left out: a comment's body is most of its
// bytes, and decoding it into a string nobody reads was a third of the
// reading time.
func newProjection[T any](content bool) *projection {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil
	}
	p := &projection{content: content}
	if !p.add(t, 0) {
		return nil
	}
	return p
}

// mapProjection is the projection of the generic reader's records
// (ndRecord, a map that decodes itself): the first part of every path
// Options.Map names, so that a kilobyte record with one nested user.id is
// not decoded member by member into a map.
func mapProjection(m map[string]string) *projection {
	if len(m) == 0 {
		return nil
	}
	p := &projection{}
	for _, path := range m {
		first, _, _ := strings.Cut(path, ".")
		p.keys = append(p.keys, []byte(first))
	}
	return p
}

func (p *projection) add(t reflect.Type, depth int) bool {
	pt := reflect.PointerTo(t)
	if depth > 8 || t.Implements(unmarshalerType) || pt.Implements(unmarshalerType) ||
		t.Implements(textUnmarshalerType) || pt.Implements(textUnmarshalerType) {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !p.content && f.Tag.Get("platforms") == "content" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			// An embedded struct's fields are promoted: include them all
			// (a key too many costs a copy, a key too few a wrong record).
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() != reflect.Struct || !p.add(et, depth+1) {
				return false
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p.keys = append(p.keys, []byte(name))
	}
	return true
}

// wants reports whether encoding/json could store the member with this
// raw key (the bytes between the quotes) into the record: keys match
// case-insensitively as bytes.EqualFold says, and a key with escapes is
// kept rather than unescaped.
func (p *projection) wants(key []byte) bool {
	if bytes.IndexByte(key, '\\') >= 0 {
		return true
	}
	for _, k := range p.keys {
		if bytes.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// scanner validates JSON text; one per goroutine (it keeps a stack).
type scanner struct {
	stack []byte
	out   []byte
}

// strByte marks the bytes that end the fast path through a string: the
// quote, the backslash and the control characters JSON forbids there.
var strByte = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return
}()

func ws(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// str scans the string starting at the quote b[i]; it returns the index
// after the closing quote, or -1.
func str(b []byte, i int) int {
	i++
	for {
		for i < len(b) && !strByte[b[i]] {
			i++
		}
		if i >= len(b) {
			return -1
		}
		switch b[i] {
		case '"':
			return i + 1
		case '\\':
			if i+1 >= len(b) {
				return -1
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) {
					return -1
				}
				for _, h := range b[i+2 : i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return -1
					}
				}
				i += 6
			default:
				return -1
			}
		default: // a control character
			return -1
		}
	}
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// num scans the number starting at b[i] (RFC 8259 grammar), or -1.
func num(b []byte, i int) int {
	if b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return -1
	}
	switch {
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = digits(b, i+1)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

// scalar scans a string, number or literal at b[i], or returns -1.
func scalar(b []byte, i int) int {
	switch c := b[i]; {
	case c == '"':
		return str(b, i)
	case c == '-' || '0' <= c && c <= '9':
		return num(b, i)
	case c == 't' && bytes.HasPrefix(b[i:], []byte("true")):
		return i + 4
	case c == 'f' && bytes.HasPrefix(b[i:], []byte("false")):
		return i + 5
	case c == 'n' && bytes.HasPrefix(b[i:], []byte("null")):
		return i + 4
	}
	return -1
}

// value scans the JSON value at b[i] (i < len(b), no leading space), at
// nesting depth depth (the containers around it), failing past max
// levels; it returns the index after it, or -1.
func (s *scanner) value(b []byte, i, depth, max int) int {
	if c := b[i]; c != '{' && c != '[' {
		return scalar(b, i)
	}
	stack := s.stack[:0]
	defer func() { s.stack = stack[:0] }()
	for {
		// b[i] opens a container.
		if depth+len(stack)+1 > max {
			return -1
		}
		stack = append(stack, b[i])
		i = ws(b, i+1)
		if i >= len(b) {
			return -1
		}
		if b[i] == stack[len(stack)-1]+2 { // '{'+2 == '}', '['+2 == ']'
			stack = stack[:len(stack)-1]
			i++
		} else {
			goto element
		}
	after: // after a value: a comma, a closer, or the end
		for {
			if len(stack) == 0 {
				return i
			}
			i = ws(b, i)
			if i >= len(b) {
				return -1
			}
			switch b[i] {
			case ',':
				i = ws(b, i+1)
				if i >= len(b) {
					return -1
				}
				goto element
			case stack[len(stack)-1] + 2:
				stack = stack[:len(stack)-1]
				i++
			default:
				return -1
			}
		}
	element: // b[i] starts an element (an array's value or an object's key)
		if stack[len(stack)-1] == '{' {
			if b[i] != '"' {
				return -1
			}
			if i = str(b, i); i < 0 {
				return -1
			}
			if i = ws(b, i); i >= len(b) || b[i] != ':' {
				return -1
			}
			if i = ws(b, i+1); i >= len(b) {
				return -1
			}
		}
		if c := b[i]; c == '{' || c == '[' {
			continue
		}
		if i = scalar(b, i); i < 0 {
			return -1
		}
		goto after
	}
}

// project validates the JSON record b (at most max levels deep) and, when
// it is an object, returns an object of the members p wants; ok is false
// when b is not valid JSON, too deep or not an object, and the caller
// decodes the whole record (to the same result or error as before).
func (s *scanner) project(b []byte, p *projection, max int) (out []byte, ok bool) {
	i := ws(b, 0)
	if i >= len(b) || b[i] != '{' || max < 1 {
		return nil, false
	}
	out = append(s.out[:0], '{')
	defer func() {
		if ok {
			s.out = out[:0]
		}
	}()
	if i = ws(b, i+1); i >= len(b) {
		return nil, false
	}
	if b[i] != '}' {
		for {
			if b[i] != '"' {
				return nil, false
			}
			start := i
			if i = str(b, i); i < 0 {
				return nil, false
			}
			key := b[start+1 : i-1]
			if i = ws(b, i); i >= len(b) || b[i] != ':' {
				return nil, false
			}
			if i = ws(b, i+1); i >= len(b) {
				return nil, false
			}
			if i = s.value(b, i, 1, max); i < 0 {
				return nil, false
			}
			if p.wants(key) {
				if len(out) > 1 {
					out = append(out, ',')
				}
				out = append(out, b[start:i]...)
			}
			if i = ws(b, i); i >= len(b) {
				return nil, false
			}
			if b[i] == '}' {
				break
			}
			if b[i] != ',' {
				return nil, false
			}
			if i = ws(b, i+1); i >= len(b) {
				return nil, false
			}
		}
	}
	if ws(b, i+1) != len(b) {
		return nil, false
	}
	return append(out, '}'), true
}
