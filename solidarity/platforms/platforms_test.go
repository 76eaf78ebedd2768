package platforms

import (
	"archive/zip"
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Every expected number below is counted by hand from the fixture in
// testdata (written from the platforms' documented schemas; the comments
// in each fixture's generator list the records).
var fixtureCases = []struct {
	format, path string
	opt          Options
	records      int
	kinds        map[string]int
	skipped      map[string]int
}{
	{"bluesky", "testdata/bluesky/jetstream.jsonl", Options{}, 11,
		map[string]int{"post": 3, "mention": 1, "reply": 1, "like": 2, "share": 1, "quote": 1, "follow": 1},
		map[string]int{"deleted": 1, "unknown_record_type": 2, "unresolved_parent": 1}},
	{"mastodon", "testdata/mastodon", Options{}, 11,
		map[string]int{"post": 3, "reply": 1, "mention": 1, "share": 1, "quote": 1, "follow": 1, "like": 1},
		map[string]int{"unresolved_parent": 2, "deleted": 1, "unknown_record_type": 1, "no_time": 1}},
	// Pages: the first embedded, the second a file found by its id (a URL),
	// the third by a relative reference; the fourth only a URL.
	{"mastodon", "testdata/mastodon-paged", Options{}, 5,
		map[string]int{"post": 3, "reply": 2, "mention": 1, "share": 2},
		map[string]int{"page_not_in_export": 1}},
	{"reddit", "testdata/reddit/dump.ndjson", Options{}, 9,
		map[string]int{"post": 7, "reply": 4},
		map[string]int{"deleted": 2, "parent_deleted": 1, "unresolved_parent": 1}},
	// Crossposts: of s1 (in the file), of x9 (not, its author in
	// crosspost_parent_list), of x8 (by [deleted]).
	{"reddit", "testdata/reddit/crossposts.ndjson", Options{}, 4,
		map[string]int{"post": 4, "share": 2},
		map[string]int{"parent_deleted": 1}},
	{"twitter", "testdata/twitter/v2.jsonl", Options{}, 7,
		map[string]int{"post": 6, "share": 1, "reply": 1, "quote": 2, "mention": 1},
		map[string]int{"unresolved_parent": 1, "no_stable_id": 1}},
	// tweets.js and tweets-part1.js (a split archive).
	{"twitter", "testdata/twitter/archive", Options{}, 10,
		map[string]int{"post": 8, "reply": 2, "mention": 2, "share": 1, "quote": 4},
		map[string]int{"no_time": 1, "unresolved_parent": 1}},
	{"telegram", "testdata/telegram/result.json", Options{}, 8,
		map[string]int{"post": 4, "reply": 1, "mention": 1, "share": 1, "like": 3},
		map[string]int{"no_stable_id": 1, "forward_no_id": 2, "reaction_no_actor": 3, "unknown_record_type": 1, "unresolved_parent": 1}},
	{"4cat", "testdata/4cat/export.csv", Options{}, 4,
		map[string]int{"post": 3, "reply": 1},
		map[string]int{"deleted": 1, "unresolved_parent": 1}},
	{"ndjson", "testdata/generic/engagement.ndjson", Options{Map: map[string]string{"actor": "user.id", "item": "post_id", "author": "owner", "kind": "action", "time": "ts"}}, 4,
		map[string]int{"like": 1, "share": 1, "reply": 1},
		map[string]int{"missing_field": 1}},
	{"table", "testdata/generic/engagement.csv", Options{Map: map[string]string{"actor": "user_id", "item": "post_id", "author": "poster", "kind": "action", "time": "ts"}}, 3,
		map[string]int{"like": 1, "share": 1, "reply": 1}, map[string]int{}},
}

func TestFixtures(t *testing.T) {
	for _, c := range fixtureCases {
		t.Run(c.format+"/"+filepath.Base(c.path), func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			opt := c.opt
			opt.Events.Mem = mem
			ev, rep, err := Read(c.path, c.format, opt)
			if err != nil {
				t.Fatal(err)
			}
			defer ev.Release()
			if rep.Records != c.records {
				t.Errorf("records %d, want %d", rep.Records, c.records)
			}
			if !maps.Equal(rep.Kinds, c.kinds) {
				t.Errorf("kinds %v, want %v", rep.Kinds, c.kinds)
			}
			if !maps.Equal(rep.Skipped, c.skipped) {
				t.Errorf("skipped %v, want %v", rep.Skipped, c.skipped)
			}
			n := 0
			for _, v := range c.kinds {
				n += v
			}
			if ev.Len() != n || rep.Events != n {
				t.Errorf("%d events (report %d), want %d", ev.Len(), rep.Events, n)
			}
		})
	}
}

