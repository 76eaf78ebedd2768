package homophily

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Options control Summarize.
type Options struct {
	// Weighted uses the merged edge weights (sums of parallel records) for
	// the mixing matrix, r, E-I, Coleman, inbreeding and Freeman. The odds
	// ratio always counts ties. Without a weight column every merged edge
	// weighs its number of records.
	Weighted bool
	// Permutations > 0 runs a permutation test of r with that many shuffles.
	Permutations int
	Seed         uint64                // seed of the permutation test
	Progress     func(done, total int) // progress of the permutation test
}

// Summary gathers every homophily index of one categorical attribute. A
// NaN value has its reason in Reasons under the field's JSON name
// (per-group indices under "coleman.<label>" and "inbreeding.<label>").
// Its JSON form writes NaN as null.
type Summary struct {
	Attribute    string `json:"attribute"`
	Directed     bool   `json:"directed"`
	Weighted     bool   `json:"weighted"`
	Groups       int    `json:"groups"`        // distinct values
	MissingNodes int    `json:"missing_nodes"` // nodes without a value (left out with their edges)
	Edges        int    `json:"edges"`         // simple edges (arcs) between nodes with a value
	EdgesMissing int    `json:"edges_missing"` // simple edges left out for a missing value

	Assortativity   float64 `json:"assortativity"`    // Newman's r, AssortativityFromMixing
	AssortativitySE float64 `json:"assortativity_se"` // Newman's jackknife standard error of r
	EI              float64 `json:"ei"`               // Krackhardt & Stern, EIFromMixing
	Freeman         float64 `json:"freeman"`          // FreemanFromMixing
	ORWG            float64 `json:"orwg"`             // odds ratio of within-group ties, ORWGFromMixing

	Mixing *Mixing `json:"mixing"`
	// Per group, keyed by label.
	Coleman    map[string]float64 `json:"coleman"`         // ColemanFromMixing
	Homophily  map[string]float64 `json:"homophily_index"` // Currarini et al.'s H_i, InbreedingFromMixing
	Inbreeding map[string]float64 `json:"inbreeding"`      // Currarini et al.'s IH_i

	Permutation *Permutation      `json:"permutation,omitempty"` // when Options.Permutations > 0
	Reasons     map[string]string `json:"reasons,omitempty"`
}

// Summarize computes the mixing matrix of node attribute attr (read as
// categories with n.Categories) and every index derived from it, with
// Newman's jackknife standard error of r and, if asked, a permutation test.
// It returns an error only when the attribute cannot be read; undefined
// values are NaN with a reason.
//
// The standard error is Newman's jackknife, σ_r² = Σ_i (r_i − r)² over the
// edges i, r_i being r without edge i (Newman 2002, Phys. Rev. Lett. 89,
// 208701, doi:10.1103/PhysRevLett.89.208701; Newman 2003). Removing an
// edge changes four sums of the mixing matrix, so each r_i is O(1) and
// nothing is rebuilt.
//
// Cost: one pass over the edges for the mixing matrix, O(groups²) for the
// jackknife without weights (one pass with weights), one pass per
// permutation.
func Summarize(n *network.Network, attr string, opt Options) (*Summary, error) {
	cat, err := n.Categories(attr)
	if err != nil {
		return nil, fmt.Errorf("homophily: %w", err)
	}
	s := n.Simple()
	mix, err := MixingFromCodes(s, cat.Codes, cat.Labels, opt.Weighted)
	if err != nil {
		return nil, err
	}
	var se float64
	if opt.Weighted {
		se = jackknifeEdges(s, cat.Codes, mix.Matrix())
	} else {
		se = JackknifeCells(mix.Counts, s.Directed)
	}
	out := FromMixing(attr, mix, cat.Missing, opt.Weighted, se)
	if opt.Permutations > 0 {
		p, err := permutationCodes(s, cat.Codes, len(cat.Labels), PermutationOptions{
			Permutations: opt.Permutations, Seed: opt.Seed, Weighted: opt.Weighted, Progress: opt.Progress})
		if err != nil {
			return nil, err
		}
		out.Permutation = p
		if p.Reason != "" {
			if out.Reasons == nil {
				out.Reasons = map[string]string{}
			}
			out.Reasons["permutation"] = p.Reason
		}
	}
	return out, nil
}

