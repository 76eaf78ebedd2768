package display

import (
	"bytes"
	"fmt"
	"image"
	"image/png"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/go-gota/gota/dataframe"
)

// MIME types of a Bundle.
const (
	MIMEPlain    = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMEPNG      = "image/png"
	MIMESVG      = "image/svg+xml"
)

// Bundle maps MIME types to the content a notebook front end chooses from
// (a string, or []byte for image/png), as in a Jupyter display_data message.
type Bundle map[string]any

// NewBundle collects what v can show of itself, through the display methods
// gophernotes looks for:
//
//   - PNG() []byte (figures) gives image/png; a figure that has it shows as
//     PNG only, which code hosts render reliably, not also as SVG;
//   - otherwise SVG() string gives the SVG wrapped in a <div> as text/html,
//     as GoNB's DisplaySvg does (front ends export inline SVG more reliably
//     than image/svg+xml);
//   - HTML() string gives text/html; Markdown() string gives text/markdown
//     only for values without HTML (front ends prefer HTML, and notebooks
//     are committed with their outputs, so one rich form is enough);
//   - an image.Image is encoded as PNG;
//   - an Arrow record batch or table and a gota data frame show as a Table
//     (FromRecordBatch, FromArrowTable, FromDataFrame): the shape, the head
//     and the tail, however long they are;
//   - String() (or fmt's rendering of any other value, or an error's
//     message) always gives text/plain, the fallback of every front end.
//
// A figure that fails to render (PNG() returns nil and
// Bytes("png") an error) shows the error as text. A nil v gives nil.
func NewBundle(v any) Bundle {
	if v == nil {
		return nil
	}
	// Data tables show their head and tail, never every row.
	switch x := v.(type) {
	case arrow.RecordBatch:
		v = FromRecordBatch("", x)
	case arrow.Table:
		v = FromArrowTable("", x)
	case dataframe.DataFrame:
		v = FromDataFrame("", x)
	case *dataframe.DataFrame:
		if x != nil {
			v = FromDataFrame("", *x)
		}
	}
	b := Bundle{}
	if p, ok := v.(interface{ PNG() []byte }); ok {
		if img := p.PNG(); len(img) > 0 {
			b[MIMEPNG] = img
		} else if r, ok := v.(interface {
			Bytes(string) ([]byte, error)
		}); ok {
			if _, err := r.Bytes("png"); err != nil {
				b[MIMEPlain] = "display: cannot render figure: " + err.Error()
				return b
			}
		}
	}
	if _, has := b[MIMEPNG]; !has {
		if s, ok := v.(interface{ SVG() string }); ok {
			if svg := s.SVG(); svg != "" {
				b[MIMEHTML] = "<div>" + svg + "</div>"
			}
		}
	}
	if h, ok := v.(interface{ HTML() string }); ok {
		if s := h.HTML(); s != "" {
			b[MIMEHTML] = s
		}
	}
	if m, ok := v.(interface{ Markdown() string }); ok && b[MIMEHTML] == nil {
		if s := m.Markdown(); s != "" {
			b[MIMEMarkdown] = s
		}
	}
	if img, ok := v.(image.Image); ok {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err == nil {
			b[MIMEPNG] = buf.Bytes()
		}
	}
	switch x := v.(type) {
	case error:
		b[MIMEPlain] = "error: " + x.Error()
	case fmt.Stringer:
		b[MIMEPlain] = x.String()
	default:
		if len(b) == 0 {
			b[MIMEPlain] = fmt.Sprint(v)
		} else {
			b[MIMEPlain] = fmt.Sprintf("<%T>", v)
		}
	}
	return b
}
