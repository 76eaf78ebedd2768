package formats

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The hostile corpus: inputs whose memory used to follow what they claim
// (a declared count, a nesting depth, a decompressed size) or their
// structure (blank lines, a quote never closed) instead of what they hold.
// Each is read in a child process (this test binary, re-executed) under
// `ulimit -v` of 3 GiB, so that a regression fails the test instead of
// exhausting the machine, and the child's peak RSS is checked against
// max(512 MiB, 8 x the decompressed size): the bound of docs/limits.md.
//
// The large ones are generated (their .gz is small but takes a few seconds
// to make) and run with SOLIDARITY_HOSTILE=1 (scripts/test.sh sets it);
// the small ones live in testdata/hostile/ and always run (unless -short).

const hostileCapKiB = 3 << 20 // ulimit -v, in KiB: 3 GiB

type hostileCase struct {
	name string // file name: the extension picks the reader
	// make writes the file's (uncompressed) content to w; gz compresses it.
	make func(w io.Writer)
	gz   bool
	file string   // or a file under testdata/hostile
	want []string // substrings of the error; nil = must read without error
}

func repeatTo(w io.Writer, chunk []byte, total int) {
	for n := 0; n < total; n += len(chunk) {
		w.Write(chunk)
	}
}

func hostileCases() []hostileCase {
	nl := bytes.Repeat([]byte("\n"), 1<<20)
	a := bytes.Repeat([]byte("a"), 1<<20)
	nul := make([]byte, 1<<20)
	return []hostileCase{
		{name: "declared.net", file: "declared.net", want: []string{"*Vertices 300000000", "MaxDeclared"}},
		{name: "label_far.net", file: "label_far.net", want: []string{"MaxDeclared"}},
		{name: "deep.gml.gz", file: "deep.gml.gz", want: []string{"nested more than 64 deep", "MaxDepth"}},
		{name: "blank.csv.gz", gz: true, make: func(w io.Writer) {
			io.WriteString(w, "source,target\n1,2\n")
			repeatTo(w, nl, 256<<20)
			io.WriteString(w, "2,3\n")
		}},
		{name: "blank.txt.gz", gz: true, make: func(w io.Writer) {
			io.WriteString(w, "1 2\n")
			repeatTo(w, nl, 256<<20)
			io.WriteString(w, "2 3\n")
		}},
		{name: "quote.csv.gz", gz: true, make: func(w io.Writer) {
			io.WriteString(w, "source,target\n1,2\n3,\"")
			repeatTo(w, a, 256<<20)
		}, want: []string{"longer than", "MaxLine"}},
		{name: "quote_lines.csv.gz", gz: true, make: func(w io.Writer) {
			// The open quote spans line ends: the general reader holds it.
			io.WriteString(w, "source,target\n1,2\n3,\"")
			repeatTo(w, append(bytes.Repeat([]byte("a"), 1023), '\n'), 256<<20)
		}, want: []string{"never closed", "MaxLine"}},
		{name: "nul.csv.gz", gz: true, make: func(w io.Writer) {
			io.WriteString(w, "source,target\n")
			for i := 0; i < 200000; i++ {
				fmt.Fprintf(w, "%d,%d\n", i, i+1)
			}
			repeatTo(w, nul, 256<<20)
		}, want: []string{"longer than", "MaxLine"}},
		{name: "nul_lines.csv.gz", gz: true, make: func(w io.Writer) {
			// NUL runs cut into lines: the general reader, not the fast path.
			io.WriteString(w, "source,target\n")
			for i := 0; i < 200000; i++ {
				fmt.Fprintf(w, "%d,%d\n", i, i+1)
			}
			line := append(bytes.Repeat([]byte{0}, 1<<16-1), '\n')
			repeatTo(w, line, 256<<20)
		}, want: []string{"want 2 fields"}},
		{name: "quote.gml.gz", gz: true, make: func(w io.Writer) {
			io.WriteString(w, "graph [ node [ id 1 label \"")
			repeatTo(w, a, 256<<20)
		}, want: []string{"never closed", "MaxLine"}},
		{name: "key.gml.gz", gz: true, make: func(w io.Writer) {
			io.WriteString(w, "graph [ node [ id 1 ")
			repeatTo(w, a, 256<<20)
		}, want: []string{"a key longer than", "MaxLine"}},
		{name: "line.net.gz", gz: true, make: func(w io.Writer) {
			io.WriteString(w, "*Vertices 2\n*Edges\n1 2 ")
			repeatTo(w, a, 256<<20)
		}, want: []string{"a line longer than", "MaxLine"}},
	}
}

