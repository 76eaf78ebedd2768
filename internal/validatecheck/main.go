// Command validatecheck fails when the detectability card written by
// 'solidarity validate --out DIR' (DIR/validation.json) shows a detector
// that the toolkit reports as its headline firing on a null world beyond
// sampling error: the fixed-effects hazard ratio of comrades and the
// coordination test. The detectors kept for contrast (the Poisson rate
// ratio, pooled lift, exposure "all", coordination without a null) are expected to fail and are not
// checked. Used by scripts/test.sh.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/algosolidarity/toolkit/solidarity/validate"
)

// headline are the detectors whose calibration is a promise.
var headline = map[string]bool{
	"comrades: fixed-effects hazard ratio": true,
	"coordination: clusters at q < 0.05":   true,
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: validatecheck DIR/validation.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var card validate.Card
	if err := json.Unmarshal(data, &card); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	bad := 0
	for _, c := range card.Cells {
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
	if bad > 0 {
		os.Exit(1)
	}
	fmt.Printf("validation: %d cells, headline detectors calibrated on every null\n", len(card.Cells))
}
