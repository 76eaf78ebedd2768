package platforms

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestContent reads one post per platform with Options.Content and checks
// the text and url columns against the record, written by hand from each
// platform's documented schema.
func TestContent(t *testing.T) {
	cases := []struct {
		format, file, data string
		opt                Options
		text, url          string
	}{
		{"bluesky", "j.jsonl", `{"did":"did:plc:a","time_us":1700000000000000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r1","record":{"$type":"app.bsky.feed.post","text":"read example.com/a... #Tag","createdAt":"2023-11-14T22:13:20Z","facets":[{"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.com/a/long?utm_source=bsky"}]}],"embed":{"$type":"app.bsky.embed.external","external":{"uri":"https://news.example.org/x"}}}}}`,
			Options{}, "read example.com/a... #Tag", "https://news.example.org/x https://example.com/a/long?utm_source=bsky"},
		{"mastodon", "outbox.json", `{"orderedItems":[{"type":"Create","actor":"https://m.example/users/a","published":"2023-11-14T22:13:20Z","object":{"id":"https://m.example/users/a/statuses/1","type":"Note","content":"<p>Join us &amp; share <a href=\"https://ex.org/p\"><span class=\"invisible\">https://</span><span>ex.org/p</span></a></p><p>#Strike</p>"}}]}`,
			Options{}, "Join us & share https://ex.org/p #Strike", ""},
		{"reddit", "r.ndjson", `{"id":"abc","author":"u1","created_utc":1700000000,"title":"Look","selftext":"","url":"https://ex.org/story?fbclid=1","is_self":false}
{"id":"c1","author":"u2","created_utc":1700000001,"link_id":"t3_abc","parent_id":"t3_abc","body":"copy this text"}`,
			Options{}, "Look", "https://ex.org/story?fbclid=1"},
		{"twitter", "t.jsonl", `{"id":"1","author_id":"9","created_at":"2023-11-14T22:13:20Z","text":"see https://t.co/xyz now","entities":{"urls":[{"url":"https://t.co/xyz","expanded_url":"https://ex.org/long"}]}}`,
			Options{}, "see  now", "https://ex.org/long"},
		{"telegram", "result.json", `{"id":5,"messages":[{"id":1,"type":"message","date_unixtime":"1700000000","from_id":"user1","text_entities":[{"type":"plain","text":"go to "},{"type":"text_link","text":"this","href":"https://ex.org/t"}]}]}`,
			Options{}, "go to this", "https://ex.org/t"},
		{"ndjson", "n.ndjson", `{"u":"a","p":"1","o":"a","ts":1700000000,"msg":"hello world","link":"https://ex.org"}`,
			Options{Map: map[string]string{"actor": "u", "item": "p", "author": "o", "time": "ts", "text": "msg", "url": "link"}}, "hello world", "https://ex.org"},
		{"table", "e.csv", "who,post,by,ts,body,link\na,1,a,1700000000,\"text, with comma\",https://ex.org/a\n",
			Options{Map: map[string]string{"actor": "who", "item": "post", "author": "by", "time": "ts", "text": "body", "url": "link"}}, "text, with comma", "https://ex.org/a"},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			p := filepath.Join(t.TempDir(), c.file)
			if err := os.WriteFile(p, []byte(c.data), 0o644); err != nil {
				t.Fatal(err)
			}
			opt := c.opt
			opt.Content = true
			opt.Events.Mem = mem
			ev, _, err := Read(p, c.format, opt)
			if err != nil {
				t.Fatal(err)
			}
			defer ev.Release()
			if !ev.HasText() {
				t.Fatalf("no text column")
			}
			if got := ev.Text(0); got != c.text {
				t.Errorf("text %q, want %q", got, c.text)
			}
			if got := ev.URL(0); got != c.url {
				t.Errorf("url %q, want %q", got, c.url)
			}
			if c.format == "reddit" && ev.Text(1) != "copy this text" {
				t.Errorf("comment text %q", ev.Text(1))
			}
			// Without Options.Content the platform readers keep no text.
			if c.format != "table" && c.format != "ndjson" {
				opt.Content = false
				ev2, _, err := Read(p, c.format, opt)
				if err != nil {
					t.Fatal(err)
				}
				defer ev2.Release()
				if ev2.HasText() || ev2.HasURL() {
					t.Errorf("text kept without Options.Content")
				}
			}
		})
	}
}
