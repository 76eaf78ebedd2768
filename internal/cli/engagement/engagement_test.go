package engagement

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/internal/cli/simulatecmd"
	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
)

// world simulates a small seeded world through the simulate verb, as a
// user would, and returns its folder.
func world(t *testing.T, solidarity string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sim")
	var out, errb bytes.Buffer
	err := simulatecmd.Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, []string{
		"--seed", "3", "--actors", "1500", "--groups", "2", "--days", "5", "--solidarity", solidarity,
		"--coordinated-cells", "2", "--cell-size", "5", "--out", dir})
	if err != nil {
		t.Fatalf("simulate: %v\n%s", err, errb.String())
	}
	return dir
}

func analyse(t *testing.T, args ...string) map[string]any {
	t.Helper()
	var out, errb bytes.Buffer
	if err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, append(args, "--json")); err != nil {
		t.Fatalf("engagement %v: %v\n%s", args, err, errb.String())
	}
	var m map[string]any
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatalf("engagement %v: not JSON: %v", args, err)
	}
	return m
}

// The command-line contract of issue 5, and the planted truth read back
// through it: comrade lift above 1 with solidarity 1.5, the cells of
// truth.json found as clusters.
func TestContractAndPlantedTruth(t *testing.T) {
	dir := world(t, "1.5")
	ev, actors, follows := filepath.Join(dir, "events.csv"), filepath.Join(dir, "actors.csv"), filepath.Join(dir, "follows.csv")
	for _, f := range []string{ev, actors, follows, filepath.Join(dir, "truth.json")} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("simulate did not write %s", f)
		}
	}
	c := analyse(t, "comrades", "--events", ev, "--actors", actors, "--follows", follows)
	ci, _ := c["lift_ci"].([]any)
	if _, ok := c["comrade_share"].(float64); !ok || len(ci) != 2 {
		t.Fatalf("comrades: %v", c)
	}
	if lo := ci[0].(float64); lo <= 1 {
		t.Errorf("comrade lift CI %v does not exclude 1 with planted solidarity 1.5", ci)
	}

	co := analyse(t, "coordination", "--events", ev)
	if _, ok := co["window_seconds"].(float64); !ok {
		t.Errorf("coordination: no window_seconds: %v", co)
	}
	var truth struct {
		Cells [][]float64 `json:"coordinated_cells"`
	}
	data, _ := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err := json.Unmarshal(data, &truth); err != nil || len(truth.Cells) != 2 {
		t.Fatalf("truth.json: %v %v", err, truth.Cells)
	}
	got := map[string]bool{}
	for _, cl := range co["clusters"].([]any) {
		got[key(cl.(map[string]any)["members"].([]any))] = true
	}
	for _, cell := range truth.Cells {
		cl := make([]any, len(cell))
		for i, v := range cell {
			cl[i] = v
		}
		if !got[key(cl)] {
			t.Errorf("planted cell %v not among the clusters %v", cell, co["clusters"])
		}
	}

	tr := analyse(t, "trending", "--events", ev, "--actors", actors, "--top", "10")
	if amp, ok := tr["amplification"].(map[string]any); !ok || len(amp) != 2 {
		t.Errorf("trending: amplification = %v", tr["amplification"])
	}
	// Every analysis takes --kinds (trending and echo used to refuse it).
	trk := analyse(t, "trending", "--events", ev, "--actors", actors, "--kinds", "share")
	if n, all := trk["events"].(float64), tr["events"].(float64); !(n > 0 && n < all) {
		t.Errorf("trending --kinds share: %v events of %v", n, all)
	}
	e := analyse(t, "echo", "--events", ev, "--actors", actors)
	if _, ok := e["correlation"].(float64); !ok {
		t.Errorf("echo: %v", e)
	}
	r := analyse(t, "reciprocity", "--events", ev)
	if _, ok := r["overall"].(map[string]any); !ok {
		t.Errorf("reciprocity: %v", r)
	}
	// Issue 10, item 1: every analysis states its baseline and caveats.
	for name, m := range map[string]map[string]any{"trending": tr, "echo": e, "reciprocity": r} {
		b, _ := m["baseline"].(string)
		cv, _ := m["caveats"].([]any)
		if b == "" || len(cv) == 0 {
			t.Errorf("%s: baseline %q, caveats %v: want both", name, b, cv)
		}
	}
}

