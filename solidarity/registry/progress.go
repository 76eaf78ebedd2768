package registry

import (
	"fmt"
	"io"
	"time"
)

// progressReader counts bytes as they are read and reports them to
// Options.Progress (the package draws nothing itself).
type progressReader struct {
	r        io.Reader
	p        Progress
	start    time.Time
	last     time.Time
	callback func(Progress)
}

func (dl *downloader) progressReader(f File, addr string, r io.Reader, total int64) *progressReader {
	now := time.Now()
	return &progressReader{
		r:        r,
		p:        Progress{Dataset: dl.d.Name, File: f.Name, Address: addr, Total: total},
		start:    now,
		last:     now,
		callback: dl.opt.Progress,
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
