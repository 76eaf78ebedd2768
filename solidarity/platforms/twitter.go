package platforms

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Twitter / X: API v2 JSON lines, either one response per line
// ({"data": [tweets] or tweet, "includes": {"tweets": [...], "users":
// [...]}}, as twarc2 writes) or one tweet per line (twarc2 flatten), and
// the account archive's data/tweets.js ("window.YTD.tweets.part0 = [...]").
// referenced_tweets give shares (retweeted), quotes (quoted) and replies
// (replied_to); entities.mentions give mentions. The referenced tweet's
// author comes from the reference itself (flattened files), from includes,
// from in_reply_to_user_id, or from the tweet when it is in the input.

type tweetRef struct {
	Type     string `json:"type"`
	ID       flexID `json:"id"`
	AuthorID flexID `json:"author_id"`
}

type tweetV2 struct {
	ID               flexID     `json:"id"`
	AuthorID         flexID     `json:"author_id"`
	CreatedAt        flexTime   `json:"created_at"`
	InReplyToUserID  flexID     `json:"in_reply_to_user_id"`
	ReferencedTweets []tweetRef `json:"referenced_tweets"`
	Text             string     `json:"text"`
	NoteTweet        *struct {
		Text string `json:"text"`
	} `json:"note_tweet"` // a long post's full text
	Entities *struct {
		Mentions []struct {
			ID flexID `json:"id"`
		} `json:"mentions"`
		URLs []linkEntity `json:"urls"`
	} `json:"entities"`
}

// linkEntity is a link entity: the t.co address in the text, the address
// it expands to and, when the API unwound redirects, the final one.
type linkEntity struct {
	URL         string `json:"url"`
	ExpandedURL string `json:"expanded_url"`
	UnwoundURL  string `json:"unwound_url"`
}

// links returns the expanded addresses of link entities (the t.co short
// links say nothing about where they lead).
func links(us []linkEntity) []string {
	var out []string
	for _, u := range us {
		switch {
		case u.UnwoundURL != "":
			out = append(out, u.UnwoundURL)
		case u.ExpandedURL != "":
			out = append(out, u.ExpandedURL)
		}
	}
	return out
}

// withoutShortLinks removes the t.co addresses of link entities from a
// tweet's text, so the text's links are the expanded ones of the url column.
func withoutShortLinks(text string, us []linkEntity) string {
	for _, u := range us {
		if u.URL != "" && (u.ExpandedURL != "" || u.UnwoundURL != "") {
			text = strings.ReplaceAll(text, u.URL, "")
		}
	}
	return text
}

type twitterLine struct {
	tweetV2
	Data     json.RawMessage `json:"data"`
	Includes *struct {
		Tweets []tweetV2 `json:"tweets"`
	} `json:"includes"`
}

func readTwitter(path string, opt Options, c *collector) error {
	if isTweetsJS(path) {
		return readTweetsJS(path, opt, c)
	}
	return eachJSON(path, opt, c, func(l *twitterLine, name string, line int) error {
		if len(l.Data) == 0 {
			tweet(&l.tweetV2, nil, c)
			return nil
		}
		inc := map[string]string{}
		if l.Includes != nil {
			for _, t := range l.Includes.Tweets {
				inc[string(t.ID)] = string(t.AuthorID)
			}
		}
		var list []tweetV2
		if bytes.HasPrefix(bytes.TrimSpace(l.Data), []byte("[")) {
			if json.Unmarshal(l.Data, &list) != nil {
				if !opt.SkipMalformed {
					return perr(name, line, "data: want an array of tweets")
				}
				c.skip(SkipMalformed)
			}
		} else {
			var t tweetV2
			if json.Unmarshal(l.Data, &t) == nil {
				list = append(list, t)
			}
		}
		c.rep.Records += len(list) - 1 // a response page: its tweets are the records
		for i := range list {
			tweet(&list[i], inc, c)
		}
		return nil
	})
}

func tweet(t *tweetV2, inc map[string]string, c *collector) {
	id, author := string(t.ID), string(t.AuthorID)
	if id == "" || author == "" {
		c.skip(SkipNoActor)
		return
	}
	if !t.CreatedAt.Set {
		c.skip(SkipNoTime)
		return
	}
	tm := t.CreatedAt.T
	retweet := false
	for _, r := range t.ReferencedTweets {
		if r.Type == "retweeted" {
			retweet = true
		}
	}
	if !retweet {
		c.post(author, id, tm)
		if c.keepContent {
			text := t.Text
			if t.NoteTweet != nil && t.NoteTweet.Text != "" {
				text = t.NoteTweet.Text
			}
			var us []linkEntity
			if t.Entities != nil {
				us = t.Entities.URLs
			}
			c.setContent(withoutShortLinks(text, us), links(us)...)
		}
	}
	for _, r := range t.ReferencedTweets {
		ref, refAuthor := string(r.ID), string(r.AuthorID)
		if ref == "" {
			continue
		}
		if refAuthor == "" {
			refAuthor = inc[ref]
		}
		var kind string
		switch r.Type {
		case "retweeted":
			kind = Share
		case "quoted":
			kind = Quote
		case "replied_to":
			kind = Reply
			if refAuthor == "" {
				refAuthor = string(t.InReplyToUserID)
			}
		default:
			c.skip(SkipUnknownType)
			continue
		}
		c.addParent(author, ref, refAuthor, kind, tm)
	}
	if t.Entities != nil && !retweet {
		for _, m := range t.Entities.Mentions {
			if m.ID == "" {
				c.skip(SkipNoID) // a username only
				continue
			}
			c.add(author, id, string(m.ID), Mention, tm)
		}
	}
}

