package events

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/frames"
)

// previewRows is how many events an Events value shows (head and tail
// around an elision row, as polars does).
const previewRows = 8

// maxKindsShown bounds the kinds listed in the summary.
const maxKindsShown = 8

// Summary is the one-line description of the events: how many, by how many
// people on how many items, the kinds with their counts, the time span
// (UTC), and the actors' groups and quality when present.
func (e *Events) Summary() string {
	name := "Events"
	if e.Name != "" {
		name += " " + e.Name
	}
	n := e.Len()
	s := fmt.Sprintf("%s: %d events by %d people on %d items", name, n, e.NumPeople(), e.NumItems())
	if len(e.Kinds) > 0 {
		counts := make([]int, len(e.Kinds))
		for _, k := range e.Kind {
			if k >= 0 && int(k) < len(counts) {
				counts[k]++
			}
		}
		order := make([]int, len(e.Kinds))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return counts[order[a]] > counts[order[b]] })
		var parts []string
		for i, k := range order {
			if i == maxKindsShown {
				parts = append(parts, fmt.Sprintf("%d more", len(order)-maxKindsShown))
				break
			}
			parts = append(parts, fmt.Sprintf("%s %d", e.Kinds[k], counts[k]))
		}
		s += "; kinds: " + strings.Join(parts, ", ")
	}
	if n > 0 {
		lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
		for _, t := range e.Time {
			lo, hi = min(lo, t), max(hi, t)
		}
		s += fmt.Sprintf("; from %s to %s UTC (%s)", stamp(lo), stamp(hi), span(hi-lo))
	}
	if e.Group != nil {
		s += fmt.Sprintf("; %d actor groups", len(e.Groups))
	}
	if e.Quality != nil {
		s += "; with quality"
	}
	return s
}

func stamp(t int64) string { return time.Unix(t, 0).UTC().Format("2006-01-02 15:04") }

// span writes a duration in seconds in the largest unit that keeps it
// readable.
func span(s int64) string {
	switch {
	case s >= 2*86400:
		return fmt.Sprintf("%.1f days", float64(s)/86400)
	case s >= 2*3600:
		return fmt.Sprintf("%.1f hours", float64(s)/3600)
	}
	return fmt.Sprintf("%d s", s)
}

// restNote says where the rows not shown are.
const restNote = "All rows: ev.Table (Arrow record batch), ev.Frame() (gota)."

// Tables returns the events as a display table: the head and tail of the
// table as read, with its shape line. Only those rows are copied, however
// many events there are.
func (e *Events) Tables() []*display.Table {
	if e == nil {
		return nil
	}
	var t *display.Table
	if e.Table != nil {
		t = display.FromRecordBatch("", e.Table)
	} else {
		// Built in memory (simulations, tests): show the columns.
		t = display.FromRows("", []string{ColActor, ColItem, ColAuthor, ColKind, ColTime}, e.Len(), func(i int) []any {
			kind := ""
			if k := e.Kind[i]; k >= 0 && int(k) < len(e.Kinds) {
				kind = e.Kinds[k]
			}
			return []any{e.People.String(e.Actor[i]), e.Items.String(e.Item[i]), e.People.String(e.Author[i]), kind, e.Time[i]}
		})
	}
	t.Limits.MaxRows = previewRows
	t.Notes = []string{restNote}
	out := []*display.Table{t}
	if e.Actors != nil {
		a := display.FromRecordBatch("actors", e.Actors)
		a.Limits.MaxRows = 4
		out = append(out, a)
	}
	return out
}

// String describes the events for a terminal: the summary line and the
// first and last events. Its size is bounded whatever the table's.
func (e *Events) String() string {
	if e == nil {
		return "<nil Events>"
	}
	var b strings.Builder
	b.WriteString(e.Summary())
	b.WriteString("\n")
	for _, t := range e.Tables() {
		b.WriteString("\n")
		b.WriteString(t.String())
	}
	return b.String()
}

// HTML renders the events for a notebook: the summary, then the head and
// tail of the table.
func (e *Events) HTML() string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("<p>" + html.EscapeString(e.Summary()) + "</p>\n")
	for _, t := range e.Tables() {
		b.WriteString(t.HTML())
	}
	return b.String()
}

// Markdown renders the events as a summary line and a Markdown table.
func (e *Events) Markdown() string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(display.EscapeMarkdown(e.Summary()) + "\n")
	for _, t := range e.Tables() {
		b.WriteString("\n")
		b.WriteString(t.Markdown())
	}
	return b.String()
}

// Frame returns every event as a gota data frame (the table as read); an
// empty frame when the table was released.
func (e *Events) Frame() dataframe.DataFrame {
	if e == nil || e.Table == nil {
		return dataframe.New()
	}
	return frames.FromRecord(e.Table)
}
