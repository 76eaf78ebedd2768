package platforms

import (
	"strings"
	"testing"
)

// Quotes in an archive: the quoted tweet's id from the link (or
// quoted_status_id_str), its author's id where Twitter paired the screen
// name with one (see archiveTweet).
func TestTwitterArchiveQuotes(t *testing.T) {
	ev, _, err := Read("testdata/twitter/archive", "twitter", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	var quotes []string
	for _, e := range eventStrings(ev) {
		if strings.Contains(e, " quote ") {
			quotes = append(quotes, e)
		}
	}
	want := []string{
		"500 quote 6001 by 222 at 1539334800", // "Two" paired with 222 by tweet 7001's mention
		"500 quote 6002 by 555 at 1539338400", // quoted_status_id_str; mentioned in the same tweet
		"500 quote 7001 by 500 at 1539342000", // the owner's username (account.js)
		"500 quote 7002 by 500 at 1539349200", // /i/web/status/ID: a tweet of the archive
	}
	if strings.Join(quotes, "\n") != strings.Join(want, "\n") {
		t.Errorf("quotes:\n%s\nwant:\n%s", strings.Join(quotes, "\n"), strings.Join(want, "\n"))
	}
	// The same archive as a zip.
	zp := zipDir(t, "testdata/twitter/archive/data", "twitter-2024/data/")
	ev2, rep, err := Read(zp, "twitter", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev2.Release()
	if ev2.Len() != ev.Len() || rep.Kinds[Quote] != 4 {
		t.Errorf("zip: %v", rep)
	}
}

// A screen name the archive pairs with two ids (renamed, then taken by
// someone else) resolves no quote.
func TestTwitterArchiveAmbiguousName(t *testing.T) {
	js := `window.YTD.tweets.part0 = [
{"tweet":{"id_str":"1","created_at":"Wed Oct 10 20:19:24 +0000 2018","full_text":"@sam hi","entities":{"user_mentions":[{"screen_name":"sam","id_str":"10"}]}}},
{"tweet":{"id_str":"2","created_at":"Wed Oct 10 21:19:24 +0000 2018","full_text":"@Sam hi","entities":{"user_mentions":[{"screen_name":"Sam","id_str":"11"}]}}},
{"tweet":{"id_str":"3","created_at":"Wed Oct 10 22:19:24 +0000 2018","full_text":"look","entities":{"urls":[{"expanded_url":"https://twitter.com/sam/status/99"}]}}}]`
	ev, rep, err := Read(writeFile(t, "tweets.js", js), "twitter", Options{Account: "5"})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if rep.Kinds[Quote] != 0 || rep.Skipped[SkipUnresolvedParent] != 1 {
		t.Errorf("%v", rep)
	}
}

func TestTweetURL(t *testing.T) {
	for _, c := range []struct{ url, name, id string }{
		{"https://twitter.com/Two/status/6001", "two", "6001"},
		{"http://mobile.twitter.com/a_b/status/12/photo/1", "a_b", "12"},
		{"https://www.x.com/owner/status/7001?s=20#m", "owner", "7001"},
		{"https://twitter.com/owner/statuses/7", "owner", "7"},
		{"https://x.com/i/web/status/7002", "", "7002"},
		{"https://twitter.com/i/status/8", "", "8"},
		{"https://twitter.com/owner", "", ""},
		{"https://twitter.com/owner/status/12abc", "", ""},
		{"https://nottwitter.com/a/status/1", "", ""},
		{"https://twitter.com//status/1", "", ""},
		{"ftp://twitter.com/a/status/1", "", ""},
	} {
		name, id, ok := tweetURL(c.url)
		if ok != (c.id != "") || name != c.name || id != c.id {
			t.Errorf("%s: %q %q %v, want %q %q", c.url, name, id, ok, c.name, c.id)
		}
	}
}

// API v2: a quote's author from the response's includes.tweets.
func TestTwitterV2QuoteFromIncludes(t *testing.T) {
	ev, _, err := Read("testdata/twitter/v2.jsonl", "twitter", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := strings.Join(eventStrings(ev), "\n")
	// line 7: 1007 by 44 quotes 2001, whose author_id (55) is only in
	// includes.tweets (2022-03-01T10:30:00Z); line 4 quotes 1006, a tweet
	// later in the file; line 3 quotes 9999, in neither: no event.
	for _, w := range []string{"44 quote 2001 by 55 at 1646130600", "11 quote 1006 by 33 at 1646130000"} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	if strings.Contains(got, "9999") {
		t.Errorf("a quote of a tweet whose author is unknown kept:\n%s", got)
	}
}

// A large archive splits its tweets into tweets.js, tweets-part1.js, ...;
// older archives name them tweet.js, tweet-part1.js. All parts are read,
// in order; other .js files are not tweets.
func TestTweetParts(t *testing.T) {
	got := tweetParts([]string{"tweets-part10.js", "tweet-headers.js", "tweets-part2.js", "deleted-tweets.js", "tweets.js", "tweetdeck.js", "account.js", "tweets-part1.js"}, false)
	if want := "tweets.js tweets-part1.js tweets-part2.js tweets-part10.js"; strings.Join(got, " ") != want {
		t.Errorf("%v, want %s", got, want)
	}
	if got := tweetParts([]string{"tweet-part1.js", "tweet.js"}, false); strings.Join(got, " ") != "tweet.js tweet-part1.js" {
		t.Errorf("older names: %v", got)
	}
	// The reply in tweets-part1.js resolves to a tweet of tweets.js.
	ev, _, err := Read("testdata/twitter/archive", "twitter", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if got := strings.Join(eventStrings(ev), "\n"); !strings.Contains(got, "500 reply 7009 by 500 at 1539417600") {
		t.Errorf("no reply from tweets-part1.js:\n%s", got)
	}
	// An older archive (data/tweet.js, window.YTD.tweet.part0), with two
	// deleted tweets: counted, not read.
	dir := writeFiles(t, map[string]string{
		"tweet.js":          `window.YTD.tweet.part0 = [{"tweet":{"id_str":"1","created_at":"Wed Oct 10 20:19:24 +0000 2018","full_text":"hi"}}]`,
		"account.js":        `window.YTD.account.part0 = [{"account":{"accountId":"9","username":"old"}}]`,
		"deleted-tweets.js": `window.YTD.deleted_tweets.part0 = [{"tweet":{"id_str":"2","deleted_at":"x"}},{"tweet":{"id_str":"3"}}]`,
	})
	ev2, rep, err := Read(dir, "twitter", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev2.Release()
	if rep.Kinds[Post] != 1 || rep.Records != 3 || rep.Skipped[SkipDeleted] != 2 || eventStrings(ev2)[0] != "9 post 1 by 9 at 1539202764" {
		t.Errorf("%v %v", rep, eventStrings(ev2))
	}
	// A folder without tweets: an error that says what was expected.
	if _, _, err := Read(t.TempDir(), "twitter", Options{}); err == nil || !strings.Contains(err.Error(), "no tweets.js") {
		t.Errorf("empty folder: %v", err)
	}
}
