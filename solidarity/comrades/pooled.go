package comrades

import (
	"math"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/interval"
)

// GroupLift is the comrade lift of the actors of one group: the pooled
// engagement rate of their comrade exposures over that of their other
// exposures, with the 95% interval clustered by actor of Result.LiftCI,
// restricted to the group's actors.
type GroupLift struct {
	Group  string    `json:"group"`
	Actors int       `json:"actors"`
	Lift   Number    `json:"lift"`
	CI     [2]Number `json:"lift_ci"`
	Reason string    `json:"reason,omitempty"`
}

// pooledLift is the lift pooled over actors (clusters),
//
//	L = (X1/N1) / (X0/N0),   X1 = sum of comrade engagements x1_a, N1 of comrade exposures n1_a, ...
//
// with the 95% interval exp(log L -/+ 1.96 se) of the delta method with
// actors as clusters: log L is linearised per actor,
//
//	z_a = x1_a/X1 - n1_a/N1 - x0_a/X0 + n0_a/N0,   se^2 = m/(m-1) sum_a z_a^2.
//
// With no engagement of one kind the lift is 0 or +Inf and the interval is
// undefined; with no exposure of one kind, or no engagement at all, the
// lift is undefined too. It is the one definition behind Result.Lift and
// GroupLift.
func pooledLift(per []counts) (lift Number, ci [2]Number, reason string) {
	ci = [2]Number{nan, nan}
	var X1, N1, X0, N0 int64
	for _, c := range per {
		X1 += c.x1
		N1 += c.n1
		X0 += c.x0
		N0 += c.n0
	}
	lift = Number(float64(ratio(X1, N1)) / float64(ratio(X0, N0)))
	switch {
	case N1 == 0 || N0 == 0:
		return nan, ci, "every exposure is of one kind (all comrade or all other), so the lift is undefined"
	case X1 == 0 && X0 == 0:
		return nan, ci, "no engagement of comrade items nor of other items, so the lift is undefined"
	case X1 == 0 || X0 == 0:
		return lift, ci, "no engagement of comrade items or none of other items, so the lift is 0 or infinite and its interval undefined"
	case len(per) < 2:
		return lift, ci, "one actor: the cluster-robust interval needs at least two"
	}
	var ss float64
	for _, c := range per {
		z := float64(c.x1)/float64(X1) - float64(c.n1)/float64(N1) - float64(c.x0)/float64(X0) + float64(c.n0)/float64(N0)
		ss += z * z
	}
	m := float64(len(per))
	se := math.Sqrt(ss * m / (m - 1))
	l := math.Log(float64(lift))
	return lift, [2]Number{Number(math.Exp(l - interval.Z95*se)), Number(math.Exp(l + interval.Z95*se))}, ""
}

// LiftByGroup pools the exposure counts of r.PerActor by the actor's group
// (ev's actors table) and returns each group's lift with its clustered
// interval, in the order of ev.Groups; nil without groups.
func LiftByGroup(ev *events.Events, r *Result) []GroupLift {
	if ev.Group == nil || len(ev.Groups) == 0 || len(r.PerActor) == 0 {
		return nil
	}
	dense := make(map[string]int32, ev.NumPeople())
	for i := 0; i < ev.NumPeople(); i++ {
		dense[ev.People.String(int32(i))] = int32(i)
	}
	per := make([][]counts, len(ev.Groups))
	for _, a := range r.PerActor {
		i, ok := dense[a.Actor]
		if !ok || int(i) >= len(ev.Group) || ev.Group[i] < 0 {
			continue
		}
		per[ev.Group[i]] = append(per[ev.Group[i]], counts{n1: a.ComradeExposures, x1: a.ComradeEngaged, n0: a.OtherExposures, x0: a.OtherEngaged})
	}
	out := make([]GroupLift, len(ev.Groups))
	for g, label := range ev.Groups {
		l, ci, reason := pooledLift(per[g])
		out[g] = GroupLift{Group: label, Actors: len(per[g]), Lift: l, CI: ci, Reason: reason}
	}
	return out
}
