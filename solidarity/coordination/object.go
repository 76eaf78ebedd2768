package coordination

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/algosolidarity/toolkit/solidarity/content"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Object is what two engagements must share to count as co-engagements.
type Object string

// The shared objects. ObjectItem is the engaged item (the events' item
// column); the others are read from what each post says (the events' text
// and url columns, see events.ColText and events.ColURL), so different
// posts carrying the same link, tag or copied text are tied.
const (
	// ObjectItem: the same item id (the default).
	ObjectItem Object = "item"
	// ObjectURL: the same web address, normalised (content.NormalizeURL:
	// case, default ports, fragments, tracking parameters and trailing
	// slashes do not matter), from the url column and the text.
	ObjectURL Object = "url"
	// ObjectDomain: the same registrable domain (eTLD+1) of those URLs.
	ObjectDomain Object = "domain"
	// ObjectHashtag: the same case-folded hashtag in the text.
	ObjectHashtag Object = "hashtag"
	// ObjectText: near-duplicate text (MinHash over word shingles with LSH;
	// Options.Text sets the Jaccard threshold, default 0.5).
	ObjectText Object = "text"
)

// Objects lists the objects Options.Object accepts.
var Objects = []Object{ObjectItem, ObjectURL, ObjectDomain, ObjectHashtag, ObjectText}

// maxTextName bounds the representative text that names a text object.
const maxTextName = 160

// ObjectStats says how the events were mapped to shared objects (nil in
// Result when Options.Object is ObjectItem).
type ObjectStats struct {
	Object Object
	// Events is the number of kept events that carry at least one object
	// that another event carries too (objects seen once tie nobody and
	// are left out); Pairs the (event, object) pairs the detector ran on;
	// Objects the distinct objects seen at least twice.
	Events, Pairs, Objects int
	// Duplicates describes the near-duplicate grouping (ObjectText only).
	Duplicates *content.Duplicates `json:"-"`
}

func parseObject(o Object) (Object, error) {
	if o == "" {
		return ObjectItem, nil
	}
	for _, x := range Objects {
		if strings.EqualFold(string(o), string(x)) {
			return x, nil
		}
	}
	return "", fmt.Errorf("coordination: object %q: want item, url, domain, hashtag or text", o)
}

// objectEvents returns the events the detector runs on for a content
// object: one event per (kept event, object) pair, with the event's actor,
// author, kind and time and the object as its item. Every object's
// "posting time" (events.ItemTime, the anchor of the timing null) is its
// first appearance among the kept events, and its author is unknown (-1):
// an address or a slogan has no author the data can name, so the null's
// strata are the actor's own engagements, cut by time of day.
func objectEvents(ev *events.Events, keep []bool, cfg Options) (*events.Events, *ObjectStats, error) {
	obj := cfg.Object
	needText := obj == ObjectHashtag || obj == ObjectText
	switch {
	case needText && !ev.HasText():
		return nil, nil, fmt.Errorf("coordination: object %q needs a text column (%q): read a platform export with its content (platforms.Options.Content, --content) or name the column (--map text=...)", obj, events.ColText)
	case !needText && !ev.HasText() && !ev.HasURL():
		return nil, nil, fmt.Errorf("coordination: object %q needs a url or text column (%q, %q): read a platform export with its content (platforms.Options.Content, --content) or name the columns (--map url=...,text=...)", obj, events.ColURL, events.ColText)
	}
	n := ev.Len()
	out := &events.Events{
		People: ev.People, Kinds: ev.Kinds, Group: ev.Group, Groups: ev.Groups, Leaning: ev.Leaning,
		Items: network.NewStringIndex(n / 4), Name: ev.Name,
	}
	st := &ObjectStats{Object: obj}
	add := func(e int, name string) {
		it := out.Items.AddString(name)
		out.Actor = append(out.Actor, ev.Actor[e])
		out.Author = append(out.Author, ev.Author[e])
		out.Kind = append(out.Kind, ev.Kind[e])
		out.Time = append(out.Time, ev.Time[e])
		out.Item = append(out.Item, it)
		if int(it) == len(out.ItemTime) {
			out.ItemTime = append(out.ItemTime, ev.Time[e])
			out.ItemAuthor = append(out.ItemAuthor, -1)
		} else if ev.Time[e] < out.ItemTime[it] {
			out.ItemTime[it] = ev.Time[e]
		}
	}
	kept := func(e int) bool { return keep == nil || keep[e] }
	if obj == ObjectText {
		var idx []int
		for e := 0; e < n; e++ {
			if kept(e) {
				idx = append(idx, e)
			}
		}
		to := cfg.Text
		if to.Seed == 0 {
			to.Seed = cfg.Seed
		}
		if to.Progress == nil {
			to.Progress = cfg.Progress // texts first, then the pairing and the null
		}
		d, err := content.NearDuplicates(len(idx), func(i int) string { return ev.Text(idx[i]) }, to)
		if err != nil {
			return nil, nil, fmt.Errorf("coordination: %w", err)
		}
		st.Duplicates = d
		// Groups of one text tie nobody: they are left out, so the
		// detector's memory follows the copied texts only.
		names := make([]string, len(d.First))
		used := map[string]bool{}
		for g, f := range d.First {
			if d.Size[g] < 2 {
				continue
			}
			name := textName(ev.Text(idx[f]))
			if used[name] {
				name = fmt.Sprintf("%s [group %d]", name, g+1)
			}
			used[name] = true
			names[g] = name
		}
		for i, e := range idx {
			if g := d.Group[i]; g >= 0 && d.Size[g] >= 2 {
				add(e, names[g])
				st.Events++
			}
		}
	} else {
		// Objects of one event tie nobody: a first pass counts them so
		// that the detector's memory follows the shared objects only.
		seen := map[string]int32{}
		var objs []string
		for e := 0; e < n; e++ {
			if kept(e) {
				for _, o := range eventObjects(ev, e, obj, objs[:0]) {
					seen[o] = min(seen[o]+1, 2)
				}
			}
		}
		for e := 0; e < n; e++ {
			if !kept(e) {
				continue
			}
			objs = eventObjects(ev, e, obj, objs[:0])
			any := false
			for _, o := range objs {
				if seen[o] >= 2 {
					add(e, o)
					any = true
				}
			}
			if any {
				st.Events++
			}
		}
	}
	st.Pairs, st.Objects = len(out.Actor), out.Items.Len()
	return out, st, nil
}