// With solidarity 0 the lift's interval covers 1 (a null result).
func TestNullWorld(t *testing.T) {
	dir := world(t, "0")
	c := analyse(t, "comrades", "--events", filepath.Join(dir, "events.csv"), "--actors", filepath.Join(dir, "actors.csv"),
		"--follows", filepath.Join(dir, "follows.csv"))
	ci := c["lift_ci"].([]any)
	if lo, hi := ci[0].(float64), ci[1].(float64); lo > 1 || hi < 1 {
		t.Errorf("lift CI %v excludes 1 with no planted solidarity", ci)
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	io := &cmdutil.IO{Out: &out, Err: &errb}
	for _, args := range [][]string{nil, {"nonsense"}, {"comrades"}} {
		err := Run(context.Background(), io, args)
		if code := cmdutil.ExitCode(err); code != 2 {
			t.Errorf("%v: exit %d (%v), want 2", args, code, err)
		}
	}
	err := Run(context.Background(), io, []string{"echo", "--events", "/no/such.csv"})
	if code := cmdutil.ExitCode(err); code != 1 {
		t.Errorf("missing file: exit %d (%v), want 1", code, err)
	}
}

func key(ids []any) string {
	s := make([]float64, len(ids))
	for i, v := range ids {
		s[i] = v.(float64)
	}
	sort.Float64s(s)
	b, _ := json.Marshal(s)
	return string(b)
}

// The text output leads with the lift and its interval, on one row, and
// says why an undefined value is undefined.
func TestTextLeadsWithTheLift(t *testing.T) {
	v := map[string]any{"actor_lift_median": 2.5, "lift": 1.84321, "lift_ci": []float64{1.6, 2.1},
		"model": map[string]any{"coef": nil, "reason": "no quality"}}
	got := textOf(v, []string{"lift"})
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if !strings.HasPrefix(strings.TrimSpace(lines[0]), "lift") || !strings.Contains(lines[0], "1.843  [1.600, 2.100]") {
		t.Errorf("first line %q, want the lift with its interval:\n%s", lines[0], got)
	}
	if !strings.Contains(got, "undefined  (no quality)") {
		t.Errorf("undefined value without its reason:\n%s", got)
	}
}

// Lists of records (coordination's clusters) show their first few on a
// terminal, one row each with the numbers that matter (p and q values),
// instead of only their count.
func TestTextRecords(t *testing.T) {
	var clusters []map[string]any
	for i := range 7 {
		clusters = append(clusters, map[string]any{"members": []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"},
			"p_value": 0.01 * float64(i+1), "q_value": 0.02, "evidence": []map[string]any{{"item": "x"}}})
	}
	got := textOf(map[string]any{"clusters": clusters}, nil)
	for _, want := range []string{
		"evidence 1 entry, members [a, b, c, d, e, f, g, h, … 1 more], p_value 0.010, q_value 0.020",
		"clusters[5]", "clusters     7 entries  (2 more in --json)"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "clusters[6]") {
		t.Errorf("more than 5 records shown:\n%s", got)
	}
}

// --every and --between run the analysis per window (issue 10, item 7).
func TestOverTime(t *testing.T) {
	dir := world(t, "1.5")
	ev := filepath.Join(dir, "events.csv")
	m := analyse(t, "reciprocity", "--events", ev, "--every", "1d")
	ws, _ := m["windows"].([]any)
	if len(ws) < 5 || m["caveat"] == "" {
		t.Fatalf("--every 1d: %d windows: %v", len(ws), m)
	}
	n := 0.0
	for _, w := range ws {
		n += w.(map[string]any)["events"].(float64)
	}
	all := analyse(t, "reciprocity", "--events", ev)
	if n != all["events"].(float64) {
		t.Errorf("windows hold %v events, the data %v", n, all["events"])
	}
	day := ws[1].(map[string]any)["window"].(string)
	next := day[:8] + fmt.Sprintf("%02d", atoi(day[8:])+1)
	b := analyse(t, "reciprocity", "--events", ev, "--between", day+","+next)
	bw, _ := b["windows"].([]any)
	if len(bw) != 2 || bw[0].(map[string]any)["window"] != "before (baseline)" || bw[1].(map[string]any)["events"].(float64) == 0 {
		t.Errorf("--between %s,%s: %v", day, next, b)
	}
	var out, errb bytes.Buffer
	err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, []string{"reciprocity", "--events", ev, "--every", "1d", "--between", "2024-01-01,2024-01-02"})
	if err == nil {
		t.Error("--every with --between: no error")
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// Every analysis gives one estimate per window, with its interval or the
// reason it has none, and --figure draws them; --between adds the
// difference (issue 10, item 7).
func TestOverTimeEstimatesAndFigures(t *testing.T) {
	dir := world(t, "1.5")
	ev, actors, follows := filepath.Join(dir, "events.csv"), filepath.Join(dir, "actors.csv"), filepath.Join(dir, "follows.csv")
	for _, c := range [][]string{
		{"comrades", "--events", ev, "--actors", actors, "--follows", follows},
		{"reciprocity", "--events", ev, "--window", "3600"},
		{"trending", "--events", ev, "--actors", actors},
		{"echo", "--events", ev, "--actors", actors},
		{"coordination", "--events", ev, "--null", "39"},
	} {
		fig := filepath.Join(t.TempDir(), c[0]+".svg")
		m := analyse(t, append(c, "--every", "1d", "--figure", fig)...)
		if m["measure"] == "" || m["figure"] != fig {
			t.Errorf("%s: measure %v, figure %v", c[0], m["measure"], m["figure"])
		}
		defined := 0
		for _, w := range m["windows"].([]any) {
			e, _ := w.(map[string]any)["estimate"].(map[string]any)
			if e == nil || e["interval"] == "" {
				t.Errorf("%s: window without an estimate or interval note: %v", c[0], w)
				continue
			}
			if e["value"] != nil {
				defined++
			}
			// Only the comrade headline names a scale (the likelier of
			// its two shapes, which may differ between windows).
			if sc, _ := e["scale"].(string); (c[0] == "comrades" && e["value"] != nil) != (sc == "cloglog hazard ratio" || sc == "logit odds ratio") {
				t.Errorf("%s: window scale %q", c[0], sc)
			}
		}
		if defined < 3 {
			t.Errorf("%s: %d windows with a defined estimate", c[0], defined)
		}
		if b, err := os.ReadFile(fig); err != nil || !bytes.Contains(b, []byte("<svg")) {
			t.Errorf("%s: figure %s: %v", c[0], fig, err)
		}
	}
	days := analyse(t, "reciprocity", "--events", ev, "--every", "1d")["windows"].([]any)
	day := days[2].(map[string]any)["window"].(string)
	next := day[:8] + fmt.Sprintf("%02d", atoi(day[8:])+1)
	b := analyse(t, "reciprocity", "--events", ev, "--window", "3600", "--between", day+","+next)
	d, _ := b["difference"].(map[string]any)
	if ci, _ := d["ci"].([]any); d == nil || len(ci) != 2 || ci[0] == nil {
		t.Errorf("--between: difference %v", b["difference"])
	}
	var out, errb bytes.Buffer
	if err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, []string{"reciprocity", "--events", ev, "--figure", "x.svg"}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("--figure without windows: %v", err)
	}
	if err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, []string{"reciprocity", "--events", ev, "--every", "1d", "--figure", "x.txt"}); cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), ".svg, .png or .pdf") {
		t.Errorf("--figure x.txt: %v", err)
	}
}

