package coordination

import (
	"fmt"
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/go-gota/gota/dataframe"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/frames"
)

// maxMembersShown bounds the members listed per cluster.
const maxMembersShown = 12

// Tables renders the result: the clusters of coordinated actors, largest
// first, with their members (the finding), and how the window was chosen.
func (r *Result) Tables() display.Tables {
	if r == nil {
		return nil
	}
	how := "given"
	if r.Estimated != nil {
		how = fmt.Sprintf("estimated (%s)", r.Estimated.Method)
	}
	on := ""
	if r.Options.Object != "" && r.Options.Object != ObjectItem {
		on = " of the same " + string(r.Options.Object)
	}
	t := display.NewTable(fmt.Sprintf("Coordinated clusters: co-engagement%s within %gs (%s)", on, r.Window, how),
		"cluster", "actors", "co-items", "null mean", "p", "q", "tightest item", "members")
	for k, c := range r.Clusters {
		names := make([]string, 0, min(len(c), maxMembersShown))
		for _, p := range c[:min(len(c), maxMembersShown)] {
			names = append(names, r.Person(p))
		}
		m := strings.Join(names, ", ")
		if len(c) > maxMembersShown {
			m += fmt.Sprintf(", … (%d more)", len(c)-maxMembersShown)
		}
		co, mean, p, q, tight := 0, math.NaN(), math.NaN(), math.NaN(), ""
		if k < len(r.Tests) {
			ts := r.Tests[k]
			co, mean, p, q = ts.CoItems, ts.NullMean, ts.P, ts.Q
			if len(ts.Evidence) > 0 {
				e := ts.Evidence[0]
				tight = fmt.Sprintf("%s: %d members within %ds (%d items in all)", r.Item(e.Item), len(e.Actors), e.Spread, ts.EvidenceItems)
			}
		}
		t.AddRow(k+1, len(c), co, mean, p, q, tight, m)
	}
	if o := r.Objects; o != nil {
		t.Notes = append(t.Notes, fmt.Sprintf("Objects: %d %s shared by at least two posts, carried by %d posts.", o.Objects, objectNoun(o.Object), o.Events))
	}
	if r.Options.Null > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("p and q: against %d timing redraws (%s); q is Benjamini–Hochberg over the clusters.",
			r.Options.Null, nullModel(r.Options)))
	} else if len(r.Clusters) > 0 {
		t.Notes = append(t.Notes, "Untested: co-engagement also comes from shared tastes and friends who react fast; give Null (--null 99) to test each cluster against a timing null.")
	}
	t.Limits.MaxCellWidth = 120
	if len(r.Clusters) == 0 {
		reason := r.Reason
		if reason == "" {
			reason = "no pair of actors passed the thresholds"
		}
		t.Notes = append(t.Notes, "No clusters: "+reason+".")
	}
	t.Notes = append(t.Notes, fmt.Sprintf("%d events, %d event pairs within the window, %d actor pairs kept (at least %d co-engagements on %d items).",
		r.Events, r.Pairs, len(r.Edges), r.Options.MinCoEngagements, r.Options.MinItems),
		"All edges: r.Table() (Arrow), r.Frame() (gota); the network: r.Network().")
	return display.Tables{t}
}

// String renders the result as aligned text.
func (r *Result) String() string { return r.Tables().String() }

// HTML renders the result as an HTML table for a notebook.
func (r *Result) HTML() string { return r.Tables().HTML() }

// Markdown renders the result as a Markdown table.
func (r *Result) Markdown() string { return r.Tables().Markdown() }

// Table returns the kept co-engagement edges as an Arrow record batch
// (actor ids a and b, co-engagements where each came first and together,
// distinct items, cluster number, 0 for none); the caller releases it.
func (r *Result) Table() arrow.RecordBatch {
	cluster := map[int32]int64{}
	for k, c := range r.Clusters {
		for _, p := range c {
			cluster[p] = int64(k + 1)
		}
	}
	e := r.Edges
	return display.NewColumns(len(e)).
		String("a", func(i int) string { return r.Person(e[i].A) }).
		String("b", func(i int) string { return r.Person(e[i].B) }).
		Int("a_first", func(i int) int64 { return int64(e[i].AFirst) }).
		Int("b_first", func(i int) int64 { return int64(e[i].BFirst) }).
		Int("together", func(i int) int64 { return int64(e[i].Together) }).
		Int("items", func(i int) int64 { return int64(e[i].Items) }).
		Int("cluster", func(i int) int64 { return cluster[e[i].A] }).
		Record()
}

// Frame returns Table as a gota data frame.
func (r *Result) Frame() dataframe.DataFrame {
	rec := r.Table()
	defer rec.Release()
	return frames.FromRecord(rec)
}

// objectNoun names the objects of a kind, plural.
func objectNoun(o Object) string {
	switch o {
	case ObjectURL:
		return "URLs"
	case ObjectDomain:
		return "domains"
	case ObjectHashtag:
		return "hashtags"
	case ObjectText:
		return "near-duplicate texts"
	}
	return "items"
}
