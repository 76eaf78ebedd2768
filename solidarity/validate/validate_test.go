package validate

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A small grid end to end: every detector has a cell for every null and
// target, rates are shares with Wilson intervals, and the two findings the
// card exists to show hold on these seeds: the lift with exposure "all"
// fires on every exposure-homophily world (lift near the 4:1 exposure
// ratio), the fixed-effects estimates on none of the popularity worlds where
// the pooled lift fires on all, and the hazard ratio stays near 1 with every
// confounder at once.
func TestSmallGrid(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 72 worlds")
	}
	card, err := Run(Options{NullSeeds: 3, PlantedSeeds: 1, Actors: 400, Null: 19})
	if err != nil {
		t.Fatal(err)
	}
	if len(card.Problems) > 0 {
		t.Fatalf("problems: %v", card.Problems)
	}
	cell := func(det, preset string) Cell {
		for _, c := range card.Cells {
			if c.Detector == det && c.Preset == preset {
				return c
			}
		}
		t.Fatalf("no cell for %s on %s", det, preset)
		return Cell{}
	}
	for _, c := range card.Cells {
		if c.Rate < 0 || c.Rate > 1 || !(c.Lo <= c.Rate && c.Rate <= c.Hi) {
			t.Errorf("%s on %s: rate %v not within [%v, %v]", c.Detector, c.Preset, c.Rate, c.Lo, c.Hi)
		}
	}
	if c := cell(`comrades: lift with exposure "all"`, "exposure-homophily"); c.Found != c.Seeds || c.Median < 2.5 {
		t.Errorf("exposure all on exposure homophily: found %d of %d, median lift %.2f; want every seed, about 4", c.Found, c.Seeds, c.Median)
	}
	if c := cell("comrades: pooled lift", "popularity"); c.Found != c.Seeds {
		t.Errorf("pooled lift on popularity: found %d of %d; want every seed (the confounding the card shows)", c.Found, c.Seeds)
	}
	for _, det := range []string{"comrades: fixed-effects ratio (headline)", "comrades: fixed-effects Poisson rate ratio"} {
		if c := cell(det, "popularity"); c.Found != 0 || math.Abs(c.Median-1) > 0.1 {
			t.Errorf("%s on popularity: found %d of %d, median %.3f; want none, about 1", det, c.Found, c.Seeds, c.Median)
		}
	}
	if c := cell("comrades: fixed-effects ratio (headline)", "confounded"); math.Abs(c.Median-1) > 0.05 {
		t.Errorf("hazard ratio on confounded: median %.3f; want about 1", c.Median)
	}
	if c := cell("coordination: clusters at q < 0.05", "fast-groups"); c.Null != true {
		t.Errorf("fast groups must be a null for coordination")
	}
	if c := cell("comrades: fixed-effects ratio (headline)", "fast-groups"); c.Null {
		t.Errorf("fast groups plant comradeship: not a null for comrades")
	}
	md := card.Markdown()
	for _, want := range []string{"# Detectability card", "## comrades: fixed-effects ratio (headline)", "| popularity |", "**over**"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if figs, err := card.Figures(); err != nil || len(figs) == 0 {
		t.Errorf("figures: %d, %v", len(figs), err)
	}
}

