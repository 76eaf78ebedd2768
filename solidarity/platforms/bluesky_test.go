package platforms

import (
	"maps"
	"strings"
	"testing"
)

// Options.ApplyDeletions: carol's like (line 3 of the fixture) is deleted
// at line 7, so its event goes and the record counts as withdrawn; without
// the option the deletion is only counted.
func TestBlueskyApplyDeletions(t *testing.T) {
	ev, rep, err := Read("testdata/bluesky/jetstream.jsonl", "bluesky", Options{ApplyDeletions: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	if got := strings.Join(eventStrings(ev), "\n"); strings.Contains(got, "did:plc:carol like") {
		t.Errorf("the withdrawn like kept:\n%s", got)
	}
	want := map[string]int{"withdrawn": 1, "unknown_record_type": 2, "unresolved_parent": 1}
	if !maps.Equal(rep.Skipped, want) || rep.Kinds[Like] != 1 || rep.Events != ev.Len() || ev.Len() != 9 {
		t.Errorf("%v, %d events; want skipped %v, 1 like, 9 events", rep, ev.Len(), want)
	}
	// A post deleted later takes its reply and mention events with it.
	lines := `{"did":"did:plc:a","time_us":1725000000000000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"p1","record":{"$type":"app.bsky.feed.post","createdAt":"2024-08-30T06:40:00Z","reply":{"root":{"uri":"at://did:plc:b/app.bsky.feed.post/x"},"parent":{"uri":"at://did:plc:b/app.bsky.feed.post/x"}},"facets":[{"features":[{"$type":"app.bsky.richtext.facet#mention","did":"did:plc:c"}]}]}}}
{"did":"did:plc:a","time_us":1725000060000000,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"p2","record":{"$type":"app.bsky.feed.post","createdAt":"2024-08-30T06:41:00Z"}}}
{"did":"did:plc:a","time_us":1725000120000000,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"p1"}}
{"did":"did:plc:a","time_us":1725000180000000,"kind":"commit","commit":{"operation":"delete","collection":"app.bsky.feed.post","rkey":"p1"}}
`
	ev2, rep2, err := Read(writeFile(t, "x.jsonl", lines), "bluesky", Options{ApplyDeletions: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ev2.Release()
	if got := eventStrings(ev2); len(got) != 1 || got[0] != "did:plc:a post at://did:plc:a/app.bsky.feed.post/p2 by did:plc:a at 1725000060" {
		t.Errorf("%v", got)
	}
	// The second deletion of p1 finds nothing left to withdraw: deleted.
	if rep2.Skipped[SkipWithdrawn] != 1 || rep2.Skipped[SkipDeleted] != 1 {
		t.Errorf("%v", rep2)
	}
}
