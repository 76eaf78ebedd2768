package trending

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/go-gota/gota/dataframe"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/frames"
)

// Tables renders the result: each group's amplification by the trending
// rule with and without comrade engagement (the finding), then the counts
// behind it. Undefined values show the result's reason.
func (r *Result) Tables() display.Tables {
	if r == nil {
		return nil
	}
	o := r.Options
	t := display.NewTable(fmt.Sprintf("Amplification by the trending rule (top %d every %gs, window %gs)", o.TopK, o.Step, o.Window),
		"group", "amplification", "without comrade engagement", "share of top slots", "share of items", "items")
	for _, g := range r.Groups {
		t.AddRow(g.Label, display.Value(g.Amplification, r.Reason), display.Value(g.AmplificationCF, r.Reason), g.TopShare, g.ItemShare, g.Items)
	}
	if len(r.Groups) == 0 {
		t.AddRow("(no groups)", display.Value(math.NaN(), r.Reason), nil, nil, nil, len(r.Items))
	}
	t.Notes = append(t.Notes,
		"Amplification = share of top slots / share of items (Huszár et al. 2022); above 1 the rule amplifies the group.",
		fmt.Sprintf("%d events, %d by comrades; %d evaluation times, %d top slots filled (%d without comrade engagement).", r.Events, r.Comrade, len(r.Times), r.Filled, r.FilledCF),
		"All items: r.Table() (Arrow), r.Frame() (gota).")
	return display.Tables{t}
}

// String renders the result as aligned text.
func (r *Result) String() string { return r.Tables().String() }

// HTML renders the result as an HTML table for a notebook.
func (r *Result) HTML() string { return r.Tables().HTML() }

// Markdown renders the result as a Markdown table.
func (r *Result) Markdown() string { return r.Tables().Markdown() }

// Table returns every item's ranking as an Arrow record batch (item and
// author ids, group, peak ranks and top slots with and without comrade
// engagement, rank lift, engagements); the caller releases it.
func (r *Result) Table() arrow.RecordBatch {
	it := r.Items
	return display.NewColumns(len(it)).
		String("item", func(i int) string { return r.Item(it[i].Item) }).
		String("author", func(i int) string { return r.Person(it[i].Author) }).
		Int("group", func(i int) int64 { return int64(it[i].Group) }).
		Int("peak_rank", func(i int) int64 { return int64(it[i].PeakRank) }).
		Int("peak_rank_cf", func(i int) int64 { return int64(it[i].PeakRankCF) }).
		Int("slots", func(i int) int64 { return int64(it[i].Slots) }).
		Int("slots_cf", func(i int) int64 { return int64(it[i].SlotsCF) }).
		Int("rank_lift", func(i int) int64 { return int64(it[i].RankLift) }).
		Int("engaged", func(i int) int64 { return int64(it[i].Engaged) }).
		Int("comrade", func(i int) int64 { return int64(it[i].Comrade) }).
		Record()
}

// Frame returns Table as a gota data frame.
func (r *Result) Frame() dataframe.DataFrame {
	rec := r.Table()
	defer rec.Release()
	return frames.FromRecord(rec)
}
