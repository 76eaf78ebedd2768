package platforms

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Mastodon: an account archive (Preferences > Import and export > Request
// your archive: a .zip with outbox.json, likes.json, actor.json, ...) or
// any ActivityPub collection (an OrderedCollection whose orderedItems are
// activities). Activities read: Create (of a Note: post, reply, quote,
// mention), Announce (share), Like, Follow. likes.json lists only the
// URLs of the liked statuses: their author comes from the URL and their
// time from the status id (see statusTime).

type apActivity struct {
	ID        string          `json:"id"`
	Type      json.RawMessage `json:"type"`
	Actor     json.RawMessage `json:"actor"`
	Published flexTime        `json:"published"`
	Object    json.RawMessage `json:"object"`
}

type apObject struct {
	ID           string          `json:"id"`
	Type         json.RawMessage `json:"type"`
	AttributedTo json.RawMessage `json:"attributedTo"`
	InReplyTo    json.RawMessage `json:"inReplyTo"`
	Published    flexTime        `json:"published"`
	QuoteURI     string          `json:"quoteUri"`
	QuoteURL     string          `json:"quoteUrl"`
	MisskeyQuote string          `json:"_misskey_quote"`
	Tag          json.RawMessage `json:"tag"`
	Content      string          `json:"content"` // HTML
}

type apTag struct {
	Type string `json:"type"`
	Href string `json:"href"`
}

// apID reads a JSON-LD reference: a string, an object with an id, or the
// first of an array of those.
func apID(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &o) == nil && o.ID != "" {
		return o.ID
	}
	var a []json.RawMessage
	if json.Unmarshal(raw, &a) == nil && len(a) > 0 {
		return apID(a[0])
	}
	return ""
}

// apType reads "type": a string or an array of strings (the first).
func apType(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var a []string
	if json.Unmarshal(raw, &a) == nil && len(a) > 0 {
		return a[0]
	}
	return ""
}

// statusAuthor returns the actor URL of a status URL:
// https://host/users/NAME/statuses/ID and https://host/@NAME/ID (Mastodon's
// two forms) both give https://host/users/NAME; "" for other software's
// URLs (Pleroma /objects/UUID, Misskey /notes/ID), which name no author.
func statusAuthor(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok || (scheme != "https" && scheme != "http") {
		return ""
	}
	host, p, ok := strings.Cut(rest, "/")
	if !ok || host == "" {
		return ""
	}
	seg := strings.Split(strings.TrimSuffix(p, "/activity"), "/")
	switch {
	case len(seg) >= 4 && seg[0] == "users" && seg[2] == "statuses" && seg[1] != "":
		return scheme + "://" + host + "/users/" + seg[1]
	case len(seg) >= 2 && strings.HasPrefix(seg[0], "@") && len(seg[0]) > 1 && !strings.Contains(seg[0][1:], "@"):
		return scheme + "://" + host + "/users/" + seg[0][1:]
	}
	return ""
}

// statusTime decodes the creation time of a Mastodon status from its id:
// since Mastodon 2.0 ids are 64-bit "snowflakes" whose top 48 bits are
// milliseconds since 1970 (lib/mastodon/snowflake.rb). It is a lower bound
// for the time of a like, which the archive does not record. ok is false
// for ids that are no such snowflake (older or other software).
func statusTime(u string) (int64, bool) {
	i := strings.LastIndexByte(strings.TrimSuffix(u, "/"), '/')
	if i < 0 {
		return 0, false
	}
	id, err := strconv.ParseUint(strings.TrimSuffix(u, "/")[i+1:], 10, 64)
	if err != nil {
		return 0, false
	}
	sec := int64(id>>16) / 1000
	lo := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	return sec, sec >= lo && sec < hi
}

