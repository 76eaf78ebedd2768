package formats

import (
	"encoding/xml"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

type gmlKey struct {
	id, name, domain string
	typ              arrow.DataType
	def              *string
	col              *colBuilder
}

func graphmlType(t string) (arrow.DataType, bool) {
	switch strings.ToLower(t) {
	case "int", "long", "integer":
		return arrow.PrimitiveTypes.Int64, true
	case "float", "double":
		return arrow.PrimitiveTypes.Float64, true
	case "boolean", "bool":
		return arrow.FixedWidthTypes.Boolean, true
	case "string", "":
		return arrow.BinaryTypes.String, true
	}
	return nil, false
}

func xmlAttr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func checkValue(t arrow.DataType, v string) (string, bool) {
	v = strings.TrimSpace(v)
	switch t.ID() {
	case arrow.INT64:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			// networkx writes ints as Python ints; accept "3.0".
			if f, err := strconv.ParseFloat(v, 64); err == nil && f == float64(int64(f)) {
				return strconv.FormatInt(int64(f), 10), true
			}
			return v, false
		}
	case arrow.FLOAT64:
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return v, false
		}
	case arrow.BOOL:
		switch strings.ToLower(v) {
		case "true", "1":
			return "true", true
		case "false", "0":
			return "false", true
		}
		return v, false
	}
	return v, true
}

