package platforms_test

import (
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/platforms"
)

// A Pushshift-style Reddit dump: submissions and comments, one per line.
// Replies are resolved to their parent's author; deleted authors and
// replies to them are counted, not kept.
func ExampleRead() {
	ev, rep, err := platforms.Read("testdata/reddit/dump.ndjson", "reddit", platforms.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()
	fmt.Println(rep)
	fmt.Println(ev.NumPeople(), "accounts,", ev.NumItems(), "items")
	// Output:
	// reddit: 9 records, 11 events, post 7, reply 4; skipped: deleted 2 parent_deleted 1 unresolved_parent 1
	// 5 accounts, 7 items
}

// Generic JSON lines: name the fields with a map (dots for nested fields).
func ExampleParseMap() {
	m, err := platforms.ParseMap("actor=user.id,item=post_id,author=owner,kind=action,time=ts")
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, rep, err := platforms.Read("testdata/generic/engagement.ndjson", "ndjson", platforms.Options{Map: m})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ev.Release()
	fmt.Println(rep)
	// Output:
	// ndjson: 4 records, 3 events, like 1, reply 1, share 1; skipped: missing_field 1
}
