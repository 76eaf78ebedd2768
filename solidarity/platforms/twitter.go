package platforms

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
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
		URLs []tweetURL `json:"urls"`
	} `json:"entities"`
}

// tweetURL is a link entity: the t.co address in the text, the address
// it expands to and, when the API unwound redirects, the final one.
type tweetURL struct {
	URL         string `json:"url"`
	ExpandedURL string `json:"expanded_url"`
	UnwoundURL  string `json:"unwound_url"`
}

// links returns the expanded addresses of link entities (the t.co short
// links say nothing about where they lead).
func links(us []tweetURL) []string {
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
func withoutShortLinks(text string, us []tweetURL) string {
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
			var us []tweetURL
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
	if m := zipMembers(path); m != nil && m["tweets.js"] != "" {
		return true
	}
	return false
}

// Archive tweets.js: [{"tweet": {"id_str", "created_at" ("Wed Oct 10
// 20:19:24 +0000 2018"), "full_text", "in_reply_to_status_id_str",
// "in_reply_to_user_id_str", "entities": {"user_mentions": [{"id_str"}]}}}].
// The owner's id is in account.js (accountId). A retweet is a tweet whose
// text starts "RT @": the archive does not give the retweeted tweet's id,
// so its item is the retweet's own id and its author the first mention.
type archiveTweet struct {
	Tweet struct {
		ID            flexID   `json:"id_str"`
		CreatedAt     flexTime `json:"created_at"`
		FullText      string   `json:"full_text"`
		ReplyToStatus flexID   `json:"in_reply_to_status_id_str"`
		ReplyToUser   flexID   `json:"in_reply_to_user_id_str"`
		Entities      struct {
			UserMentions []struct {
				ID flexID `json:"id_str"`
			} `json:"user_mentions"`
			URLs []tweetURL `json:"urls"`
		} `json:"entities"`
	} `json:"tweet"`
}

func readTweetsJS(path string, opt Options, c *collector) error {
	file, member, accountFile, accountMember := path, "", "", ""
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		for _, dir := range []string{filepath.Join(path, "data"), path} {
			if _, err := os.Stat(filepath.Join(dir, "tweets.js")); err == nil {
				file, accountFile = filepath.Join(dir, "tweets.js"), filepath.Join(dir, "account.js")
				break
			}
		}
	} else if m := zipMembers(path); m != nil {
		member, accountFile, accountMember = m["tweets.js"], path, m["account.js"]
	} else {
		accountFile = filepath.Join(filepath.Dir(path), "account.js")
	}
	owner := opt.Account
	if owner == "" && accountFile != "" && (accountMember != "" || member == "") {
		owner = archiveAccount(accountFile, accountMember, opt)
	}
	if owner == "" {
		return perr(path, 0, "tweets.js does not say whose tweets they are: read the archive (with account.js) or give Options.Account (--account)")
	}
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
	return d.array("tweets.js", func(raw json.RawMessage, i int) error {
		c.rep.Records++
		var at archiveTweet
		if ok, err := d.element(raw, &at, "tweets.js", i, c); !ok {
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
		return nil
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

// archiveAccount returns the accountId in an archive's account.js, or "".
func archiveAccount(path, member string, opt Options) string {
	rc, name, err := open(path, member, opt)
	if err != nil {
		return ""
	}
	defer rc.Close()
	r, err := skipJSAssignment(rc, name)
	if err != nil {
		return ""
	}
	var a []struct {
		Account struct {
			AccountID flexID `json:"accountId"`
		} `json:"account"`
	}
	if json.NewDecoder(&countReader{r: r, max: int64(opt.maxRecord())}).Decode(&a) != nil || len(a) == 0 {
		return ""
	}
	return string(a[0].Account.AccountID)
}
