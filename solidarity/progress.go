package solidarity

import (
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"golang.org/x/term"

	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// ProgressBar draws the progress of long work where the user looks: in a
// GoNB notebook as a bar in the cell's output, updated in place
// (gonbui.UpdateHTML), and elsewhere as a line on standard error, redrawn
// on a terminal and printed at each quarter otherwise. The library reports
// progress through callbacks; pass the bar's methods as those callbacks:
//
//	bar := solidarity.NewProgress("permutations")
//	opt.Progress = bar.Update // func(done, total int)
//
// Redraws are limited to about five a second; the last state (done, with
// the time taken) stays in the notebook. A ProgressBar is safe for
// concurrent use, as callbacks from worker goroutines need.
type ProgressBar struct {
	label string
	out   io.Writer // where the text form goes
	tty   bool      // out is a terminal: redraw one line
	html  bool      // draw in the notebook

	mu      sync.Mutex
	id      string
	start   time.Time
	last    time.Time
	quarter int
	ended   bool
}

// progressEvery bounds how often the bar is redrawn.
const progressEvery = 200 * time.Millisecond

// NewProgress returns a bar labelled with what is being done.
func NewProgress(label string) *ProgressBar {
	p := &ProgressBar{label: label, out: os.Stderr, html: gonbui.IsNotebook, start: time.Now()}
	p.tty = !p.html && term.IsTerminal(int(os.Stderr.Fd()))
	if p.html {
		p.id = "solidarity-progress-" + gonbui.UniqueID()
	}
	return p
}

// newProgressTo is NewProgress writing text to w (tests).
func newProgressTo(label string, w io.Writer, tty bool) *ProgressBar {
	return &ProgressBar{label: label, out: w, tty: tty, start: time.Now()}
}

// Update reports done out of total steps (total <= 0: unknown). It has the
// signature of the analyses' Progress callbacks.
func (p *ProgressBar) Update(done, total int) {
	p.draw(float64(done), float64(total), func(d, t float64) string {
		if t <= 0 {
			return fmt.Sprintf("%d", done)
		}
		return fmt.Sprintf("%d/%d", done, total)
	}, total > 0 && done >= total)
}

// Download reports a data set download; pass it as LoadOptions.Progress.
func (p *ProgressBar) Download(r registry.Progress) {
	p.draw(float64(r.Bytes), float64(r.Total), func(d, t float64) string {
		s := r.File + " " + mib(r.Bytes)
		if r.Total > 0 {
			s += " of " + mib(r.Total)
		}
		return s
	}, r.Done)
}

// Stage reports a named stage of a simulation and the events drawn so far
// (the simulator's Progress callback).
func (p *ProgressBar) Stage(stage string, events int) {
	p.draw(float64(events), 0, func(float64, float64) string {
		return fmt.Sprintf("%s, %d events", stage, events)
	}, false)
}

// Done marks the work finished, drawing the final state with the time it
// took.
func (p *ProgressBar) Done() {
	p.draw(1, 1, func(float64, float64) string { return "done" }, true)
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func (p *ProgressBar) draw(done, total float64, what func(d, t float64) string, end bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended {
		return
	}
	now := time.Now()
	frac := -1.0
	if total > 0 {
		frac = min(max(done/total, 0), 1)
	}
	if !end {
		if now.Sub(p.last) < progressEvery {
			return
		}
		if !p.html && !p.tty {
			// A log, not a screen: one line per quarter.
			q := int(frac * 4)
			if frac < 0 || q <= p.quarter {
				return
			}
			p.quarter = q
		}
	}
	p.last = now
	p.ended = end
	elapsed := now.Sub(p.start).Round(100 * time.Millisecond)
	text := p.label + ": " + what(done, total)
	if frac >= 0 && !end {
		text += fmt.Sprintf(" (%.0f%%)", 100*frac)
	}
	text += " " + elapsed.String()
	switch {
	case p.html:
		bar := ""
		if frac >= 0 {
			bar = fmt.Sprintf(`<progress value="%.4f" max="1" style="width:16em;vertical-align:middle"></progress> `, frac)
		}
		gonbui.UpdateHTML(p.id, `<div class="solidarity-progress">`+bar+html.EscapeString(text)+"</div>")
		if end {
			syncDisplay(2 * time.Second)
		}
	case p.tty:
		width := 24
		line := text
		if frac >= 0 {
			n := int(frac * float64(width))
			line = "[" + strings.Repeat("#", n) + strings.Repeat(" ", width-n) + "] " + text
		}
		fmt.Fprintf(p.out, "\r\033[K%s", line)
		if end {
			fmt.Fprintln(p.out)
		}
	default:
		fmt.Fprintln(p.out, text)
	}
}

// notebookProgress returns a bar's Update in a GoNB notebook, where
// nothing else would show progress, and nil elsewhere (the library then
// stays quiet, as a library should).
func notebookProgress(label string) func(done, total int) {
	if !gonbui.IsNotebook {
		return nil
	}
	return NewProgress(label).Update
}

// notebookBar returns a new bar in a GoNB notebook and nil elsewhere.
func notebookBar(label string) *ProgressBar {
	if !gonbui.IsNotebook {
		return nil
	}
	return NewProgress(label)
}

// downloadOptions are the registry options of Load, LoadWith and the
// engagement loaders. The registry itself writes nothing; here its one-line
// messages (a damaged cache rebuilt, a file re-hashed) are shown where the
// user looks: in the cell in a notebook, on standard error elsewhere, so
// that Load never drops them. Download progress is drawn in a notebook and
// on an interactive terminal; a program whose standard error is a log gets
// the messages only.
func downloadOptions(name string) registry.Options {
	if gonbui.IsNotebook {
		return registry.Options{
			Progress: NewProgress("downloading " + name).Download,
			Log: func(msg string) {
				gonbui.DisplayHTML(`<div class="solidarity-message">` + html.EscapeString(name+": "+msg) + "</div>")
			},
		}
	}
	return terminalDownloadOptions(name, os.Stderr, term.IsTerminal(int(os.Stderr.Fd())))
}

// terminalDownloadOptions is downloadOptions outside a notebook, writing
// to w (a terminal when tty).
func terminalDownloadOptions(name string, w io.Writer, tty bool) registry.Options {
	o := registry.Options{Log: func(msg string) { fmt.Fprintf(w, "solidarity: %s: %s\n", name, msg) }}
	if tty {
		o.Progress = newProgressTo("downloading "+name, w, true).Download
	}
	return o
}
