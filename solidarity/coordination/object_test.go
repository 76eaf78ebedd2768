package coordination

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/algosolidarity/toolkit/solidarity/content"
	"github.com/algosolidarity/toolkit/solidarity/events"
)

type post struct {
	actor     string
	t         int64
	text, url string
}

// build makes events of posts: each post is its own item (different posts,
// as in coordinated link sharing), authored by its poster.
func build(t *testing.T, posts []post) *events.Events {
	t.Helper()
	b := events.NewBuilder()
	for i, p := range posts {
		b.Add(p.actor, fmt.Sprintf("p%d", i), p.actor, "post", p.t)
		if p.text != "" || p.url != "" {
			b.SetContent(i, p.text, p.url)
		}
	}
	ev, err := b.Build("posts", events.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Release)
	return ev
}

func members(r *Result) [][]string {
	var out [][]string
	for _, c := range r.Clusters {
		var m []string
		for _, p := range c {
			m = append(m, r.Person(p))
		}
		out = append(out, m)
	}
	return out
}

// TestObjectURL: a and b post three URLs 5 s apart, each time with other
// tracking parameters, fragments and case: tied by url (3 objects, the
// MinItems default) although no item is shared. c posts other URLs of the
// same site at the same moments: tied with nobody by url, but tied by
// domain.
func TestObjectURL(t *testing.T) {
	var ps []post
	for k := 0; k < 3; k++ {
		t0 := int64(1000 * (k + 1))
		ps = append(ps,
			post{"a", t0, "look at this", fmt.Sprintf("https://news.example.com/story%d?utm_source=a&utm_medium=x", k)},
			post{"b", t0 + 5, fmt.Sprintf("wow HTTP://WWW.news.example.com/story%d/?fbclid=zz#comments", k), ""},
			post{"c", t0 + 3, "", fmt.Sprintf("https://news.example.com/other%d", k)},
		)
	}
	ev := build(t, ps)
	r, err := Analyze(ev, Options{Window: 60, Object: ObjectURL})
	if err != nil {
		t.Fatal(err)
	}
	if got := members(r); !slices.EqualFunc(got, [][]string{{"a", "b"}}, slices.Equal) {
		t.Fatalf("url clusters %v, want [[a b]] (reason %q)", got, r.Reason)
	}
	// c's URLs appear once each: they tie nobody and are left out.
	if r.Objects.Objects != 3 || r.Objects.Events != 6 {
		t.Errorf("objects %+v: want 3 shared URLs over 6 events", *r.Objects)
	}
	ev0 := r.Tests[0].Evidence
	if len(ev0) != 3 || r.Item(ev0[0].Item) != "https://news.example.com/story0" || ev0[0].Spread != 5 {
		t.Errorf("evidence %+v (first %q)", ev0, r.Item(ev0[0].Item))
	}
	s := r.Summary()
	if s.Object != ObjectURL || s.Content == nil || s.Content.Objects != 3 || s.Clusters[0].Evidence[0].Item != "https://news.example.com/story0" {
		t.Errorf("summary: object %q content %+v", s.Object, s.Content)
	}
	// By item nobody is tied: every post is its own item.
	if r, _ := Analyze(ev, Options{Window: 60}); len(r.Clusters) != 0 {
		t.Errorf("item clusters %v", members(r))
	}
	// By domain, all three share example.com three times within 5 s: one
	// distinct object, so MinItems (distinct objects) must be 1 and the
	// three co-engagements counted by MinCoEngagements.
	r, err = Analyze(ev, Options{Window: 60, Object: ObjectDomain})
	if err != nil || len(r.Clusters) != 0 {
		t.Errorf("domain with MinItems 3: clusters %v, err %v", members(r), err)
	}
	r, err = Analyze(ev, Options{Window: 60, Object: ObjectDomain, MinItems: 1, MinCoEngagements: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := members(r); !slices.EqualFunc(got, [][]string{{"a", "b", "c"}}, slices.Equal) || r.Objects.Objects != 1 {
		t.Errorf("domain clusters %v, objects %d", got, r.Objects.Objects)
	}
	// Outside the window nothing is tied.
	if r, _ := Analyze(ev, Options{Window: 4, Object: ObjectURL}); len(r.Clusters) != 0 {
		t.Errorf("window 4 s: clusters %v", members(r))
	}
}

// TestObjectText: a and b post three texts, b's copy with one word
// changed, 10 s apart: tied by text at the default threshold. c posts
// unrelated texts at the same moments: not tied.
func TestObjectText(t *testing.T) {
	texts := []string{
		"Call your senator today and demand a vote against the pipeline expansion plan",
		"Everyone should read the new report on housing costs before the council meeting",
		"We will not be silenced: join the march on Saturday at the central square",
	}
	other := []string{
		"My cat knocked the plant off the windowsill again this morning, classic",
		"Best pasta recipe I have tried in years, garlic and lemon and chili",
		"The train was late again but at least the sunset over the river was nice",
	}
	var ps []post
	for k, tx := range texts {
		w := strings.Fields(tx)
		w[3] = "CHANGED"
		t0 := int64(5000 * (k + 1))
		ps = append(ps, post{"a", t0, tx, ""}, post{"b", t0 + 10, strings.Join(w, " "), ""}, post{"c", t0 + 5, other[k], ""})
	}
	ev := build(t, ps)
	r, err := Analyze(ev, Options{Window: 60, Object: ObjectText})
	if err != nil {
		t.Fatal(err)
	}
	if got := members(r); !slices.EqualFunc(got, [][]string{{"a", "b"}}, slices.Equal) {
		t.Fatalf("text clusters %v, want [[a b]] (reason %q)", got, r.Reason)
	}
	// Three groups of two texts; c's texts are groups of one, left out.
	if r.Objects.Objects != 3 || r.Objects.Events != 6 || r.Objects.Duplicates.Distinct != 9 {
		t.Errorf("objects %+v, distinct %d", *r.Objects, r.Objects.Duplicates.Distinct)
	}
	if got := r.Item(r.Tests[0].Evidence[0].Item); !slices.Contains(texts, got) {
		t.Errorf("evidence names %q, want one of the original texts", got)
	}
	// A threshold above the copies' Jaccard (11/15 = 0.73 over bigrams) unties them.
	r, err = Analyze(ev, Options{Window: 60, Object: ObjectText, Text: textOpt(0.9)})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Clusters) != 0 {
		t.Errorf("threshold 0.9: clusters %v", members(r))
	}
}

// TestObjectHashtag: hashtags are case-folded.
func TestObjectHashtag(t *testing.T) {
	var ps []post
	for k, tag := range []string{"StopTheBill", "VoteNo", "Solidarität"} {
		t0 := int64(1000 * (k + 1))
		ps = append(ps, post{"a", t0, "#" + tag + " now", ""}, post{"b", t0 + 2, "yes #" + strings.ToUpper(tag), ""}, post{"c", t0 + 1, "no tags here", ""})
	}
	r, err := Analyze(build(t, ps), Options{Window: 30, Object: ObjectHashtag})
	if err != nil {
		t.Fatal(err)
	}
	if got := members(r); !slices.EqualFunc(got, [][]string{{"a", "b"}}, slices.Equal) {
		t.Fatalf("hashtag clusters %v", got)
	}
	if r.Objects.Objects != 3 || r.Objects.Events != 6 {
		t.Errorf("objects %+v", *r.Objects)
	}
}

func TestObjectErrors(t *testing.T) {
	ev := build(t, []post{{"a", 1, "", ""}, {"b", 2, "", ""}})
	for _, o := range []Object{ObjectURL, ObjectText, ObjectHashtag, ObjectDomain} {
		if _, err := Analyze(ev, Options{Window: 10, Object: o}); err == nil || !strings.Contains(err.Error(), "column") {
			t.Errorf("%s without content columns: err %v", o, err)
		}
	}
	if _, err := Analyze(ev, Options{Window: 10, Object: "tweets"}); err == nil {
		t.Error("unknown object accepted")
	}
	// Content columns with nothing in them: no objects, a reason, no error.
	ev2 := build(t, []post{{"a", 1, "hi", ""}, {"b", 2, "hello", ""}})
	r, err := Analyze(ev2, Options{Window: 10, Object: ObjectURL})
	if err != nil || len(r.Clusters) != 0 || r.Reason == "" {
		t.Errorf("no URLs: err %v, reason %q", err, r.Reason)
	}
}

func textOpt(th float64) (o content.TextOptions) {
	o.Threshold = th
	return o
}
