package platforms

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A paged collection reads the same from a folder and from a zip, and its
// pages' events are there: the reply in the second page (a file found by
// its id) to the post in the first (embedded).
func TestMastodonPages(t *testing.T) {
	ev, rep, err := Read("testdata/mastodon-paged", "mastodon", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := strings.Join(eventStrings(ev), "\n")
	for _, w := range []string{
		// page 2 (outbox-page-2.json, by id), 2024-02-29T09:30:00Z, replying to page 1's post.
		"https://mastodon.example/users/alice reply https://mastodon.example/users/alice/statuses/112100000000000001 by https://mastodon.example/users/alice at 1709199000",
		// page 3 (outbox-page-3.json, by relative reference), 2024-02-20T08:00:00Z.
		"https://mastodon.example/users/alice share https://third.example/@dan/111000000000000000 by https://third.example/users/dan at 1708416000",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	zp := zipDir(t, "testdata/mastodon-paged", "export/")
	ev2, rep2, err := Read(zp, "mastodon", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev2.Release()
	if rep2.Records != rep.Records || !maps.Equal(rep2.Kinds, rep.Kinds) || !maps.Equal(rep2.Skipped, rep.Skipped) {
		t.Errorf("zip: %v, folder: %v", rep2, rep)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const apNote = `{"type":"Create","actor":"https://x.example/users/a","published":"2024-01-01T00:00:00Z","object":{"id":"https://x.example/users/a/statuses/%s","type":"Note"}}`

func note(id string) string { return strings.Replace(apNote, "%s", id, 1) }

func TestMastodonPageLinks(t *testing.T) {
	deep := strings.Repeat(`{"next":`, 100) + `"x"` + strings.Repeat("}", 100)
	cases := []struct {
		name    string
		files   map[string]string
		records int
		skipped map[string]int
		err     string
	}{
		{"next links in a cycle end", map[string]string{
			"outbox.json": `{"id":"https://x.example/users/a/outbox","first":"p1.json"}`,
			"p1.json":     `{"id":"https://x.example/p1","orderedItems":[` + note("1") + `],"next":"https://x.example/p2"}`,
			"p2.json":     `{"id":"https://x.example/p2","orderedItems":[` + note("2") + `],"next":"p1.json"}`,
		}, 2, map[string]int{}, ""},
		{"a page that is its own next", map[string]string{
			"outbox.json": `{"id":"https://x.example/o","orderedItems":[` + note("1") + `],"next":"https://x.example/o"}`,
		}, 1, map[string]int{}, ""},
		{"first as a link object", map[string]string{
			"outbox.json": `{"first":{"id":"https://x.example/p1","type":"OrderedCollectionPage"}}`,
			"saved.json":  `{"orderedItems":[` + note("1") + `],"id":"https://x.example/p1"}`,
		}, 1, map[string]int{}, ""},
		{"a relative id, as Mastodon's archive writes ids", map[string]string{
			"outbox.json": `{"id":"outbox.json","orderedItems":[` + note("1") + `],"next":"outbox-2"}`,
			"b.json":      `{"id":"outbox-2","orderedItems":[` + note("2") + `]}`,
		}, 2, map[string]int{}, ""},
		{"a reference outside the folder is not read", map[string]string{
			"outbox.json": `{"orderedItems":[` + note("1") + `],"next":"../../outbox.json"}`,
		}, 1, map[string]int{"page_not_in_export": 1}, ""},
		{"pages only as URLs", map[string]string{
			"outbox.json": `{"id":"https://x.example/o","type":"OrderedCollection","totalItems":40,"first":"https://x.example/o?page=true"}`,
		}, 0, nil, "items are in pages the export does not hold (https://x.example/o?page=true, not fetched)"},
		{"pages embedded too deep", map[string]string{
			"outbox.json": `{"orderedItems":[],"first":` + deep + `}`,
		}, 0, nil, "embedded deeper than 64"},
		{"a truncated page", map[string]string{
			"outbox.json": `{"first":"p1.json"}`,
			"p1.json":     `{"orderedItems":[` + note("1"),
		}, 0, nil, "p1.json: orderedItems: the JSON ends early"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeFiles(t, c.files)
			ev, rep, err := Read(dir, "mastodon", Options{})
			if c.err != "" {
				if err == nil {
					ev.Release()
					t.Fatalf("no error, want %q", c.err)
				}
				if !strings.Contains(err.Error(), c.err) {
					t.Errorf("error %q, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer ev.Release()
			if rep.Records != c.records || !maps.Equal(rep.Skipped, c.skipped) {
				t.Errorf("records %d skipped %v, want %d %v", rep.Records, rep.Skipped, c.records, c.skipped)
			}
		})
	}
}

// Mastodon 4.4+ quotes (FEP-044f "quote"), a quote of a deleted status (a
// Tombstone, as Mastodon's NoteSerializer writes it), and a tag written as
// a lone object (JSON-LD compaction).
func TestMastodonQuotesAndTags(t *testing.T) {
	outbox := `{"orderedItems":[
{"type":"Create","actor":"https://a.example/users/a","published":"2025-10-01T00:00:00Z","object":{"id":"https://a.example/users/a/statuses/1","type":"Note",
 "quote":"https://b.example/users/b/statuses/115000000000000000","quoteUri":"https://b.example/users/b/statuses/115000000000000000"}},
{"type":"Create","actor":"https://a.example/users/a","published":"2025-10-01T01:00:00Z","object":{"id":"https://a.example/users/a/statuses/2","type":"Note",
 "quote":{"type":"Tombstone"},"tag":{"type":"Mention","href":"https://c.example/users/c"}}}]}`
	ev, rep, err := Read(writeFiles(t, map[string]string{"outbox.json": outbox}), "mastodon", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	got := strings.Join(eventStrings(ev), "\n")
	for _, w := range []string{
		"https://a.example/users/a quote https://b.example/users/b/statuses/115000000000000000 by https://b.example/users/b at 1759276800",
		"https://a.example/users/a mention https://a.example/users/a/statuses/2 by https://c.example/users/c at 1759280400",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	if rep.Kinds[Quote] != 1 || rep.Skipped[SkipParentDeleted] != 1 {
		t.Errorf("%v", rep)
	}
}

// BenchmarkMastodonPages reads the same 10,000 activities from one
// outbox.json and from 100 page files linked by URL (found through their
// ids): the cost of following pages.
//
//	go test ./solidarity/platforms -run XXX -bench MastodonPages -benchmem
func BenchmarkMastodonPages(b *testing.B) {
	const pages, per = 100, 100
	item := func(i int) string {
		return strings.Replace(apNote, "%s", itoa(int64(i)), 1)
	}
	var all []string
	flat, paged := b.TempDir(), b.TempDir()
	for p := 0; p < pages; p++ {
		var items []string
		for k := 0; k < per; k++ {
			items = append(items, item(p*per+k))
		}
		all = append(all, items...)
		page := `{"id":"https://x.example/o?page=` + itoa(int64(p)) + `","orderedItems":[` + strings.Join(items, ",") + `]`
		if p+1 < pages {
			page += `,"next":"https://x.example/o?page=` + itoa(int64(p+1)) + `"`
		}
		page += "}"
		name := "page" + itoa(int64(p)) + ".json"
		if p == 0 {
			page, name = `{"id":"https://x.example/o","first":`+page+`}`, "outbox.json"
		}
		if err := os.WriteFile(filepath.Join(paged, name), []byte(page), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(flat, "outbox.json"), []byte(`{"orderedItems":[`+strings.Join(all, ",")+`]}`), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, dir string }{{"flat", flat}, {"paged", paged}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ev, rep, err := Read(c.dir, "mastodon", Options{})
				if err != nil {
					b.Fatal(err)
				}
				if rep.Records != pages*per {
					b.Fatalf("%d records", rep.Records)
				}
				ev.Release()
			}
		})
	}
}

// Options.FetchPages: pages named by URL only are fetched (opt-in), every
// page once, failures counted; without it nothing is fetched.
func TestMastodonFetchPages(t *testing.T) {
	var hits atomic.Int64
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if !strings.Contains(r.Header.Get("Accept"), "application/activity+json") {
			http.Error(w, "want activity+json", http.StatusNotAcceptable)
			return
		}
		switch r.URL.Query().Get("page") {
		case "1":
			fmt.Fprintf(w, `{"id":"%s/o?page=1","type":"OrderedCollectionPage","orderedItems":[%s],"next":"%s/o?page=2"}`, srv.URL, note("1"), srv.URL)
		case "2": // next leads back to page 1: the walk ends
			fmt.Fprintf(w, `{"id":"%s/o?page=2","orderedItems":[%s],"next":"%s/o?page=1"}`, srv.URL, note("2"), srv.URL)
		case "big":
			fmt.Fprintf(w, `{"orderedItems":[%s,%s,%s,%s]}`, note("3"), note("4"), note("5"), note("6"))
		case "slow":
			time.Sleep(500 * time.Millisecond)
			fmt.Fprint(w, `{"orderedItems":[]}`)
		case "html":
			fmt.Fprint(w, `<html>sign in</html>`)
		default:
			http.Error(w, "gone", http.StatusGone)
		}
	}))
	defer srv.Close()
	oldHTTP, oldInterval, oldClient, oldMax := fetchHTTP, fetchInterval, fetchClient, maxPageBytes
	fetchHTTP, fetchInterval, fetchClient, maxPageBytes = true, 0, &http.Client{Timeout: 200 * time.Millisecond}, 600
	t.Cleanup(func() { fetchHTTP, fetchInterval, fetchClient, maxPageBytes = oldHTTP, oldInterval, oldClient, oldMax })

	dir := writeFiles(t, map[string]string{"outbox.json": `{"id":"` + srv.URL + `/o","first":"` + srv.URL + `/o?page=1"}`})
	if _, _, err := Read(dir, "mastodon", Options{}); err == nil || !strings.Contains(err.Error(), "not fetched") || hits.Load() != 0 {
		t.Fatalf("without FetchPages: %v, %d requests", err, hits.Load())
	}
	ev, rep, err := Read(dir, "mastodon", Options{FetchPages: true})
	if err != nil {
		t.Fatal(err)
	}
	ev.Release()
	if rep.Records != 2 || len(rep.Skipped) != 0 || hits.Load() != 2 {
		t.Errorf("fetched: %v, %d requests, want 2 records and 2 requests", rep, hits.Load())
	}
	for _, page := range []string{"gone", "big", "slow", "html"} {
		dir := writeFiles(t, map[string]string{"outbox.json": `{"orderedItems":[` + note("0") + `],"next":"` + srv.URL + `/o?page=` + page + `"}`})
		ev, rep, err := Read(dir, "mastodon", Options{FetchPages: true})
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		ev.Release()
		if rep.Skipped[SkipPageFetchFailed] != 1 || rep.Records != 1 {
			t.Errorf("%s: %v, want 1 record and page_fetch_failed 1", page, rep)
		}
	}
}