// FromMixing computes every index of Summary (but the permutation test)
// from a mixing matrix: mix as MixingFromCodes builds it, the number of
// nodes without a value, whether mix.Weights is to be used, and Newman's
// jackknife standard error se of r (JackknifeCells of the counts without
// weights; the square root of the summed NominalJackknife terms with
// weights). Summarize, and the out-of-core and distributed paths (package
// mergeable), finish through it, so they cannot drift apart.
func FromMixing(attr string, mix *Mixing, missingNodes int, weighted bool, se float64) *Summary {
	out := &Summary{
		Attribute: attr, Directed: mix.Directed, Weighted: weighted,
		Groups: len(mix.Labels), MissingNodes: missingNodes,
		Edges: mix.Edges, EdgesMissing: mix.EdgesMissing,
		Mixing:  mix,
		Coleman: map[string]float64{}, Homophily: map[string]float64{}, Inbreeding: map[string]float64{},
		Reasons: map[string]string{},
	}
	why := func(key, reason string) {
		if reason != "" {
			out.Reasons[key] = reason
		}
	}
	m := mix.Matrix()
	if !weighted {
		m = toFloat(mix.Counts)
	}
	sizes := make([]float64, len(mix.Sizes))
	for i, v := range mix.Sizes {
		sizes[i] = float64(v)
	}
	var reason string
	out.Assortativity, reason = AssortativityFromMixing(m)
	why("assortativity", reason)
	if len(mix.Labels) == 1 {
		out.Reasons["assortativity"] = fmt.Sprintf("only one group (%q) has members, so assortativity is undefined", mix.Labels[0])
	}
	if math.IsNaN(out.Assortativity) {
		out.AssortativitySE = math.NaN()
		why("assortativity_se", "the assortativity itself is undefined")
	} else {
		out.AssortativitySE = se
		if math.IsNaN(se) {
			why("assortativity_se", "removing a single edge leaves r undefined, so the jackknife error is undefined")
		}
	}
	out.EI, reason = EIFromMixing(m)
	why("ei", reason)
	out.Freeman, reason = FreemanFromMixing(m, sizes)
	why("freeman", reason)
	out.ORWG, reason = ORWGFromMixing(toFloat(mix.Counts), sizes)
	why("orwg", reason)
	col, colWhy := ColemanFromMixing(m, sizes)
	h, ih, ihWhy := InbreedingFromMixing(m, sizes)
	for i, l := range mix.Labels {
		out.Coleman[l] = col[i]
		why("coleman."+l, colWhy[i])
		out.Homophily[l] = h[i]
		out.Inbreeding[l] = ih[i]
		why("inbreeding."+l, ihWhy[i])
	}
	if len(out.Reasons) == 0 {
		out.Reasons = nil
	}
	return out
}

// MarshalJSON writes the summary with NaN as null.
func (s *Summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Attribute       string                    `json:"attribute"`
		Directed        bool                      `json:"directed"`
		Weighted        bool                      `json:"weighted"`
		Groups          int                       `json:"groups"`
		MissingNodes    int                       `json:"missing_nodes"`
		Edges           int                       `json:"edges"`
		EdgesMissing    int                       `json:"edges_missing"`
		Assortativity   jsonnum.Number            `json:"assortativity"`
		AssortativitySE jsonnum.Number            `json:"assortativity_se"`
		EI              jsonnum.Number            `json:"ei"`
		Freeman         jsonnum.Number            `json:"freeman"`
		ORWG            jsonnum.Number            `json:"orwg"`
		Mixing          *Mixing                   `json:"mixing"`
		Coleman         map[string]jsonnum.Number `json:"coleman"`
		Homophily       map[string]jsonnum.Number `json:"homophily_index"`
		Inbreeding      map[string]jsonnum.Number `json:"inbreeding"`
		Permutation     *Permutation              `json:"permutation,omitempty"`
		Reasons         map[string]string         `json:"reasons,omitempty"`
	}{s.Attribute, s.Directed, s.Weighted, s.Groups, s.MissingNodes, s.Edges, s.EdgesMissing,
		jsonnum.Number(s.Assortativity), jsonnum.Number(s.AssortativitySE), jsonnum.Number(s.EI), jsonnum.Number(s.Freeman), jsonnum.Number(s.ORWG),
		s.Mixing, jsonnum.Numbers(s.Coleman), jsonnum.Numbers(s.Homophily), jsonnum.Numbers(s.Inbreeding), s.Permutation, s.Reasons})
}

