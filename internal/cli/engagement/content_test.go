package engagement

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
)

// TestCoordinationObject runs --object on a table whose content columns
// have other names (--map text=,url=) and on a Reddit dump (the reader
// keeps content because --object asks for it).
func TestCoordinationObject(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("who,post,by,ts,body,link\n")
	var reddit strings.Builder
	for k := 0; k < 3; k++ {
		t0 := 1_700_000_000 + 1000*k
		fmt.Fprintf(&b, "a,a%d,a,%d,look,https://ex.org/s%d?utm_source=a\n", k, t0, k)
		fmt.Fprintf(&b, "b,b%d,b,%d,\"wow, http://www.ex.org/s%d/#c\",\n", k, t0+5, k)
		fmt.Fprintf(&reddit, `{"id":"a%d","author":"a","created_utc":%d,"title":"t","url":"https://ex.org/s%d?fbclid=1"}`+"\n", k, t0, k)
		fmt.Fprintf(&reddit, `{"id":"b%d","author":"b","created_utc":%d,"title":"t","url":"https://EX.org/s%d"}`+"\n", k, t0+5, k)
	}
	csv, nd := filepath.Join(dir, "posts.csv"), filepath.Join(dir, "dump.ndjson")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nd, []byte(reddit.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--events", csv, "--map", "actor=who,item=post,author=by,time=ts,text=body,url=link"},
		{"--events", nd, "--events-format", "reddit"},
	} {
		m := analyse(t, append([]string{"coordination", "--object", "url", "--window", "60"}, args...)...)
		cl, _ := m["clusters"].([]any)
		if m["object"] != "url" || len(cl) != 1 {
			t.Fatalf("%v: object %v, clusters %v (reason %v)", args, m["object"], cl, m["reason"])
		}
		c0 := cl[0].(map[string]any)
		ev0 := c0["evidence"].([]any)[0].(map[string]any)
		if ev0["item"] != "https://ex.org/s0" {
			t.Errorf("%v: evidence item %v", args, ev0["item"])
		}
		if ct, _ := m["content"].(map[string]any); ct["objects"] != 3.0 {
			t.Errorf("%v: content %v", args, m["content"])
		}
	}
	// A bad object is a usage error naming the choices.
	var out, errb bytes.Buffer
	err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, []string{"coordination", "--events", csv, "--object", "tweet"})
	if err == nil || !strings.Contains(err.Error()+errb.String(), "hashtag") {
		t.Errorf("--object tweet: err %v, %s", err, errb.String())
	}
}
