package figures

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

// pngTolerance is the normalised colour distance cmpimg.EqualApprox
// accepts between a rendered PNG and its reference, to absorb
// anti-aliasing differences between platforms.
const pngTolerance = 0.02

// goldenDPI keeps the reference PNGs small.
const goldenDPI = 72

// TestGolden renders every sample figure and compares it with the
// reference files in testdata/: SVG byte for byte, PNG within
// pngTolerance. Run `go test -run TestGolden -regen` to rewrite the
// references after an intended change, and look at them before committing.
func TestGolden(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			f, err := s.make()
			if err != nil {
				t.Fatal(err)
			}
			svg, err := f.Bytes("svg")
			if err != nil {
				t.Fatal(err)
			}
			png, err := f.WithDPI(goldenDPI).Bytes("png")
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				ext string
				got []byte
			}{{"svg", svg}, {"png", png}} {
				path := filepath.Join("testdata", s.name+"_golden."+c.ext)
				if *cmpimg.GenerateTestData {
					if err := os.WriteFile(path, c.got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("reading reference (run with -regen to create it): %v", err)
				}
				if c.ext == "svg" {
					if !bytes.Equal(c.got, want) {
						bad := filepath.Join(t.TempDir(), s.name+".svg")
						os.WriteFile(bad, c.got, 0o644)
						t.Errorf("%s differs from %s (got %d bytes, want %d); rendering kept in %s", s.name, path, len(c.got), len(want), bad)
					}
					continue
				}
				ok, err := cmpimg.EqualApprox("png", c.got, want, pngTolerance)
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					t.Errorf("%s.png differs from %s beyond tolerance %v", s.name, path, pngTolerance)
				}
			}
		})
	}
}

// TestDeterministic renders every sample twice, building the figure anew
// each time, and requires identical SVG and PDF bytes; the PDF must carry
// the fixed date rather than the time of rendering.
func TestDeterministic(t *testing.T) {
	for _, s := range samples() {
		var prev [2][]byte
		for run := 0; run < 2; run++ {
			f, err := s.make()
			if err != nil {
				t.Fatal(err)
			}
			for k, format := range []string{"svg", "pdf"} {
				b, err := f.Bytes(format)
				if err != nil {
					t.Fatal(err)
				}
				if run == 1 && !bytes.Equal(b, prev[k]) {
					t.Errorf("%s: two renders give different %s bytes", s.name, format)
				}
				prev[k] = b
			}
		}
		// the PDF parses (rsc.io/pdf, through cmpimg)
		if ok, err := cmpimg.Equal("pdf", prev[1], prev[1]); err != nil || !ok {
			t.Errorf("%s: PDF does not parse: %v", s.name, err)
		}
		if !bytes.Contains(prev[1], []byte("/CreationDate (D:20000101000000)")) ||
			!bytes.Contains(prev[1], []byte("/ModDate (D:20000101000000)")) {
			t.Errorf("%s: PDF does not carry the fixed creation and modification dates", s.name)
		}
	}
}
