package figurescmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/internal/shareddata"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

func runFigures(t *testing.T, args ...string) []string {
	t.Helper()
	var out, errb bytes.Buffer
	if err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, args); err != nil {
		t.Fatalf("figures %v: %v\n%s", args, err, errb.String())
	}
	return strings.Fields(out.String())
}

// Two runs on the embedded default give byte-identical SVG and PDF files
// (issue 4: fixed seeds, no timestamps).
func TestTwoRunsAreByteIdentical(t *testing.T) {
	for _, format := range []string{"svg", "pdf"} {
		a, b := t.TempDir(), t.TempDir()
		pa := runFigures(t, "--attr", "group", "--out", a, "--format", format, "--permutations", "200")
		pb := runFigures(t, "--attr", "group", "--out", b, "--format", format, "--permutations", "200")
		if len(pa) != len(pb) || len(pa) < 10 {
			t.Fatalf("%s: wrote %d and %d files, want the same 10 or more", format, len(pa), len(pb))
		}
		for i := range pa {
			x, err := os.ReadFile(pa[i])
			if err != nil {
				t.Fatal(err)
			}
			y, err := os.ReadFile(pb[i])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(x, y) {
				t.Errorf("%s differs between two runs", filepath.Base(pa[i]))
			}
		}
	}
}

