package formats

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// pajekFields splits a Pajek line on whitespace, keeping "quoted labels"
// (without the quotes) as one field.
func pajekFields(l string) ([]string, bool) {
	var out []string
	i := 0
	for i < len(l) {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		if i >= len(l) {
			break
		}
		if l[i] == '"' {
			j := strings.IndexByte(l[i+1:], '"')
			if j < 0 {
				return nil, false
			}
			out = append(out, l[i+1:i+1+j])
			i += j + 2
			continue
		}
		j := i
		for j < len(l) && l[j] != ' ' && l[j] != '\t' {
			j++
		}
		out = append(out, l[i:j])
		i = j
	}
	return out, true
}

type pajekNet struct {
	name      string
	line      int
	n         int
	labels    *colBuilder
	src, dst  *colBuilder
	weight    *colBuilder
	layer     *colBuilder
	relation  *colBuilder
	relNames  map[string]string
	rows      int
	hasArcs   bool
	hasEdges  bool
	hasLabels bool
	hasWeight bool
	hasLayer  bool
	attrs     []*colBuilder
	edgeRows  []bool
	// vertex labels as read (id, label): the labels column is built at the
	// end, once the declared count has been checked against the content.
	labelAt []pajekLabel
	// relations met in the file, filtered or not, so that a Layer that
	// matches none is an error rather than an empty network.
	layersSeen map[string]bool
}

type pajekLabel struct {
	id    int
	label string
}

