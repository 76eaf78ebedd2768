package convert

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/formats"
)

func TestGraphMLWithCommunities(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	err := Run(context.Background(), &cmdutil.IO{Out: &out, Err: &errb}, []string{"--to", "graphml", "--communities", "leiden", "--leaning", "--out", dir})
	if err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || !strings.HasSuffix(ents[0].Name(), ".graphml") {
		t.Fatalf("want one .graphml file in DIR, got %v", ents)
	}
	n, err := formats.Read(filepath.Join(dir, ents[0].Name()), formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer n.Release()
	c, err := n.Categories("community")
	if err != nil || c.Missing != 0 || c.Groups() < 2 {
		t.Fatalf("community attribute read back: %+v %v", c, err)
	}
	if _, err := n.Numbers("leaning"); err != nil {
		t.Error(err)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"--out", "x", "--to", "dot"}, {"--out", "x", "--to", "gexf", "--communities", "walktrap"}, {"--to", "gexf"}} {
		err := Run(context.Background(), &cmdutil.IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, args)
		var u *cmdutil.UsageError
		if !errors.As(err, &u) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}
