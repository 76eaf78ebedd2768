package info

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
)

// The worked examples in docs/howto (a "$ solidarity info ... --json"
// line followed by its output) must print what the command prints today.
func TestHowtoExamples(t *testing.T) {
	pages, _ := filepath.Glob("../../../docs/howto/*.md")
	re := regexp.MustCompile("(?s)\\$ solidarity info ((?:[^\\n]|\\\\\\n)*?)\\n(\\{.*?\\n\\})\\n```")
	n := 0
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			args := strings.Fields(strings.ReplaceAll(m[1], "\\\n", " "))
			for i, a := range args {
				if strings.HasPrefix(a, "solidarity/") {
					args[i] = "../../../" + a
				}
			}
			var out bytes.Buffer
			if err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &out}, args); err != nil {
				t.Errorf("%s: solidarity info %s: %v", filepath.Base(p), m[1], err)
				continue
			}
			if got := strings.TrimSpace(out.String()); got != m[2] {
				t.Errorf("%s: solidarity info %s prints\n%s\nthe page shows\n%s", filepath.Base(p), m[1], got, m[2])
			}
		}
	}
	if n < 9 {
		t.Errorf("found %d worked examples in docs/howto, want at least 9 (one per platform page)", n)
	}
}