func isTweetsJS(path string) bool {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return true
	}
	if strings.HasSuffix(strings.ToLower(path), ".js") {
		return true
	}
	if m := zipMembers(path); m != nil && (m["tweets.js"] != "" || m["tweet.js"] != "") {
		return true
	}
	return false
}

// Archive tweets.js: [{"tweet": {"id_str", "created_at" ("Wed Oct 10
// 20:19:24 +0000 2018"), "full_text", "in_reply_to_status_id_str",
// "in_reply_to_user_id_str", "in_reply_to_screen_name", "entities":
// {"user_mentions": [{"id_str", "screen_name"}], "urls": [{"expanded_url"}]}}}].
// The owner's id is in account.js (accountId, next to username). A
// retweet is a tweet whose text starts "RT @": the archive does not give
// the retweeted tweet's id, so its item is the retweet's own id and its
// author the first mention.
//
// A quote is a tweet linking another tweet: the archive has no
// referenced-tweet field, only the link (https://twitter.com/NAME/status/ID,
// or x.com, in entities.urls' expanded_url), as Twitter itself shows any
// link to a tweet as a quote; some archive versions also carry
// quoted_status_id_str and quoted_status_permalink, read first. The link
// gives the quoted tweet's id (the item) and the screen name of its author,
// which is no stable id (it can be changed, then taken by someone else).
// The author's numeric id is taken where Twitter itself paired that screen
// name with an id: a mention or the replied-to account in the same tweet,
// the owner's username, or else a mention or reply anywhere in the archive
// (only when the archive pairs the name with a single id); or it is the
// owner when the quoted tweet is in the archive. Otherwise the quote is
// counted as unresolved_parent.
type archiveTweet struct {
	Tweet struct {
		ID              flexID   `json:"id_str"`
		CreatedAt       flexTime `json:"created_at"`
		FullText        string   `json:"full_text"`
		ReplyToStatus   flexID   `json:"in_reply_to_status_id_str"`
		ReplyToUser     flexID   `json:"in_reply_to_user_id_str"`
		ReplyToName     string   `json:"in_reply_to_screen_name"`
		QuotedStatus    flexID   `json:"quoted_status_id_str"`
		QuotedPermalink *struct {
			Expanded string `json:"expanded"`
		} `json:"quoted_status_permalink"`
		Entities struct {
			UserMentions []struct {
				ID         flexID `json:"id_str"`
				ScreenName string `json:"screen_name"`
			} `json:"user_mentions"`
			URLs []linkEntity `json:"urls"`
		} `json:"entities"`
	} `json:"tweet"`
}

// tweetURL reads a link to a tweet: https://twitter.com/NAME/status/ID
// (also x.com, www. and mobile., /statuses/, trailing /photo/1, a query)
// gives NAME and ID; /i/web/status/ID gives ID alone. ok is false for any
// other link.
func tweetURL(u string) (name, id string, ok bool) {
	scheme, rest, found := strings.Cut(u, "://")
	if !found || (scheme != "https" && scheme != "http") {
		return "", "", false
	}
	rest, _, _ = strings.Cut(rest, "#")
	rest, _, _ = strings.Cut(rest, "?")
	host, p, _ := strings.Cut(rest, "/")
	host = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(host), "www."), "mobile.")
	if host != "twitter.com" && host != "x.com" {
		return "", "", false
	}
	seg := strings.Split(p, "/")
	switch {
	case len(seg) >= 4 && seg[0] == "i" && seg[1] == "web" && seg[2] == "status":
		name, id = "", seg[3]
	case len(seg) >= 3 && seg[0] == "i" && seg[1] == "status":
		name, id = "", seg[2]
	case len(seg) >= 3 && (seg[1] == "status" || seg[1] == "statuses") && seg[0] != "":
		name, id = seg[0], seg[2]
	default:
		return "", "", false
	}
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return "", "", false
	}
	return strings.ToLower(name), id, true
}

