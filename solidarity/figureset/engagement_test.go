package figureset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// world simulates a small world with planted solidarity and two
// coordinated cells, as events with actors and items tables.
func world(t *testing.T, solidarity float64, groups int) (*simulate.Result, *events.Events) {
	t.Helper()
	cfg := simulate.DefaultConfig()
	cfg.Seed, cfg.Actors, cfg.Groups, cfg.Days = 3, 400, groups, 5
	cfg.Solidarity = solidarity
	cfg.CoordinatedCells, cfg.CellSize = 2, 6
	res, err := simulate.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := res.Events(memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Release)
	return res, ev
}

func names(s *Set) []string {
	var out []string
	for _, it := range s.Items {
		out = append(out, it.Figure.Name)
	}
	return out
}

// Every figure of the engagement set is drawn on a simulated world with
// groups, quality, leanings and coordinated cells, and each has a caption.
func TestBuildEngagementComplete(t *testing.T) {
	res, ev := world(t, 1.5, 3)
	follows, err := res.FollowNetwork(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer follows.Release()
	s, err := BuildEngagement(ev, EngagementOptions{Follows: follows})
	if err != nil {
		t.Fatal(err)
	}
	want := "comrade_lift unconditional_support engagement_model return_probability time_to_return engagement_per_day " +
		"amplification rank_slope coordination_network echo_chamber exposure_entropy"
	if got := strings.Join(names(s), " "); got != want {
		t.Errorf("figures:\n got %s\nwant %s\nskipped: %v", got, want, s.Skipped)
	}
	for _, it := range s.Items {
		if len(it.Caption) < 40 {
			t.Errorf("%s: caption %q says too little", it.Figure.Name, it.Caption)
		}
	}
	st := s.Engagement
	if st == nil || st.Comrades == nil || st.Reciprocity == nil || st.Trending == nil || st.Coordination == nil || st.Echo == nil {
		t.Fatalf("missing sections: %+v", st)
	}
	// The planted cells are the clusters found (simulate's truth).
	if got := len(st.Coordination.Clusters); got != len(res.Cells) {
		t.Errorf("%d coordinated clusters, planted %d", got, len(res.Cells))
	}
	// The planted solidarity shows as a lift above 1 in every group.
	if len(st.LiftByGroup) != 3 {
		t.Fatalf("lift by group: %+v", st.LiftByGroup)
	}
	for _, g := range st.LiftByGroup {
		if !(float64(g.CI[0]) > 1) {
			t.Errorf("group %s: lift %v, CI %v; want the interval above 1", g.Group, g.Lift, g.CI)
		}
	}
}

// Two builds write byte-identical SVG and PDF files and engagement.json.
func TestEngagementByteIdentical(t *testing.T) {
	_, ev := world(t, 1.5, 2)
	for _, format := range []string{"svg", "pdf"} {
		var runs [2][]string
		dirs := [2]string{t.TempDir(), t.TempDir()}
		for k := range runs {
			s, err := BuildEngagement(ev, EngagementOptions{Exposure: comrades.ExposureAll})
			if err != nil {
				t.Fatal(err)
			}
			runs[k], err = s.Write(dirs[k], format, "test")
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(runs[0]) != len(runs[1]) || len(runs[0]) < 10 {
			t.Fatalf("%s: wrote %d and %d files", format, len(runs[0]), len(runs[1]))
		}
		for i := range runs[0] {
			a, _ := os.ReadFile(runs[0][i])
			b, _ := os.ReadFile(runs[1][i])
			if filepath.Base(runs[0][i]) != filepath.Base(runs[1][i]) || !bytes.Equal(a, b) {
				t.Errorf("%s: %s differs between two builds", format, filepath.Base(runs[0][i]))
			}
		}
		var js map[string]any
		b, _ := os.ReadFile(filepath.Join(dirs[0], "engagement.json"))
		if err := json.Unmarshal(b, &js); err != nil || js["comrades"] == nil || js["trending"] == nil {
			t.Errorf("engagement.json: %v", err)
		}
	}
}

// Without groups, quality or leaning (a bare message log), the set still
// builds: the figures that need them are left out with a reason.
func TestEngagementBareEvents(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "events.csv")
	var b strings.Builder
	b.WriteString("actor,item,author,kind,time\n")
	// a and b message each other back and forth; c writes to a.
	rows := []string{"a,1,b,msg,1000", "b,2,a,msg,1300", "a,3,b,msg,90000", "c,4,a,msg,90500", "b,5,a,msg,91000", "a,6,c,msg,180000"}
	for _, r := range rows {
		b.WriteString(r + "\n")
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ev, err := events.Read(p, events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	s, err := BuildEngagement(ev, EngagementOptions{Exposure: comrades.ExposureAll})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(names(s), " ")
	for _, n := range []string{"time_to_return", "engagement_per_day"} {
		if !strings.Contains(got, n) {
			t.Errorf("%s missing from %s (skipped %v)", n, got, s.Skipped)
		}
	}
	// Without groups the return probability is one number: a sentence,
	// not a figure of one bar.
	said := map[string]string{}
	for _, se := range s.Sentences {
		said[se.Name] = se.Text
	}
	// 1 of the 2 first contacts made a whole day before the end was returned:
	// 0.5 with the Wilson interval of 1/2
	if want := "Engagement returned within 1 day: all = 0.5 (interval 0.0945 to 0.905)."; said["return_probability"] != want {
		t.Errorf("return_probability said %q, want %q", said["return_probability"], want)
	}
	skipped := strings.Join(s.Skipped, "\n")
	for _, n := range []string{"unconditional_support", "amplification", "coordination_network", "echo"} {
		if strings.Contains(got, n) || !strings.Contains(skipped, n+":") {
			t.Errorf("%s: drawn %v, skipped %q; want it skipped with a reason", n, strings.Contains(got, n), skipped)
		}
	}
	if _, err := s.Write(t.TempDir(), "svg", "bare"); err != nil {
		t.Error(err)
	}
}

func TestBuildEngagementNil(t *testing.T) {
	if _, err := BuildEngagement(nil, EngagementOptions{}); err == nil {
		t.Error("nil events: want an error")
	}
}

func TestHumanSeconds(t *testing.T) {
	for _, c := range []struct {
		s    float64
		want string
	}{{86400, "1 day"}, {172800, "2 days"}, {21600, "6 hours"}, {60, "1 minute"}, {56.4, "56.4 seconds"}, {math.NaN(), "an undefined time"}} {
		if got := humanSeconds(c.s); got != c.want {
			t.Errorf("humanSeconds(%v) = %q; want %q", c.s, got, c.want)
		}
	}
}

// A simulated world with planted solidarity and one coordinated cell gives
// the whole engagement set; Write saves it with engagement.json and
// report.md.
func ExampleBuildEngagement() {
	cfg := simulate.DefaultConfig()
	cfg.Actors, cfg.Groups, cfg.Days, cfg.Solidarity = 300, 2, 4, 1.5
	cfg.CoordinatedCells, cfg.CellSize = 1, 6
	res, err := simulate.Run(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := res.Events(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()
	set, err := BuildEngagement(ev, EngagementOptions{Exposure: comrades.ExposureAll})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range set.Items {
		fmt.Println(it.Figure.Name)
	}
	fmt.Println("coordinated clusters:", len(set.Engagement.Coordination.Clusters))
	// set.Write("figures/", "svg", "My world") writes the files.
	// Output:
	// comrade_lift
	// unconditional_support
	// engagement_model
	// return_probability
	// time_to_return
	// engagement_per_day
	// amplification
	// rank_slope
	// coordination_network
	// echo_chamber
	// exposure_entropy
	// coordinated clusters: 1
}

// Regression (review4): the caption presented the headline's interval as
// the hazard (or odds) ratio's own after it came to span both shapes.
func TestHeadlineCaptionSaysSpan(t *testing.T) {
	alt := comrades.FixedEffects{Model: comrades.ModelLogit, RateRatio: 1.3, CI: [2]comrades.Number{1.1, 1.5}, FitCI: [2]comrades.Number{1.1, 1.5}, Z: 3, P: 0.003}
	fe := comrades.FixedEffects{Model: comrades.ModelHazard, RateRatio: 1.2, CI: [2]comrades.Number{1.05, 1.5}, FitCI: [2]comrades.Number{1.05, 1.4}, Z: 2.5, P: 0.012, Alternative: &alt}
	if s := headlineCaption(&fe, "within actor and item", "each item with itself"); !strings.Contains(s, "hazard ratio within actor and item (fixed effects; 1.20 [1.05, 1.50]), which compares each actor with themselves and each item with itself. Its interval spans both saturation shapes (the logit fit reads 1.30)") {
		t.Errorf("spanned: %s", s)
	}
	// Nested: the hull is the likelier fit's own interval, the p the other's.
	fe.CI = fe.FitCI
	if s := headlineCaption(&fe, "within actor and item", "each item with itself"); !strings.Contains(s, "spans both") {
		t.Errorf("nested: %s", s)
	}
	fe.Alternative = nil
	if s := headlineCaption(&fe, "within actor and item", "each item with itself"); strings.Contains(s, "spans both") {
		t.Errorf("one shape: %s", s)
	}
}
