// Package shareddata finds the public data sets that tests read from
// ../shared/datasets/raw beside the checkout, and skips a test with a clear
// message when they are absent (for example on a contributor's laptop).
package shareddata

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// RepoRoot returns the directory holding the toolkit's go.mod, walking up
// from the working directory (go test runs each package in its own
// folder; the scale/ modules have go.mod files of their own, skipped).
func RepoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && isRoot(b) {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// SharedRawDir returns ../shared/datasets/raw beside the checkout, or
// $SOLIDARITY_SHARED_RAW when set, and whether it exists.
func SharedRawDir() (string, bool) {
	dir := os.Getenv("SOLIDARITY_SHARED_RAW")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared", "datasets", "raw")
	}
	st, err := os.Stat(dir)
	return dir, err == nil && st.IsDir()
}

// Raw returns the path of file in data set name under the shared raw
// directory, skipping the test when it is absent.
func Raw(t testing.TB, name, file string) string {
	t.Helper()
	dir, ok := SharedRawDir()
	if !ok {
		Skipf(t, "public data sets not found at %s: put the project's shared/ folder beside the checkout (or set SOLIDARITY_SHARED_RAW) to run this test", dir)
	}
	p := filepath.Join(dir, name, file)
	if _, err := os.Stat(p); err != nil {
		Skipf(t, "public data set file %s is missing: %v", p, err)
	}
	return p
}

// isRoot reports whether go.mod text b declares the toolkit's root module.
func isRoot(b []byte) bool {
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return f[1] == "github.com/algosolidarity/toolkit"
		}
	}
	return false
}

// Require reports whether $SOLIDARITY_REQUIRE_SHARED is 1: scripts/test.sh
// sets it when ../shared is present, so that there a public-data test that
// would skip fails instead (CI must run every one of them).
func Require() bool { return os.Getenv("SOLIDARITY_REQUIRE_SHARED") == "1" }

// Skipf skips the test with the message, or fails it under Require.
func Skipf(t testing.TB, format string, args ...any) {
	t.Helper()
	if Require() {
		t.Fatalf("SOLIDARITY_REQUIRE_SHARED=1 but: "+format, args...)
	}
	t.Skipf(format, args...)
}