// screenNames pairs screen names (lower case) with the ids Twitter gave
// them in an archive, to find a quoted tweet's author (see archiveTweet).
type screenNames struct {
	id        map[string]string
	ambiguous map[string]bool
}

func (s *screenNames) pair(name string, id flexID) {
	name = strings.ToLower(name)
	if name == "" || id == "" {
		return
	}
	if old, ok := s.id[name]; ok && old != string(id) {
		s.ambiguous[name] = true
		return
	}
	s.id[name] = string(id)
}

// tweetParts picks an archive's tweet files among base names, in order:
// tweets.js, tweets-part1.js, tweets-part2.js, ... (a large archive is
// split so, as its manifest.js lists), or the older tweet.js,
// tweet-part1.js, ...; with deleted, deleted-tweets.js and its parts.
func tweetParts(names []string, deleted bool) []string {
	type part struct {
		name string
		n    int
	}
	fam := map[string][]part{}
	for _, b := range names {
		m := tweetPartRe.FindStringSubmatch(b)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		fam[m[1]] = append(fam[m[1]], part{b, n})
	}
	ps := fam["tweets"]
	if len(ps) == 0 {
		ps = fam["tweet"]
	}
	if deleted {
		ps = fam["deleted-tweets"]
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].n < ps[j].n })
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return out
}

var tweetPartRe = regexp.MustCompile(`^(tweets?|deleted-tweets)(?:-part([0-9]{1,6}))?\.js$`)

func readTweetsJS(path string, opt Options, c *collector) error {
	type jsFile struct{ file, member string }
	var parts, deleted []jsFile
	accountFile, accountMember := "", ""
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		for _, dir := range []string{filepath.Join(path, "data"), path} {
			ents, _ := os.ReadDir(dir)
			var names []string
			for _, e := range ents {
				if e.Type().IsRegular() {
					names = append(names, e.Name())
				}
			}
			if ps := tweetParts(names, false); len(ps) > 0 {
				for _, p := range ps {
					parts = append(parts, jsFile{filepath.Join(dir, p), ""})
				}
				for _, p := range tweetParts(names, true) {
					deleted = append(deleted, jsFile{filepath.Join(dir, p), ""})
				}
				accountFile = filepath.Join(dir, "account.js")
				break
			}
		}
	} else if m := zipMembers(path); m != nil {
		var names []string
		for b := range m {
			names = append(names, b)
		}
		for _, p := range tweetParts(names, false) {
			parts = append(parts, jsFile{path, m[p]})
		}
		for _, p := range tweetParts(names, true) {
			deleted = append(deleted, jsFile{path, m[p]})
		}
		accountFile, accountMember = path, m["account.js"]
	} else {
		parts = []jsFile{{path, ""}}
		accountFile = filepath.Join(filepath.Dir(path), "account.js")
	}
	if len(parts) == 0 {
		return perr(path, 0, "no tweets.js (nor tweet.js): want a Twitter archive (its folder, with data/tweets.js, or its .zip) or a tweets.js file")
	}
	owner, ownerName := opt.Account, ""
	if accountFile != "" && (accountMember != "" || parts[0].member == "") {
		id, name := archiveAccount(accountFile, accountMember, opt)
		if owner == "" || owner == id {
			owner, ownerName = id, name
		}
	}
	if owner == "" {
		return perr(path, 0, "tweets.js does not say whose tweets they are: read the archive (with account.js) or give Options.Account (--account)")
	}
	names := screenNames{id: map[string]string{}, ambiguous: map[string]bool{}}
	names.pair(ownerName, flexID(owner))
	quoted := map[string]string{} // quoted tweet id -> its author's screen name, resolved at the end
	for _, p := range parts {
		if err := readTweetsPart(p.file, p.member, owner, ownerName, &names, quoted, opt, c); err != nil {
			return err
		}
	}
	// The tweets the owner deleted (deleted-tweets.js) are counted, not
	// read: a deletion is the owner's withdrawal, which X's developer terms
	// and research ethics both ask to honour.
	for _, p := range deleted {
		if err := countTweets(p.file, p.member, opt, c); err != nil {
			return err
		}
	}
	// A quoted tweet's author by its screen name, where the archive pairs
	// that name with one id; the collector resolves the quotes (or counts
	// them as unresolved_parent) when the input has been read.
	for qid, qname := range quoted {
		if c.authorOf[qid] != "" || names.ambiguous[qname] {
			continue
		}
		if a := names.id[qname]; a != "" {
			c.authorOf[qid] = a
		}
	}
	return nil
}

