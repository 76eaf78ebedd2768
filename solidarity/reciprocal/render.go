package reciprocal

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/go-gota/gota/dataframe"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/frames"
)

// row is one line of the summary table: a set of units and its Summary.
type row struct {
	name string
	s    *Summary
}

// rows lists the summaries the result holds: overall, within and across
// groups, then each group in label order.
func (r *Result) rows() []row {
	out := []row{{"all", &r.Overall}}
	if r.WithinGroup != nil {
		out = append(out, row{"within groups", r.WithinGroup})
	}
	if r.AcrossGroup != nil {
		out = append(out, row{"across groups", r.AcrossGroup})
	}
	labels := make([]string, 0, len(r.ByGroup))
	for l := range r.ByGroup {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		out = append(out, row{"group " + l, r.ByGroup[l]})
	}
	return out
}

// duration writes seconds as a readable duration ("3h12m", "+Inf" when
// never reached, "NaN" when undefined).
func duration(s float64) string {
	switch {
	case math.IsNaN(s), math.IsInf(s, 0):
		return display.FormatFloat(s, 3)
	}
	return time.Duration(s * float64(time.Second)).Round(time.Second).String()
}

// Tables renders the result: the share of engagements returned within the
// window with its interval (the finding) for everyone, within and across
// groups and by group, then the counts behind it.
func (r *Result) Tables() display.Tables {
	if r == nil {
		return nil
	}
	t := display.NewTable(fmt.Sprintf("Reciprocal engagement: returned within %s (%s)", duration(r.WindowSeconds), r.Unit),
		"units", "P(returned)", "95% interval", "Kaplan–Meier", "median time to return", "observable", "returned")
	for _, w := range r.rows() {
		s := w.s
		t.AddRow(w.name, display.Value(float64(s.PReturn), s.Reason), display.Interval(float64(s.PReturnCI[0]), float64(s.PReturnCI[1]), 3),
			display.Value(float64(s.PReturnKM), s.Reason), duration(float64(s.MedianKM)), s.Observable, s.ReturnedObservable)
	}
	t.Types = []string{"str", "f64", "str", "f64", "str", "i64", "i64"}
	t.Notes = append(t.Notes, fmt.Sprintf("%d events (%d self-engagements left out), %d ordered pairs, of which %d mutual: pair reciprocity %s.",
		r.Events, r.SelfEvents, r.Pairs, r.MutualPairs, display.FormatFloat(float64(r.PairReciprocity), 4)),
		"All rows: r.Table() (Arrow), r.Frame() (gota); Kaplan–Meier curves in r.Overall.Survival.")
	return display.Tables{t}
}

// String renders the result as aligned text.
func (r *Result) String() string { return r.Tables().String() }

// HTML renders the result as an HTML table for a notebook.
func (r *Result) HTML() string { return r.Tables().HTML() }

// Markdown renders the result as a Markdown table.
func (r *Result) Markdown() string { return r.Tables().Markdown() }

// Table returns the summary rows (all, within, across, each group) as an
// Arrow record batch with every field of Summary but the curves; the
// caller releases it.
func (r *Result) Table() arrow.RecordBatch {
	rows := r.rows()
	s := func(i int) *Summary { return rows[i].s }
	return display.NewColumns(len(rows)).
		String("units", func(i int) string { return rows[i].name }).
		Int("count", func(i int) int64 { return int64(s(i).Units) }).
		Int("returned", func(i int) int64 { return int64(s(i).Returned) }).
		Int("observable", func(i int) int64 { return int64(s(i).Observable) }).
		Int("returned_observable", func(i int) int64 { return int64(s(i).ReturnedObservable) }).
		Float("p_return", func(i int) float64 { return float64(s(i).PReturn) }).
		Float("p_return_low", func(i int) float64 { return float64(s(i).PReturnCI[0]) }).
		Float("p_return_high", func(i int) float64 { return float64(s(i).PReturnCI[1]) }).
		Float("p_return_km", func(i int) float64 { return float64(s(i).PReturnKM) }).
		Float("median_seconds_km", func(i int) float64 { return float64(s(i).MedianKM) }).
		String("reason", func(i int) string { return s(i).Reason }).
		Record()
}

// Frame returns Table as a gota data frame.
func (r *Result) Frame() dataframe.DataFrame {
	rec := r.Table()
	defer rec.Release()
	return frames.FromRecord(rec)
}
