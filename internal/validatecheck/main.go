// Command validatecheck fails when the detectability card written by
// 'solidarity validate --out DIR' (DIR/validation.json) shows a detector
// that the toolkit reports as its headline firing on a null world beyond
// sampling error, on any one null world or pooled over all of them: the
// fixed-effects ratio of comrades and the coordination test. The detectors kept for contrast (the Poisson rate
// ratio, pooled lift, exposure "all", coordination without a null) are expected to fail and are not
// checked. Used by scripts/test.sh.
package main

import (
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/validate"
)

// headline are the detectors whose calibration is a promise.
var headline = map[string]bool{
	"comrades: fixed-effects ratio (headline)": true,
	"coordination: clusters at q < 0.05":       true,
}

// known are the headline cells measured as not calibrated and not yet
// fixed (issue 10): printed on every run, not counted as failures, so that
// a new failure still stops CI. Remove an entry once the card passes it.
var known = map[[2]string]string{
	// Empty since the card of 4 December (the headline's interval spanning
	// both saturation shapes): every null world 1-3 of 40, 28 of 440
	// pooled. Before: popularity and confounded-random-follows at 5 of 40,
	// 38 of 440 pooled.
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: validatecheck DIR/validation.json")
		os.Exit(2)
	}
	// ReadCard bounds the file, checks each cell's counts and computes the
	// rates again from them: the verdict follows from what was counted,
	// not from the rate_lo a file states.
	card, err := validate.ReadCard(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bad, nKnown := 0, 0
	for _, c := range card.Cells {
		if why, ok := known[[2]string{c.Detector, c.Preset}]; ok && c.Null && !c.Calibrated() {
			fmt.Printf("KNOWN, NOT CALIBRATED (issue 10): %s on %s: %d of %d seeds, 95%% interval [%.2f, %.2f]: %s\n",
				c.Detector, c.Preset, c.Found, c.Seeds, c.Lo, c.Hi, why)
			nKnown++
			continue
		}
		if c.Null && headline[c.Detector] && !c.Calibrated() {
			fmt.Printf("NOT CALIBRATED: %s on %s (size %g): %d of %d seeds, 95%% interval [%.2f, %.2f] above 5%%\n",
				c.Detector, c.Preset, c.Size, c.Found, c.Seeds, c.Lo, c.Hi)
			bad++
		}
		if c.Errors > 0 {
			fmt.Printf("ERRORS: %s on %s: %d seeds failed\n", c.Detector, c.Preset, c.Errors)
			bad++
		}
	}
	// Pooled over the null worlds: a headline a little over its level on
	// every world is over on the whole, where no single world shows it.
	for _, d := range slices.Sorted(maps.Keys(headline)) {
		p := validate.Pool(card.Cells, d)
		if p.Seeds == 0 {
			continue
		}
		fmt.Printf("%s: %d of %d null seeds pooled (%.1f%%, 95%% interval [%.1f%%, %.1f%%])\n", d, p.Found, p.Seeds, 100*p.Rate, 100*p.Lo, 100*p.Hi)
		if why, ok := known[[2]string{d, p.Preset}]; ok && !p.Calibrated() {
			fmt.Printf("KNOWN, NOT CALIBRATED (issue 10): %s pooled over every null world: %s\n", d, why)
			nKnown++
		} else if !p.Calibrated() {
			fmt.Printf("NOT CALIBRATED: %s pooled over every null world\n", d)
			bad++
		}
	}
	if bad > 0 {
		os.Exit(1)
	}
	if nKnown > 0 {
		fmt.Printf("validation: %d cells, headline detectors calibrated on every null except the %d known above\n", len(card.Cells), nKnown)
		return
	}
	fmt.Printf("validation: %d cells, headline detectors calibrated on every null\n", len(card.Cells))
}
