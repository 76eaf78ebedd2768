package figureset

import (
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/figures"
)

// In a notebook a set shows every figure with its caption under it, and
// the findings that have no figure, what was not drawn and the notes, all
// escaped.
func TestSetHTML(t *testing.T) {
	_, ev := world(t, 1.5, 2)
	s, err := BuildEngagement(ev, EngagementOptions{Exposure: "all"})
	if err != nil {
		t.Fatal(err)
	}
	s.Sentences = append(s.Sentences, Sentence{Name: "lift", Text: "lift = 1.2 (interval 1.1 to 1.3).", Caption: "a <b> caption"})
	s.Notes = append(s.Notes, `labels: "x" is not a group`)
	h := s.HTML()
	if got, want := strings.Count(h, "data:image/png;base64,"), len(s.Items); got != want || want == 0 {
		t.Errorf("%d inline images, want %d", got, want)
	}
	for _, it := range s.Items {
		if !strings.Contains(h, "<figcaption><b>"+it.Figure.Name+".</b>") {
			t.Errorf("%s: no caption", it.Figure.Name)
		}
	}
	for _, want := range []string{"lift = 1.2 (interval 1.1 to 1.3). a &lt;b&gt; caption", "labels: &#34;x&#34; is not a group", "Findings of a single number"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	txt := s.String()
	if !strings.Contains(txt, s.Items[0].Figure.Name+": "+s.Items[0].Caption+"\n") || !strings.Contains(txt, "note: labels:") {
		t.Errorf("text form:\n%s", txt)
	}
}

// A figure that cannot be drawn says so in its place instead of breaking
// the whole display.
func TestSetHTMLBadFigure(t *testing.T) {
	s := &Set{Items: []Item{{Figure: &figures.Figure{Name: "empty"}, Caption: "c"}}}
	if h := s.HTML(); !strings.Contains(h, "empty: cannot render:") {
		t.Errorf("HTML %q", h)
	}
}
