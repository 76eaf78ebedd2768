package apidoc

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed reference says what the doc comments say. When this
// fails, run `go run ./internal/apidoc/gen` from the repository root and
// commit docs/api.
func TestReferenceIsCurrent(t *testing.T) {
	root := filepath.Join("..", "..")
	pages, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	var stale []string
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(root, OutDir, name))
		if err != nil || !bytes.Equal(got, want) {
			stale = append(stale, name)
		}
	}
	old, _ := filepath.Glob(filepath.Join(root, OutDir, "*.md"))
	for _, p := range old {
		if _, ok := pages[filepath.Base(p)]; !ok {
			stale = append(stale, filepath.Base(p)+" (package gone)")
		}
	}
	if len(stale) > 0 {
		t.Errorf("docs/api is stale (%s): run `go run ./internal/apidoc/gen` from the repository root and commit docs/api", strings.Join(stale, ", "))
	}
}

// Every package has a page listed in the index, and a page shows
// declarations with their comments.
func TestReferenceContent(t *testing.T) {
	pages, err := Generate(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	idx := string(pages["README.md"])
	for _, pkg := range []string{"solidarity", "solidarity/network", "solidarity/display", "solidarity/memo", "datasets"} {
		if !strings.Contains(idx, "[`"+pkg+"`]") {
			t.Errorf("index misses %s", pkg)
		}
	}
	net := string(pages["solidarity_network.md"])
	for _, want := range []string{"# solidarity/network", "### type Network", "#### func (*Network) Release", "```go\nfunc (n *Network) Release()\n```"} {
		if !strings.Contains(net, want) {
			t.Errorf("network page misses %q", want)
		}
	}
}
