package solidarity

import (
	"html"
	"time"

	"github.com/algosolidarity/toolkit/solidarity/display"
	"github.com/algosolidarity/toolkit/solidarity/figures"
	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Show displays each value inline in a GoNB notebook cell: figures (values
// with PNG() []byte or SVG() string, such as *figures.Figure) as images,
// a figure's Caption as a sentence under it, a *FigureSet whole,
// tables (values with HTML() string, such as *display.Table) as HTML tables,
// image.Image values as PNG, and anything else as text. Each value is sent
// as one Jupyter display_data message carrying every form it has (see
// display.NewBundle), always including text/plain.
//
// Outside a notebook Show does nothing and returns without error; on a
// terminal print tables with fmt.Println, which uses their String method,
// and save figures with their Save method. Show(nil) shows nothing.
//
// Show returns once GoNB has received everything (gonbui.Sync, bounded by
// 10 s), so displays keep their order relative to printed text and are not
// lost when the cell's program ends right after.
//
// The methods are the ones gophernotes looks for, so the same values would
// display themselves there as the last expression of a cell; but the only
// gophernotes release the module proxy serves (v0.7.5) panics on start
// under Go 1.26, so the toolkit's notebooks run on GoNB and gophernotes is
// untested (see notebooks/README.md).
func Show(values ...any) {
	if !gonbui.IsNotebook {
		return
	}
	for _, v := range values {
		b := display.NewBundle(v)
		if len(b) == 0 {
			continue
		}
		data := &protocol.DisplayData{Data: make(map[protocol.MIMEType]any, len(b))}
		for mime, content := range b {
			data.Data[protocol.MIMEType(mime)] = content
		}
		gonbui.SendData(data)
		if f, ok := v.(*figures.Figure); ok && f != nil && f.Caption != "" {
			// An image cannot carry its caption; the sentence follows it.
			gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
				protocol.MIMETextHTML:  captionHTML(f.Caption),
				protocol.MIMETextPlain: f.Caption,
			}})
		}
	}
	syncDisplay(10 * time.Second)
}

// syncDisplay waits until GoNB has read every display message sent so far.
// GoNB closes its end of the pipe when the cell's program exits, dropping
// messages it has not decoded yet; waiting for its acknowledgement avoids
// that. The wait is bounded in case the kernel never answers.
func syncDisplay(limit time.Duration) {
	done := make(chan struct{})
	go func() {
		gonbui.Sync()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(limit):
	}
}

// captionHTML is a figure caption as it sits under the image.
func captionHTML(caption string) string {
	return `<p class="solidarity-caption" style="margin:0 0 1em 0;font-size:90%"><i>` + html.EscapeString(caption) + `</i></p>`
}