// readTweetsPart reads one tweets.js file of an archive.
func readTweetsPart(file, member, owner, ownerName string, names *screenNames, quoted map[string]string, opt Options, c *collector) error {
	rc, name, err := open(file, member, opt)
	if err != nil {
		return err
	}
	defer rc.Close()
	br, err := skipJSAssignment(rc, name)
	if err != nil {
		return err
	}
	what := filepath.Base(name)
	d := newDoc(br, name, opt)
	return d.array(what, func(raw json.RawMessage, i int) error {
		c.rep.Records++
		var at archiveTweet
		if ok, err := d.element(raw, &at, what, i, c); !ok {
			return err
		}
		tw := &at.Tweet
		if tw.ID == "" {
			c.skip(SkipMalformed)
			return nil
		}
		if !tw.CreatedAt.Set {
			c.skip(SkipNoTime)
			return nil
		}
		for _, m := range tw.Entities.UserMentions {
			names.pair(m.ScreenName, m.ID)
		}
		names.pair(tw.ReplyToName, tw.ReplyToUser)
		id, tm := string(tw.ID), tw.CreatedAt.T
		if strings.HasPrefix(tw.FullText, "RT @") {
			if len(tw.Entities.UserMentions) == 0 || tw.Entities.UserMentions[0].ID == "" {
				c.skip(SkipNoID)
				return nil
			}
			c.add(owner, id, string(tw.Entities.UserMentions[0].ID), Share, tm)
			return nil
		}
		c.post(owner, id, tm)
		c.setContent(withoutShortLinks(tw.FullText, tw.Entities.URLs), links(tw.Entities.URLs)...)
		if tw.ReplyToStatus != "" {
			c.addParent(owner, string(tw.ReplyToStatus), string(tw.ReplyToUser), Reply, tm)
		}
		for _, m := range tw.Entities.UserMentions {
			if m.ID != "" && string(m.ID) != string(tw.ReplyToUser) {
				c.add(owner, id, string(m.ID), Mention, tm)
			}
		}
		// Quotes: quoted_status_id_str first, then every linked tweet.
		seen := map[string]bool{id: true}
		quote := func(qname, qid string) {
			if qid == "" || seen[qid] {
				return
			}
			seen[qid] = true
			author := ""
			for _, m := range tw.Entities.UserMentions {
				if qname != "" && strings.EqualFold(m.ScreenName, qname) && m.ID != "" {
					author = string(m.ID)
				}
			}
			if author == "" && qname != "" && strings.EqualFold(tw.ReplyToName, qname) {
				author = string(tw.ReplyToUser)
			}
			if author == "" && qname != "" && strings.EqualFold(ownerName, qname) {
				author = owner
			}
			if author == "" && qname != "" {
				quoted[qid] = qname
			}
			c.addParent(owner, qid, author, Quote, tm)
		}
		if tw.QuotedStatus != "" {
			qname := ""
			if tw.QuotedPermalink != nil {
				qname, _, _ = tweetURL(tw.QuotedPermalink.Expanded)
			}
			quote(qname, string(tw.QuotedStatus))
		}
		for _, u := range tw.Entities.URLs {
			if qname, qid, ok := tweetURL(u.ExpandedURL); ok {
				quote(qname, qid)
			}
		}
		return nil
	})
}

// countTweets counts the elements of a deleted-tweets.js as deleted
// records.
func countTweets(file, member string, opt Options, c *collector) error {
	rc, name, err := open(file, member, opt)
	if err != nil {
		return err
	}
	defer rc.Close()
	br, err := skipJSAssignment(rc, name)
	if err != nil {
		return err
	}
	d := newDoc(br, name, opt)
	return d.each(filepath.Base(name), func(int) error {
		c.rep.Records++
		c.skip(SkipDeleted)
		return d.skip()
	})
}

// skipJSAssignment skips "window.YTD.x.part0 = " before the JSON array.
func skipJSAssignment(r io.Reader, name string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	for i := 0; ; i++ {
		b, err := br.Peek(1)
		if err != nil {
			return nil, perr(name, 1, "no JSON array: want window.YTD.<name>.part0 = [ ... ]")
		}
		if b[0] == '[' {
			return br, nil
		}
		if i > 4096 {
			return nil, perr(name, 1, "no JSON array in the first 4 KiB: want window.YTD.<name>.part0 = [ ... ]")
		}
		br.ReadByte()
	}
}

// archiveAccount returns the accountId and username in an archive's
// account.js, or "".
func archiveAccount(path, member string, opt Options) (id, username string) {
	rc, name, err := open(path, member, opt)
	if err != nil {
		return "", ""
	}
	defer rc.Close()
	r, err := skipJSAssignment(rc, name)
	if err != nil {
		return "", ""
	}
	var a []struct {
		Account struct {
			AccountID flexID `json:"accountId"`
			Username  string `json:"username"`
		} `json:"account"`
	}
	if json.NewDecoder(&countReader{r: r, max: int64(opt.maxRecord())}).Decode(&a) != nil || len(a) == 0 {
		return "", ""
	}
	return string(a[0].Account.AccountID), a[0].Account.Username
}