func TestPoolAndReadCard(t *testing.T) {
	cells := []Cell{
		{Detector: "d", Preset: "a", Null: true, Seeds: 40, Found: 3},
		{Detector: "d", Preset: "b", Null: true, Seeds: 40, Found: 4},
		{Detector: "d", Preset: "c", Null: false, Seeds: 20, Found: 20},
		{Detector: "e", Preset: "a", Null: true, Seeds: 40, Found: 40},
	}
	p := Pool(cells, "d")
	if p.Seeds != 80 || p.Found != 7 || math.Abs(p.Rate-7.0/80) > 1e-12 || !(p.Lo < p.Rate && p.Rate < p.Hi) || !p.Calibrated() {
		t.Errorf("pooled %+v: want 7 of 80 null seeds, calibrated", p)
	}
	// 38 of 440 (the card of 4 December before the headline spanned both
	// shapes): no single world of 40 over by much, the pool over.
	if p := Pool([]Cell{{Detector: "d", Null: true, Seeds: 440, Found: 38}}, "d"); p.Calibrated() {
		t.Errorf("38 of 440 pooled: interval [%.3f, %.3f], want it above 5%%", p.Lo, p.Hi)
	}
	if p := Pool(cells, "none"); p.Seeds != 0 {
		t.Errorf("no cells: %+v", p)
	}

	dir := t.TempDir()
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	named := slices.Clone(cells)
	for i := range named {
		named[i].Detector = Detectors[0].Name
	}
	named = named[:3]
	good, err := json.Marshal(Card{Cells: named, Options: Options{NullSeeds: 40, PlantedSeeds: 20, Actors: 1000, Null: 99}})
	if err != nil {
		t.Fatal(err)
	}
	card, err := ReadCard(write("good.json", string(good)))
	if err != nil || len(card.Cells) != 3 || card.Options.NullSeeds != 40 || !strings.Contains(card.Markdown(), "| *every null world* | | 80 | 7 |") {
		t.Fatalf("round trip: %v, %+v", err, card)
	}
	for name, body := range map[string]string{
		"empty.json":    `{}`,
		"text.json":     `root:x:0:0`,
		"found.json":    `{"cells":[{"detector":"d","seeds":4,"found":5}]}`,
		"negative.json": `{"cells":[{"detector":"d","seeds":-1,"found":0}]}`,
	} {
		if _, err := ReadCard(write(name, body)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
}

// Regression (review4): hostile cards. Each error names the file and what
// was wrong (the field, or the cell, or the line); nothing panics; the
// rates a card states are not trusted.
func TestReadCardHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, body []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	d := Detectors[0].Name
	cell := func(extra string) string {
		return `{"cells":[{"detector":"` + d + `","preset":"popularity","null":true,"seeds":40,"found":1` + extra + `}]}`
	}
	for _, c := range []struct{ name, body, want string }{
		{"string-seeds.json", `{"cells":[{"detector":"` + d + `",` + "\n" + `"seeds":"40"}]}`, "seeds"},
		{"string-seeds-line.json", `{"cells":[{"detector":"` + d + `",` + "\n" + `"seeds":"40"}]}`, "line 2"},
		{"nan.json", cell(`,"rate":NaN`), "line 1"},
		{"nan-string.json", cell(`,"rate_lo":"NaN"`), "rate_lo"},
		{"cells-object.json", `{"cells":{"detector":"x"}}`, "cells"},
		{"absurd-seeds.json", `{"cells":[{"detector":"` + d + `","seeds":9000000000000000000,"found":1}]}`, "cells[0]"},
		{"overflow-seeds.json", `{"cells":[{"detector":"` + d + `","seeds":1e30,"found":1}]}`, "seeds"},
		{"negative-errors.json", cell(`,"errors":-3`), "errors -3"},
		{"unknown-detector.json", `{"cells":[{"detector":"comrades: something renamed","seeds":40,"found":1}]}`, "not one of this version's"},
		{"negative-options.json", `{"options":{"null_seeds":-5},` + cell("")[1:], "null_seeds is -5"},
		{"nested.json", strings.Repeat(`{"cells":[`, 20000) + strings.Repeat(`]}`, 20000), "not a card"},
		{"trailing.json", cell("") + `{}`, "not a card"},
	} {
		_, err := ReadCard(write(c.name, []byte(c.body)))
		if err == nil || !strings.Contains(err.Error(), c.name) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming the file and %q", c.name, err, c.want)
		}
	}
	big := make([]byte, maxCardBytes+10)
	for i := range big {
		big[i] = ' '
	}
	if _, err := ReadCard(write("huge.json", big)); err == nil || !strings.Contains(err.Error(), "over 16 MiB") {
		t.Errorf("huge: %v", err)
	}
	// A card stating a rate its counts do not give: 40 of 40 marked
	// calibrated by its rate_lo of 0. The counts decide.
	card, err := ReadCard(write("lying.json", []byte(`{"cells":[{"detector":"`+d+`","preset":"popularity","null":true,"seeds":40,"found":40,"rate":0,"rate_lo":0,"rate_hi":0.01}]}`)))
	if err != nil {
		t.Fatal(err)
	}
	if c := card.Cells[0]; c.Rate != 1 || c.Calibrated() || !strings.Contains(card.Markdown(), "| popularity |  | 40 | 40 | 1.00 |") {
		t.Errorf("lying card: %+v calibrated %v", c, c.Calibrated())
	}
}

// Regression (review4): a cell whose seeds all failed, or whose estimates
// were all undefined, has NaN rates or median, which encoding/json refused:
// 'validate --out' failed at the very end of the run, its figures written
// and its card not. They are null in the JSON and NaN again when read.
func TestCardJSONWithNaN(t *testing.T) {
	d := Detectors[0].Name
	card := Card{Cells: []Cell{
		{Detector: d, Preset: "plain", Null: true, Seeds: 0, Errors: 12, Rate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Median: math.NaN()},
		{Detector: d, Preset: "popularity", Null: true, Seeds: 12, Found: 1, Rate: 1.0 / 12, Lo: 0.015, Hi: 0.354, Median: math.NaN()},
	}}
	js, err := json.MarshalIndent(card, "", " ")
	if err != nil {
		t.Fatalf("a card with NaN cells does not marshal: %v", err)
	}
	if !strings.Contains(string(js), `"median_estimate": null`) || !strings.Contains(string(js), `"detector": "`+d) {
		t.Errorf("JSON: %s", js)
	}
	path := filepath.Join(t.TempDir(), "validation.json")
	if err := os.WriteFile(path, js, 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCard(path)
	if err != nil {
		t.Fatal(err)
	}
	if c := back.Cells[0]; !math.IsNaN(c.Rate) || !math.IsNaN(c.Median) || c.Errors != 12 || c.Calibrated() {
		t.Errorf("all-failed cell read back as %+v", c)
	}
	if c := back.Cells[1]; c.Found != 1 || c.Seeds != 12 || !math.IsNaN(c.Median) || math.Abs(c.Rate-1.0/12) > 1e-15 {
		t.Errorf("cell read back as %+v", c)
	}
	if p := Pool(back.Cells, d); p.Seeds != 12 || p.Found != 1 || p.Errors != 12 {
		t.Errorf("pooled %+v", p)
	}
	if md := back.Markdown(); !strings.Contains(md, "| popularity |  | 12 | 1 | 0.08 |") {
		t.Errorf("markdown:\n%s", md)
	}
}