func readGraphML(s *source, opt Options, mem memory.Allocator) (tables, error) {
	rc, err := s.open()
	if err != nil {
		return tables{}, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = true
	line := func() int { l, _ := d.InputPos(); return l }
	keys := map[string]*gmlKey{}
	var nodeKeys, edgeKeys []*gmlKey
	idCol := newCol(network.ColID)
	srcCol, dstCol := newCol(network.ColSource), newCol(network.ColTarget)
	nodeLine := map[string]int{}
	type pend struct {
		s, t string
		line int
	}
	var ends []pend
	nNodes, nEdges := 0, 0
	depth := 0 // graph nesting
	inGraph, done, sawRoot := false, false, false
	directed := false
	var cur string // "node" or "edge" while inside one
	var curKey *gmlKey
	var curRow int
	var text strings.Builder
	var keyDef *gmlKey
	inDefault := false
	for !done {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return tables{}, &ParseError{File: s.name, Line: se.Line, Msg: "malformed XML: " + se.Msg, Err: err}
			}
			var le *LimitError
			if errors.As(err, &le) {
				return tables{}, le
			}
			return tables{}, &ParseError{File: s.name, Line: line(), Msg: "malformed XML: " + err.Error(), Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "graphml":
				sawRoot = true
			case "key":
				k := &gmlKey{}
				k.id, _ = xmlAttr(t, "id")
				k.name, _ = xmlAttr(t, "attr.name")
				k.domain, _ = xmlAttr(t, "for")
				ty, _ := xmlAttr(t, "attr.type")
				typ, ok := graphmlType(ty)
				if !ok {
					return tables{}, perr(s.name, line(), "key %q has attr.type %q: want boolean, int, long, float, double or string", k.id, ty)
				}
				if k.id == "" {
					return tables{}, perr(s.name, line(), "<key> without id")
				}
				k.typ = typ
				if k.name == "" {
					k.name = k.id
				}
				if _, yf := xmlAttr(t, "yfiles.type"); yf {
					k.typ = nil // yEd graphics: skipped
				}
				keys[k.id] = k
				keyDef = k
			case "default":
				inDefault = keyDef != nil
				text.Reset()
			case "graph":
				if inGraph {
					depth++
					if depth > 0 {
						return tables{}, perr(s.name, line(), "nested <graph> inside a node: nested graphs are not supported")
					}
				}
				if !sawRoot {
					return tables{}, perr(s.name, line(), "<graph> outside <graphml>: want a GraphML document")
				}
				inGraph = true
				ed, _ := xmlAttr(t, "edgedefault")
				directed = ed == "directed"
			case "node":
				if !inGraph {
					return tables{}, perr(s.name, line(), "<node> outside <graph>")
				}
				id, ok := xmlAttr(t, "id")
				if !ok {
					return tables{}, perr(s.name, line(), "<node> without id: want <node id=\"...\">")
				}
				if first, dup := nodeLine[id]; dup {
					return tables{}, perr(s.name, line(), "node id %q appears again (first on line %d): want each id once", id, first)
				}
				nodeLine[id] = line()
				idCol.set(nNodes, id, false)
				cur, curRow = "node", nNodes
				nNodes++
			case "edge":
				if !inGraph {
					return tables{}, perr(s.name, line(), "<edge> outside <graph>")
				}
				sv, ok1 := xmlAttr(t, "source")
				tv, ok2 := xmlAttr(t, "target")
				if !ok1 || !ok2 {
					return tables{}, perr(s.name, line(), "<edge> without source or target attribute")
				}
				srcCol.set(nEdges, sv, false)
				dstCol.set(nEdges, tv, false)
				ends = append(ends, pend{sv, tv, line()})
				cur, curRow = "edge", nEdges
				nEdges++
			case "hyperedge", "port", "endpoint":
				// Not representable as source-target records: refuse rather
				// than drop them uncounted.
				return tables{}, perr(s.name, line(), "<%s> is not supported (only <node> and <edge>; a hyperedge has no single source and target): convert it to edges first", t.Name.Local)
			case "data":
				kid, _ := xmlAttr(t, "key")
				k := keys[kid]
				if k == nil {
					return tables{}, perr(s.name, line(), "<data key=%q> refers to no declared <key>", kid)
				}
				if k.typ == nil || (cur != "node" && cur != "edge") {
					if err := d.Skip(); err != nil {
						return tables{}, perr(s.name, line(), "malformed XML inside <data>: %v", err)
					}
					continue
				}
				if k.col == nil {
					// Two keys with one attr.name would make two columns of
					// one name, and readers would use the first silently.
					for _, o := range keys {
						if o != k && o.col != nil && o.domain == cur && o.name == k.name {
							return tables{}, perr(s.name, line(), "keys %q and %q both have attr.name %q for %ss: want one key per attribute name", o.id, k.id, k.name, cur)
						}
					}
					k.col = newCol(k.name)
					k.col.kind = k.typ
					k.domain = cur
					if cur == "node" {
						if k.name == network.ColID {
							k.col.name = "id_attr"
						}
						nodeKeys = append(nodeKeys, k)
					} else {
						if k.name == network.ColSource || k.name == network.ColTarget {
							k.col.name = k.name + "_attr"
						}
						edgeKeys = append(edgeKeys, k)
					}
				} else if k.domain != cur {
					return tables{}, perr(s.name, line(), "key %q used on both nodes and edges: want one domain per key", k.id)
				}
				curKey = k
				text.Reset()
			default:
				if cur == "" && !inGraph {
					continue
				}
			}
		case xml.CharData:
			if curKey != nil || inDefault {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "default":
				if inDefault {
					v := text.String()
					keyDef.def = &v
				}
				inDefault = false
			case "key":
				keyDef = nil
			case "data":
				if curKey != nil {
					v, ok := checkValue(curKey.typ, text.String())
					if !ok {
						return tables{}, perr(s.name, line(), "key %q holds %q: want a %s", curKey.name, v, curKey.typ)
					}
					curKey.col.set(curRow, v, false)
					curKey = nil
				}
			case "node", "edge":
				cur = ""
			case "graph":
				if depth > 0 {
					depth--
				} else {
					done = true
				}
			}
		}
	}
	if !sawRoot {
		return tables{}, perr(s.name, line(), "no <graphml> element: want a GraphML document")
	}
	if !done {
		return tables{}, perr(s.name, line(), "the document ends before </graph>: truncated file?")
	}
	// Read to the end: a .gz checks its length and CRC only there, and a
	// stream cut after </graph> would otherwise pass as whole.
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return tables{}, wrapReadErr(s.name, err)
	}
	for _, e := range ends {
		for _, id := range []string{e.s, e.t} {
			if _, ok := nodeLine[id]; !ok {
				return tables{}, perr(s.name, e.line, "edge refers to node %q, which no <node> declares", id)
			}
		}
	}
	if nNodes == 0 {
		return tables{}, perr(s.name, line(), "the graph has no nodes")
	}
	// Declared keys with a default but no <data> still give every node or
	// edge the default, as networkx's reader does.
	var declared []*gmlKey
	for _, k := range keys {
		declared = append(declared, k)
	}
	sort.Slice(declared, func(i, j int) bool { return declared[i].id < declared[j].id })
	for _, k := range declared {
		if k.col == nil && k.def != nil && k.typ != nil && (k.domain == "node" || k.domain == "edge") {
			k.col = newCol(k.name)
			k.col.kind = k.typ
			if k.domain == "node" {
				nodeKeys = append(nodeKeys, k)
			} else {
				edgeKeys = append(edgeKeys, k)
			}
		}
	}
	fill := func(ks []*gmlKey, n int) []*colBuilder {
		out := make([]*colBuilder, len(ks))
		for i, k := range ks {
			k.col.pad(n)
			if k.def != nil {
				v, ok := checkValue(k.typ, *k.def)
				if ok {
					for r := range k.col.vals {
						if !k.col.valid[r] {
							k.col.vals[r], k.col.valid[r] = v, true
						}
					}
				}
			}
			out[i] = k.col
		}
		return out
	}
	// GraphML ids are text: read them as integers only when each is an
	// integer written the one way (so "7" and "07" stay two nodes).
	if idCol.infer(true).ID() != arrow.INT64 || !canonicalInts(idCol.vals) {
		idCol.forceString, idCol.kind = true, nil
		srcCol.forceString, dstCol.forceString = true, true
	}
	nodes := record(mem, append([]*colBuilder{idCol}, fill(nodeKeys, nNodes)...), []string{network.ColID}, nil)
	edges := record(mem, append([]*colBuilder{srcCol, dstCol}, fill(edgeKeys, nEdges)...), []string{network.ColSource, network.ColTarget}, nil)
	cols := network.Columns{Source: network.ColSource, Target: network.ColTarget, ID: network.ColID, Weight: opt.Columns.Weight}
	if cols.Weight == "" {
		cols.Weight = network.ColWeight
	}
	return tables{edges: edges, nodes: nodes, directed: &directed, cols: cols}, nil
}

// canonicalInts reports whether every value is an integer as
// strconv.FormatInt writes it (no sign, leading zeros or spaces).
func canonicalInts(vals []string) bool {
	for _, v := range vals {
		x, err := strconv.ParseInt(v, 10, 64)
		if err != nil || strconv.FormatInt(x, 10) != v {
			return false
		}
	}
	return true
}
