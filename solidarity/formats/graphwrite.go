package formats

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// attrCol is one node or edge column written as a GraphML key or a GEXF
// attribute.
type attrCol struct {
	name    string
	a       arrow.Array
	graphml string // GraphML attr.type
	gexf    string // GEXF attribute type
}

func attrCols(rec arrow.RecordBatch, skip ...string) []attrCol {
	if rec == nil {
		return nil
	}
	var out []attrCol
outer:
	for c, f := range rec.Schema().Fields() {
		for _, s := range skip {
			if f.Name == s {
				continue outer
			}
		}
		ac := attrCol{name: f.Name, a: rec.Column(c)}
		switch f.Type.ID() {
		case arrow.INT8, arrow.INT16, arrow.INT32, arrow.UINT8, arrow.UINT16:
			ac.graphml, ac.gexf = "int", "integer"
		case arrow.INT64, arrow.UINT32, arrow.UINT64:
			ac.graphml, ac.gexf = "long", "long"
		case arrow.FLOAT32:
			ac.graphml, ac.gexf = "float", "float"
		case arrow.FLOAT64:
			ac.graphml, ac.gexf = "double", "double"
		case arrow.BOOL:
			ac.graphml, ac.gexf = "boolean", "boolean"
		default:
			ac.graphml, ac.gexf = "string", "string"
		}
		out = append(out, ac)
	}
	return out
}

// value is the text of cell i, and false when it is missing (null or NaN:
// Gephi and networkx have no missing number, so the attribute is left out).
func (c attrCol) value(i int) (string, bool) {
	if i >= c.a.Len() || c.a.IsNull(i) {
		return "", false
	}
	switch v := c.a.(type) {
	case *array.Float64:
		if math.IsNaN(v.Value(i)) {
			return "", false
		}
	case *array.Float32:
		if math.IsNaN(float64(v.Value(i))) {
			return "", false
		}
	case *array.Boolean:
		return strconv.FormatBool(v.Value(i)), true
	}
	return cellString(c.a, i), true
}

func esc(s string) string {
	var b []byte
	w := &byteWriter{&b}
	xml.EscapeText(w, []byte(s))
	return string(b)
}

type byteWriter struct{ b *[]byte }

func (w *byteWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }

