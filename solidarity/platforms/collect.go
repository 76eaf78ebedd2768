package platforms

import (
	"slices"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/events"
)

// collector turns a platform's records into events, resolves parents
// whose author is known only once their own record is read, and counts
// what it skips.
type collector struct {
	b   *events.Builder
	rep *Report
	// authorOf is the author of every item posted in the input, for
	// parents that name only their id (Reddit's parent_id).
	authorOf map[string]string
	// deleted holds the items whose record was skipped as deleted, so a
	// reply to one is counted as parent_deleted.
	deleted map[string]bool
	pending []pending
	// keepContent is Options.Content: setContent stores text and links.
	keepContent bool
}

type pending struct {
	event  int
	parent string
}

func newCollector(format string) *collector {
	return &collector{b: events.NewBuilder(), rep: &Report{Format: format, Kinds: map[string]int{}, Skipped: map[string]int{}},
		authorOf: map[string]string{}, deleted: map[string]bool{}}
}

func (c *collector) skip(reason string) { c.rep.Skipped[reason]++ }

// post records that author posted item at t.
func (c *collector) post(author, item string, t int64) {
	c.authorOf[item] = author
	c.b.Add(author, item, author, Post, t)
}

// setContent gives the event just added its text and links (several
// links separated by spaces), when content is kept.
func (c *collector) setContent(text string, urls ...string) {
	if !c.keepContent || c.b.Len() == 0 {
		return
	}
	var u []string
	for _, s := range urls {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(u, s) {
			u = append(u, s)
		}
	}
	if text == "" && len(u) == 0 {
		return
	}
	c.b.SetContent(c.b.Len()-1, text, strings.Join(u, " "))
}

// add records an engagement whose author is known.
func (c *collector) add(actor, item, author, kind string, t int64) {
	c.b.Add(actor, item, author, kind, t)
}

// addParent records an engagement with item whose author is given when
// known (author != "") or else looked up among the items posted in the
// input, now or when the input has been read.
func (c *collector) addParent(actor, item, author, kind string, t int64) {
	if author == "" {
		author = c.authorOf[item]
	}
	if author != "" {
		c.b.Add(actor, item, author, kind, t)
		return
	}
	c.pending = append(c.pending, pending{c.b.Len(), item})
	c.b.Add(actor, item, "", kind, t)
}

// finish resolves the pending parents, drops what stayed unresolved and
// fills the report.
func (c *collector) finish() {
	if len(c.pending) > 0 {
		drop := map[int]bool{}
		for _, p := range c.pending {
			if a := c.authorOf[p.parent]; a != "" {
				c.b.SetAuthor(p.event, a)
				continue
			}
			drop[p.event] = true
			if c.deleted[p.parent] {
				c.skip(SkipParentDeleted)
			} else {
				c.skip(SkipUnresolvedParent)
			}
		}
		c.b.Keep(func(i int) bool { return !drop[i] })
		c.pending = nil
	}
	c.rep.Events = c.b.Len()
	for i := 0; i < c.b.Len(); i++ {
		_, _, _, k, _ := c.b.Event(i)
		c.rep.Kinds[k]++
	}
}

// reprefix renames, in the events added since event from and the parents
// pending since pending from, every item that starts with old so that it
// starts with new instead, and moves the items' authors and deletions with
// them. The Telegram reader uses it for a chat whose messages come before
// its id: their items carry a provisional prefix until the id is read.
func (c *collector) reprefix(from, pendFrom int, old, new string) {
	for i := from; i < c.b.Len(); i++ {
		_, item, _, _, _ := c.b.Event(i)
		rest, ok := strings.CutPrefix(item, old)
		if !ok {
			continue
		}
		renamed := new + rest
		c.b.SetItem(i, renamed)
		if a, ok := c.authorOf[item]; ok {
			delete(c.authorOf, item)
			c.authorOf[renamed] = a
		}
		if c.deleted[item] {
			delete(c.deleted, item)
			c.deleted[renamed] = true
		}
	}
	for i := pendFrom; i < len(c.pending); i++ {
		if rest, ok := strings.CutPrefix(c.pending[i].parent, old); ok {
			c.pending[i].parent = new + rest
		}
	}
}
