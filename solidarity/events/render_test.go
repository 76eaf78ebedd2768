package events_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/events/eventstest"
)

// One Show(ev) once wrote 4.7 MB into a notebook (issue 9): 60,000 events
// read from a file now show in under 20 KB in every form, and say how many
// there are.
func TestEventsRenderBounded(t *testing.T) {
	const n = 60_000
	var b strings.Builder
	b.WriteString("actor,item,author,kind,time,quality\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "user%d,post%d,user%d,%s,%d,%g\n", i%5000, i%9000, (i*7)%5000, []string{"like", "share", "reply"}[i%3], 1704067200+int64(i)*10, float64(i%100)/100)
	}
	path := filepath.Join(t.TempDir(), "ev.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ev, err := events.Read(path, events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	bundle := display.NewBundle(ev)
	total := 0
	for mime, v := range bundle {
		s, _ := v.(string)
		total += len(s)
		if !strings.Contains(s, "60000") {
			t.Errorf("%s does not say how many events:\n%s", mime, s)
		}
	}
	if total > 20<<10 {
		t.Errorf("Show(ev) of %d events sends %d bytes, want under 20 KiB", n, total)
	}
	if _, ok := bundle[display.MIMEHTML]; !ok {
		t.Errorf("no HTML form: %v", bundle)
	}
	if md := ev.Markdown(); len(md) > 20<<10 {
		t.Errorf("Markdown is %d bytes", len(md))
	}
	s := ev.String()
	for _, want := range []string{"60000 events by 5000 people on 9000 items", "kinds: like 20000, reply 20000, share 20000", "from 2024-01-01 00:00 to 2024-01-07 22:39 UTC (6.9 days)", "with quality", "ev.Frame()"} {
		if !strings.Contains(s, want) {
			t.Errorf("String misses %q:\n%s", want, s)
		}
	}
	if df := ev.Frame(); df.Nrow() != n || df.Ncol() != 6 {
		t.Errorf("Frame: %d x %d, want %d x 6", df.Nrow(), df.Ncol(), n)
	}
}

// Events built in memory (no table as read) show their columns.
func TestEventsRenderInMemory(t *testing.T) {
	ev := eventstest.Synthetic(5000, 100)
	s := ev.String()
	if !strings.Contains(s, "shape: (5000, 5)") || !strings.Contains(s, "2 actor groups") {
		t.Errorf("in-memory events:\n%s", s)
	}
	if len(ev.HTML()) > 20<<10 {
		t.Errorf("HTML of 5000 events: %d bytes", len(ev.HTML()))
	}
}
