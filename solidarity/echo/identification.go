package echo

// identification states what the echo measures compare with and what
// they cannot tell, for Result.Baseline and Result.Caveats.
func (r *Result) identification() {
	net := "the engagement network (i's neighbours are the authors whose items i engaged)"
	if r.Options.Network != nil {
		net = "the given network (Options.Network / --follows)"
	}
	r.Baseline = "none: the leaning correlation, the exposure entropies and RWC are descriptive; they are not compared with a null network or a null engagement model. Neighbours come from " + net + "."
	r.Caveats = []string{
		"A high correlation between an actor's leaning and its neighbours' is what selective exposure, homophilous tie formation, shared tastes and a feed that shows like-minded content all produce: these measures do not tell them apart, nor show that anyone engages out of solidarity.",
	}
	if r.Options.Network == nil && r.Options.Basis != BasisProduced {
		r.Caveats = append(r.Caveats, "Leanings come from the same engagements that make the neighbour network, which pushes the correlation up by construction; a network observed independently (--follows) avoids that.")
	}
	if r.RWC != nil {
		if r.RWC.Variant == RWCReleased {
			r.Caveats = append(r.Caveats, "RWC follows the authors' released code (random endpoints, simulated walks): it is random and differs from the paper's definition; report the variant and seed.")
		} else {
			r.Caveats = append(r.Caveats, "RWC follows the paper's definition (top-degree endpoints); the authors' released code gives other values (--rwc-variant released). It has no null: compare it with the same network's RWC under shuffled sides before calling it controversy.")
		}
	}
}
