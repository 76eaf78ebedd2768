package comrades

import (
	"errors"
	"fmt"
	"math"
)

// ErrExposureUnstated is returned by Analyze when Options.Exposure is empty
// and there is no follow network to define exposure. Analyze refuses to
// guess: with every item counted as seen (ExposureAll), exposure homophily
// (feeds, recommendations and communities that show people their own side
// more often) produces the same lift as a comrade preference, and the two
// cannot be told apart without exposure data.
var ErrExposureUnstated = errors.New("comrades: say which items each actor could have seen: " +
	"give a follow network (Options.Follows, --follows FILE) so exposure is the feed, or choose " +
	"Exposure = ExposureAll (--exposure all) knowing that the lift then also measures exposure homophily, " +
	"which a comrade preference cannot be told apart from without exposure data")

// Sensitivity bounds what unrecorded exposure would have to do to explain
// the observed lift.
//
// If comrades' items are seen k times as often as other items in exposure
// the data do not record (feeds ranked by affinity, recommendations, shared
// communities), engagement with no comrade preference shows a lift of k.
// ExposureRatio is therefore the lift itself: the exposure ratio that
// explains it entirely; ExposureRatioCI is the ratio that explains the
// lower (or, for lifts below 1, upper) end of the interval, the one to
// compare with what is known of the platform. EValue is VanderWeele and
// Ding's E-value for the rate ratio (Ann. Intern. Med. 2017,
// doi:10.7326/M16-2607): the strength of association, on the risk-ratio
// scale, that an unmeasured confounder would need with both comradeship and
// engagement to explain the lift away; EValueCI the same for the interval's
// end nearest 1 (1 when the interval covers 1).
type Sensitivity struct {
	ExposureRatio   Number `json:"exposure_ratio_to_explain"`
	ExposureRatioCI Number `json:"exposure_ratio_to_explain_ci"`
	EValue          Number `json:"e_value"`
	EValueCI        Number `json:"e_value_ci"`
}

// eValue is VanderWeele and Ding's E-value of a rate ratio rr (rr < 1 is
// inverted first).
func eValue(rr float64) float64 {
	if math.IsNaN(rr) || rr <= 0 {
		return math.NaN()
	}
	if rr < 1 {
		rr = 1 / rr
	}
	return rr + math.Sqrt(rr*(rr-1))
}

func sensitivity(r *Result) Sensitivity {
	l, lo, hi := float64(r.Lift), float64(r.LiftCI[0]), float64(r.LiftCI[1])
	s := Sensitivity{ExposureRatio: Number(l), ExposureRatioCI: nan, EValue: Number(eValue(l)), EValueCI: nan}
	switch {
	case lo > 1:
		s.ExposureRatioCI, s.EValueCI = Number(lo), Number(eValue(lo))
	case hi < 1:
		s.ExposureRatioCI, s.EValueCI = Number(hi), Number(eValue(hi))
	case lo <= 1 && hi >= 1:
		s.ExposureRatioCI, s.EValueCI = 1, 1
	}
	return s
}

// caveats states what the result cannot tell under its exposure model.
func (a *analysis) caveats(r *Result) []string {
	var c []string
	switch a.exposure {
	case ExposureAll:
		c = append(c, fmt.Sprintf("Exposure was not observed: every item by anyone else was counted as seen (exposure \"all\"). "+
			"Comrades' items may be seen more often than others' (feeds, recommendations, shared communities); "+
			"if they were seen %s times as often, the lift of %s is explained without any comrade preference. "+
			"The lift measures comrade preference and exposure homophily together.",
			fmtNum(float64(r.Sensitivity.ExposureRatio)), fmtNum(float64(r.Lift))))
	case ExposureFollows:
		c = append(c, "Exposure is the feed of followed authors; items seen in other ways (recommendations, search, reshares) are not counted"+
			fmt.Sprintf(" (%d engagements fell outside the feed and were left out of the lift and the model).", r.OutsideExposure)+
			" If recommendations favour comrades' items, part of the lift is exposure, not preference.")
	}
	if a.ev.Posts == nil {
		c = append(c, "No items table: items nobody engaged with are missing from the exposure sets, which raises both rates; "+
			"the lift and the fixed-effects ratios compare them evenly only if unengaged items are as common among comrades' items as among others'.")
	}
	c = append(c, "The pooled lift compares exposures of different actors and authors: active actors and popular authors weigh more, "+
		"and when comradeship is spread unevenly over them the lift moves without any comrade preference. "+
		"The fixed-effects ratio (fixed_effects: one trial per exposure, P(engage | exposed) = 1 - exp(-r) or r/(1+r), "+
		"r = exp(actor + item + comrade), the estimate of the shape of higher likelihood, named in its shape field, "+
		"with an interval that spans both shapes, so that no choice of shape decides the finding; "+
		"the first is a hazard ratio, the second an odds ratio, equal only for rare engagement, so where engagement saturates read the other shape's estimate in alternative too) "+
		"compares comrade and other exposures of the same actor and of the same item, and is the estimate to report. "+
		"With reciprocal comrades and actor groups in the data it compares them among actors of the same group (effects actor+item*group), "+
		"so tastes shared along group lines do not pass for comradeship; without groups, or when comradeship is group membership, they can. "+
		"It still cannot separate comradeship from what varies with it within an actor-author pair (personal tastes, private contact), "+
		"and it assumes the actor's and the item's rates multiply. "+
		"The Poisson rate ratio (fixed_effects_poisson) assumes expected counts multiply, which fails where active actors engage popular authors' posts almost always: "+
		"there it is pulled below 1 with no comrade preference (0.96, a false positive in half the seeds of docs/validation.md's world with every confounder at once).")
	if fe := r.FixedEffects; fe != nil && fe.Effects != EffectsActorAuthor && float64(fe.BiasCorrected) > 0 && !math.IsInf(float64(fe.BiasCorrected), 0) {
		per := ","
		if fe.Effects == EffectsActorItemGroup {
			per = " and group,"
		}
		c = append(c, fmt.Sprintf("The fixed-effects interval tests whether comrades are preferred at all; it is not an interval for how much. "+
			"With one effect per actor and per item%s a real preference reads too far from 1 (comrades planted at 3 times read 3.27, the interval missing 3 in 20 of 20 seeds: docs/methods/inference.md); "+
			"for the size, report bias_corrected_rate_ratio (%s here against %s; split-panel jackknife, which read 3.04 there).",
			per, fmtNum(float64(fe.BiasCorrected)), fmtNum(float64(fe.RateRatio))))
	}
	return c
}

func fmtNum(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "undefined"
	}
	return fmt.Sprintf("%.3g", x)
}
