package registry

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Every download test talks to an httptest server on 127.0.0.1, never the
// internet.

var (
	plainCSV = []byte("source,target\n1,2\n2,3\n3,1\n")
	gzText   = []byte("1 2\n2 3\n3 1\n1 1\n")
	zipGML   = []byte("graph [\n  directed 0\n  node [ id 1 ]\n  node [ id 2 ]\n  edge [ source 1 target 2 ]\n]\n")
	zipTxt   = []byte("a note\n")
	noHash   = []byte("7 8\n8 9\n")
)

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zipOf(t testing.TB, files map[string][]byte) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, name := range []string{"inner/net.gml", "net.txt", "../evil.txt"} {
		if b, ok := files[name]; ok {
			f, err := w.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			f.Write(b)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// server serves the test files; handlers may be replaced per test.
type server struct {
	*httptest.Server
	routes map[string]http.HandlerFunc
	hits   atomic.Int64
}

func newServer(t *testing.T) *server {
	s := &server{routes: map[string]http.HandlerFunc{}}
	arch := zipOf(t, map[string][]byte{"inner/net.gml": zipGML, "net.txt": zipTxt, "../evil.txt": []byte("x")})
	static := map[string][]byte{
		"/data/plain.csv":   plainCSV,
		"/data/text.txt.gz": gz(gzText),
		"/data/arch.zip":    arch,
		"/data/nohash.txt":  noHash,
	}
	for p, b := range static {
		b := b
		s.routes[p] = func(w http.ResponseWriter, r *http.Request) { w.Write(b) }
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		if h, ok := s.routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// testRegistry is a registry whose addresses point at srv.
func testRegistry(t *testing.T, base string) *Registry {
	t.Helper()
	js := fmt.Sprintf(`{"schema": 1, "datasets": [
	{"name": "plain", "title": "t", "description": "d", "citations": [], "license": "", "homepage": "", "format": "csv",
	 "directed": true, "attribute": "", "folder": "plain-folder",
	 "files": [{"name": "plain.csv", "role": "edges", "format": "csv", "header": true, "url": "%[1]s/data/plain.csv", "compression": "none", "sha256": "%[2]s"}]},
	{"name": "multi", "title": "t", "description": "d", "citations": [], "license": "", "homepage": "", "format": "snap",
	 "directed": false, "attribute": "", "folder": "multi",
	 "files": [
	   {"name": "text.txt", "role": "edges", "format": "snap", "url": "%[1]s/data/text.txt.gz", "compression": "gz", "sha256": "%[3]s"},
	   {"name": "net.gml", "role": "docs", "url": "%[1]s/data/arch.zip", "compression": "zip", "member": "net.gml", "sha256": "%[4]s"},
	   {"name": "sub/net.txt", "role": "docs", "url": "%[1]s/data/arch.zip", "compression": "zip", "member": "net.txt", "sha256": "%[5]s"},
	   {"name": "nohash.txt", "role": "docs", "url": "%[1]s/data/missing.txt", "mirrors": ["%[1]s/data/nohash.txt"], "compression": "none", "sha256": ""}
	 ]},
	{"name": "mirroronly", "title": "t", "description": "d", "citations": [], "license": "", "homepage": "", "format": "csv",
	 "directed": true, "attribute": "", "folder": "mo",
	 "files": [{"name": "x.csv", "role": "edges", "format": "csv", "header": true, "sha256": "%[2]s", "note": "made by hand"}]}
	]}`, base, sum(plainCSV), sum(gzText), sum(zipGML), sum(zipTxt))
	r, err := Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// snapshot records every path under root with its content hash, so a test
// can assert that a failure left the cache exactly as it was.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) {
		out["<absent>"] = ""
		return out
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			out[rel] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = sum(b)
		return nil
	})
	return out
}

func quietOpts(reg *Registry, cache string, msgs *[]string) Options {
	return Options{Registry: reg, CacheDir: cache, Mirror: "-", Quiet: true,
		Log: func(s string) {
			if msgs != nil {
				*msgs = append(*msgs, s)
			}
		}}
}

func TestFetchSuccessThenWarmCacheNeedsNoNetwork(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	cache := filepath.Join(t.TempDir(), "cache")
	var msgs []string
	var progress []Progress
	opt := quietOpts(reg, cache, &msgs)
	opt.Progress = func(p Progress) { progress = append(progress, p) }
	f, err := Fetch(context.Background(), "MULTI", opt)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"text.txt": gzText, "net.gml": zipGML, "sub/net.txt": zipTxt, "nohash.txt": noHash}
	for _, x := range f.Files {
		b, err := os.ReadFile(x.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, want[x.Name]) || x.SHA256 != sum(b) || x.Cached {
			t.Errorf("%s: content %q sha %s cached %v", x.Name, b, x.SHA256, x.Cached)
		}
	}
	// The zip member was found under inner/ by its base name; the zip was
	// downloaded once for two members; nohash.txt came from the alternate
	// address after a 404 on the first.
	if got := f.Files[3].Source; got != srv.URL+"/data/nohash.txt" {
		t.Errorf("nohash source = %s", got)
	}
	if !f.Files[3].Recorded || len(msgs) != 1 || !strings.Contains(msgs[0], "recorded sha256 "+sum(noHash)) {
		t.Errorf("first-use message = %q", msgs)
	}
	if srv.hits.Load() != 4 { // text.txt.gz, arch.zip, missing.txt (404), nohash.txt
		t.Errorf("server hits = %d, want 4", srv.hits.Load())
	}
	last := progress[len(progress)-1]
	if !last.Done || last.Bytes != int64(len(noHash)) {
		t.Errorf("last progress = %+v", last)
	}
	var h hashFile
	b, _ := os.ReadFile(filepath.Join(cache, "multi", hashesName))
	if err := json.Unmarshal(b, &h); err != nil || h.Files["nohash.txt"].SHA256 != sum(noHash) || !h.Files["nohash.txt"].Recorded || h.Files["text.txt"].Recorded {
		t.Errorf("hashes.json = %s", b)
	}
	// No temporary files are left behind.
	for p := range snapshot(t, cache) {
		if strings.Contains(p, ".partial-") {
			t.Errorf("left behind: %s", p)
		}
	}

	// Warm cache: the server is gone, and nothing is read.
	srv.Close()
	msgs = nil
	g, err := Fetch(context.Background(), "multi", quietOpts(reg, cache, &msgs))
	if err != nil {
		t.Fatalf("warm cache needed the network: %v", err)
	}
	for _, x := range g.Files {
		if !x.Cached || x.Source != "" {
			t.Errorf("%s not served from the cache", x.Name)
		}
	}
	if len(msgs) != 0 {
		t.Errorf("warm cache said %q", msgs)
	}
}

// failCase sets up a failure and checks the error; the cache must be left
// exactly as it was, whether it was empty, absent or partly filled.
func TestFetchFailuresLeaveCacheUnchanged(t *testing.T) {
	cases := []struct {
		name    string
		set     string
		route   string
		handler func(srv *server) http.HandlerFunc
		opt     func(o *Options)
		ctx     func() (context.Context, func())
		check   func(t *testing.T, err error, base string)
	}{
		{
			name: "404", set: "plain", route: "/data/plain.csv",
			handler: func(*server) http.HandlerFunc { return http.NotFound },
			check: func(t *testing.T, err error, base string) {
				var de *DownloadError
				if !errors.As(err, &de) || de.Address != base+"/data/plain.csv" || !strings.Contains(err.Error(), "404") {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "server error", set: "plain", route: "/data/plain.csv",
			handler: func(*server) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) }
			},
			check: func(t *testing.T, err error, base string) {
				if !strings.Contains(err.Error(), "500") || !strings.Contains(err.Error(), base+"/data/plain.csv") {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "truncated body", set: "plain", route: "/data/plain.csv",
			handler: func(*server) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", fmt.Sprint(len(plainCSV)))
					w.Write(plainCSV[:10])
				}
			},
			check: func(t *testing.T, err error, base string) {
				var de *DownloadError
				if !errors.As(err, &de) || !strings.Contains(err.Error(), "unexpected EOF") {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "truncated gzip, second file of a set", set: "multi", route: "/data/text.txt.gz",
			handler: func(*server) http.HandlerFunc {
				b := gz(gzText)
				return func(w http.ResponseWriter, r *http.Request) { w.Write(b[:len(b)-6]) }
			},
			check: func(t *testing.T, err error, base string) {
				if !strings.Contains(err.Error(), base+"/data/text.txt.gz") || !strings.Contains(err.Error(), "EOF") {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "checksum mismatch", set: "plain", route: "/data/plain.csv",
			handler: func(*server) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("source,target\n6,6\n")) }
			},
			check: func(t *testing.T, err error, base string) {
				var ce *ChecksumError
				if !errors.As(err, &ce) || ce.Want != sum(plainCSV) || ce.Got != sum([]byte("source,target\n6,6\n")) || ce.Address != base+"/data/plain.csv" {
					t.Fatalf("error = %v", err)
				}
				for _, s := range []string{ce.Want, ce.Got, ce.Address} {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("message %q lacks %s", err, s)
					}
				}
			},
		},
		{
			name: "zip without the member", set: "multi", route: "/data/arch.zip",
			handler: func(srv *server) http.HandlerFunc {
				b := zipOf(t, map[string][]byte{"net.txt": zipTxt})
				return func(w http.ResponseWriter, r *http.Request) { w.Write(b) }
			},
			check: func(t *testing.T, err error, base string) {
				if !strings.Contains(err.Error(), `no member "net.gml"`) {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "not a zip", set: "multi", route: "/data/arch.zip",
			handler: func(srv *server) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>moved</html>")) }
			},
			check: func(t *testing.T, err error, base string) {
				if !strings.Contains(err.Error(), "not a readable zip") {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "decompressed size beyond the limit", set: "multi", route: "",
			opt: func(o *Options) { o.MaxBytes = 8 },
			check: func(t *testing.T, err error, base string) {
				if !strings.Contains(err.Error(), "exceeds 8 bytes") {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "interrupted (context cancelled mid-body)", set: "plain", route: "/data/plain.csv",
			handler: func(*server) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", "1000000")
					w.Write(bytes.Repeat([]byte("1,2\n"), 1000))
					w.(http.Flusher).Flush()
					<-r.Context().Done() // hang until the client gives up
				}
			},
			ctx: func() (context.Context, func()) {
				return context.WithTimeout(context.Background(), 300*time.Millisecond)
			},
			check: func(t *testing.T, err error, base string) {
				if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), base+"/data/plain.csv") {
					t.Errorf("error = %v", err)
				}
			},
		},
		{
			name: "cancelled before starting", set: "plain", route: "",
			ctx: func() (context.Context, func()) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx, cancel
			},
			check: func(t *testing.T, err error, base string) {
				if !errors.Is(err, context.Canceled) {
					t.Errorf("error = %v", err)
				}
			},
		},
	}
	for _, c := range cases {
		for _, start := range []string{"absent", "empty", "warm other"} {
			t.Run(c.name+"/"+start, func(t *testing.T) {
				srv := newServer(t)
				reg := testRegistry(t, srv.URL)
				cache := filepath.Join(t.TempDir(), "cache")
				switch start {
				case "empty":
					os.MkdirAll(cache, 0o755)
				case "warm other":
					// A cached data set, and a stale partial state of this one.
					if _, err := Fetch(context.Background(), "plain", quietOpts(reg, cache, nil)); err != nil {
						t.Fatal(err)
					}
					if c.set == "plain" {
						os.Remove(filepath.Join(cache, "plain", "plain.csv")) // forces a new download
					}
				}
				before := snapshot(t, cache)
				if c.handler != nil {
					srv.routes[c.route] = c.handler(srv)
				}
				opt := quietOpts(reg, cache, nil)
				if c.opt != nil {
					c.opt(&opt)
				}
				ctx := context.Background()
				if c.ctx != nil {
					var cancel func()
					ctx, cancel = c.ctx()
					defer cancel()
				}
				_, err := Fetch(ctx, c.set, opt)
				if err == nil {
					t.Fatal("want an error")
				}
				c.check(t, err, srv.URL)
				if after := snapshot(t, cache); !reflect.DeepEqual(before, after) {
					t.Errorf("cache changed:\nbefore %v\nafter  %v", before, after)
				}
			})
		}
	}
}

