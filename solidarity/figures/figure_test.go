package figures

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

func tiny(t *testing.T) *Figure {
	t.Helper()
	f, err := DyadCensus("", 3, 4, 10)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The notebook display methods: gophernotes and GoNB look for exactly
// PNG() []byte and SVG() string.
func TestDisplayMethods(t *testing.T) {
	var v any = tiny(t)
	p, ok := v.(interface{ PNG() []byte })
	if !ok {
		t.Fatal("Figure lacks PNG() []byte")
	}
	s, ok := v.(interface{ SVG() string })
	if !ok {
		t.Fatal("Figure lacks SVG() string")
	}
	if b := p.PNG(); !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("PNG() does not start with the PNG signature")
	}
	if x := s.SVG(); !strings.HasPrefix(x, "<?xml") || !strings.Contains(x, "<svg") {
		t.Errorf("SVG() is not an SVG document: %.40q", x)
	}
	if b := tiny(t).PDF(); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("PDF() does not start with %%PDF-")
	}
}

// Size and DPI: 10 cm by 5 cm at 254 dpi is 1000 by 500 pixels
// (10 cm = 3.937 in; 3.937 * 254 = 1000).
func TestSizeAndDPI(t *testing.T) {
	f := tiny(t).WithSize(10*vg.Centimeter, 5*vg.Centimeter).WithDPI(254)
	img, err := png.Decode(bytes.NewReader(f.PNG()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 500 {
		t.Errorf("PNG is %dx%d, want 1000x500", b.Dx(), b.Dy())
	}
	if s := f.SVG(); !strings.Contains(s, `width="283.46pt" height="141.73pt"`) {
		t.Errorf("SVG size wrong: %.200s", s)
	}
	// WithSize returns a copy: the original keeps the default size.
	if g := tiny(t); g.WithSize(1, 1) == g || g.Width != DefaultWidth {
		t.Errorf("WithSize changed its receiver")
	}
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	f := tiny(t)
	for _, ext := range []string{"png", "svg", "pdf", "PDF"} {
		path := filepath.Join(dir, "fig."+ext)
		if err := f.Save(path); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := f.Bytes(strings.ToLower(ext))
		if !bytes.Equal(b, want) {
			t.Errorf("%s: saved bytes differ from Bytes(%q)", path, ext)
		}
	}
	if err := f.Save(filepath.Join(dir, "fig.gif")); err == nil || !strings.Contains(err.Error(), ".gif") {
		t.Errorf("saving .gif: got %v, want an error naming the extension", err)
	}
	if err := f.Save(filepath.Join(dir, "missing", "fig.png")); err == nil {
		t.Errorf("saving into a missing directory: want an error")
	}
	// nothing but the four figures: no temporary files left behind
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want the 4 figures only", names)
	}
	if _, err := f.Bytes("bmp"); err == nil {
		t.Errorf("format bmp: want an error")
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, "svg"); err != nil || buf.String() != f.SVG() {
		t.Errorf("Write(svg) differs from SVG(): %v", err)
	}
	bad := &Figure{Name: "x"}
	if _, err := bad.Bytes("png"); err == nil || bad.PNG() != nil || bad.SVG() != "" {
		t.Errorf("an empty figure must fail to render, and PNG/SVG return nothing")
	}
}

func TestTileRendersAllPanels(t *testing.T) {
	a, b := newPlot("left panel", "", ""), newPlot("right panel", "", "")
	f, err := Tile("pair", 1, 2, a, b)
	if err != nil {
		t.Fatal(err)
	}
	s := f.SVG()
	for _, w := range []string{"left panel", "right panel"} {
		if !strings.Contains(s, w) {
			t.Errorf("tiled SVG lacks %q", w)
		}
	}
}
