package figureset

import (
	"encoding/base64"
	"fmt"
	"html"
	"strings"
)

// HTML renders the whole set for a notebook cell, in reading order: each
// figure as an inline PNG with its caption under it, then the findings of
// a single number (Sentences, which have no figure), what was not drawn
// and why, and the notes. It is the method gophernotes and
// solidarity.Show look for; a figure that cannot be rendered says why in
// its place.
func (s *Set) HTML() string {
	var b strings.Builder
	b.WriteString(`<div class="solidarity-figures">`)
	for _, it := range s.Items {
		b.WriteString(`<figure style="margin:1em 0">`)
		if png, err := it.Figure.Bytes("png"); err != nil {
			fmt.Fprintf(&b, "<p>%s: cannot render: %s</p>", html.EscapeString(it.Figure.Name), html.EscapeString(err.Error()))
		} else {
			fmt.Fprintf(&b, `<img alt="%s" src="data:image/png;base64,%s" style="max-width:100%%"/>`,
				html.EscapeString(it.Figure.Name), base64.StdEncoding.EncodeToString(png))
		}
		if it.Caption != "" {
			fmt.Fprintf(&b, `<figcaption><b>%s.</b> %s</figcaption>`, html.EscapeString(it.Figure.Name), html.EscapeString(it.Caption))
		}
		b.WriteString("</figure>")
	}
	list := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(&b, "<p><b>%s</b></p><ul>", html.EscapeString(title))
		for _, l := range lines {
			fmt.Fprintf(&b, "<li>%s</li>", html.EscapeString(l))
		}
		b.WriteString("</ul>")
	}
	list("Findings of a single number", s.sentenceLines())
	list("Not drawn", s.Skipped)
	list("Notes", s.Notes)
	b.WriteString("</div>")
	return b.String()
}

// String lists the set as text: each figure's name and caption, the
// findings of a single number, what was not drawn and the notes. Save the
// figures (Write) to see them outside a notebook.
func (s *Set) String() string {
	var b strings.Builder
	for _, it := range s.Items {
		fmt.Fprintf(&b, "%s: %s\n", it.Figure.Name, it.Caption)
	}
	for _, l := range s.sentenceLines() {
		fmt.Fprintf(&b, "%s\n", l)
	}
	for _, k := range s.Skipped {
		fmt.Fprintf(&b, "not drawn: %s\n", k)
	}
	for _, n := range s.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}

func (s *Set) sentenceLines() []string {
	out := make([]string, len(s.Sentences))
	for i, se := range s.Sentences {
		out[i] = strings.TrimSpace(se.Name + ": " + se.Text + " " + se.Caption)
	}
	return out
}
