// Package apidoc generates the API reference in docs/api from the doc
// comments of the toolkit's packages (go/doc), one Markdown page per
// package and an index. Its test fails when the committed pages differ
// from what the source says; regenerate them with
//
//	go run ./internal/apidoc/gen
//
// from the repository root.
package apidoc

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/doc/comment"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Module is the module path the pages name packages by.
const Module = "github.com/algosolidarity/toolkit"

// Roots are the folders (relative to the repository root) whose packages
// are documented: the library, and the registry of data sets.
var Roots = []string{"solidarity", "datasets"}

// OutDir is where the pages go, relative to the repository root.
const OutDir = "docs/api"

// Generate returns the pages of the API reference, by file name relative
// to OutDir, for the repository at root.
func Generate(root string) (map[string][]byte, error) {
	var dirs []string
	for _, r := range Roots {
		err := filepath.WalkDir(filepath.Join(root, r), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			name := d.Name()
			if name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "internal" {
				return filepath.SkipDir
			}
			dirs = append(dirs, path)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(dirs)
	pages := map[string][]byte{}
	type entry struct{ path, file, synopsis string }
	var index []entry
	for _, dir := range dirs {
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		p, err := load(dir, Module+"/"+rel)
		if err != nil {
			return nil, err
		}
		if p == nil {
			continue
		}
		file := strings.ReplaceAll(rel, "/", "_") + ".md"
		pages[file] = render(p, rel)
		index = append(index, entry{rel, file, p.Synopsis(p.Doc)})
	}
	var b bytes.Buffer
	b.WriteString("# API reference\n\n")
	b.WriteString("Generated from the doc comments by `go run ./internal/apidoc/gen` (do not edit by hand; a test fails when these pages\n")
	b.WriteString("are stale). `go doc " + Module + "/solidarity/<package>` prints the same on a terminal.\n\n")
	b.WriteString("| package | what it holds |\n|---|---|\n")
	for _, e := range index {
		fmt.Fprintf(&b, "| [`%s`](%s) | %s |\n", e.path, e.file, strings.ReplaceAll(e.synopsis, "|", `\|`))
	}
	pages["README.md"] = b.Bytes()
	return pages, nil
}

// load parses the non-test Go files of dir; nil when it holds none.
func load(dir, importPath string) (*doc.Package, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if f.Name.Name == "main" {
			return nil, nil
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, nil
	}
	p, err := doc.NewFromFiles(fset, files, importPath)
	if err != nil {
		return nil, err
	}
	p.Filenames = nil
	fsets[p] = fset
	return p, nil
}

// fsets keeps each parsed package's file set, which printing its
// declarations with their field comments needs.
var fsets = map[*doc.Package]*token.FileSet{}

// render writes one package's page: its documentation, then constants,
// variables, functions and types (each with its constructors and
// methods), every declaration as Go source followed by its comment.
func render(p *doc.Package, rel string) []byte {
	var b bytes.Buffer
	pr := p.Printer()
	pr.HeadingLevel = 3
	pr.DocLinkURL = func(link *comment.DocLink) string {
		if link.ImportPath == "" || strings.HasPrefix(link.ImportPath, Module+"/") {
			target := rel
			if link.ImportPath != "" {
				target = strings.TrimPrefix(link.ImportPath, Module+"/")
			}
			anchor := ""
			if link.Name != "" {
				anchor = "#" + strings.ToLower(strings.TrimPrefix(link.Recv+"."+link.Name, "."))
			}
			return strings.ReplaceAll(target, "/", "_") + ".md" + anchor
		}
		return "https://pkg.go.dev/" + link.ImportPath
	}
	fmt.Fprintf(&b, "# %s\n\n`import \"%s\"`\n\n", rel, p.ImportPath)
	b.Write(pr.Markdown(p.Parser().Parse(p.Doc)))
	decl := func(d ast.Decl) {
		b.WriteString("\n```go\n")
		b.WriteString(source(fsets[p], d))
		b.WriteString("\n```\n\n")
	}
	text := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			b.Write(pr.Markdown(p.Parser().Parse(s)))
		}
	}
	if len(p.Consts) > 0 {
		b.WriteString("\n## Constants\n")
		for _, c := range p.Consts {
			decl(c.Decl)
			text(c.Doc)
		}
	}
	if len(p.Vars) > 0 {
		b.WriteString("\n## Variables\n")
		for _, v := range p.Vars {
			decl(v.Decl)
			text(v.Doc)
		}
	}
	if len(p.Funcs) > 0 {
		b.WriteString("\n## Functions\n")
		for _, f := range p.Funcs {
			fmt.Fprintf(&b, "\n### func %s\n", f.Name)
			decl(f.Decl)
			text(f.Doc)
		}
	}
	if len(p.Types) > 0 {
		b.WriteString("\n## Types\n")
		for _, t := range p.Types {
			fmt.Fprintf(&b, "\n### type %s\n", t.Name)
			decl(t.Decl)
			text(t.Doc)
			for _, c := range t.Consts {
				decl(c.Decl)
				text(c.Doc)
			}
			for _, v := range t.Vars {
				decl(v.Decl)
				text(v.Doc)
			}
			for _, f := range t.Funcs {
				fmt.Fprintf(&b, "\n#### func %s\n", f.Name)
				decl(f.Decl)
				text(f.Doc)
			}
			for _, m := range t.Methods {
				fmt.Fprintf(&b, "\n#### func (%s) %s\n", recv(m), m.Name)
				decl(m.Decl)
				text(m.Doc)
			}
		}
	}
	return b.Bytes()
}

func recv(m *doc.Func) string {
	r := m.Recv
	if r == "" {
		return "?"
	}
	return r
}

// source prints a declaration without its doc comment and without function
// bodies, as go doc does.
func source(fset *token.FileSet, d ast.Decl) string {
	switch x := d.(type) {
	case *ast.FuncDecl:
		c := *x
		c.Body = nil
		c.Doc = nil
		d = &c
	case *ast.GenDecl:
		c := *x
		c.Doc = nil
		d = &c
	}
	var b bytes.Buffer
	if err := format.Node(&b, fset, d); err != nil {
		return fmt.Sprintf("/* %v */", err)
	}
	return b.String()
}

// Write writes the pages under root/OutDir, removing pages of packages
// that no longer exist.
func Write(root string) error {
	pages, err := Generate(root)
	if err != nil {
		return err
	}
	out := filepath.Join(root, OutDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(out, "*.md"))
	for _, p := range old {
		if _, ok := pages[filepath.Base(p)]; !ok {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	for name, data := range pages {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
