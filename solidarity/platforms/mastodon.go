package platforms

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	pathpkg "path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Mastodon: an account archive (Preferences > Import and export > Request
// your archive: a .zip with outbox.json, likes.json, actor.json, ...) or
// any ActivityPub collection (an OrderedCollection whose orderedItems are
// activities, held by the collection or by its pages: see collReader). Activities read: Create (of a Note: post, reply, quote,
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
	Quote        json.RawMessage `json:"quote"` // FEP-044f, Mastodon 4.4+: a URL, or a Tombstone when the quoted status is gone
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

// typeOf returns the raw "type" of a JSON object, or nil.
func typeOf(raw json.RawMessage) json.RawMessage {
	var o struct {
		Type json.RawMessage `json:"type"`
	}
	if json.Unmarshal(raw, &o) != nil {
		return nil
	}
	return o.Type
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
// of activities, or of bare URLs (likes.json: what owner liked), held by
// the collection itself or by its pages (see collReader).
func readCollection(path, member, owner string, opt Options, c *collector) error {
	cr := &collReader{opt: opt, owner: owner, c: c, read: map[string]bool{}}
	if member != "" {
		cr.zipPath, cr.zipDir = path, pathpkg.Dir(member)
	} else {
		cr.dir = filepath.Dir(path)
	}
	name, err := cr.readFile(path, member)
	if err != nil {
		return err
	}
	for len(cr.queue) > 0 {
		ref := cr.queue[0]
		cr.queue = cr.queue[1:]
		if cr.read[ref] {
			continue // a next link back to a page read already: the cycle ends here
		}
		cr.read[ref] = true
		file, m, ok := cr.resolve(ref)
		if !ok && opt.FetchPages && (strings.HasPrefix(ref, "https://") || fetchHTTP && strings.HasPrefix(ref, "http://")) {
			if err := cr.fetch(ref); err != nil {
				if errors.Is(err, errPageLimit) {
					return err
				}
				c.skip(SkipPageFetchFailed)
				if cr.missing == "" {
					cr.missing = ref + " (" + err.Error() + ")"
				}
			}
			continue
		}
		if !ok {
			c.skip(SkipPageNotInExport)
			if cr.missing == "" {
				cr.missing = ref
			}
			continue
		}
		if cr.read[file+"\x00"+m] {
			continue
		}
		if _, err := cr.readFile(file, m); err != nil {
			return err
		}
	}
	if !cr.items {
		if cr.missing != "" {
			return perr(name, 0, "the collection's items are in pages the export does not hold (%s, not fetched): save each page as a .json file next to the collection (pages are matched by their id) or embed them", cr.missing)
		}
		return perr(name, 0, "no orderedItems: want an ActivityPub collection (outbox.json, likes.json) or collection page")
	}
	return nil
}

// SkipPageNotInExport counts the pages of an ActivityPub collection that
// the export names (first, next) but does not hold: each is one page and
// whatever follows it, not fetched.
const SkipPageNotInExport = "page_not_in_export"

// SkipPageFetchFailed counts the pages that Options.FetchPages could not
// fetch (an HTTP error, a timeout, a page too large or not JSON).
const SkipPageFetchFailed = "page_fetch_failed"

// maxPages bounds the pages read from one collection (files and embedded
// pages together).
const maxPages = 100_000

// collReader reads a collection whose items may be in pages. ActivityPub
// (ActivityStreams 2.0 section 5.5) lets a collection hold its items itself
// (orderedItems, as Mastodon's archive does) or in OrderedCollectionPages:
// first names the first page, each page's next the following one. A page
// may be embedded (an object, read in place, streamed), a file of the
// export (a relative reference such as "outbox-2.json", or a URL that is
// the id of a .json file next to the collection), or only a URL: that is
// not fetched but counted (page_not_in_export). Every page is read once (a
// next that cycles back ends there) and at most maxPages are.
type collReader struct {
	opt   Options
	owner string
	c     *collector
	// Where the collection lives: a folder, or a zip archive and the
	// folder of its member; its pages are looked for there.
	dir, zipPath, zipDir string
	read                 map[string]bool   // page references and ids, files ("file\x00member") read
	queue                []string          // page references to follow
	index                map[string]string // page id -> "file\x00member", built at the first URL reference
	pages                int
	items                bool   // some page held items
	missing              string // the first page not in the export
	listed               []exportFile
}

type pageInfo struct {
	id    string
	items bool
}

// readFile reads one file of the collection: the collection itself or a
// page.
func (cr *collReader) readFile(file, member string) (string, error) {
	cr.read[file+"\x00"+member] = true
	rc, name, err := open(file, member, cr.opt)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	d := newDoc(rc, name, cr.opt)
	if err := cr.page(name); err != nil {
		return name, err
	}
	var pg pageInfo
	if err := d.object("the collection", cr.fields(d, name, &pg, 0)); err != nil {
		return name, err
	}
	if pg.id != "" {
		cr.read[pg.id] = true
	}
	return name, nil
}

func (cr *collReader) page(name string) error {
	cr.pages++
	if cr.pages > maxPages {
		return fmt.Errorf("%w: %s: more than %d collection pages: the next links do not end", errPageLimit, name, maxPages)
	}
	return nil
}

var errPageLimit = errors.New("platforms: too many pages")

// Fetching pages (Options.FetchPages). The client, the pause between
// requests and plain-HTTP permission are variables for the tests.
var (
	fetchClient   = &http.Client{Timeout: 30 * time.Second}
	fetchInterval = time.Second
	fetchHTTP     = false // allow http:// (tests' local server)
	maxPageBytes  = int64(64 << 20)
	lastFetch     time.Time
	fetchMu       sync.Mutex
)

// fetch reads one page from the network, as readFile reads one from the
// export, bounded (maxPageBytes, Options.MaxRecord per item).
func (cr *collReader) fetch(url string) error {
	if err := cr.page(url); err != nil {
		return err
	}
	fetchMu.Lock()
	if wait := fetchInterval - time.Since(lastFetch); wait > 0 {
		time.Sleep(wait)
	}
	lastFetch = time.Now()
	fetchMu.Unlock()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`)
	resp, err := fetchClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	// The whole page first, so that a connection lost halfway adds none
	// of its items.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPageBytes+1))
	if err != nil {
		return err
	}
	if int64(len(body)) > maxPageBytes {
		return fmt.Errorf("page larger than %d bytes", maxPageBytes)
	}
	d := newDoc(bytes.NewReader(body), url, cr.opt)
	var pg pageInfo
	if err := d.object("the page", cr.fields(d, url, &pg, 0)); err != nil {
		if errors.Is(err, errPageLimit) {
			return err
		}
		return fmt.Errorf("not an ActivityPub page: %v", err)
	}
	if pg.id != "" {
		cr.read[pg.id] = true
	}
	return nil
}

// fields handles the keys of a collection or page object.
func (cr *collReader) fields(d *doc, name string, pg *pageInfo, depth int) func(key string) error {
	return func(key string) error {
		switch key {
		case "orderedItems", "items":
			cr.items, pg.items = true, true
			return d.array(key, func(raw json.RawMessage, i int) error {
				return cr.item(d, name, key, raw, i)
			})
		case "id":
			t, err := d.token("id")
			if err != nil {
				return err
			}
			if s, ok := t.(string); ok {
				pg.id = s
				return nil
			}
			return rest(d, t)
		case "first", "next":
			t, err := d.token(key)
			if err != nil {
				return err
			}
			switch v := t.(type) {
			case string:
				if v != "" {
					cr.queue = append(cr.queue, v)
				}
				return nil
			case json.Delim:
				if v != '{' {
					return rest(d, t)
				}
				// An embedded page, read in place.
				if depth+1 > d.opt.maxDepth() {
					return perr(name, 0, "collection pages embedded deeper than %d levels (Options.MaxDepth)", d.opt.maxDepth())
				}
				if err := cr.page(name); err != nil {
					return err
				}
				var sub pageInfo
				if err := d.objectBody(key, cr.fields(d, name, &sub, depth+1)); err != nil {
					return err
				}
				switch {
				case sub.items && sub.id != "":
					cr.read[sub.id] = true
				case !sub.items && sub.id != "":
					cr.queue = append(cr.queue, sub.id) // a link to the page, not the page
				}
			}
			return nil
		}
		return errSkip
	}
}

// item reads one element of orderedItems: an activity, or a bare URL (a
// liked status, by the collection's owner).
func (cr *collReader) item(d *doc, name, key string, raw json.RawMessage, i int) error {
	c := cr.c
	c.rep.Records++
	var url string
	if json.Unmarshal(raw, &url) == nil {
		// likes.json: a liked status, by the archive's owner.
		if cr.owner == "" {
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
			c.add(cr.owner, url, a, Like, t)
		}
		return nil
	}
	var act apActivity
	if ok, err := d.element(raw, &act, key, i, c); !ok {
		return err
	}
	mastodonActivity(&act, cr.owner, c)
	return nil
}

// rest skips the rest of a value whose first token t was read already.
func rest(d *doc, t json.Token) error {
	if dl, ok := t.(json.Delim); !ok || (dl != '{' && dl != '[') {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := d.token("a value")
		if err != nil {
			return err
		}
		if dl, ok := t.(json.Delim); ok {
			if dl == '{' || dl == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth > d.opt.maxDepth() {
			return perr(d.name, 0, "JSON nested deeper than %d levels near byte %d (Options.MaxDepth)", d.opt.maxDepth(), d.dec.InputOffset())
		}
	}
	return nil
}

// resolve finds the file (or zip member) of a page reference: a relative
// reference inside the collection's folder, or the id of a .json file
// there.
func (cr *collReader) resolve(ref string) (file, member string, ok bool) {
	if !strings.Contains(ref, "://") {
		// A file name, never outside the export's folder.
		rel := pathpkg.Clean(strings.ReplaceAll(ref, "\\", "/"))
		if !pathpkg.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, "../") && rel != "." {
			for _, f := range cr.files() {
				if f.rel == rel {
					return f.file, f.member, true
				}
			}
		}
	}
	// An id (a URL, or a relative id such as Mastodon's "outbox.json").
	if cr.index == nil {
		cr.index = map[string]string{}
		for _, f := range cr.files() {
			if cr.read[f.file+"\x00"+f.member] {
				continue
			}
			if id := topID(f.file, f.member, cr.opt); id != "" {
				if _, dup := cr.index[id]; !dup {
					cr.index[id] = f.file + "\x00" + f.member
				}
			}
		}
	}
	if k, ok := cr.index[ref]; ok {
		file, member, _ = strings.Cut(k, "\x00")
		return file, member, true
	}
	return "", "", false
}

type exportFile struct{ rel, file, member string }

// files lists the .json files of the collection's folder (at most
// maxPages), once.
func (cr *collReader) files() []exportFile {
	if cr.listed == nil {
		cr.listed = cr.list()
		if cr.listed == nil {
			cr.listed = []exportFile{}
		}
	}
	return cr.listed
}

func (cr *collReader) list() []exportFile {
	var out []exportFile
	if cr.zipPath != "" {
		zr, err := zip.OpenReader(cr.zipPath)
		if err != nil {
			return nil
		}
		defer zr.Close()
		for _, f := range zr.File {
			if f.FileInfo().IsDir() || !strings.HasSuffix(strings.ToLower(f.Name), ".json") {
				continue
			}
			rel := f.Name
			if cr.zipDir != "." {
				var ok bool
				if rel, ok = strings.CutPrefix(f.Name, cr.zipDir+"/"); !ok {
					continue
				}
			}
			if strings.Contains(rel, "/") || len(out) >= maxPages {
				continue
			}
			out = append(out, exportFile{rel, cr.zipPath, f.Name})
		}
		return out
	}
	ents, err := os.ReadDir(cr.dir)
	if err != nil {
		return nil
	}
	for _, e := range ents {
		if e.Type().IsRegular() && strings.HasSuffix(strings.ToLower(e.Name()), ".json") && len(out) < maxPages {
			out = append(out, exportFile{e.Name(), filepath.Join(cr.dir, e.Name()), ""})
		}
	}
	return out
}

var errFound = errors.New("found")

// topID returns the top-level "id" of a JSON object file, or "" (not JSON,
// not an object, no id). It reads no further than the id.
func topID(file, member string, opt Options) string {
	opt.Progress = nil
	rc, name, err := open(file, member, opt)
	if err != nil {
		return ""
	}
	defer rc.Close()
	d := newDoc(rc, name, opt)
	id := ""
	err = d.object("a page", func(key string) error {
		if key != "id" {
			return errSkip
		}
		t, err := d.token("id")
		if err != nil {
			return err
		}
		id, _ = t.(string)
		return errFound
	})
	if err != errFound {
		return ""
	}
	return id
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
		quoted := false
		for _, q := range []string{apID(o.Quote), o.QuoteURI, o.QuoteURL, o.MisskeyQuote} {
			if q != "" {
				c.addParent(actor, q, statusAuthor(q), Quote, t)
				quoted = true
				break
			}
		}
		if !quoted && apType(typeOf(o.Quote)) == "Tombstone" {
			c.skip(SkipParentDeleted) // a quote of a deleted status
		}
		var tags []apTag
		if json.Unmarshal(o.Tag, &tags) != nil {
			// JSON-LD may write a one-element array as the element alone.
			var one apTag
			if json.Unmarshal(o.Tag, &one) == nil {
				tags = []apTag{one}
			}
		}
		for _, tg := range tags {
			if tg.Type == "Mention" && tg.Href != "" {
				c.add(actor, o.ID, tg.Href, Mention, t)
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