// The set holds every figure the issue lists for a directed, timed network
// with an attribute, plus stats.json and a report that embeds each figure.
func TestFigureSetIsComplete(t *testing.T) {
	dir := t.TempDir()
	runFigures(t, "--attr", "group", "--out", dir, "--permutations", "50")
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	want := []string{"degree_assortativity.svg", "degree_distribution.svg", "dyad_census.svg", "engagement_per_day.svg",
		"group_homophily.svg", "mixing_matrices.svg", "network.svg", "null_distribution.svg", "reciprocity_by_group.svg",
		"report.md", "stats.json"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files:\n got %v\nwant %v", names, want)
	}
	report, _ := os.ReadFile(filepath.Join(dir, "report.md"))
	for _, n := range want[:9] {
		if !bytes.Contains(report, []byte("]("+n+")")) {
			t.Errorf("report.md does not embed %s", n)
		}
	}
	var st map[string]any
	js, _ := os.ReadFile(filepath.Join(dir, "stats.json"))
	if err := json.Unmarshal(js, &st); err != nil || st["homophily"] == nil {
		t.Errorf("stats.json: %v %v", err, st["homophily"])
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	io := &cmdutil.IO{Out: &out, Err: &errb}
	for _, args := range [][]string{{"--attr", "group"}, {"--out", t.TempDir(), "--format", "gif"}} {
		if code := cmdutil.ExitCode(Run(context.Background(), io, args)); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// simulated writes a small simulated world with 'solidarity simulate”s
// files into a temporary directory.
func simulated(t *testing.T) string {
	t.Helper()
	cfg := simulate.DefaultConfig()
	cfg.Seed, cfg.Actors, cfg.Groups, cfg.Days = 2, 300, 2, 4
	cfg.Solidarity, cfg.CoordinatedCells, cfg.CellSize = 1.5, 2, 6
	res, err := simulate.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sim")
	if err := res.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func engagementArgs(sim, out string, more ...string) []string {
	args := []string{"--events", filepath.Join(sim, "events.csv"), "--actors", filepath.Join(sim, "actors.csv"),
		"--follows", filepath.Join(sim, "follows.csv"), "--items", filepath.Join(sim, "items.csv"), "--out", out}
	return append(args, more...)
}

// The engagement set: every figure, engagement.json and a report that
// embeds each figure (issue 5's figures in 'solidarity figures').
func TestEngagementFigureSet(t *testing.T) {
	sim := simulated(t)
	dir := t.TempDir()
	runFigures(t, engagementArgs(sim, dir, "--truth", filepath.Join(sim, "truth.json"), "--labels", "0=left,1=right")...)
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"amplification.svg", "comrade_lift.svg", "coordination_network.svg", "echo_chamber.svg",
		"engagement.json", "engagement_model.svg", "engagement_per_day.svg", "exposure_entropy.svg", "rank_slope.svg",
		"report.md", "return_probability.svg", "time_to_return.svg", "unconditional_support.svg"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files:\n got %v\nwant %v", names, want)
	}
	report, _ := os.ReadFile(filepath.Join(dir, "report.md"))
	for _, n := range want {
		if strings.HasSuffix(n, ".svg") && !bytes.Contains(report, []byte("]("+n+")")) {
			t.Errorf("report.md does not embed %s", n)
		}
	}
	if !bytes.Contains(report, []byte("[engagement.json](engagement.json)")) {
		t.Error("report.md does not link engagement.json")
	}
	// --truth marks the planted solidarity (1.5) beside the model's
	// estimate; --labels names the groups
	model, _ := os.ReadFile(filepath.Join(dir, "engagement_model.svg"))
	if !bytes.Contains(model, []byte(">planted value<")) || !bytes.Contains(report, []byte("Crosses mark the planted (true) values")) {
		t.Error("engagement_model does not mark the planted values")
	}
	lift, _ := os.ReadFile(filepath.Join(dir, "comrade_lift.svg"))
	if !bytes.Contains(lift, []byte(">left<")) || !bytes.Contains(lift, []byte(">right<")) {
		t.Error("comrade_lift does not name the groups left and right")
	}
	var st map[string]any
	js, _ := os.ReadFile(filepath.Join(dir, "engagement.json"))
	if err := json.Unmarshal(js, &st); err != nil || st["comrades"] == nil || st["coordination"] == nil {
		t.Errorf("engagement.json: %v", err)
	}
}

// Two runs of the engagement set give byte-identical SVG, PDF, JSON and
// report files.
func TestEngagementTwoRunsAreByteIdentical(t *testing.T) {
	sim := simulated(t)
	for _, format := range []string{"svg", "pdf"} {
		pa := runFigures(t, engagementArgs(sim, t.TempDir(), "--format", format)...)
		pb := runFigures(t, engagementArgs(sim, t.TempDir(), "--format", format)...)
		if len(pa) != len(pb) || len(pa) < 12 {
			t.Fatalf("%s: wrote %d and %d files, want the same 12 or more", format, len(pa), len(pb))
		}
		for i := range pa {
			x, _ := os.ReadFile(pa[i])
			y, _ := os.ReadFile(pb[i])
			if filepath.Base(pa[i]) != filepath.Base(pb[i]) || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two runs", filepath.Base(pa[i]))
			}
		}
	}
}

func TestEngagementUsage(t *testing.T) {
	var out, errb bytes.Buffer
	io := &cmdutil.IO{Out: &out, Err: &errb}
	for _, args := range [][]string{
		{"--actors", "a.csv", "--out", t.TempDir()},                           // --actors without --events
		{"--events", "e.csv", "--attr", "group", "--out", t.TempDir()},        // network and engagement flags mixed
		{"--events", "e.csv", "--mode", "friends", "--out", t.TempDir()},      // unknown mode
		{"--events", "e.csv", "--return-window", "-1", "--out", t.TempDir()},  // bad window
		{"--events", "e.csv", "--events-format", "xml", "--out", t.TempDir()}, // unknown format
		{"--events-format", "snap", "--out", t.TempDir()},                     // format without --events
	} {
		if code := cmdutil.ExitCode(Run(context.Background(), io, args)); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	// A missing events file is a data error, not a usage error.
	err := Run(context.Background(), io, []string{"--events", filepath.Join(t.TempDir(), "none.csv"), "--exposure", "all", "--out", t.TempDir()})
	if code := cmdutil.ExitCode(err); code == 0 || code == 2 {
		t.Errorf("missing events file: exit %d (%v), want a data error", code, err)
	}
}

// CollegeMsg (SNAP, from the shared data sets) read as events: a message log
// without groups, quality or leaning still gives the figures it supports,
// and says which it leaves out.
func TestEngagementCollegeMsg(t *testing.T) {
	path := shareddata.Raw(t, "college-msg", "CollegeMsg.txt")
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb},
		[]string{"--events", path, "--events-format", "snap", "--exposure", "all", "--out", dir}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	for _, f := range []string{"time_to_return.svg", "engagement_per_day.svg", "engagement.json", "report.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	// Without groups the return probability is one number: a sentence in
	// the report, not a figure of one bar. The comrade figure keeps two
	// rows (the fixed-effects estimate over the pooled lift).
	md, _ := os.ReadFile(filepath.Join(dir, "report.md"))
	if _, err := os.Stat(filepath.Join(dir, "comrade_lift.svg")); err != nil || !strings.Contains(string(md), "within actor and author") {
		t.Errorf("comrade_lift: want a figure with the fixed-effects row (%v)", err)
	}
	for _, f := range []string{"return_probability"} {
		if _, err := os.Stat(filepath.Join(dir, f+".svg")); err == nil || !strings.Contains(string(md), "## "+f+"\n\n") {
			t.Errorf("%s: want a sentence in report.md and no figure", f)
		}
	}
	for _, skipped := range []string{"amplification", "echo", "unconditional_support"} {
		if !strings.Contains(errb.String(), "not drawn: "+skipped) {
			t.Errorf("stderr does not say %s was not drawn:\n%s", skipped, errb.String())
		}
	}
	var st struct {
		Events      int `json:"events"`
		Reciprocity struct {
			Pairs int `json:"pairs"`
		} `json:"reciprocity"`
	}
	js, _ := os.ReadFile(filepath.Join(dir, "engagement.json"))
	if err := json.Unmarshal(js, &st); err != nil {
		t.Fatal(err)
	}
	// SOURCE.md of CollegeMsg: 59,835 temporal edges.
	if st.Events != 59835 || st.Reciprocity.Pairs == 0 {
		t.Errorf("events %d (want 59835), pairs %d", st.Events, st.Reciprocity.Pairs)
	}
}

// --labels renames the groups in every figure; a malformed pair is a usage
// error.
func TestLabels(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	io := &cmdutil.IO{Out: &out, Err: &errb}
	if err := Run(context.Background(), io, []string{"--attr", "group", "--labels", "a=alpha, b=beta", "--permutations", "0", "--out", dir}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	for _, f := range []string{"group_homophily.svg", "mixing_matrices.svg", "network.svg", "engagement_per_day.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		// c has no name and keeps its own
		if !bytes.Contains(b, []byte(">alpha")) || !bytes.Contains(b, []byte(">beta")) || !bytes.Contains(b, []byte(">c")) {
			t.Errorf("%s does not name the groups alpha, beta and c", f)
		}
	}
	// a value that is no group is noted, not fatal
	errb.Reset()
	if err := Run(context.Background(), io, []string{"--attr", "group", "--labels", "a=alpha,z=zeta", "--permutations", "0", "--out", t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), `note: labels: "z" is not a group of "group" (groups: a, b, c)`) {
		t.Errorf("stderr does not note the unused label:\n%s", errb.String())
	}
	for _, bad := range []string{"a", "a=", "=x", "a=x,a=y"} {
		err := Run(context.Background(), io, []string{"--attr", "group", "--labels", bad, "--out", t.TempDir()})
		if code := cmdutil.ExitCode(err); code != 2 {
			t.Errorf("--labels %q: exit %d (%v), want 2", bad, code, err)
		}
	}
	m, err := ParseLabels("0=liberal,1=conservative")
	if err != nil || len(m) != 2 || m["0"] != "liberal" || m["1"] != "conservative" {
		t.Errorf("ParseLabels: %v, %v", m, err)
	}
}