// TestHostileMemory runs each hostile input in a memory-capped child.
func TestHostileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the hostile corpus takes about a minute")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to set ulimit -v")
	}
	dir := t.TempDir()
	large := os.Getenv("SOLIDARITY_HOSTILE") == "1"
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			if c.file == "" && !large {
				t.Skip("a generated case of hundreds of MB: set SOLIDARITY_HOSTILE=1 (scripts/test.sh does)")
			}
			path := filepath.Join(dir, c.name)
			var size int64
			if c.file != "" {
				b, err := os.ReadFile(filepath.Join("testdata", "hostile", c.file))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
				size = int64(len(b))
				if strings.HasSuffix(c.file, ".gz") {
					zr, err := gzip.NewReader(bytes.NewReader(b))
					if err != nil {
						t.Fatal(err)
					}
					size, _ = io.Copy(io.Discard, zr)
				}
			} else {
				f, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				cw := &countWriter{}
				var w io.Writer = f
				var zw *gzip.Writer
				if c.gz {
					zw, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
					w = zw
				}
				c.make(io.MultiWriter(w, cw))
				if zw != nil {
					zw.Close()
				}
				f.Close()
				size = cw.n
			}
			out, rss, err := runCapped(t, path)
			if err != nil {
				t.Fatalf("child failed (a crash or out of memory under ulimit -v %d KiB): %v\n%s", hostileCapKiB, err, out)
			}
			bound := max(512<<20, 8*size)
			t.Logf("%s: %d bytes decompressed, peak RSS %.0f MiB (bound %.0f MiB): %s", c.name, size, float64(rss)/(1<<20), float64(bound)/(1<<20), firstLine(out))
			if rss > bound {
				t.Errorf("peak RSS %d bytes, want at most %d", rss, bound)
			}
			if c.want == nil {
				if !strings.HasPrefix(out, "ok") {
					t.Errorf("want a network, got %s", out)
				}
				return
			}
			if !strings.HasPrefix(out, "error") {
				t.Fatalf("want an error containing %q, got %s", c.want, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("error %q does not say %q", firstLine(out), w)
				}
			}
		})
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// runCapped reads path in a child process under ulimit -v and returns what
// it printed and its peak RSS in bytes.
func runCapped(t *testing.T, path string) (string, int64, error) {
	t.Helper()
	cmd := exec.Command("sh", "-c", fmt.Sprintf("ulimit -v %d && exec \"$0\" -test.run='^TestHostileChild$' -test.v=false", hostileCapKiB), os.Args[0])
	cmd.Env = append(os.Environ(), "SOLIDARITY_HOSTILE_FILE="+path)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = int64(ru.Maxrss) << 10 // KiB on Linux
		}
	}
	return buf.String(), rss, err
}

// TestHostileChild is the child of TestHostileMemory: it reads one file
// and prints "ok ..." or "error: ...". It does nothing in a normal run.
func TestHostileChild(t *testing.T) {
	path := os.Getenv("SOLIDARITY_HOSTILE_FILE")
	if path == "" {
		t.Skip("the child of TestHostileMemory")
	}
	n, err := Read(path, Options{})
	if err != nil {
		fmt.Printf("error: %v\n", err)
		return
	}
	r := n.Report()
	fmt.Printf("ok: %d edge records, %d nodes\n", r.EdgeRecords, r.Nodes)
	n.Release()
}