func TestRecordedHashIsEnforcedLater(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	cache := t.TempDir()
	if _, err := Fetch(context.Background(), "multi", quietOpts(reg, cache, nil)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(cache, "multi", "nohash.txt"))
	srv.routes["/data/nohash.txt"] = func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("changed upstream\n")) }
	before := snapshot(t, cache)
	_, err := Fetch(context.Background(), "multi", quietOpts(reg, cache, nil))
	var ce *ChecksumError
	if !errors.As(err, &ce) || !ce.Recorded || ce.Want != sum(noHash) || !strings.Contains(err.Error(), "recorded on first use") {
		t.Fatalf("error = %v", err)
	}
	if !reflect.DeepEqual(before, snapshot(t, cache)) {
		t.Error("cache changed")
	}
}

func TestMirror(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	// A local mirror laid out <mirror>/<folder>/<file>, holding the
	// decompressed files (as shared/datasets/raw does), except for the zip
	// members, for which it holds the original archive.
	mirror := t.TempDir()
	write := func(rel string, b []byte) {
		p := filepath.Join(mirror, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("plain-folder/plain.csv", plainCSV)
	write("multi/text.txt", gzText)
	write("multi/arch.zip", zipOf(t, map[string][]byte{"inner/net.gml": zipGML, "net.txt": zipTxt}))
	write("multi/nohash.txt", noHash)
	write("mo/x.csv", plainCSV)
	srv.Close() // the mirror must be enough

	cache := t.TempDir()
	for _, name := range []string{"plain", "multi", "mirroronly"} {
		opt := quietOpts(reg, cache, nil)
		opt.Mirror = mirror
		f, err := Fetch(context.Background(), name, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range f.Files {
			if !strings.HasPrefix(x.Source, mirror) {
				t.Errorf("%s/%s came from %s, not the mirror", name, x.Name, x.Source)
			}
		}
	}
	// A mismatching mirror copy is refused like a download.
	write("mo/x.csv", []byte("tampered"))
	os.RemoveAll(filepath.Join(cache, "mirroronly"))
	opt := quietOpts(reg, cache, nil)
	opt.Mirror = mirror
	_, err := Fetch(context.Background(), "mirroronly", opt)
	var ce *ChecksumError
	if !errors.As(err, &ce) || ce.Address != filepath.Join(mirror, "mo", "x.csv") || !strings.Contains(err.Error(), "made by hand") {
		t.Errorf("error = %v", err)
	}
	// Without a mirror, a mirror-only file says how to get it.
	_, err = Fetch(context.Background(), "mirroronly", quietOpts(reg, t.TempDir(), nil))
	if err == nil || !strings.Contains(err.Error(), "SOLIDARITY_MIRROR") {
		t.Errorf("error = %v", err)
	}
}

func TestMirrorURLAndEnvironment(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	srv.routes["/m/plain-folder/plain.csv"] = func(w http.ResponseWriter, r *http.Request) { w.Write(plainCSV) }
	cache := t.TempDir()
	t.Setenv("SOLIDARITY_MIRROR", srv.URL+"/m/")
	t.Setenv("SOLIDARITY_CACHE", cache)
	f, err := Fetch(context.Background(), "plain", Options{Registry: reg, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if f.Files[0].Source != srv.URL+"/m/plain-folder/plain.csv" || f.Dir != filepath.Join(cache, "plain") {
		t.Errorf("source %s dir %s", f.Files[0].Source, f.Dir)
	}
	// Options win over the environment; "-" ignores the mirror variable.
	other := t.TempDir()
	g, err := Fetch(context.Background(), "plain", Options{Registry: reg, Quiet: true, CacheDir: other, Mirror: "-"})
	if err != nil {
		t.Fatal(err)
	}
	if g.Files[0].Source != srv.URL+"/data/plain.csv" || g.Dir != filepath.Join(other, "plain") {
		t.Errorf("source %s dir %s", g.Files[0].Source, g.Dir)
	}
}

func TestFetchEmbedded(t *testing.T) {
	f, err := Fetch(context.Background(), "engagement", Options{CacheDir: t.TempDir()})
	if err != nil || !f.Embedded || len(f.Files) != 0 {
		t.Fatalf("%+v %v", f, err)
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.0 kB", 977839: "977.8 kB", 1 << 30: "1.1 GB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// Load over HTTP: download, decompress, parse, write Parquet; then load
// again with the server gone.
func TestLoadOverHTTPThenOffline(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	cache := t.TempDir()
	opt := quietOpts(reg, cache, nil)
	n, err := Load(context.Background(), "multi", opt)
	if err != nil {
		t.Fatal(err)
	}
	r := n.Report()
	n.Release()
	// text.txt: 1-2, 2-3, 3-1, 1-1 read undirected (the entry says so).
	if r.Nodes != 3 || r.EdgeRecords != 4 || r.SelfLoops != 1 || r.Directed {
		t.Fatalf("report %+v", r)
	}
	srv.Close()
	m, err := Load(context.Background(), "multi", opt)
	if err != nil {
		t.Fatalf("offline load: %v", err)
	}
	defer m.Release()
	if m.Report().EdgeRecords != 4 || m.Report().Directed || m.Name != "multi" {
		t.Errorf("offline report %+v", m.Report())
	}
}
