package root

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/internal/shareddata"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{nil, 2, "Commands:"},
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{"nonsense"}, 2, `unknown command "nonsense"`},
		{[]string{"info", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"info", "--edges", "/no/such/file.csv"}, 1, "/no/such/file.csv"},
		{[]string{"info", "--dataset", "polblog"}, 1, "polblogs"}, // did you mean
		{[]string{"stats", "-h"}, 0, "Examples:"},
	} {
		code, _, stderr := run(c.args...)
		if code != c.code || !strings.Contains(stderr, c.err) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.err)
		}
	}
}

func TestInfoJSONOnTheDefault(t *testing.T) {
	code, out, stderr := run("info", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	// datasets/README.md: 300 nodes, 2812 records, 5 loops, 1240 simple arcs.
	if m["nodes"] != 300.0 || m["edge_records"] != 2812.0 || m["self_loops"] != 5.0 || m["simple_edges"] != 1240.0 || m["parallel_edges"] != 1567.0 {
		t.Errorf("info = %v", m)
	}
}

func TestDatasetsLists(t *testing.T) {
	code, out, _ := run("datasets")
	if code != 0 || !strings.Contains(out, "polblogs") || !strings.Contains(out, "email-eu-core") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, out, _ = run("datasets", "polblogs")
	if code != 0 || !strings.Contains(out, "Adamic") || !strings.Contains(out, "bd83e3dd") {
		t.Errorf("datasets polblogs: exit %d:\n%s", code, out)
	}
}

// convert to Parquet and to CSV, then read each back: same counts.
func TestConvertRoundTrip(t *testing.T) {
	for _, to := range []string{"parquet", "csv"} {
		dir := t.TempDir()
		if code, _, stderr := run("convert", "--out", dir, "--to", to); code != 0 {
			t.Fatalf("convert: %s", stderr)
		}
		code, out, stderr := run("info", "--json", "--edges", filepath.Join(dir, "edges."+to), "--nodes", filepath.Join(dir, "nodes."+to))
		if code != 0 {
			t.Fatalf("info on converted %s: %s", to, stderr)
		}
		var m map[string]any
		json.Unmarshal([]byte(out), &m)
		if m["nodes"] != 300.0 || m["edge_records"] != 2812.0 || m["simple_edges"] != 1240.0 {
			t.Errorf("%s round trip: %v", to, m)
		}
	}
}

// fetch through the offline mirror fills the cache; a second fetch reads it.
func TestFetchThroughMirror(t *testing.T) {
	mirror, ok := shareddata.SharedRawDir()
	if !ok {
		shareddata.Skipf(t, "public data sets not found at %s", mirror)
	}
	cache := t.TempDir()
	code, out, stderr := run("fetch", "email-eu-core", "--mirror", mirror, "--cache", cache, "--json")
	if code != 0 {
		t.Fatalf("fetch: %s", stderr)
	}
	var r []map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// SOURCE.md: 1005 nodes, 25571 arcs.
	if len(r) != 1 || r[0]["nodes"] != 1005.0 || r[0]["edges"] != 25571.0 {
		t.Errorf("fetch report %v", r)
	}
	if _, err := os.Stat(filepath.Join(cache, "email-eu-core")); err != nil {
		t.Errorf("cache not filled: %v", err)
	}
	code, out, _ = run("fetch", "email-eu-core", "--mirror", filepath.Join(t.TempDir(), "absent"), "--cache", cache)
	if code != 0 || !strings.Contains(out, "from cache") {
		t.Errorf("second fetch did not use the cache: exit %d\n%s", code, out)
	}
}
