package registry

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressReader counts bytes as they are read and reports them to
// Options.Progress and, on a terminal, as a line on standard error.
type progressReader struct {
	r        io.Reader
	p        Progress
	start    time.Time
	last     time.Time
	callback func(Progress)
	terminal bool
	drawn    bool
}

var (
	stderrTerminal     bool
	stderrTerminalOnce sync.Once
)

func isTerminal() bool {
	stderrTerminalOnce.Do(func() { stderrTerminal = term.IsTerminal(int(os.Stderr.Fd())) })
	return stderrTerminal
}

func (dl *downloader) progressReader(f File, addr string, r io.Reader, total int64) *progressReader {
	now := time.Now()
	return &progressReader{
		r:        r,
		p:        Progress{Dataset: dl.d.Name, File: f.Name, Address: addr, Total: total},
		start:    now,
		last:     now,
		callback: dl.opt.Progress,
		terminal: !dl.opt.Quiet && dl.opt.Progress == nil && isTerminal(),
	}
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	pr.p.Bytes += int64(n)
	if now := time.Now(); now.Sub(pr.last) >= 200*time.Millisecond {
		pr.last = now
		pr.report(false)
	}
	return n, err
}

func (pr *progressReader) report(done bool) {
	pr.p.Elapsed = time.Since(pr.start)
	pr.p.Done = done
	if pr.callback != nil {
		pr.callback(pr.p)
	}
	if !pr.terminal {
		return
	}
	if done && !pr.drawn {
		return // too quick to be worth a line
	}
	pr.drawn = true
	size := FormatBytes(pr.p.Bytes)
	if pr.p.Total > 0 {
		size += " / " + FormatBytes(pr.p.Total)
	}
	line := fmt.Sprintf("\r  %s/%s  %s  %s/s", pr.p.Dataset, pr.p.File, size, FormatBytes(int64(pr.p.Rate())))
	if done {
		line += "  done\n"
	} else {
		line += "   "
	}
	fmt.Fprint(os.Stderr, line)
}

func (pr *progressReader) finish() { pr.report(true) }

// FormatBytes writes a byte count the way people read it: 977.8 kB, 1.2 MB.
func FormatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f := float64(n)
	for _, u := range []string{"kB", "MB", "GB", "TB"} {
		f /= unit
		if f < unit {
			return fmt.Sprintf("%.1f %s", f, u)
		}
	}
	return fmt.Sprintf("%.1f PB", f/unit)
}
