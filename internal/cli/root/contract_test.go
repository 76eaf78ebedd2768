package root

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The usage contract (issue 8): a malformed or out-of-range flag value is a
// usage error (exit 2) naming the flag, never replaced by a default; data
// that cannot give a right answer is exit 1 with a message.
func TestUsageContract(t *testing.T) {
	dir := t.TempDir()
	ev := filepath.Join(dir, "ev.csv")
	os.WriteFile(ev, []byte("actor,item,author,kind,time\na,i1,b,like,10\nc,i1,b,like,20\nb,i2,a,like,30\n"), 0o644)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, []byte("actor,item,author,kind,time\n"), 0o644)
	edges := filepath.Join(dir, "e.csv")
	os.WriteFile(edges, []byte("source,target,weight\n1,2,3\n2,3,1\n"), 0o644)
	world := filepath.Join(dir, "world")
	os.MkdirAll(world, 0o755)
	os.WriteFile(filepath.Join(world, "events.csv"), []byte("x"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"engagement", "trending", "--events", ev, "--top", "-3"}, 2, "--top -3"},
		{[]string{"engagement", "trending", "--events", ev, "--window", "NaN"}, 2, "--window NaN"},
		{[]string{"engagement", "reciprocity", "--events", ev, "--window", "0"}, 2, "--window 0"},
		{[]string{"engagement", "reciprocity", "--events", ev, "--unit", "bogus"}, 2, "want one of first, events"},
		{[]string{"engagement", "comrades", "--events", ev, "--mode", "bogus"}, 2, "want one of either, reciprocal, group"},
		{[]string{"engagement", "coordination", "--events", ev, "--max-partners", "-1"}, 2, "--max-partners -1"},
		{[]string{"engagement", "coordination", "--events", ev, "--estimate", "x"}, 2, "want one of delays, coornet"},
		{[]string{"engagement", "echo", "--events", ev, "--basis", "x"}, 2, "want one of engaged"},
		{[]string{"engagement", "reciprocity", "--events", empty}, 1, "holds no events"},
		{[]string{"stats", "--permutations", "2000000000", "--attr", "group"}, 2, "--permutations 2000000000"},
		{[]string{"figures", "--permutations", "2000000000", "--out", filepath.Join(dir, "f")}, 2, "--permutations"},
		{[]string{"figures", "--events", ev, "--top", "0", "--out", filepath.Join(dir, "f")}, 2, "--top 0"},
		{[]string{"info", "--edges", edges, "--edges-format", "xml"}, 2, "--edges-format \"xml\""},
		{[]string{"info", "--edges", edges, "--names", "source,source"}, 2, "names \"source\" twice"},
		{[]string{"info", "--edges", edges, "--weight", "nope"}, 1, "no weight column \"nope\""},
		{[]string{"stats", "--weight", "nope"}, 1, "no weight column \"nope\""},
		{[]string{"info", "--edges", edges, "--max-line", "-5"}, 2, "--max-line"},
		{[]string{"simulate", "--actors", "50", "--days", "1", "--out", world}, 1, "--force"},
	} {
		code, _, stderr := run(c.args...)
		if code != c.code || !strings.Contains(stderr, c.err) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, firstLine(stderr), c.code, c.err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(world, "events.csv")); string(b) != "x" {
		t.Errorf("simulate overwrote an existing world")
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