// WriteGraphML writes n as GraphML (http://graphml.graphdrawing.org/):
// every node with its attributes (id column as the node id; nodes only in
// the edges included, without attributes), every edge record as read
// (loops and parallel edges kept) with its columns besides source and
// target. Attribute types follow the Arrow types (long, int, double,
// float, boolean, string); null and NaN values are left out. Add
// communities or per-node indices as node columns first
// (network.WithNodeColumn, community.Result.Attach). networkx's
// read_graphml and Gephi read it back.
func WriteGraphML(n *network.Network, w io.Writer) error {
	if n == nil || n.Edges() == nil {
		return fmt.Errorf("formats: WriteGraphML: no network (nil or released)")
	}
	cols := n.Columns()
	nodeAttrs := attrCols(n.Nodes(), cols.ID)
	edgeAttrs := attrCols(n.Edges(), cols.Source, cols.Target)
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprint(bw, `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for k, c := range nodeAttrs {
		fmt.Fprintf(bw, "  <key id=\"n%d\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k, esc(c.name), c.graphml)
	}
	for k, c := range edgeAttrs {
		fmt.Fprintf(bw, "  <key id=\"e%d\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k, esc(c.name), c.graphml)
	}
	def := "undirected"
	if n.Directed() {
		def = "directed"
	}
	fmt.Fprintf(bw, "  <graph id=\"%s\" edgedefault=\"%s\">\n", esc(graphName(n)), def)
	ix := n.Index()
	for i := 0; i < n.N(); i++ {
		fmt.Fprintf(bw, "    <node id=\"%s\">", esc(ix.String(int32(i))))
		for k, c := range nodeAttrs {
			if v, ok := c.value(i); ok {
				fmt.Fprintf(bw, "<data key=\"n%d\">%s</data>", k, esc(v))
			}
		}
		bw.WriteString("</node>\n")
	}
	src, dst := n.Endpoints()
	for e := range src {
		fmt.Fprintf(bw, "    <edge source=\"%s\" target=\"%s\">", esc(ix.String(src[e])), esc(ix.String(dst[e])))
		for k, c := range edgeAttrs {
			if v, ok := c.value(e); ok {
				fmt.Fprintf(bw, "<data key=\"e%d\">%s</data>", k, esc(v))
			}
		}
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// WriteGEXF writes n as GEXF 1.2 (https://gexf.net/; the version networkx
// 2.8 and every Gephi read), Gephi's own format:
// the same content as WriteGraphML, node attributes as <attvalues> with a
// label equal to the id, each edge record with an id (its row number) and
// its weight column, when there is one, as the edge weight Gephi uses.
func WriteGEXF(n *network.Network, w io.Writer) error {
	if n == nil || n.Edges() == nil {
		return fmt.Errorf("formats: WriteGEXF: no network (nil or released)")
	}
	cols := n.Columns()
	nodeAttrs := attrCols(n.Nodes(), cols.ID)
	edgeAttrs := attrCols(n.Edges(), cols.Source, cols.Target)
	weight := n.Weights()
	bw := bufio.NewWriterSize(w, 1<<16)
	def := "undirected"
	if n.Directed() {
		def = "directed"
	}
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <meta><creator>algorithmic-solidarity toolkit</creator><description>%s</description></meta>
  <graph defaultedgetype="%s" mode="static">
`, esc(graphName(n)), def)
	if len(nodeAttrs) > 0 {
		bw.WriteString("    <attributes class=\"node\">\n")
		for k, c := range nodeAttrs {
			fmt.Fprintf(bw, "      <attribute id=\"%d\" title=\"%s\" type=\"%s\"/>\n", k, esc(c.name), c.gexf)
		}
		bw.WriteString("    </attributes>\n")
	}
	if len(edgeAttrs) > 0 {
		bw.WriteString("    <attributes class=\"edge\">\n")
		for k, c := range edgeAttrs {
			fmt.Fprintf(bw, "      <attribute id=\"%d\" title=\"%s\" type=\"%s\"/>\n", k, esc(c.name), c.gexf)
		}
		bw.WriteString("    </attributes>\n")
	}
	ix := n.Index()
	bw.WriteString("    <nodes>\n")
	for i := 0; i < n.N(); i++ {
		id := esc(ix.String(int32(i)))
		fmt.Fprintf(bw, "      <node id=\"%s\" label=\"%s\">", id, id)
		attvalues(bw, nodeAttrs, i)
		bw.WriteString("</node>\n")
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	src, dst := n.Endpoints()
	for e := range src {
		fmt.Fprintf(bw, "      <edge id=\"%d\" source=\"%s\" target=\"%s\"", e, esc(ix.String(src[e])), esc(ix.String(dst[e])))
		if weight != nil && !math.IsNaN(weight[e]) && !math.IsInf(weight[e], 0) {
			fmt.Fprintf(bw, " weight=\"%s\"", strconv.FormatFloat(weight[e], 'g', -1, 64))
		}
		bw.WriteString(">")
		attvalues(bw, edgeAttrs, e)
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}

func attvalues(bw *bufio.Writer, attrs []attrCol, i int) {
	open := false
	for k, c := range attrs {
		v, ok := c.value(i)
		if !ok {
			continue
		}
		if !open {
			bw.WriteString("<attvalues>")
			open = true
		}
		fmt.Fprintf(bw, "<attvalue for=\"%d\" value=\"%s\"/>", k, esc(v))
	}
	if open {
		bw.WriteString("</attvalues>")
	}
}

func graphName(n *network.Network) string {
	if n.Name != "" {
		return n.Name
	}
	return "network"
}

// WriteGraphFile writes n to path as "graphml" or "gexf", through a
// temporary file renamed into place so a failure leaves nothing behind.
func WriteGraphFile(n *network.Network, path, format string) (err error) {
	var write func(*network.Network, io.Writer) error
	switch format {
	case "graphml":
		write = WriteGraphML
	case "gexf":
		write = WriteGEXF
	default:
		return fmt.Errorf("formats: cannot write %q: want graphml or gexf", format)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("formats: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(n, f); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