// The difference's line in the text output names its interval once:
// pointText already says why there is none (and, with the comrade
// headline, on what scale), so the line adds it only where there is one.
func TestOverTimeDifferenceText(t *testing.T) {
	nan := jsonnum.Number(math.NaN())
	for _, c := range []struct {
		d    pointJSON
		want string
	}{
		{pointJSON{Value: 0.9, CI: [2]jsonnum.Number{0.6, 1.4}, Interval: "95% MOVER", Ratio: true, Scale: "cloglog hazard ratio"}, "0.9 [0.6, 1.4] cloglog hazard ratio; 95% MOVER\n"},
		{pointJSON{Value: 0.9, CI: [2]jsonnum.Number{nan, nan}, Interval: "none: a window has no interval", Ratio: true, Scale: "cloglog hazard ratio before, logit odds ratio after"}, "0.9 cloglog hazard ratio before, logit odds ratio after (none: a window has no interval)\n"},
		{pointJSON{Value: nan, CI: [2]jsonnum.Number{nan, nan}, Interval: "none: a window has no interval", Reason: "undefined in a window"}, "undefined (undefined in a window); none: a window has no interval\n"},
	} {
		var b bytes.Buffer
		d := c.d
		writeWindows(&b, "T", &overTimeResult{Measure: "m", Difference: &d}, nil)
		if got := b.String(); !strings.Contains(got, c.want) || strings.Count(got, c.d.Interval) != 1 {
			t.Errorf("difference line:\n%s\nwant it to end %q, naming the interval once", got, c.want)
		}
	}
}
