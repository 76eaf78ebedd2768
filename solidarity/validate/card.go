package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/algosolidarity/toolkit/solidarity/interval"
	"github.com/algosolidarity/toolkit/solidarity/worlds"
)

// Calibrated reports whether a null cell's false-positive rate is
// consistent with the nominal 5%: its 95% Wilson interval reaches down to
// 5% or below.
func (c Cell) Calibrated() bool { return c.Null && c.Lo <= Level }

// Markdown renders the card as the page docs/validation.md holds.
func (card *Card) Markdown() string {
	var b strings.Builder
	o := card.Options
	grid := "full"
	if o.Quick {
		grid = "quick"
	}
	fmt.Fprintf(&b, "# Detectability card\n\n")
	fmt.Fprintf(&b, "How often each analysis reports solidarity or coordination where there is none, and how often it finds what was planted. "+
		"Regenerate with %s (the %s grid: %d seeds per null world, %d per planted size, %d actors, "+
		"%d coordination null redraws; %d worlds in %.0f s).\n\n", o.command(), grid, o.NullSeeds, o.PlantedSeeds, o.Actors, o.Null, card.Worlds, card.Elapsed)
	b.WriteString("The worlds come from package `worlds`, which shares no machinery with the analyses: engagement is a multiplicative rate " +
		"(activity x appeal x popularity x topic taste) turned into a probability by 1 - exp(-rate), the cloglog shape; " +
		"`confounded-logistic` (rate/(1+rate), the logit shape) and `confounded-linear` (min(rate, 1), a shape neither fits) " +
		"check the headline, whose interval spans both a cloglog and a logit fit, on saturation of other shapes. Follows attach to popular authors; " +
		"exposure includes discovery the data do not record. Every detector declares a finding at the 5% level, so on a null world " +
		"it should fire in about 5% of seeds. A rate is marked **over** when its 95% Wilson interval lies wholly above 5%. " +
		"The last row of a detector's table pools its null worlds: a miss too small to show in any one world shows there.\n\n")
	b.WriteString("## Worlds\n\n| world | kind | what it switches on |\n|---|---|---|\n")
	for _, p := range worlds.Presets {
		kind := "null"
		switch {
		case len(p.Sizes) > 0:
			kind = fmt.Sprintf("plants %s, sizes %v", strings.Join(p.Plants, " and "), p.Sizes)
		case len(p.Plants) > 0:
			kind = "plants " + strings.Join(p.Plants, " and ")
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", p.Name, kind, p.Description)
	}
	for _, d := range Detectors {
		fmt.Fprintf(&b, "\n## %s\n\n%s.", d.Name, upper(d.Rule))
		if d.Caveat != "" {
			fmt.Fprintf(&b, " *%s.*", upper(d.Caveat))
		}
		b.WriteString("\n\n| world | size | seeds | found | rate | 95% interval | median estimate | verdict |\n|---|--:|--:|--:|--:|---|--:|---|\n")
		for _, c := range card.Cells {
			if c.Detector != d.Name {
				continue
			}
			size, verdict := "", ""
			if c.Size != 0 {
				size = fmt.Sprintf("%g", c.Size)
			}
			if c.Null {
				verdict = "calibrated"
				if !c.Calibrated() {
					verdict = "**over**"
				}
			} else {
				verdict = "power"
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %.2f | [%.2f, %.2f] | %s | %s |\n",
				c.Preset, size, c.Seeds, c.Found, c.Rate, c.Lo, c.Hi, num(c.Median), verdict)
		}
		if p := Pool(card.Cells, d.Name); p.Seeds > 0 {
			verdict := "calibrated"
			if !p.Calibrated() {
				verdict = "**over**"
			}
			fmt.Fprintf(&b, "| *every null world* | | %d | %d | %.3f | [%.3f, %.3f] | | %s |\n", p.Seeds, p.Found, p.Rate, p.Lo, p.Hi, verdict)
		}
	}
	if len(card.Problems) > 0 {
		b.WriteString("\n## Problems\n\n")
		for _, p := range card.Problems {
			fmt.Fprintf(&b, "- %s\n", p)
		}
	}
	return b.String()
}

// Pool sums a detector's null cells into one: its false-positive rate
// over every null world, with the Wilson interval of the pooled count.
// The pooled count is binomial when the detector holds its level on every
// world and the worlds are independent draws; a pooled rate over 5% is a
// miss too small to show in any one world of 40 seeds. The worlds are not
// quite independent: seed s of every preset starts from the same random
// stream, and a world whose switch the detector does not see repeats
// another's draws (the headline on `ranking` gives plain's estimate to
// the last digit, seed by seed), which counts those seeds twice and makes
// the pooled interval a little too narrow (the card of 4 December: 28 of
// 440 pooled, 25 of 400 distinct draws, [4.3%, 9.1%]). Seeds is 0 when
// the detector has no null cell.
func Pool(cells []Cell, detector string) Cell {
	p := Cell{Detector: detector, Preset: "every null world", Null: true, Median: math.NaN()}
	for _, c := range cells {
		if c.Detector == detector && c.Null {
			p.Seeds += c.Seeds
			p.Found += c.Found
			p.Errors += c.Errors
		}
	}
	if p.Seeds > 0 {
		p.Rate = float64(p.Found) / float64(p.Seeds)
		p.Lo, p.Hi = interval.Wilson(int64(p.Found), int64(p.Seeds))
	}
	return p
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.3g", x)
}

// Figures draws, per detector, its false-positive rate on each null world
// (the 5% level dashed) and its power on each planted size.
func (card *Card) Figures() ([]*figures.Figure, error) {
	var out []*figures.Figure
	for k, d := range Detectors {
		for _, null := range []bool{true, false} {
			var labels []string
			var v, lo, hi []float64
			for _, c := range card.Cells {
				if c.Detector != d.Name || c.Null != null || c.Seeds == 0 {
					continue
				}
				l := c.Preset
				if !null && c.Size != 0 {
					l = fmt.Sprintf("%s, size %g", c.Preset, c.Size)
				}
				labels = append(labels, l)
				v, lo, hi = append(v, c.Rate), append(lo, c.Lo), append(hi, c.Hi)
			}
			if len(labels) == 0 {
				continue
			}
			opt := figures.EstimatesOptions{Title: d.Name, XLabel: "false-positive rate (5% nominal, dashed)", Ref: Level,
				Name: fmt.Sprintf("validation_%d_null", k+1)}
			if !null {
				opt.XLabel, opt.NoRef, opt.Name = "power: share of seeds where it is found", true, fmt.Sprintf("validation_%d_power", k+1)
			}
			f, err := figures.Estimates(labels, []figures.Series{{Values: v, Lo: lo, Hi: hi}}, opt)
			var one *figures.OneValue
			if errors.As(err, &one) {
				continue // a single number is in the table already
			}
			if err != nil {
				return nil, fmt.Errorf("validate: %s: %w", d.Name, err)
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// cellJSON is a Cell as JSON, its fields in Cell's order: its rates and
// median are null where NaN (a cell whose seeds all failed, or whose
// estimates were all undefined), which encoding/json cannot write as
// numbers; without this a card with one such cell failed to save at the
// end of its run. A field added to Cell is added here.
type cellJSON struct {
	Detector string   `json:"detector"`
	Preset   string   `json:"preset"`
	Null     bool     `json:"null"`
	Size     float64  `json:"size"`
	Seeds    int      `json:"seeds"`
	Found    int      `json:"found"`
	Rate     *float64 `json:"rate"`
	Lo       *float64 `json:"rate_lo"`
	Hi       *float64 `json:"rate_hi"`
	Median   *float64 `json:"median_estimate"`
	Errors   int      `json:"errors"`
}

// MarshalJSON writes NaN rates and median as null (ReadCard reads them
// back as NaN).
func (c Cell) MarshalJSON() ([]byte, error) {
	num := func(x float64) *float64 {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return &x
	}
	return json.Marshal(cellJSON{Detector: c.Detector, Preset: c.Preset, Null: c.Null, Size: c.Size, Seeds: c.Seeds, Found: c.Found,
		Rate: num(c.Rate), Lo: num(c.Lo), Hi: num(c.Hi), Median: num(c.Median), Errors: c.Errors})
}

// cell is the Cell a cellJSON holds, null read as NaN. ReadCard decodes
// cells as cellJSON rather than through a Cell.UnmarshalJSON, so that a
// decoding error's offset, and the line ReadCard names, are the file's.
func (j cellJSON) cell() Cell {
	num := func(x *float64) float64 {
		if x == nil {
			return math.NaN()
		}
		return *x
	}
	return Cell{Detector: j.Detector, Preset: j.Preset, Null: j.Null, Size: j.Size, Seeds: j.Seeds, Found: j.Found,
		Rate: num(j.Rate), Lo: num(j.Lo), Hi: num(j.Hi), Median: num(j.Median), Errors: j.Errors}
}

// cardFields is Card without its methods, for ReadCard.
type cardFields Card

// maxCardBytes bounds what ReadCard reads: a full card is about 60 KB.
const maxCardBytes = 16 << 20

// maxCellSeeds bounds a cell's seeds in a card read back: a card runs at
// most 10000 seeds per world (the CLI's bound), and sums of absurd counts
// would overflow Pool's.
const maxCellSeeds = 1_000_000

// ReadCard reads a card written by 'solidarity validate --out' (its
// validation.json), to render it again without running the grid. A card
// from before the JSON carried its options has them zero; Markdown then
// says 0 seeds in its opening line and nothing else changes. Each cell's
// rate and Wilson interval are computed again from its counts, so what
// the card marks calibrated follows from what it counted, not from the
// numbers the file states; a cell of a detector this version does not
// have is an error (Markdown would leave it out without a word).
func ReadCard(path string) (*Card, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCardBytes+1))
	if err != nil {
		return nil, fmt.Errorf("validate: %s: %w", path, err)
	}
	if len(data) > maxCardBytes {
		return nil, fmt.Errorf("validate: %s: over %d MiB, not a card", path, maxCardBytes>>20)
	}
	var raw struct {
		cardFields
		Cells []cellJSON `json:"cells"` // shadows cardFields.Cells
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("validate: %s: not a card (%s)", path, jsonWhere(data, err))
	}
	card := Card(raw.cardFields)
	card.Cells = make([]Cell, len(raw.Cells))
	for i, j := range raw.Cells {
		card.Cells[i] = j.cell()
	}
	if len(card.Cells) == 0 {
		return nil, fmt.Errorf("validate: %s: no cells: not a card written by solidarity validate", path)
	}
	o := card.Options
	for _, x := range []struct {
		name string
		v    int
	}{{"null_seeds", o.NullSeeds}, {"planted_seeds", o.PlantedSeeds}, {"actors", o.Actors}, {"null_redraws", o.Null}, {"worlds", card.Worlds}} {
		if x.v < 0 {
			return nil, fmt.Errorf("validate: %s: %s is %d, want 0 or more", path, x.name, x.v)
		}
	}
	known := map[string]bool{}
	for _, d := range Detectors {
		known[d.Name] = true
	}
	for i := range card.Cells {
		c := &card.Cells[i]
		if !known[c.Detector] {
			return nil, fmt.Errorf("validate: %s: cells[%d] (on %q): detector %q is not one of this version's (%q ...)", path, i, c.Preset, c.Detector, Detectors[0].Name)
		}
		if c.Seeds < 0 || c.Seeds > maxCellSeeds || c.Found < 0 || c.Found > c.Seeds || c.Errors < 0 || c.Errors > maxCellSeeds || c.Seeds+c.Errors == 0 {
			return nil, fmt.Errorf("validate: %s: cells[%d] (%q on %q): want 0 <= found <= seeds <= %d, 0 <= errors <= %d and a seed run or failed, have found %d of %d, errors %d",
				path, i, c.Detector, c.Preset, maxCellSeeds, maxCellSeeds, c.Found, c.Seeds, c.Errors)
		}
		// As Run: a cell whose seeds all failed has no rate.
		c.Rate, c.Lo, c.Hi = math.NaN(), math.NaN(), math.NaN()
		if c.Seeds > 0 {
			c.Rate = float64(c.Found) / float64(c.Seeds)
			c.Lo, c.Hi = interval.Wilson(int64(c.Found), int64(c.Seeds))
		}
	}
	return &card, nil
}

// jsonWhere is a JSON decoding error with the line it happened on.
func jsonWhere(data []byte, err error) string {
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err.Error()
	}
	return fmt.Sprintf("line %d: %v", 1+bytes.Count(data[:off], []byte("\n")), err)
}

// command is the solidarity validate command line that runs the grid o
// describes: the committed card's "--out docs", or the flags of a grid
// other than the default one. Actors and redraws have no flags; a grid
// that changed them (through the package) says so.
func (o Options) command() string {
	d := Options{Quick: o.Quick}.withDefaults()
	cmd := "solidarity validate"
	if o.Quick {
		cmd += " --quick"
	}
	if o.NullSeeds != d.NullSeeds {
		cmd += fmt.Sprintf(" --null-seeds %d", o.NullSeeds)
	}
	if o.PlantedSeeds != d.PlantedSeeds {
		cmd += fmt.Sprintf(" --planted-seeds %d", o.PlantedSeeds)
	}
	if cmd == "solidarity validate" && o.Actors == d.Actors && o.Null == d.Null {
		cmd += " --out docs"
	} else {
		cmd += " --out DIR"
	}
	cmd = "`" + cmd + "`"
	if o.Actors != d.Actors || o.Null != d.Null {
		cmd += fmt.Sprintf(" with validate.Options Actors %d and Null %d", o.Actors, o.Null)
	}
	return cmd
}
