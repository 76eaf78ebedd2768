package comrades

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/go-gota/gota/dataframe"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/frames"
)

// Tables renders the result as display tables, the finding first: the
// pooled lift with its interval, the fixed-effects headline (a hazard or
// an odds ratio, by saturation shape) and Poisson rate ratio with theirs,
// then what the lift is made of, the logistic model, and unconditional
// support by quality. Undefined values show the result's reason.
func (r *Result) Tables() display.Tables {
	if r == nil {
		return nil
	}
	v := func(x Number) any { return display.Value(float64(x), r.Reason) }
	t := display.NewTable("Comradeship versus content", "measure", "value", "note")
	t.AddRow("lift", v(r.Lift), "engagement rate of comrades' items / of others' items")
	t.AddRow("lift 95% interval", display.Interval(float64(r.LiftCI[0]), float64(r.LiftCI[1]), 4), "cluster-robust by actor")
	for _, fe := range []struct {
		name, note string
		f          *FixedEffects
	}{
		{headlineName(r.FixedEffects), headlineNote(r.FixedEffects), r.FixedEffects},
		{"Poisson rate ratio", "within actor and author; biased by saturation", r.PoissonFixedEffects},
	} {
		if fe.f == nil {
			continue
		}
		note := fe.note
		if fe.f.Reason != "" {
			note += "; " + fe.f.Reason
		}
		t.AddRow(fe.name, display.Value(float64(fe.f.RateRatio), fe.f.Reason), note)
		how := "cluster-robust by actor and author"
		if fe.f.SpansShapes() {
			how = "spans both shapes; clustered by actor, author"
		}
		t.AddRow(fe.name+" 95% interval", display.Interval(float64(fe.f.CI[0]), float64(fe.f.CI[1]), 4),
			fmt.Sprintf("%s; p = %s", how, display.FormatFloat(float64(fe.f.P), 3)))
	}
	if fe := r.FixedEffects; fe != nil && fe.Alternative != nil && fe.Reason == "" {
		alt := fe.Alternative
		note := fmt.Sprintf("higher likelihood than %s (%s %s)", alt.Model, headlineName(alt), display.FormatFloat(float64(alt.RateRatio), 3))
		switch d := float64(alt.Deviance - fe.Deviance); {
		case alt.Reason != "":
			note = fmt.Sprintf("the %s fit failed: %s", alt.Model, alt.Reason)
		case d <= 1e-9*(1+math.Abs(float64(fe.Deviance))):
			// fitShapes keeps the cloglog on a tie to rounding.
			note = fmt.Sprintf("as likely as %s (%s %s): the default kept", alt.Model, headlineName(alt), display.FormatFloat(float64(alt.RateRatio), 3))
		}
		t.AddRow("saturation shape", fe.Model, note)
	}
	if fe := r.FixedEffects; fe != nil && fe.BiasCorrected != 0 && !math.IsNaN(float64(fe.RateRatio)) {
		why := ""
		if math.IsNaN(float64(fe.BiasCorrected)) {
			why = "no fit on the halves"
		}
		cols := map[string]string{EffectsActorAuthor: "authors", EffectsActorItemGroup: "items x groups"}[fe.Effects]
		if cols == "" {
			cols = "items"
		}
		t.AddRow(headlineName(fe)+", bias-corrected", display.Value(float64(fe.BiasCorrected), why),
			"split-panel jackknife (halves of actors, "+cols+"); no test")
	}
	t.AddRow("comrade share of engagements", v(r.ComradeShare), fmt.Sprintf("%d of %d engagements", r.ComradeEngagements, r.Engagements))
	t.AddRow("comrade share of exposures", v(r.ComradeExposureShare), "what the share would be if comradeship did not matter")
	t.AddRow("comrade engagement rate", v(r.ComradeRate), "")
	t.AddRow("other engagement rate", v(r.OtherRate), "")
	t.AddRow("actors with a lift", r.ActorsWithLift, fmt.Sprintf("median %s; %d above 1, %d below 1 (95%%)", display.FormatFloat(float64(r.ActorLiftMedian), 4), r.ActorsAbove1, r.ActorsBelow1))
	t.AddRow("comrade", string(r.Mode), "exposure: "+string(r.Exposure))
	t.Types = make([]string, 3) // numbers and text mixed: align by content
	t.Notes = append(t.Notes, "All rows: r.Table() (per-actor lifts, Arrow), r.Frame() (gota).")
	out := display.Tables{t}
	if m := r.Model; m != nil && len(m.Terms) > 0 {
		mt := display.NewTable("Logistic model: "+m.Formula, "term", "coefficient", "s.e.", "95% interval", "p")
		for _, term := range m.Terms {
			mt.AddRow(term, display.Value(float64(m.Coef[term]), m.Reason), float64(m.SE[term]),
				display.Interval(float64(m.CILow[term]), float64(m.CIHigh[term]), 4), float64(m.P[term]))
		}
		mt.Notes = append(mt.Notes, fmt.Sprintf("case-control sample: %d rows (%d engaged, %d not); intercept corrected for the sampling", m.Rows, m.Positives, m.Negatives))
		out = append(out, mt)
	}
	if len(r.SupportBins) > 0 {
		st := display.NewTable("Unconditional support by item quality", "quality", "items", "comrades' items engaged", "others' items engaged", "lift")
		for _, b := range r.SupportBins {
			st.AddRow(display.Interval(float64(b.QualityLow), float64(b.QualityHigh), 3), b.Items, float64(b.Support), float64(b.OtherRate), float64(b.Lift))
		}
		out = append(out, st)
	}
	return out
}

