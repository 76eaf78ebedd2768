package reciprocal

// identification states what the return shares compare with and what they
// cannot tell, for Result.Baseline and Result.Caveats.
func (r *Result) identification() {
	r.Baseline = "none: p_return is the share of engagements u -> v followed by v -> u within the window, Kaplan-Meier corrected for censoring; it is not compared with how often v engages accounts u did not engage first."
	r.Caveats = []string{
		"A return is not shown to be caused by the first engagement: active accounts and popular authors engage each other often whatever came first, so a high share can come from activity and popularity alone; compare with a baseline of v's engagement of similar accounts before calling it reciprocity.",
		"Within- versus across-group differences mix group homophily in exposure (who sees whom) with any norm of returning engagement; without exposure data they do not identify solidarity.",
	}
}
