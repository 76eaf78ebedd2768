package formats

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// GML (Himsolt's Graph Modelling Language) as Newman's netdata files and
// networkx's write_gml produce it.

type gmlTok struct {
	kind byte // 'k' key, 'i' int, 'f' real, 's' string, '[' , ']', 0 EOF
	text string
	line int
}

type gmlLexer struct {
	r        *bufio.Reader
	name     string
	line     int
	err      error
	peek     *gmlTok
	maxLen   int64 // longest string, key or number (Options.MaxLine)
	maxDepth int   // deepest list nesting (Options.MaxDepth)
}

// tooLong records a token past maxLen.
func (lx *gmlLexer) tooLong(line int, what string) gmlTok {
	if lx.err == nil {
		lx.err = &LimitError{File: lx.name, Line: line, Limit: lx.maxLen, Option: "MaxLine", What: fmt.Sprintf("%s longer than %d bytes", what, lx.maxLen)}
	}
	return gmlTok{line: line}
}

func (lx *gmlLexer) fail(line int, format string, args ...any) gmlTok {
	if lx.err == nil {
		lx.err = perr(lx.name, line, format, args...)
	}
	return gmlTok{line: line}
}

func (lx *gmlLexer) next() gmlTok {
	if lx.peek != nil {
		t := *lx.peek
		lx.peek = nil
		return t
	}
	if lx.err != nil {
		return gmlTok{line: lx.line}
	}
	for {
		c, err := lx.r.ReadByte()
		if err != nil {
			if err != io.EOF {
				lx.err = wrapReadErr(lx.name, err)
			}
			return gmlTok{line: lx.line}
		}
		switch {
		case c == '\n':
			lx.line++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		case c == '#':
			for {
				c, err = lx.r.ReadByte()
				if err != nil || c == '\n' {
					lx.line++
					break
				}
			}
		case c == '[' || c == ']':
			return gmlTok{kind: c, line: lx.line}
		case c == '"':
			start := lx.line
			var b strings.Builder
			for {
				c, err = lx.r.ReadByte()
				if err != nil {
					return lx.fail(start, "string opened here is never closed: want a closing '\"'")
				}
				if c == '"' {
					break
				}
				if c == '\n' {
					lx.line++
				}
				b.WriteByte(c)
				if int64(b.Len()) > lx.maxLen {
					return lx.tooLong(start, "a quoted string (never closed?)")
				}
			}
			s := b.String()
			if strings.IndexByte(s, '&') >= 0 {
				s = html.UnescapeString(s)
			}
			return gmlTok{kind: 's', text: s, line: start}
		case c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			b := []byte{c}
			for {
				c, err = lx.r.ReadByte()
				if err != nil {
					break
				}
				if c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
					b = append(b, c)
					if int64(len(b)) > lx.maxLen {
						return lx.tooLong(lx.line, "a key")
					}
					continue
				}
				lx.r.UnreadByte()
				break
			}
			return gmlTok{kind: 'k', text: string(b), line: lx.line}
		case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
			b := []byte{c}
			for {
				c, err = lx.r.ReadByte()
				if err != nil {
					break
				}
				if int64(len(b)) > lx.maxLen {
					return lx.tooLong(lx.line, "a number")
				}
				if c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+' {
					b = append(b, c)
					continue
				}
				if c == 'I' || c == 'N' || c == 'n' || c == 'f' || c == 'a' || c == 'i' || c == 't' || c == 'y' || c == 'F' || c == 'A' {
					b = append(b, c) // INF, NAN as networkx writes them
					continue
				}
				lx.r.UnreadByte()
				break
			}
			s := string(b)
			if _, err := strconv.ParseInt(s, 10, 64); err == nil {
				return gmlTok{kind: 'i', text: s, line: lx.line}
			}
			if _, err := strconv.ParseFloat(s, 64); err == nil {
				return gmlTok{kind: 'f', text: s, line: lx.line}
			}
			return lx.fail(lx.line, "%q is not a number: want an integer or a real", s)
		default:
			return lx.fail(lx.line, "unexpected character %q: want a key, a number, a quoted string, '[' or ']'", c)
		}
	}
}

type gmlKV struct {
	key   string
	val   gmlTok
	line  int
	isSub bool
}

