package echo

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/go-gota/gota/dataframe"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/frames"
)

// Tables renders the result: the correlation of each actor's leaning with
// their neighbours' (the finding), exposure entropy and the random-walk
// controversy, undefined values with their reasons.
func (r *Result) Tables() display.Tables {
	if r == nil {
		return nil
	}
	t := display.NewTable("Echo chambers", "measure", "value", "note")
	t.AddRow("correlation of own and neighbours' leaning", display.Value(r.Correlation, r.Reason), fmt.Sprintf("%d actors with both (Cinelli et al. 2021)", r.Pairs))
	t.AddRow("mean exposure entropy over groups (nats)", display.Value(r.MeanGroupEntropy, r.Reason), fmt.Sprintf("over %d engaging actors", r.Engaging))
	t.AddRow("mean exposure entropy over leanings (nats)", display.Value(r.MeanLeaningEntropy, r.Reason), "")
	if w := r.RWC; w != nil {
		t.AddRow("random-walk controversy", display.Value(w.RWC, w.Reason), fmt.Sprintf("sides %s and %s (Garimella et al. 2018)", w.Sides[0], w.Sides[1]))
	} else {
		t.AddRow("random-walk controversy", display.Undefined{Reason: "random-walk controversy: " + r.RWCReason}, "")
	}
	t.Types = make([]string, 3)
	t.Notes = append(t.Notes, "All actors: r.Table() (Arrow), r.Frame() (gota).")
	return display.Tables{t}
}

// String renders the result as aligned text.
func (r *Result) String() string { return r.Tables().String() }

// HTML renders the result as an HTML table for a notebook.
func (r *Result) HTML() string { return r.Tables().HTML() }

// Markdown renders the result as a Markdown table.
func (r *Result) Markdown() string { return r.Tables().Markdown() }

// Table returns every actor's row as an Arrow record batch (id, own and
// neighbours' leaning, engagements, items produced, neighbours, exposure
// entropies); the caller releases it.
func (r *Result) Table() arrow.RecordBatch {
	a := r.Actors
	return display.NewColumns(len(a)).
		String("actor", func(i int) string { return r.Person(int32(i)) }).
		Float("leaning", func(i int) float64 { return a[i].Leaning }).
		Float("neighbour_leaning", func(i int) float64 { return a[i].NeighbourLeaning }).
		Int("engagements", func(i int) int64 { return int64(a[i].Engagements) }).
		Int("produced", func(i int) int64 { return int64(a[i].Produced) }).
		Int("neighbours", func(i int) int64 { return int64(a[i].Neighbours) }).
		Float("group_entropy", func(i int) float64 { return a[i].GroupEntropy }).
		Float("group_entropy_norm", func(i int) float64 { return a[i].GroupEntropyNorm }).
		Float("leaning_entropy", func(i int) float64 { return a[i].LeaningEntropy }).
		Float("leaning_entropy_norm", func(i int) float64 { return a[i].LeaningEntropyNorm }).
		Record()
}

// Frame returns Table as a gota data frame.
func (r *Result) Frame() dataframe.DataFrame {
	rec := r.Table()
	defer rec.Release()
	return frames.FromRecord(rec)
}