// The events themselves, for one reader per shape of input.
func TestBlueskyEvents(t *testing.T) {
	ev, _, err := Read("testdata/bluesky/jetstream.jsonl", "bluesky", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := eventStrings(ev)
	want := []string{
		"did:plc:alice post at://did:plc:alice/app.bsky.feed.post/a1 by did:plc:alice at 1725000000",
		"did:plc:alice mention at://did:plc:alice/app.bsky.feed.post/a1 by did:plc:bob at 1725000000",
		"did:plc:bob post at://did:plc:bob/app.bsky.feed.post/b1 by did:plc:bob at 1725000060",
		"did:plc:bob reply at://did:plc:alice/app.bsky.feed.post/a1 by did:plc:alice at 1725000060",
		"did:plc:carol like at://did:plc:alice/app.bsky.feed.post/a1 by did:plc:alice at 1725000120",
		"did:plc:bob share at://did:plc:alice/app.bsky.feed.post/a1 by did:plc:alice at 1725000180",
		"did:plc:carol post at://did:plc:carol/app.bsky.feed.post/c1 by did:plc:carol at 1725000240",
		"did:plc:carol quote at://did:plc:bob/app.bsky.feed.post/b1 by did:plc:bob at 1725000240",
		"did:plc:carol follow did:plc:alice by did:plc:alice at 1725000300",
		"did:plc:dave like at://did:plc:bob/app.bsky.feed.post/b1 by did:plc:bob at 1725000540",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRedditParents(t *testing.T) {
	ev, _, err := Read("testdata/reddit/dump.ndjson", "reddit", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := strings.Join(eventStrings(ev), "\n")
	// c6 (bob) answers c7 (alice), which comes later in the file.
	for _, w := range []string{
		"bob reply t3_s1 by alice at 1600000060",
		"carol reply t1_c1 by bob at 1600000120",
		"bob reply t1_c7 by alice at 1600000360",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	if strings.Contains(got, "[deleted]") || strings.Contains(got, "dan reply") || strings.Contains(got, "erin reply") {
		t.Errorf("deleted or unresolved parents kept:\n%s", got)
	}
}

func TestMastodonLikesAndAuthors(t *testing.T) {
	ev, _, err := Read("testdata/mastodon", "mastodon", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := strings.Join(eventStrings(ev), "\n")
	for _, w := range []string{
		// Author from the /@name/ID form of a status URL; published 2024-02-26T12:00:00Z.
		"https://mastodon.example/users/alice share https://other.example/@carol/111998000000000000 by https://other.example/users/carol at 1708948800",
		// A like's time from the liked status' snowflake id: (111999000000000000>>16)/1000 = 1708969116 (python3).
		"https://mastodon.example/users/alice like https://other.example/users/bob/statuses/111999000000000000 by https://other.example/users/bob at 1708969116",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	// The same archive as a zip.
	zp := zipDir(t, "testdata/mastodon", "archive/")
	ev2, rep, err := Read(zp, "mastodon", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev2.Release()
	if ev2.Len() != ev.Len() || rep.Records != 11 {
		t.Errorf("zip: %d events %d records, want %d and 11", ev2.Len(), rep.Records, ev.Len())
	}
	// likes.json alone names nobody.
	if _, _, err := Read("testdata/mastodon/likes.json", "mastodon", Options{}); err == nil || !strings.Contains(err.Error(), "--account") {
		t.Errorf("likes.json without its owner: %v", err)
	}
}

func eventStrings(ev interface {
	Len() int
}) []string {
	e := ev.(*eventsT)
	var out []string
	for i := 0; i < e.Len(); i++ {
		out = append(out, e.People.String(e.Actor[i])+" "+e.Kinds[e.Kind[i]]+" "+e.Items.String(e.Item[i])+" by "+e.People.String(e.Author[i])+" at "+itoa(e.Time[i]))
	}
	return out
}

func zipDir(t *testing.T, dir, prefix string) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(prefix + e.Name())
		w.Write(data)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "archive.zip")
	os.WriteFile(p, b.Bytes(), 0o644)
	return p
}

// Telegram Desktop names a forward's origin only by a display name (or
// null): such forwards are counted, never mapped; forwarded_from_id (other
// tools) maps to a share of the forward by its origin.
func TestTelegramForwards(t *testing.T) {
	ev, rep, err := Read("testdata/telegram/result.json", "telegram", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := strings.Join(eventStrings(ev), "\n")
	if !strings.Contains(got, "user2 share channel1000/3 by channel77 at 1682942520") {
		t.Errorf("no share of the forward with an id:\n%s", got)
	}
	for _, bad := range []string{"channel1000/4 ", "channel1000/8 ", "Someone", "News channel"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q in the events (a forward without an id, or a display name):\n%s", bad, got)
		}
	}
	if rep.Skipped[SkipForwardNoID] != 2 {
		t.Errorf("forward_no_id %d, want 2 (a named origin, a null one)", rep.Skipped[SkipForwardNoID])
	}
}

// Telegram reactions: each named reactor likes the message; the reaction's
// local date is turned into UTC with the message's own offset (the fixture's
// computer is at UTC+2: message 1 is 14:00 local, date_unixtime 1682942400 =
// 12:00 UTC).
func TestTelegramReactions(t *testing.T) {
	ev, _, err := Read("testdata/telegram/result.json", "telegram", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	var likes []string
	for _, e := range eventStrings(ev) {
		if strings.Contains(e, " like ") {
			likes = append(likes, e)
		}
	}
	want := []string{
		"user2 like channel1000/1 by user1 at 1682943000", // 14:10 local = 12:10 UTC
		"user3 like channel1000/1 by user1 at 1682943600", // 14:20 local
		"user1 like channel1000/6 by user3 at 1682944200", // 14:30 local; the paid reaction names nobody
	}
	if strings.Join(likes, "\n") != strings.Join(want, "\n") {
		t.Errorf("likes:\n%s\nwant:\n%s", strings.Join(likes, "\n"), strings.Join(want, "\n"))
	}
}

// A crosspost shares the submission it reposts, by that submission's author.
func TestRedditCrossposts(t *testing.T) {
	ev, _, err := Read("testdata/reddit/crossposts.ndjson", "reddit", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := strings.Join(eventStrings(ev), "\n")
	for _, w := range []string{
		"carol post t3_s3 by carol at 1600000540",
		"carol share t3_s1 by alice at 1600000540",
		"dan share t3_x9 by frank at 1600000600",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	if strings.Contains(got, "t3_x8") {
		t.Errorf("a share of a deleted author's submission kept:\n%s", got)
	}
}