// list reads key/value pairs up to the closing ']' (opened on line open),
// flattening nested lists to dotted keys ("graphics.x"). depth counts the
// lists open around it: past maxDepth it stops with a *LimitError (each
// level lengthens the dotted names, so memory would grow with the square
// of the depth).
func (lx *gmlLexer) list(prefix string, open int, out []gmlKV, depth int) []gmlKV {
	if depth > lx.maxDepth {
		if lx.err == nil {
			lx.err = &LimitError{File: lx.name, Line: open, Limit: int64(lx.maxDepth), Option: "MaxDepth", What: fmt.Sprintf("lists nested more than %d deep", lx.maxDepth)}
		}
		return out
	}
	for {
		k := lx.next()
		switch k.kind {
		case ']':
			return out
		case 0:
			if lx.err == nil {
				lx.fail(k.line, "the file ends inside the list opened on line %d: want ']' (truncated file?)", open)
			}
			return out
		case 'k':
		default:
			lx.fail(k.line, "found %s where a key was expected", describeTok(k))
			return out
		}
		v := lx.next()
		switch v.kind {
		case '[':
			out = lx.list(prefix+k.text+".", v.line, out, depth+1)
		case 'i', 'f', 's':
			out = append(out, gmlKV{key: prefix + k.text, val: v, line: k.line})
		default:
			if lx.err == nil {
				lx.fail(k.line, "key %q has no value: want a number, a quoted string or '['", k.text)
			}
			return out
		}
		if lx.err != nil {
			return out
		}
	}
}

func describeTok(t gmlTok) string {
	switch t.kind {
	case 'i', 'f':
		return "number " + t.text
	case 's':
		return strconv.Quote(t.text)
	case '[', ']':
		return "'" + string(t.kind) + "'"
	}
	return "end of file"
}

