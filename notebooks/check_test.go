// Package notebooks holds the toolkit's Go notebooks (GoNB kernel) and this
// test, which checks that executed notebooks actually showed what they are
// for: every code cell ran, no cell failed, and each notebook displayed at
// least the images and tables its metadata promises.
//
// By default it checks the notebooks committed here (they are committed with
// their outputs). .ci/notebooks.sh executes them afresh and points
// SOLIDARITY_EXECUTED_NOTEBOOKS at the executed copies.
package notebooks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// notebook is the part of the nbformat 4 JSON this test reads.
type notebook struct {
	NBFormat int `json:"nbformat"`
	Metadata struct {
		Kernelspec struct {
			Name string `json:"name"`
		} `json:"kernelspec"`
		// Solidarity is our own metadata: what a run must show.
		Solidarity *struct {
			MinImages int `json:"min_images"`
			MinTables int `json:"min_tables"`
		} `json:"solidarity"`
	} `json:"metadata"`
	Cells []struct {
		CellType       string          `json:"cell_type"`
		Source         json.RawMessage `json:"source"`
		ExecutionCount *int            `json:"execution_count"`
		Outputs        []struct {
			OutputType string                     `json:"output_type"`
			Name       string                     `json:"name"`
			Text       json.RawMessage            `json:"text"`
			Data       map[string]json.RawMessage `json:"data"`
			Ename      string                     `json:"ename"`
			Evalue     string                     `json:"evalue"`
		} `json:"outputs"`
	} `json:"cells"`
}

// text joins an nbformat multiline string (a string or a list of strings).
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []string
	_ = json.Unmarshal(raw, &parts)
	return strings.Join(parts, "")
}

// firstCellRecipe is the documented first cell that points the kernel's
// module at the checkout (see README.md in this folder).
const firstCellRecipe = "!*go mod edit -require=github.com/algosolidarity/toolkit@v0.0.0 -replace=github.com/algosolidarity/toolkit=${SOLIDARITY_TOOLKIT:-$GONB_DIR/..}"

func TestExecutedNotebooks(t *testing.T) {
	dir := os.Getenv("SOLIDARITY_EXECUTED_NOTEBOOKS")
	if dir == "" {
		dir = "."
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no notebooks in %s", dir)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".ipynb"), func(t *testing.T) {
			checkNotebook(t, p)
		})
	}
}

func checkNotebook(t *testing.T, path string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: not a notebook: %v", path, err)
	}
	if nb.NBFormat != 4 || nb.Metadata.Kernelspec.Name != "gonb" {
		t.Errorf("%s: nbformat %d kernel %q, want nbformat 4 on the gonb kernel", path, nb.NBFormat, nb.Metadata.Kernelspec.Name)
	}
	want := nb.Metadata.Solidarity
	if want == nil {
		t.Fatalf("%s: no metadata.solidarity {min_images, min_tables}: say what the notebook must show", path)
	}
	images, tables, code := 0, 0, 0
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		code++
		src := text(c.Source)
		if code == 1 && !strings.Contains(src, firstCellRecipe) {
			t.Errorf("%s: the first code cell is not the documented setup cell %q", path, firstCellRecipe)
		}
		if c.ExecutionCount == nil {
			t.Errorf("%s: cell %d was not executed", path, i+1)
		}
		for _, o := range c.Outputs {
			switch {
			case o.OutputType == "error":
				t.Errorf("%s: cell %d failed: %s: %s", path, i+1, o.Ename, o.Evalue)
			case o.OutputType == "stream" && o.Name == "stderr" && strings.Contains(text(o.Text), "panic:"):
				t.Errorf("%s: cell %d panicked: %.300s", path, i+1, text(o.Text))
			}
			if _, ok := o.Data["image/png"]; ok {
				images++
			} else if _, ok := o.Data["image/svg+xml"]; ok {
				images++
			} else if h, ok := o.Data["text/html"]; ok {
				s := text(h)
				switch {
				case strings.Contains(s, "<svg"), strings.Contains(s, "<img"):
					images++
				case strings.Contains(s, "<table"):
					tables++
				}
			}
		}
	}
	if images < want.MinImages {
		t.Errorf("%s: %d images shown, want at least %d", path, images, want.MinImages)
	}
	if tables < want.MinTables {
		t.Errorf("%s: %d tables shown, want at least %d", path, tables, want.MinTables)
	}
	t.Logf("%s: %d code cells, %d images, %d tables", filepath.Base(path), code, images, tables)
}