// MarshalJSON writes the test result with NaN as null (the null
// distribution itself is left out).
func (p *Permutation) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Observed     jsonnum.Number `json:"observed"`
		Permutations int            `json:"permutations"`
		Seed         uint64         `json:"seed"`
		NullMean     jsonnum.Number `json:"null_mean"`
		NullSD       jsonnum.Number `json:"null_sd"`
		Greater      jsonnum.Number `json:"p_greater"`
		Less         jsonnum.Number `json:"p_less"`
		TwoSided     jsonnum.Number `json:"p_two_sided"`
		Reason       string         `json:"reason,omitempty"`
	}{jsonnum.Number(p.Observed), p.Permutations, p.Seed, jsonnum.Number(p.NullMean), jsonnum.Number(p.NullSD), jsonnum.Number(p.Greater), jsonnum.Number(p.Less), jsonnum.Number(p.TwoSided), p.Reason})
}

// MarshalJSON writes the result with NaN as null.
func (x *Numeric) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Attribute    string         `json:"attribute"`
		R            jsonnum.Number `json:"r"`
		SE           jsonnum.Number `json:"se"`
		Edges        int            `json:"edges"`
		EdgesMissing int            `json:"edges_missing"`
		MissingNodes int            `json:"missing_nodes"`
		Reason       string         `json:"reason,omitempty"`
	}{x.Attribute, jsonnum.Number(x.R), jsonnum.Number(x.SE), x.Edges, x.EdgesMissing, x.MissingNodes, x.Reason})
}

// String renders the summary as an aligned plain-text report: the indices
// with their reasons when undefined, the mixing matrix with group sizes, and
// the per-group indices.
func (s *Summary) String() string {
	var b strings.Builder
	num := func(x float64) string {
		if math.IsNaN(x) {
			return "NaN"
		}
		return strconv.FormatFloat(x, 'f', 4, 64)
	}
	line := func(name string, x float64, key string) {
		fmt.Fprintf(&b, "  %-26s %10s", name, num(x))
		if r := s.Reasons[key]; r != "" {
			fmt.Fprintf(&b, "   (%s)", r)
		}
		b.WriteByte('\n')
	}
	kind := "undirected edges"
	if s.Directed {
		kind = "arcs"
	}
	fmt.Fprintf(&b, "homophily of %q: %d groups, %d %s", s.Attribute, s.Groups, s.Edges, kind)
	if s.Weighted {
		b.WriteString(" (weighted)")
	}
	fmt.Fprintf(&b, "; left out: %d nodes without a value, %d edges touching them\n", s.MissingNodes, s.EdgesMissing)
	line("assortativity r", s.Assortativity, "assortativity")
	line("  jackknife std. error", s.AssortativitySE, "assortativity_se")
	if p := s.Permutation; p != nil {
		fmt.Fprintf(&b, "  %-26s %10s   (%d permutations, seed %d; null mean %s, sd %s; one-sided %s / %s)\n",
			"  permutation p (2-sided)", num(p.TwoSided), p.Permutations, p.Seed, num(p.NullMean), num(p.NullSD), num(p.Greater), num(p.Less))
	}
	line("E-I index", s.EI, "ei")
	line("Freeman segregation", s.Freeman, "freeman")
	line("odds ratio within groups", s.ORWG, "orwg")
	if s.Mixing == nil || len(s.Mixing.Labels) == 0 {
		return b.String()
	}
	w := 6
	for _, l := range s.Mixing.Labels {
		w = max(w, len(l))
	}
	for _, row := range s.Mixing.Counts {
		for _, v := range row {
			w = max(w, len(strconv.FormatInt(v, 10)))
		}
	}
	if s.Directed {
		b.WriteString("mixing matrix (rows: source group, columns: target group)\n")
	} else {
		b.WriteString("mixing matrix (each edge counted from both ends)\n")
	}
	fmt.Fprintf(&b, "  %-*s", w, "")
	for _, l := range s.Mixing.Labels {
		fmt.Fprintf(&b, " %*s", w, l)
	}
	fmt.Fprintf(&b, " %8s %8s %8s %10s\n", "size", "Coleman", "H", "inbreeding")
	for i, l := range s.Mixing.Labels {
		fmt.Fprintf(&b, "  %-*s", w, l)
		for _, v := range s.Mixing.Counts[i] {
			fmt.Fprintf(&b, " %*d", w, v)
		}
		fmt.Fprintf(&b, " %8d %8s %8s %10s\n", s.Mixing.Sizes[i], num(s.Coleman[l]), num(s.Homophily[l]), num(s.Inbreeding[l]))
	}
	return b.String()
}
