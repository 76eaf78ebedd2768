package platforms

import (
	"encoding/json"
	"strings"
)

// Bluesky: Jetstream JSON lines (https://github.com/bluesky-social/jetstream).
// One event per line: {"did", "time_us", "kind": "commit"|"identity"|
// "account", "commit": {"operation": "create"|"update"|"delete",
// "collection", "rkey", "record", "cid"}}. Early Jetstream versions wrote
// "type": "com" and commit "type": "c"; both are read.

type jetEvent struct {
	Did    string     `json:"did"`
	TimeUS int64      `json:"time_us"`
	Kind   string     `json:"kind"`
	Type   string     `json:"type"`
	Commit *jetCommit `json:"commit"`
}

type jetCommit struct {
	Operation  string      `json:"operation"`
	Type       string      `json:"type"`
	Collection string      `json:"collection"`
	Rkey       string      `json:"rkey"`
	Record     *bskyRecord `json:"record"`
}

type strongRef struct {
	URI string `json:"uri"`
}

type bskyRecord struct {
	Type      string          `json:"$type"`
	Text      string          `json:"text"`
	CreatedAt flexTime        `json:"createdAt"`
	Subject   json.RawMessage `json:"subject"` // a strong ref (like, repost) or a DID (follow)
	Reply     *struct {
		Parent strongRef `json:"parent"`
	} `json:"reply"`
	Embed *struct {
		Type   string `json:"$type"`
		Record *struct {
			URI    string     `json:"uri"`
			Record *strongRef `json:"record"` // recordWithMedia nests the ref once more
		} `json:"record"`
		External *struct {
			URI string `json:"uri"`
		} `json:"external"` // app.bsky.embed.external: a link card
	} `json:"embed"`
	Facets []struct {
		Features []struct {
			Type string `json:"$type"`
			Did  string `json:"did"`
			URI  string `json:"uri"` // app.bsky.richtext.facet#link: the full address the text shortens
		} `json:"features"`
	} `json:"facets"`
}

const (
	bskyPost   = "app.bsky.feed.post"
	bskyLike   = "app.bsky.feed.like"
	bskyRepost = "app.bsky.feed.repost"
	bskyFollow = "app.bsky.graph.follow"
)

// atAuthor returns the DID of an at:// URI's repository (its author), or "".
func atAuthor(uri string) string {
	rest, ok := strings.CutPrefix(uri, "at://")
	if !ok {
		return ""
	}
	did, _, _ := strings.Cut(rest, "/")
	if !strings.HasPrefix(did, "did:") {
		return ""
	}
	return did
}

// SkipWithdrawn counts, with Options.ApplyDeletions, the Bluesky records
// created and then deleted within the input: their events are dropped.
const SkipWithdrawn = "withdrawn"

func readBluesky(path string, opt Options, c *collector) error {
	// With ApplyDeletions: the events of every record created in the
	// input, by "did/collection/rkey", and those to drop.
	var made map[string][2]int
	drop := map[int]bool{}
	if opt.ApplyDeletions {
		made = map[string][2]int{}
	}
	err := eachJSON(path, opt, c, func(e *jetEvent, name string, line int) error {
		start := c.b.Len()
		err := blueskyEvent(e, c, made, drop)
		if made != nil && e.Commit != nil && c.b.Len() > start {
			made[e.Did+"/"+e.Commit.Collection+"/"+e.Commit.Rkey] = [2]int{start, c.b.Len()}
		}
		return err
	})
	if err != nil || len(drop) == 0 {
		return err
	}
	// Bluesky events have no pending parents, so the indices still hold.
	c.b.Keep(func(i int) bool { return !drop[i] })
	return nil
}

func blueskyEvent(e *jetEvent, c *collector, made map[string][2]int, drop map[int]bool) error {
	kind := e.Kind
	if kind == "" && e.Type == "com" {
		kind = "commit"
	}
	if kind != "commit" || e.Commit == nil {
		c.skip(SkipUnknownType)
		return nil
	}
	op := e.Commit.Operation
	switch e.Commit.Type {
	case "c":
		op = "create"
	case "u":
		op = "update"
	case "d":
		op = "delete"
	}
	switch {
	case op == "delete":
		key := e.Did + "/" + e.Commit.Collection + "/" + e.Commit.Rkey
		if r, ok := made[key]; ok {
			for i := r[0]; i < r[1]; i++ {
				drop[i] = true
			}
			delete(made, key)
			c.skip(SkipWithdrawn)
			return nil
		}
		c.skip(SkipDeleted)
		return nil
	case op != "create":
		c.skip("update")
		return nil
	}
	if !strings.HasPrefix(e.Did, "did:") {
		c.skip(SkipNoActor)
		return nil
	}
	r := e.Commit.Record
	if r == nil {
		c.skip(SkipMalformed)
		return nil
	}
	// The relay's time (time_us) rather than createdAt, which the
	// client sets and may backdate.
	t := e.TimeUS / 1_000_000
	if e.TimeUS <= 0 {
		if !r.CreatedAt.Set {
			c.skip(SkipNoTime)
			return nil
		}
		t = r.CreatedAt.T
	}
	switch e.Commit.Collection {
	case bskyPost:
		uri := "at://" + e.Did + "/" + bskyPost + "/" + e.Commit.Rkey
		c.post(e.Did, uri, t)
		if c.keepContent {
			var links []string
			if r.Embed != nil && r.Embed.External != nil {
				links = append(links, r.Embed.External.URI)
			}
			for _, f := range r.Facets {
				for _, ft := range f.Features {
					if ft.Type == "app.bsky.richtext.facet#link" {
						links = append(links, ft.URI)
					}
				}
			}
			c.setContent(r.Text, links...)
		}
		if r.Reply != nil {
			if a := atAuthor(r.Reply.Parent.URI); a != "" {
				c.add(e.Did, r.Reply.Parent.URI, a, Reply, t)
			} else {
				c.skip(SkipUnresolvedParent)
			}
		}
		if r.Embed != nil && r.Embed.Record != nil {
			q := r.Embed.Record.URI
			if r.Embed.Record.Record != nil {
				q = r.Embed.Record.Record.URI
			}
			if a := atAuthor(q); a != "" && strings.Contains(q, "/"+bskyPost+"/") {
				c.add(e.Did, q, a, Quote, t)
			}
		}
		for _, f := range r.Facets {
			for _, ft := range f.Features {
				if ft.Type == "app.bsky.richtext.facet#mention" && strings.HasPrefix(ft.Did, "did:") {
					c.add(e.Did, uri, ft.Did, Mention, t)
				}
			}
		}
	case bskyLike, bskyRepost:
		var s strongRef
		if json.Unmarshal(r.Subject, &s) != nil || atAuthor(s.URI) == "" {
			c.skip(SkipUnresolvedParent)
			return nil
		}
		kind := Like
		if e.Commit.Collection == bskyRepost {
			kind = Share
		}
		c.add(e.Did, s.URI, atAuthor(s.URI), kind, t)
	case bskyFollow:
		var did string
		if json.Unmarshal(r.Subject, &did) != nil || !strings.HasPrefix(did, "did:") {
			c.skip(SkipNoActor)
			return nil
		}
		c.add(e.Did, did, did, Follow, t)
	default:
		c.skip(SkipUnknownType)
	}
	return nil
}