// String renders the result as aligned text.
func (r *Result) String() string { return r.Tables().String() }

// HTML renders the result as HTML tables for a notebook.
func (r *Result) HTML() string { return r.Tables().HTML() }

// Markdown renders the result as Markdown tables.
func (r *Result) Markdown() string { return r.Tables().Markdown() }

// Table returns every active actor's lift as an Arrow record batch
// (actor, exposures and engagements of comrades' and others' items, lift
// and its interval, reason); the caller releases it.
func (r *Result) Table() arrow.RecordBatch {
	p := r.PerActor
	return display.NewColumns(len(p)).
		String("actor", func(i int) string { return p[i].Actor }).
		Int("comrade_exposures", func(i int) int64 { return p[i].ComradeExposures }).
		Int("comrade_engaged", func(i int) int64 { return p[i].ComradeEngaged }).
		Int("other_exposures", func(i int) int64 { return p[i].OtherExposures }).
		Int("other_engaged", func(i int) int64 { return p[i].OtherEngaged }).
		Float("lift", func(i int) float64 { return float64(p[i].Lift) }).
		Float("lift_low", func(i int) float64 { return float64(p[i].CI[0]) }).
		Float("lift_high", func(i int) float64 { return float64(p[i].CI[1]) }).
		String("reason", func(i int) string { return p[i].Reason }).
		Record()
}

// Frame returns Table as a gota data frame.
func (r *Result) Frame() dataframe.DataFrame {
	rec := r.Table()
	defer rec.Release()
	return frames.FromRecord(rec)
}

// headlineName names the headline estimate by the shape that was fitted.
func headlineName(fe *FixedEffects) string {
	if fe != nil && fe.Model == ModelLogit {
		return "odds ratio"
	}
	return "hazard ratio"
}

// headlineNote says what the headline compares and which shape it took.
func headlineNote(fe *FixedEffects) string {
	if fe == nil {
		return ""
	}
	within := map[string]string{
		EffectsActorItemGroup: "within actor, and item among the actor's group",
		EffectsActorItem:      "within actor and item",
		EffectsActorAuthor:    "within actor and author",
	}[fe.Effects]
	if within == "" {
		within = "within actor and author"
	}
	return within + " (" + fe.Model + "): report this"
}