// htmlText is the text of a status's HTML content: tags removed (a
// paragraph, line break or list item becomes a space; inline tags such
// as the <span>s Mastodon cuts a link's display into vanish), entities
// decoded. Mastodon writes a link's full address inside its <a>, so it
// survives whole.
func htmlText(s string) string {
	if s == "" {
		return ""
	}
	var b, tag strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			tag.Reset()
		case r == '>' && in:
			in = false
			name := strings.ToLower(strings.TrimPrefix(strings.Fields(tag.String() + " x")[0], "/"))
			switch strings.TrimSuffix(name, "/") {
			case "p", "br", "div", "li", "ul", "ol", "blockquote":
				b.WriteByte(' ')
			}
		case in:
			tag.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

func readMastodon(path string, opt Options, c *collector) error {
	st, _ := os.Stat(path)
	owner := opt.Account
	if st != nil && st.IsDir() {
		if owner == "" {
			owner = archiveActor(filepath.Join(path, "actor.json"), "", opt)
		}
		n := 0
		for _, f := range []string{"outbox.json", "likes.json"} {
			p := filepath.Join(path, f)
			if _, err := os.Stat(p); err != nil {
				continue
			}
			n++
			if err := readCollection(p, "", owner, opt, c); err != nil {
				return err
			}
		}
		if n == 0 {
			return perr(path, 0, "no outbox.json or likes.json: want a Mastodon archive folder, zip, or an ActivityPub collection file")
		}
		return nil
	}
	if members := zipMembers(path); members != nil {
		if owner == "" && members["actor.json"] != "" {
			owner = archiveActor(path, members["actor.json"], opt)
		}
		n := 0
		for _, f := range []string{"outbox.json", "likes.json"} {
			if m := members[f]; m != "" {
				n++
				if err := readCollection(path, m, owner, opt, c); err != nil {
					return err
				}
			}
		}
		if n > 0 {
			return nil
		}
	}
	return readCollection(path, "", owner, opt, c)
}

// archiveActor returns the id in an archive's actor.json, or "".
func archiveActor(path, member string, opt Options) string {
	rc, _, err := open(path, member, opt)
	if err != nil {
		return ""
	}
	defer rc.Close()
	var a struct {
		ID string `json:"id"`
	}
	if json.NewDecoder(&countReader{r: rc, max: int64(opt.maxRecord())}).Decode(&a) != nil {
		return ""
	}
	return a.ID
}

// readCollection reads an ActivityPub collection: orderedItems (or items)
// of activities, or of bare URLs (likes.json: what owner liked).
func readCollection(path, member, owner string, opt Options, c *collector) error {
	rc, name, err := open(path, member, opt)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := newDoc(rc, name, opt)
	found := false
	err = d.object("the collection", func(key string) error {
		if key != "orderedItems" && key != "items" {
			return errSkip
		}
		found = true
		return d.array(key, func(raw json.RawMessage, i int) error {
			c.rep.Records++
			var url string
			if json.Unmarshal(raw, &url) == nil {
				// likes.json: a liked status, by the archive's owner.
				if owner == "" {
					return perr(name, 0, "a list of liked statuses, but whose? Read the whole archive (with actor.json or outbox.json) or give Options.Account (--account)")
				}
				a := statusAuthor(url)
				t, ok := statusTime(url)
				switch {
				case a == "":
					c.skip(SkipUnresolvedParent)
				case !ok:
					c.skip(SkipNoTime)
				default:
					c.add(owner, url, a, Like, t)
				}
				return nil
			}
			var act apActivity
			if ok, err := d.element(raw, &act, key, i, c); !ok {
				return err
			}
			mastodonActivity(&act, owner, c)
			return nil
		})
	})
	if err != nil {
		return err
	}
	if !found {
		return perr(name, 0, "no orderedItems: want an ActivityPub collection (outbox.json, likes.json)")
	}
	return nil
}

func mastodonActivity(act *apActivity, owner string, c *collector) {
	actor := apID(act.Actor)
	if actor == "" {
		c.skip(SkipNoActor)
		return
	}
	t, haveTime := act.Published.T, act.Published.Set
	typ := apType(act.Type)
	switch typ {
	case "Create":
		var o apObject
		if json.Unmarshal(act.Object, &o) != nil || o.ID == "" {
			c.skip(SkipUnknownType)
			return
		}
		if !haveTime {
			t, haveTime = o.Published.T, o.Published.Set
		}
		if !haveTime {
			c.skip(SkipNoTime)
			return
		}
		c.post(actor, o.ID, t)
		if c.keepContent {
			c.setContent(htmlText(o.Content))
		}
		if p := apID(o.InReplyTo); p != "" {
			c.addParent(actor, p, statusAuthor(p), Reply, t)
		}
		for _, q := range []string{o.QuoteURI, o.QuoteURL, o.MisskeyQuote} {
			if q != "" {
				c.addParent(actor, q, statusAuthor(q), Quote, t)
				break
			}
		}
		var tags []apTag
		if json.Unmarshal(o.Tag, &tags) == nil {
			for _, tg := range tags {
				if tg.Type == "Mention" && tg.Href != "" {
					c.add(actor, o.ID, tg.Href, Mention, t)
				}
			}
		}
	case "Announce", "Like":
		obj := apID(act.Object)
		if obj == "" || !haveTime {
			if !haveTime {
				c.skip(SkipNoTime)
			} else {
				c.skip(SkipUnresolvedParent)
			}
			return
		}
		var o apObject
		author := statusAuthor(obj)
		if json.Unmarshal(act.Object, &o) == nil {
			if a := apID(o.AttributedTo); a != "" {
				author = a
			}
		}
		kind := Share
		if typ == "Like" {
			kind = Like
		}
		c.addParent(actor, obj, author, kind, t)
	case "Follow":
		obj := apID(act.Object)
		if obj == "" || !haveTime {
			c.skip(SkipNoTime)
			return
		}
		c.add(actor, obj, obj, Follow, t)
	case "Delete":
		c.skip(SkipDeleted)
	default:
		c.skip(SkipUnknownType)
	}
}
