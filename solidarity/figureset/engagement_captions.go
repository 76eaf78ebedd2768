package figureset

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// The words of the engagement figure set: captions, rules in plain words,
// number formats and the Markdown report.

func modelCaption(m *comrades.Model) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Logistic model %s, fitted on %d actor x item pairs (%d engaged)", m.Formula, m.Rows, m.Positives)
	if m.NegativeRate < 1 || m.PositiveRate < 1 {
		fmt.Fprintf(&b, ", a case-control sample with the intercept corrected")
	}
	fmt.Fprintf(&b, ": each term's coefficient (log-odds) with its 95%% interval; 0 is no effect.")
	for _, t := range m.Terms {
		if t == "intercept" {
			fmt.Fprintf(&b, " Intercept %s.", fmtf(float64(m.Coef[t])))
			continue
		}
		fmt.Fprintf(&b, " %s: %s (odds ratio %s).", t, fmtf(float64(m.Coef[t])), fmtf(math.Exp(float64(m.Coef[t]))))
	}
	if len(m.Terms) > 2 {
		b.WriteString(" The terms enter together, so each is measured holding the others fixed.")
	}
	return b.String()
}

// comradeRule says in words who counts as a comrade under mode.
func comradeRule(mode comrades.Mode, follows bool) string {
	tie := "prior mutual engagement"
	if follows {
		tie = "mutual follow"
	}
	switch mode {
	case comrades.ModeGroup:
		return "same group"
	case comrades.ModeReciprocal:
		return tie
	case comrades.ModeEither:
		return tie + " or same group"
	}
	return string(mode)
}

// exposureRule says in words which items an actor is taken to have seen.
func exposureRule(exposure comrades.Exposure) string {
	switch exposure {
	case comrades.ExposureFollows:
		return "the items of the accounts they follow"
	case comrades.ExposureAll:
		return "every item"
	}
	return string(exposure)
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "undefined"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

func short(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return fmt.Sprint(x)
	}
	return fmt.Sprintf("%.2g", x)
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func humanSeconds(s float64) string {
	switch {
	case math.IsNaN(s):
		return "an undefined time"
	case math.IsInf(s, 1):
		return "any time"
	case s >= 86400 && math.Mod(s, 86400) == 0:
		return plural(s/86400, "day")
	case s >= 3600 && math.Mod(s, 3600) == 0:
		return plural(s/3600, "hour")
	case s >= 60 && math.Mod(s, 60) == 0:
		return plural(s/60, "minute")
	}
	return plural(math.Round(s*10)/10, "second")
}

func plural(v float64, unit string) string {
	if v == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%g %ss", v, unit)
}

// Markdown is a short table of the headline numbers, for report.md.
func (st *EngagementStats) Markdown() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "| quantity | value |\n|---|---|\n")
	row := func(k, v string) { fmt.Fprintf(&b, "| %s | %s |\n", k, v) }
	row("events", fmt.Sprint(st.Events))
	row("people (actors and authors)", fmt.Sprint(st.People))
	row("items", fmt.Sprint(st.Items))
	if len(st.Groups) > 0 {
		row("groups", strings.Join(st.Groups, ", "))
	}
	if c := st.Comrades; c != nil {
		row("comrade share of engagement / of exposure", pct(float64(c.ComradeShare))+" / "+pct(float64(c.ComradeExposureShare)))
		row("comrade lift (95% CI)", fmt.Sprintf("%s (%s to %s)", fmtf(float64(c.Lift)), fmtf(float64(c.LiftCI[0])), fmtf(float64(c.LiftCI[1]))))
		if m := c.Model; m != nil && m.Reason == "" {
			for _, t := range m.Terms {
				row("model: "+t+" (95% CI)", fmt.Sprintf("%s (%s to %s)", fmtf(float64(m.Coef[t])), fmtf(float64(m.CILow[t])), fmtf(float64(m.CIHigh[t]))))
			}
		}
	}
	if r := st.Reciprocity; r != nil {
		row(fmt.Sprintf("first contacts returned within %s (95%% CI)", humanSeconds(r.WindowSeconds)),
			fmt.Sprintf("%s (%s to %s)", fmtf(float64(r.Overall.PReturn)), fmtf(float64(r.Overall.PReturnCI[0])), fmtf(float64(r.Overall.PReturnCI[1]))))
	}
	if t := st.Trending; t != nil {
		for _, g := range sortedNumberKeys(t.Amplification) {
			row("amplification of group "+g+" (without comrades)", fmt.Sprintf("%s (%s)", fmtf(float64(t.Amplification[g])), fmtf(float64(t.AmplificationCF[g]))))
		}
	}
	if c := st.Coordination; c != nil {
		if w := float64(c.WindowSeconds); math.IsNaN(w) {
			row("coordination window", "undefined: "+orText(c.Reason, "see engagement.json"))
		} else {
			row("coordination window", humanSeconds(w))
		}
		row("coordinated clusters", fmt.Sprint(len(c.Clusters)))
	}
	if e := st.Echo; e != nil {
		row("leaning vs neighbours' leaning, r", fmtf(float64(e.Correlation)))
		row("mean exposure entropy of groups (nats)", fmtf(float64(e.MeanGroupEntropy)))
	}
	return b.String()
}

func sortedNumberKeys(m map[string]trending.Number) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
