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
