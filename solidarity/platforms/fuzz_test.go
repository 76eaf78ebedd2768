package platforms

import (
	"os"
	"path/filepath"
	"testing"
)

// One fuzz target per reader: any bytes give events or an error, never a
// panic, and memory stays bounded by MaxRecord. Seeds are the fixtures.
func fuzzReader(f *testing.F, format, name string, seeds ...string) {
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("{}"))
	f.Add([]byte("[]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		opt := Options{MaxRecord: 1 << 16, Account: "owner", Content: true,
			Map: map[string]string{"actor": "a", "item": "i", "author": "u", "time": "t", "kind": "k"}}
		ev, rep, err := Read(p, format, opt)
		if err == nil {
			if rep.Events != ev.Len() {
				t.Errorf("report says %d events, got %d", rep.Events, ev.Len())
			}
			ev.Release()
		}
	})
}

func FuzzBluesky(f *testing.F) {
	fuzzReader(f, "bluesky", "x.jsonl", "testdata/bluesky/jetstream.jsonl", "testdata/bluesky/malformed.jsonl")
}
func FuzzMastodon(f *testing.F) {
	fuzzReader(f, "mastodon", "outbox.json", "testdata/mastodon/outbox.json", "testdata/mastodon/likes.json",
		"testdata/mastodon-paged/outbox.json", "testdata/mastodon-paged/outbox-page-2.json")
}
func FuzzReddit(f *testing.F) {
	fuzzReader(f, "reddit", "x.ndjson", "testdata/reddit/dump.ndjson", "testdata/reddit/malformed.ndjson",
		"testdata/reddit/crossposts.ndjson")
}
func FuzzTwitter(f *testing.F) { fuzzReader(f, "twitter", "x.jsonl", "testdata/twitter/v2.jsonl") }
func FuzzTwitterArchive(f *testing.F) {
	fuzzReader(f, "twitter", "tweets.js", "testdata/twitter/archive/data/tweets.js")
}
func FuzzTelegram(f *testing.F) {
	fuzzReader(f, "telegram", "result.json", "testdata/telegram/result.json", "testdata/telegram/shared-ids.json")
}
func Fuzz4CAT(f *testing.F) { fuzzReader(f, "4cat", "x.csv", "testdata/4cat/export.csv") }
func FuzzNDJSON(f *testing.F) {
	fuzzReader(f, "ndjson", "x.ndjson", "testdata/generic/engagement.ndjson")
}
