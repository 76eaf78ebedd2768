package doccheck

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Sources are the Markdown files whose ```go blocks must compile, as globs
// relative to the repository root. Blocks fenced as ```go-fragment are
// left out (for code that needs surrounding context).
var Sources = []string{"docs/howto/*.md", "README.md", "notebooks/README.md"}

// packages maps the package names snippets may use to import paths.
var packages = map[string]string{
	"solidarity":   "github.com/algosolidarity/toolkit/solidarity",
	"datasets":     "github.com/algosolidarity/toolkit/datasets",
	"comrades":     "github.com/algosolidarity/toolkit/solidarity/comrades",
	"coordination": "github.com/algosolidarity/toolkit/solidarity/coordination",
	"display":      "github.com/algosolidarity/toolkit/solidarity/display",
	"echo":         "github.com/algosolidarity/toolkit/solidarity/echo",
	"events":       "github.com/algosolidarity/toolkit/solidarity/events",
	"figures":      "github.com/algosolidarity/toolkit/solidarity/figures",
	"figureset":    "github.com/algosolidarity/toolkit/solidarity/figureset",
	"formats":      "github.com/algosolidarity/toolkit/solidarity/formats",
	"frames":       "github.com/algosolidarity/toolkit/solidarity/frames",
	"homophily":    "github.com/algosolidarity/toolkit/solidarity/homophily",
	"memo":         "github.com/algosolidarity/toolkit/solidarity/memo",
	"network":      "github.com/algosolidarity/toolkit/solidarity/network",
	"reciprocal":   "github.com/algosolidarity/toolkit/solidarity/reciprocal",
	"reciprocity":  "github.com/algosolidarity/toolkit/solidarity/reciprocity",
	"registry":     "github.com/algosolidarity/toolkit/solidarity/registry",
	"simulate":     "github.com/algosolidarity/toolkit/solidarity/simulate",
	"platforms":    "github.com/algosolidarity/toolkit/solidarity/platforms",
	"community":    "github.com/algosolidarity/toolkit/solidarity/community",
	"leaning":      "github.com/algosolidarity/toolkit/solidarity/leaning",
	"worlds":       "github.com/algosolidarity/toolkit/solidarity/worlds",
	"validate":     "github.com/algosolidarity/toolkit/solidarity/validate",
	"stats":        "github.com/algosolidarity/toolkit/solidarity/stats",
	"trending":     "github.com/algosolidarity/toolkit/solidarity/trending",
	"overtime":     "github.com/algosolidarity/toolkit/solidarity/overtime",
	"content":      "github.com/algosolidarity/toolkit/solidarity/content",
	"dataframe":    "github.com/go-gota/gota/dataframe",
	"series":       "github.com/go-gota/gota/series",
	"vg":           "gonum.org/v1/plot/vg",
	"context":      "context",
	"fmt":          "fmt",
	"math":         "math",
	"os":           "os",
	"strings":      "strings",
	"time":         "time",
}

type snippet struct {
	file string // relative to the repository root
	line int    // of the first line of code
	code []string
}

func extract(root, rel string) ([]snippet, error) {
	f, err := os.Open(filepath.Join(root, rel))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []snippet
	var cur *snippet
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		t := strings.TrimSpace(l)
		switch {
		case cur == nil && t == "```go":
			cur = &snippet{file: rel, line: n + 1}
		case cur != nil && strings.HasPrefix(t, "```"):
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.code = append(cur.code, l)
		}
	}
	return out, sc.Err()
}

var (
	lineComment = regexp.MustCompile(`//.*`)
	stringLit   = regexp.MustCompile(`"(\\.|[^"\\])*"|` + "`[^`]*`")
)

var importLine = regexp.MustCompile(`^import\s+"([^"]+)"\s*$`)

// source returns a Go file holding the snippet as the body of a function.
func (s snippet) source(name string) string {
	var body []string
	imports := map[string]bool{}
	for _, l := range s.code {
		if m := importLine.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			imports[m[1]] = true
			body = append(body, "") // keep the line numbers
			continue
		}
		body = append(body, l)
	}
	text := strings.Join(body, "\n")
	// A package named in a comment or a string ("sim/events.csv") is not used.
	code := lineComment.ReplaceAllString(stringLit.ReplaceAllString(text, `""`), "")
	for name, path := range packages {
		if regexp.MustCompile(`(^|[^.\w])` + name + `\.`).MatchString(code) {
			imports[path] = true
		}
	}
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("package snippets\n\nimport (\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	fmt.Fprintf(&b, ")\n\nfunc %s() error {\n//line %s:%d\n%s\n\treturn nil\n}\n", name, s.file, s.line, text)
	return b.String()
}

func TestSnippetsCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the snippets with go build")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var all []snippet
	for _, g := range Sources {
		paths, err := filepath.Glob(filepath.Join(root, g))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			rel, _ := filepath.Rel(root, p)
			s, err := extract(root, filepath.ToSlash(rel))
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, s...)
		}
	}
	if len(all) < 5 {
		t.Fatalf("found %d snippets, want the how-tos' (at least 5)", len(all))
	}
	// The package must sit inside the module to use its dependencies.
	dir, err := os.MkdirTemp(".", "snippets-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for i, s := range all {
		name := fmt.Sprintf("snippet%d", i)
		if err := os.WriteFile(filepath.Join(dir, name+".go"), []byte(s.source(name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, "./"+filepath.Base(dir))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the Go snippets of the docs do not compile (%v):\n%s", err, out)
	}
	t.Logf("%d snippets compiled", len(all))
}
