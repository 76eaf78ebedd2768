package network

import (
	"fmt"
	"html"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/display"
)

// previewRows is how many rows of the edges and nodes tables a Network
// shows (head and tail around an elision row, as polars does).
const previewRows = 6

// Summary is the one-line description of what was loaded: direction,
// nodes, edge records and what became of them (simple edges, self-loops,
// parallel edges), isolated nodes and the node attributes.
func (n *Network) Summary() string {
	r := n.report
	kind := "undirected"
	if r.Directed {
		kind = "directed"
	}
	name := "Network"
	if n.Name != "" {
		name += " " + n.Name
	}
	s := fmt.Sprintf("%s: %s, %d nodes, %d edge records (%d simple edges, %d self-loops, %d parallel)",
		name, kind, r.Nodes, r.EdgeRecords, r.SimpleEdges, r.SelfLoops, r.ParallelEdges)
	if r.Weighted {
		s += ", weighted"
	}
	if r.IsolatedNodes > 0 {
		s += fmt.Sprintf(", %d isolated", r.IsolatedNodes)
	}
	var attrs []string
	for _, c := range r.NodeColumns {
		if c != n.cols.ID {
			attrs = append(attrs, c)
		}
	}
	if len(attrs) > 0 {
		s += "; node attributes: " + strings.Join(attrs, ", ")
	}
	return s
}

// Tables returns the network as display tables: the head and tail of the
// edges table, then of the nodes table when there is one, each with its
// shape line. Only those rows are copied, whatever the network's size.
func (n *Network) Tables() []*display.Table {
	if n == nil || n.edges == nil {
		return nil
	}
	e := display.FromRecordBatch("edges", n.edges)
	e.Limits.MaxRows = previewRows
	out := []*display.Table{e}
	if n.nodes != nil {
		t := display.FromRecordBatch("nodes", n.nodes)
		t.Limits.MaxRows = previewRows
		out = append(out, t)
	}
	out[len(out)-1].Notes = []string{restNote}
	return out
}

// restNote says where the rows not shown are.
const restNote = "All rows: n.Edges(), n.Nodes() (Arrow record batches); frames.EdgesFrame(n), frames.NodesFrame(n) (gota)."

// String describes the network for a terminal: the summary line, and the
// first and last rows of the edges and nodes tables. Its size is bounded
// whatever the network's.
func (n *Network) String() string {
	if n == nil {
		return "<nil Network>"
	}
	if n.edges == nil {
		return "<released Network>"
	}
	var b strings.Builder
	b.WriteString(n.Summary())
	b.WriteString("\n")
	for _, t := range n.Tables() {
		b.WriteString("\n")
		b.WriteString(t.String())
	}
	return b.String()
}

// HTML renders the network for a notebook: the edges and nodes tables'
// head and tail under the summary, as polars shows a data frame.
func (n *Network) HTML() string {
	if n == nil || n.edges == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("<p>" + html.EscapeString(n.Summary()) + "</p>\n")
	for _, t := range n.Tables() {
		b.WriteString(t.HTML())
	}
	return b.String()
}

// Markdown renders the network as Markdown tables.
func (n *Network) Markdown() string {
	if n == nil || n.edges == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(display.EscapeMarkdown(n.Summary()) + "\n")
	for _, t := range n.Tables() {
		b.WriteString("\n")
		b.WriteString(t.Markdown())
	}
	return b.String()
}
