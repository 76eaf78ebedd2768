package trending

// identification states what the rank lift compares with and what it
// cannot tell, for Result.Baseline and Result.Caveats.
func (r *Result) identification() {
	rule := "an engagement is a comrade's when its actor is in its item's author's group"
	if r.Options.Comrade != nil {
		rule = "comrade engagements are the events flagged in Options.Comrade"
	}
	r.Baseline = "counterfactual: the same trending rule recomputed without comrade engagement (" + rule + "), every other engagement held as observed."
	r.Caveats = []string{
		"The counterfactual assumes nobody else's engagement would change without the comrades' (no feedback from ranks to engagement); on a platform whose ranking drives exposure, the true lift can be larger or smaller.",
		"The rule is this toolkit's transparent trending rule, not any platform's: the lift says what comrade engagement does under this rule.",
		"Comrade engagement is not shown to be solidarity: same-group accounts also engage each other's items because they see them more and share tastes.",
	}
	if r.Options.Groups == nil && r.Options.Comrade == nil {
		r.Caveats = append(r.Caveats, "No groups and no comrade flags: no engagement is a comrade's, so the lift is not identified (every rank lift is 0 by construction, not by finding).")
	}
}