// redrawn returns the events whose times the null redraws: the kept
// events, and with a content object all but each object's first
// appearance. That one is the anchor its delay is measured from: its
// delay is 0 by construction, not by anyone's behaviour, and moved onto
// another object it would land every first poster exactly on that
// object's anchor, piling up chance coincidences the data never had.
func redrawn(ev *events.Events, keep []bool, cfg Options) []bool {
	if cfg.Object == "" || cfg.Object == ObjectItem {
		return keep
	}
	out := make([]bool, ev.Len())
	first := make([]int32, ev.NumItems())
	for i := range first {
		first[i] = -1
	}
	for _, e := range ev.TimeOrder() {
		if keep != nil && !keep[e] {
			continue
		}
		out[e] = true
		if it := ev.Item[e]; first[it] < 0 {
			first[it] = e
			out[e] = false
		}
	}
	return out
}

// reach returns, for a content object, the class of its spread:
// floor(log2(distinct posters)), and nil for items. The null permutes an
// actor's delays only among objects of the same class: how fast one posts
// depends on how viral the thing is (a breaking link is shared within
// minutes by thousands, a niche one over days), so a short delay on a
// small object must not move onto a viral one, where it would land its
// poster among the crowd of the first minutes. This plays the part the
// author plays for items.
func reach(ev *events.Events, cfg Options) []int32 {
	if cfg.Object == "" || cfg.Object == ObjectItem {
		return nil
	}
	type ap struct{ it, a int32 }
	seen := map[ap]bool{}
	posters := make([]int32, ev.NumItems())
	for e, it := range ev.Item {
		if k := (ap{it, ev.Actor[e]}); !seen[k] {
			seen[k] = true
			posters[it]++
		}
	}
	for i, n := range posters {
		posters[i] = int32(bits.Len32(uint32(n))) - 1
	}
	return posters
}

// eventObjects appends event e's objects of kind obj to dst, each once.
func eventObjects(ev *events.Events, e int, obj Object, dst []string) []string {
	if obj == ObjectHashtag {
		return append(dst, content.Hashtags(ev.Text(e))...)
	}
	var urls []string
	for _, f := range strings.Fields(ev.URL(e)) {
		if u, ok := content.NormalizeURL(f); ok && !contains(urls, u) {
			urls = append(urls, u)
		}
	}
	for _, u := range content.URLs(ev.Text(e)) {
		if !contains(urls, u) {
			urls = append(urls, u)
		}
	}
	if obj == ObjectURL {
		return append(dst, urls...)
	}
	for _, u := range urls {
		if d := content.Domain(u); d != "" && !contains(dst, d) {
			dst = append(dst, d)
		}
	}
	return dst
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// textName is a representative text shortened to maxTextName runes, on
// one line.
func textName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxTextName {
		return s
	}
	r := []rune(s)
	return string(r[:maxTextName-1]) + "…"
}