func readPajek(s *source, opt Options, mem memory.Allocator) (tables, error) {
	head, err := s.head(4096)
	if err != nil {
		return tables{}, err
	}
	if !isText(head) {
		return tables{}, perr(s.name, 1, "binary content: want Pajek text")
	}
	rc, err := s.open()
	if err != nil {
		return tables{}, err
	}
	defer rc.Close()
	cr := &countReader{r: rc}
	sc := bufio.NewScanner(cr)
	sc.Buffer(make([]byte, 0, 1<<16), int(min(s.maxLine, 1<<30)))
	var nets []*pajekNet
	var cur *pajekNet
	var section string // "vertices", "arcs", "edges", "arcslist", "edgeslist", "matrix", "partition", "vector", "skip"
	var secLayer, secRelation string
	var attr *colBuilder // partition or vector being read
	var attrName string
	var attrN, attrRow, matRow int
	var names []string
	line := 0
	newNet := func(name string) *pajekNet {
		p := &pajekNet{name: name, line: line, labels: newCol("label"), src: newCol(network.ColSource), dst: newCol(network.ColTarget),
			weight: newCol(network.ColWeight), layer: newCol("layer"), relation: newCol("relation"), relNames: map[string]string{}}
		nets = append(nets, p)
		return p
	}
	addArc := func(p *pajekNet, from, to int, w string, layer string) {
		p.src.set(p.rows, strconv.Itoa(from), false)
		p.dst.set(p.rows, strconv.Itoa(to), false)
		if w != "" {
			p.weight.set(p.rows, w, false)
			p.hasWeight = true
		} else {
			p.weight.set(p.rows, "1", false)
		}
		if layer != "" {
			p.layer.set(p.rows, layer, false)
			if name, ok := p.relNames[layer]; ok {
				p.relation.set(p.rows, name, false)
			}
			p.hasLayer = true
		}
		p.rows++
	}
	node := func(f string, p *pajekNet) (int, bool) {
		v, err := strconv.Atoi(f)
		return v, err == nil && v >= 1 && v <= p.n
	}
	for sc.Scan() {
		line++
		raw := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		l := strings.TrimSpace(raw)
		if l == "" || l[0] == '%' {
			continue
		}
		if l[0] == '*' {
			f, ok := pajekFields(l)
			if !ok {
				return tables{}, perr(s.name, line, "unclosed quote in %q", l)
			}
			kw := strings.ToLower(f[0])
			switch kw {
			case "*network":
				cur = newNet(strings.Join(f[1:], " "))
				section = ""
			case "*vertices":
				if len(f) < 2 {
					return tables{}, perr(s.name, line, "*Vertices without a count: want \"*Vertices n\"")
				}
				n, err := strconv.Atoi(f[1])
				if err != nil || n < 0 {
					return tables{}, perr(s.name, line, "*Vertices %q: want a non-negative vertex count", f[1])
				}
				if section == "partition" || section == "vector" {
					attrN, attrRow = n, 0
					section += "-values"
					continue
				}
				if cur == nil || cur.n > 0 || cur.rows > 0 {
					cur = newNet("")
				}
				cur.n = n
				cur.line = line
				section = "vertices"
			case "*arcs", "*edges", "*arcslist", "*edgeslist", "*matrix":
				if cur == nil || cur.n == 0 && len(nets) == 0 {
					return tables{}, perr(s.name, line, "%s before *Vertices: want \"*Vertices n\" first", f[0])
				}
				section = kw[1:]
				secLayer, secRelation = "", ""
				if len(f) >= 2 && strings.HasPrefix(f[1], ":") {
					secLayer = strings.TrimPrefix(f[1], ":")
					if len(f) >= 3 {
						secRelation = f[2]
						cur.relNames[secLayer] = secRelation
					}
				}
				if strings.HasPrefix(kw, "*arcs") || kw == "*matrix" {
					cur.hasArcs = true
				} else {
					cur.hasEdges = true
				}
				matRow = 0
			case "*partition", "*vector":
				section = kw[1:]
				attrName = strings.Join(f[1:], " ")
				attrName = strings.TrimSuffix(strings.TrimSuffix(attrName, ".clu"), ".vec")
				if attrName == "" {
					attrName = section
				}
				attr = newCol(attrName)
			default:
				section = "skip"
			}
			continue
		}
		switch section {
		case "vertices":
			f, ok := pajekFields(l)
			if !ok {
				return tables{}, perr(s.name, line, "unclosed quote in vertex line: want `id \"label\"`")
			}
			id, ok := node(f[0], cur)
			if !ok {
				return tables{}, perr(s.name, line, "vertex %q: want a number from 1 to %d (*Vertices %d)", f[0], cur.n, cur.n)
			}
			if len(f) > 1 {
				cur.labelAt = append(cur.labelAt, pajekLabel{id, f[1]})
				cur.hasLabels = true
			}
		case "arcs", "edges":
			f, ok := pajekFields(l)
			if !ok {
				return tables{}, perr(s.name, line, "unclosed quote: want `from to [weight]`")
			}
			layer := secLayer
			if strings.HasSuffix(f[0], ":") {
				layer = strings.TrimSuffix(f[0], ":")
				if _, err := strconv.Atoi(layer); err != nil {
					return tables{}, perr(s.name, line, "relation %q: want a relation number before ':'", f[0])
				}
				f = f[1:]
			} else if i := strings.IndexByte(f[0], ':'); i > 0 {
				layer, f[0] = f[0][:i], f[0][i+1:]
			}
			if len(f) < 2 {
				return tables{}, perr(s.name, line, "want `from to [weight]` (two vertex numbers), found %q", l)
			}
			a, ok1 := node(f[0], cur)
			b, ok2 := node(f[1], cur)
			if !ok1 || !ok2 {
				return tables{}, perr(s.name, line, "%s line %q: want vertex numbers from 1 to %d", section, l, cur.n)
			}
			w := ""
			if len(f) >= 3 {
				if _, err := strconv.ParseFloat(f[2], 64); err == nil {
					w = f[2]
				} else if len(f[2]) > 0 && (f[2][0] >= '0' && f[2][0] <= '9' || f[2][0] == '-' || f[2][0] == '.') {
					return tables{}, perr(s.name, line, "weight %q: want a number", f[2])
				}
			}
			if cur.layersSeen == nil {
				cur.layersSeen = map[string]bool{}
			}
			cur.layersSeen[layer] = true
			if opt.Layer != "" && layer != opt.Layer && cur.relNames[layer] != opt.Layer {
				continue
			}
			addArc(cur, a, b, w, layer)
			if section == "edges" {
				markEdge(cur)
			}
		case "arcslist", "edgeslist":
			f := strings.Fields(l)
			a, ok := node(f[0], cur)
			if !ok {
				return tables{}, perr(s.name, line, "%s line: vertex %q: want a number from 1 to %d", section, f[0], cur.n)
			}
			for _, x := range f[1:] {
				b, ok := node(x, cur)
				if !ok {
					return tables{}, perr(s.name, line, "%s line: vertex %q: want a number from 1 to %d", section, x, cur.n)
				}
				addArc(cur, a, b, "", secLayer)
				if section == "edgeslist" {
					markEdge(cur)
				}
			}
		case "matrix":
			f := strings.Fields(l)
			matRow++
			if matRow > cur.n || len(f) != cur.n {
				return tables{}, perr(s.name, line, "matrix row %d has %d values: want %d rows of %d numbers", matRow, len(f), cur.n, cur.n)
			}
			for j, x := range f {
				v, err := strconv.ParseFloat(x, 64)
				if err != nil {
					return tables{}, perr(s.name, line, "matrix value %q: want a number", x)
				}
				if v != 0 {
					addArc(cur, matRow, j+1, x, secLayer)
				}
			}
		case "partition-values", "vector-values":
			if attrRow >= attrN {
				return tables{}, perr(s.name, line, "%s %q has more than %d values", strings.TrimSuffix(section, "-values"), attrName, attrN)
			}
			if _, err := strconv.ParseFloat(l, 64); err != nil {
				return tables{}, perr(s.name, line, "%s %q value %q: want a number", strings.TrimSuffix(section, "-values"), attrName, l)
			}
			attr.set(attrRow, l, false)
			attrRow++
			if attrRow == attrN {
				names = append(names, attrName)
				for _, p := range nets {
					if p.n == attrN {
						p.attrs = append(p.attrs, attr)
					}
				}
			}
		case "partition", "vector":
			return tables{}, perr(s.name, line, "%s %q: want \"*Vertices n\" before its values", section, attrName)
		case "skip":
		default:
			return tables{}, perr(s.name, line, "%q outside any section: want a line starting with * first (*Vertices, *Arcs, *Edges)", l)
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return tables{}, &LimitError{File: s.name, Line: line + 1, Limit: s.maxLine, Option: "MaxLine", What: fmt.Sprintf("a line longer than %d bytes", s.maxLine)}
		}
		return tables{}, wrapReadErr(s.name, err)
	}
	if (section == "partition-values" || section == "vector-values") && attrRow < attrN {
		return tables{}, perr(s.name, line, "%s %q has %d values: want %d (truncated file?)", strings.TrimSuffix(section, "-values"), attrName, attrRow, attrN)
	}
	if section == "matrix" && matRow < cur.n {
		return tables{}, perr(s.name, line, "matrix has %d rows: want %d (truncated file?)", matRow, cur.n)
	}
	var p *pajekNet
	for _, q := range nets {
		if q.n == 0 && q.rows == 0 {
			continue
		}
		if opt.Network == "" || strings.EqualFold(q.name, opt.Network) || strings.EqualFold(strings.TrimSuffix(q.name, ".net"), opt.Network) {
			p = q
			break
		}
	}
	if p == nil {
		if opt.Network != "" {
			var have []string
			for _, q := range nets {
				have = append(have, q.name)
			}
			return tables{}, perr(s.name, 0, "no network named %q (networks: %q)", opt.Network, have)
		}
		return tables{}, perr(s.name, line, "no network: want \"*Vertices n\" and arcs or edges")
	}
	if opt.Layer != "" && !p.layersSeen[opt.Layer] {
		found := false
		var have []string
		for k, v := range p.relNames {
			found = found || v == opt.Layer || k == opt.Layer
			have = append(have, k+" "+strconv.Quote(v))
		}
		for k := range p.layersSeen {
			if _, named := p.relNames[k]; !named && k != "" {
				have = append(have, k)
			}
		}
		if !found {
			sort.Strings(have)
			if len(have) == 0 {
				return tables{}, perr(s.name, 0, "Layer %q: the network has no relations (no \"*Arcs :k\" or \"k:\" lines); leave Layer empty", opt.Layer)
			}
			return tables{}, perr(s.name, 0, "Layer %q names no relation of the network: want one of %s", opt.Layer, strings.Join(have, ", "))
		}
	}
	// "*Vertices n" costs memory for every vertex, listed or not: a count
	// beyond MaxDeclared must be backed by as many bytes of content.
	if p.n > opt.maxDeclared() && int64(p.n) > cr.n {
		return tables{}, &LimitError{File: s.name, Line: p.line, Limit: int64(opt.maxDeclared()), Option: "MaxDeclared",
			What: fmt.Sprintf("*Vertices %d declares more vertices than the file's %d bytes could list", p.n, cr.n)}
	}
	for _, l := range p.labelAt {
		p.labels.set(l.id-1, l.label, true)
	}
	directed := p.hasArcs || !p.hasEdges
	// In a network with both *Arcs and *Edges, an edge counts both ways.
	if p.hasArcs && p.hasEdges {
		n := p.rows
		for r := 0; r < n; r++ {
			if r < len(p.edgeRows) && p.edgeRows[r] {
				p.src.set(p.rows, p.dst.vals[r], false)
				p.dst.set(p.rows, p.src.vals[r], false)
				p.weight.set(p.rows, p.weight.vals[r], false)
				if p.hasLayer && r < len(p.layer.vals) && p.layer.valid[r] {
					p.layer.set(p.rows, p.layer.vals[r], false)
					if r < len(p.relation.vals) && p.relation.valid[r] {
						p.relation.set(p.rows, p.relation.vals[r], false)
					}
				}
				p.rows++
			}
		}
	}
	var ncols []*colBuilder
	if p.hasLabels {
		p.labels.pad(p.n)
		ncols = append(ncols, p.labels)
	}
	ncols = append(ncols, p.attrs...)
	ecols := []*colBuilder{p.src, p.dst}
	if p.hasWeight {
		ecols = append(ecols, p.weight)
	}
	if p.hasLayer {
		ecols = append(ecols, p.layer)
		if len(p.relNames) > 0 {
			ecols = append(ecols, p.relation)
		}
	}
	for _, c := range ecols {
		c.pad(p.rows)
	}
	nodes := pajekNodes(mem, p.n, ncols)
	edges := record(mem, ecols, []string{network.ColSource, network.ColTarget}, nil)
	cols := network.Columns{Source: network.ColSource, Target: network.ColTarget, ID: network.ColID, Weight: opt.Columns.Weight}
	if cols.Weight == "" {
		cols.Weight = network.ColWeight
	}
	return tables{edges: edges, nodes: nodes, directed: &directed, cols: cols}, nil
}

func markEdge(p *pajekNet) {
	for len(p.edgeRows) < p.rows {
		p.edgeRows = append(p.edgeRows, false)
	}
	p.edgeRows[p.rows-1] = true
}

// pajekNodes builds the nodes table: ids 1..n (built as integers, 8 bytes
// a vertex, since most of them may be listed nowhere) and the columns.
func pajekNodes(mem memory.Allocator, n int, cols []*colBuilder) arrow.RecordBatch {
	b := array.NewInt64Builder(mem)
	defer b.Release()
	b.Reserve(n)
	for i := 1; i <= n; i++ {
		b.UnsafeAppend(int64(i))
	}
	arrs := []arrow.Array{b.NewArray()}
	fields := []arrow.Field{{Name: network.ColID, Type: arrow.PrimitiveTypes.Int64, Nullable: true}}
	for _, c := range cols {
		c.pad(n)
		t := c.infer(false)
		arrs = append(arrs, c.build(mem, t))
		fields = append(fields, arrow.Field{Name: c.name, Type: t, Nullable: true})
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, int64(n))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}
