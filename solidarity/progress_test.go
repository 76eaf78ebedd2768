package solidarity

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// Outside a terminal the bar logs each quarter once and the end, whatever
// the number of updates, from many goroutines at once.
func TestProgressLog(t *testing.T) {
	var b strings.Builder
	p := newProgressTo("permutations", &b, false)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i <= 1000; i += 4 {
				p.Update(i, 1000)
				if i%100 == 0 {
					time.Sleep(progressEvery / 4)
				}
			}
		}()
	}
	wg.Wait()
	p.Update(1000, 1000)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) < 2 || len(lines) > 5 {
		t.Errorf("%d lines, want the end and at most 4 quarters:\n%s", len(lines), b.String())
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "permutations: 1000/1000 ") {
		t.Errorf("last line %q", last)
	}
	p.Update(1000, 1000) // after the end: nothing
	if strings.Count(b.String(), "1000/1000") != 1 {
		t.Errorf("drawn after the end:\n%s", b.String())
	}
}

// On a terminal one line is redrawn with a bar; downloads show MiB.
func TestProgressTerminal(t *testing.T) {
	var b strings.Builder
	p := newProgressTo("polblogs", &b, true)
	p.Download(registry.Progress{File: "polblogs.zip", Bytes: 1 << 20, Total: 4 << 20})
	p.Download(registry.Progress{File: "polblogs.zip", Bytes: 4 << 20, Total: 4 << 20, Done: true})
	s := b.String()
	if !strings.Contains(s, "\r\033[K[######                  ] polblogs: polblogs.zip 1.0 MiB of 4.0 MiB (25%)") || !strings.HasSuffix(s, "\n") {
		t.Errorf("terminal output %q", s)
	}
}

// Load outside a notebook never drops the registry's messages: they go to
// standard error with the data set's name; progress only on a terminal.
func TestDownloadOptionsTerminal(t *testing.T) {
	var b strings.Builder
	o := terminalDownloadOptions("polblogs", &b, false)
	if o.Progress != nil {
		t.Error("progress drawn into a log")
	}
	o.Log("cached Parquet damaged; rebuilt from the raw files")
	if got, want := b.String(), "solidarity: polblogs: cached Parquet damaged; rebuilt from the raw files\n"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if o := terminalDownloadOptions("polblogs", &b, true); o.Progress == nil || o.Log == nil {
		t.Error("a terminal gets progress and messages")
	}
}