func readGML(s *source, opt Options, mem memory.Allocator) (tables, error) {
	head, err := s.head(4096)
	if err != nil {
		return tables{}, err
	}
	if !isText(head) {
		return tables{}, perr(s.name, 1, "binary content: want GML text")
	}
	rc, err := s.open()
	if err != nil {
		return tables{}, err
	}
	defer rc.Close()
	lx := &gmlLexer{r: bufio.NewReaderSize(rc, 1<<16), name: s.name, line: 1, maxLen: s.maxLine, maxDepth: opt.maxDepth()}
	// Find "graph [" at the top level, skipping other top-level pairs.
	found := false
	graphLine := 0
	for !found {
		k := lx.next()
		if lx.err != nil {
			return tables{}, lx.err
		}
		switch k.kind {
		case 0:
			return tables{}, perr(s.name, k.line, "no \"graph [\" found: want a GML graph")
		case 'k':
		default:
			return tables{}, perr(s.name, k.line, "found %s where a key was expected: want \"graph [\"", describeTok(k))
		}
		v := lx.next()
		if v.kind == '[' {
			if k.text == "graph" {
				found, graphLine = true, v.line
			} else {
				lx.list("", v.line, nil, 1)
			}
		} else if v.kind == 0 || v.kind == ']' {
			if lx.err != nil {
				return tables{}, lx.err
			}
			return tables{}, perr(s.name, k.line, "key %q has no value", k.text)
		}
		if lx.err != nil {
			return tables{}, lx.err
		}
	}
	directed := false
	idCol := newCol(network.ColID)
	nodeCols := map[string]*colBuilder{}
	var nodeOrder []*colBuilder
	srcCol, dstCol := newCol(network.ColSource), newCol(network.ColTarget)
	edgeCols := map[string]*colBuilder{}
	var edgeOrder []*colBuilder
	nodeLine := map[string]int{}
	type pend struct {
		s, t string
		line int
	}
	var edgeEnds []pend
	nNodes, nEdges := 0, 0
	idQuoted := false
	for {
		k := lx.next()
		if lx.err != nil {
			return tables{}, lx.err
		}
		if k.kind == ']' {
			break
		}
		if k.kind == 0 {
			return tables{}, perr(s.name, k.line, "the file ends inside \"graph [\" opened on line %d: want ']' (truncated file?)", graphLine)
		}
		if k.kind != 'k' {
			return tables{}, perr(s.name, k.line, "found %s where a key was expected", describeTok(k))
		}
		v := lx.next()
		if lx.err != nil {
			return tables{}, lx.err
		}
		switch {
		case v.kind == '[' && (k.text == "node" || k.text == "edge"):
			kvs := lx.list("", v.line, nil, 1)
			if lx.err != nil {
				return tables{}, lx.err
			}
			if k.text == "node" {
				var id *gmlKV
				for i := range kvs {
					if kvs[i].key == "id" {
						id = &kvs[i]
					}
				}
				if id == nil {
					return tables{}, perr(s.name, k.line, "node has no id: want \"id <integer>\"")
				}
				if id.val.kind == 'f' {
					return tables{}, perr(s.name, id.line, "node id %s: want an integer or a quoted string", id.val.text)
				}
				key := canonID(id.val.text)
				if first, dup := nodeLine[key]; dup {
					return tables{}, perr(s.name, id.line, "node id %s appears again (first on line %d): want each id once", id.val.text, first)
				}
				nodeLine[key] = id.line
				if id.val.kind == 's' {
					idQuoted = true
				}
				idCol.set(nNodes, id.val.text, false)
				for _, kv := range kvs {
					if kv.key == "id" {
						continue
					}
					c := nodeCols[kv.key]
					if c == nil {
						name := kv.key
						if name == network.ColID {
							name = "id_attr"
						}
						c = newCol(name)
						nodeCols[kv.key] = c
						nodeOrder = append(nodeOrder, c)
					}
					c.set(nNodes, kv.val.text, kv.val.kind == 's')
				}
				nNodes++
			} else {
				var sv, tv *gmlKV
				for i := range kvs {
					switch kvs[i].key {
					case "source":
						sv = &kvs[i]
					case "target":
						tv = &kvs[i]
					}
				}
				if sv == nil || tv == nil {
					return tables{}, perr(s.name, k.line, "edge without source or target: want \"source <id>\" and \"target <id>\"")
				}
				srcCol.set(nEdges, sv.val.text, false)
				dstCol.set(nEdges, tv.val.text, false)
				edgeEnds = append(edgeEnds, pend{canonID(sv.val.text), canonID(tv.val.text), k.line})
				for _, kv := range kvs {
					if kv.key == "source" || kv.key == "target" {
						continue
					}
					c := edgeCols[kv.key]
					if c == nil {
						c = newCol(kv.key)
						edgeCols[kv.key] = c
						edgeOrder = append(edgeOrder, c)
					}
					c.set(nEdges, kv.val.text, kv.val.kind == 's')
				}
				nEdges++
			}
		case v.kind == '[':
			lx.list("", v.line, nil, 1)
			if lx.err != nil {
				return tables{}, lx.err
			}
		case v.kind == 'i' || v.kind == 'f' || v.kind == 's':
			if k.text == "directed" {
				directed = v.text != "0"
			}
		default:
			return tables{}, perr(s.name, k.line, "key %q has no value: want a number, a quoted string or '['", k.text)
		}
	}
	// Read to the end: a .gz checks its length and CRC only there, and a
	// stream cut after "]" would otherwise pass as whole.
	if _, err := io.Copy(io.Discard, lx.r); err != nil {
		return tables{}, wrapReadErr(s.name, err)
	}
	for _, e := range edgeEnds {
		for _, id := range []string{e.s, e.t} {
			if _, ok := nodeLine[id]; !ok {
				return tables{}, perr(s.name, e.line, "edge refers to node %s, which no node [ id %s ] declares", id, id)
			}
		}
	}
	if nNodes == 0 && nEdges == 0 {
		return tables{}, perr(s.name, graphLine, "the graph has no nodes and no edges")
	}
	if idQuoted || idCol.infer(true).ID() != arrow.INT64 {
		idCol.forceString = true
		srcCol.forceString = true
		dstCol.forceString = true
	}
	nodes := record(mem, append([]*colBuilder{idCol}, nodeOrder...), []string{network.ColID}, nil)
	edges := record(mem, append([]*colBuilder{srcCol, dstCol}, edgeOrder...), []string{network.ColSource, network.ColTarget}, nil)
	cols := network.Columns{Source: network.ColSource, Target: network.ColTarget, ID: network.ColID, Weight: opt.Columns.Weight}
	if cols.Weight == "" {
		cols.Weight = network.ColWeight
	}
	return tables{edges: edges, nodes: nodes, directed: &directed, cols: cols}, nil
}

// canonID makes "007" and "7" the same integer id.
func canonID(s string) string {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return strconv.FormatInt(v, 10)
	}
	return s
}

var _ = fmt.Sprint
