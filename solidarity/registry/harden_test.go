package registry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Issue 8: downloads time out, stop at the known size, clean up after
// interrupted runs; the cache is re-verified and rebuilt when damaged; the
// package writes nothing to the terminal. Servers are httptest on loopback.

// stallRegistry is one data set whose file is served at path.
func stallRegistry(t *testing.T, base, path string, bytes int64) *Registry {
	t.Helper()
	js := fmt.Sprintf(`{"schema": 1, "datasets": [
	{"name": "stall", "title": "t", "description": "d", "citations": [], "license": "", "homepage": "", "format": "csv",
	 "directed": true, "attribute": "", "folder": "stall",
	 "files": [{"name": "e.csv", "role": "edges", "format": "csv", "header": true, "url": "%s%s", "compression": "none", "sha256": "", "bytes": %d}]}]}`, base, path, bytes)
	r, err := Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStalledMirror(t *testing.T) {
	srv := newServer(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	// Headers and a few bytes, then silence.
	srv.routes["/stall/body"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("source,target\n1,2\n"))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
	// No headers at all.
	srv.routes["/stall/headers"] = func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
	for _, path := range []string{"/stall/body", "/stall/headers"} {
		t.Run(path, func(t *testing.T) {
			cache := filepath.Join(t.TempDir(), "cache")
			os.MkdirAll(filepath.Join(cache, "stall"), 0o755)
			before := snapshot(t, cache)
			opt := quietOpts(stallRegistry(t, srv.URL, path, 0), cache, nil)
			opt.IdleTimeout = 300 * time.Millisecond
			start := time.Now()
			_, err := Fetch(context.Background(), "stall", opt)
			took := time.Since(start)
			var de *DownloadError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), "stalled") {
				t.Fatalf("want a DownloadError saying the server stalled, got %v", err)
			}
			if took > 5*time.Second {
				t.Errorf("took %v with IdleTimeout 300ms", took)
			}
			if after := snapshot(t, cache); !reflect.DeepEqual(before, after) {
				t.Errorf("the cache changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestEndlessStreamStopsAtKnownSize(t *testing.T) {
	srv := newServer(t)
	srv.routes["/endless"] = func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("source,target\n"))
		line := []byte(strings.Repeat("1,2\n", 1024))
		for r.Context().Err() == nil {
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	}
	cache := filepath.Join(t.TempDir(), "cache")
	opt := quietOpts(stallRegistry(t, srv.URL, "/endless", 1000), cache, nil)
	_, err := Fetch(context.Background(), "stall", opt)
	if err == nil || !strings.Contains(err.Error(), "more than the 1000 the registry gives") {
		t.Fatalf("want an error naming the registry's size, got %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(cache, "stall", ".partial-*"))
	if len(left) > 0 {
		t.Errorf("partial files left: %v", left)
	}
}

func TestStalePartialsRemoved(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	cache := filepath.Join(t.TempDir(), "cache")
	dir := filepath.Join(cache, "plain")
	os.MkdirAll(dir, 0o755)
	old := filepath.Join(dir, ".partial-plain.csv-aaaaaa")
	fresh := filepath.Join(dir, ".partial-plain.csv-bbbbbb")
	os.WriteFile(old, []byte("half"), 0o644)
	os.WriteFile(fresh, []byte("half"), 0o644)
	past := time.Now().Add(-time.Hour)
	os.Chtimes(old, past, past)
	if _, err := Fetch(context.Background(), "plain", quietOpts(reg, cache, nil)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a .partial file an hour old is still there (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh .partial file (maybe another run's) was removed: %v", err)
	}
}

func TestDamagedCacheReverified(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	cache := filepath.Join(t.TempDir(), "cache")
	var msgs []string
	opt := quietOpts(reg, cache, &msgs)
	f, err := Fetch(context.Background(), "plain", opt)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Files[0].Path
	b, _ := os.ReadFile(p)
	b[len(b)-2] = '9' // same size, other content
	os.WriteFile(p, b, 0o644)
	hits := srv.hits.Load()
	g, err := Fetch(context.Background(), "plain", opt)
	if err != nil {
		t.Fatal(err)
	}
	if g.Files[0].Cached || srv.hits.Load() == hits {
		t.Errorf("a damaged cached file was taken as verified")
	}
	if got, _ := os.ReadFile(p); string(got) != string(plainCSV) {
		t.Errorf("the file was not restored: %q", got)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "damaged") {
		t.Errorf("no message about the damaged file: %q", msgs)
	}
}

func TestDamagedParquetCacheRebuilt(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	cache := filepath.Join(t.TempDir(), "cache")
	var msgs []string
	opt := quietOpts(reg, cache, &msgs)
	n, err := Load(context.Background(), "plain", opt)
	if err != nil {
		t.Fatal(err)
	}
	want := n.Report()
	n.Release()
	p := filepath.Join(cache, "plain", "edges.parquet")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// Every byte of the footer in turn: detected by the checksum, never read.
	for i := len(b) - 40; i < len(b)-8; i += 3 {
		c := append([]byte(nil), b...)
		c[i] ^= 0xff
		if err := os.WriteFile(p, c, 0o644); err != nil {
			t.Fatal(err)
		}
		msgs = nil
		n, err := Load(context.Background(), "plain", opt)
		if err != nil {
			t.Fatalf("byte %d: %v", i, err)
		}
		if got := n.Report(); !reflect.DeepEqual(got, want) {
			t.Errorf("byte %d: report %+v, want %+v", i, got, want)
		}
		n.Release()
		if !strings.Contains(strings.Join(msgs, "\n"), "damaged") {
			t.Fatalf("byte %d: no message about the damaged copy: %q", i, msgs)
		}
		// Rebuilt: the next load takes the copy without a word.
		msgs = nil
		n, err = Load(context.Background(), "plain", opt)
		if err != nil {
			t.Fatal(err)
		}
		n.Release()
		if len(msgs) > 0 {
			t.Fatalf("byte %d: the copy was not rebuilt: %q", i, msgs)
		}
	}
}

// TestWritesNothingToTheTerminal: with Log and Progress nil, messages stay
// in Fetched.Messages and nothing reaches standard error.
func TestWritesNothingToTheTerminal(t *testing.T) {
	srv := newServer(t)
	reg := testRegistry(t, srv.URL)
	cache := filepath.Join(t.TempDir(), "cache")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	f, ferr := Fetch(context.Background(), "multi", Options{Registry: reg, CacheDir: cache, Mirror: "-"})
	os.Stderr = saved
	w.Close()
	buf := make([]byte, 4096)
	k, _ := r.Read(buf)
	if ferr != nil {
		t.Fatal(ferr)
	}
	if k > 0 {
		t.Errorf("the registry wrote to standard error: %q", buf[:k])
	}
	if len(f.Messages) == 0 {
		t.Errorf("the first-use hash message is missing from Fetched.Messages")
	}
}
