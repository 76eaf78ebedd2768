package platforms

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/events"
)

// The kinds every platform's actions map onto.
const (
	Post    = "post"    // an item authored: actor = author = the poster
	Like    = "like"    // actor liked item (by author)
	Share   = "share"   // repost, retweet, boost, forward
	Reply   = "reply"   // actor replied to item (by author)
	Quote   = "quote"   // actor quoted item (by author)
	Mention = "mention" // actor's post (item) mentions author
	Follow  = "follow"  // actor follows author (item = the followed account)
)

// Skip reasons counted in Report.Skipped.
const (
	SkipDeleted          = "deleted"             // the record or its author was deleted or removed
	SkipParentDeleted    = "parent_deleted"      // the parent's author was deleted or removed
	SkipUnresolvedParent = "unresolved_parent"   // the parent is not in the input and its id does not name its author
	SkipUnknownType      = "unknown_record_type" // a record type that is no engagement (profile, block, identity, ...)
	SkipMalformed        = "malformed"           // unreadable record (only with Options.SkipMalformed)
	SkipNoID             = "no_stable_id"        // the only id is a display name or a username
	SkipNoTime           = "no_time"             // the record carries no usable time
	SkipNoActor          = "no_actor"            // the record names no account
)

// Options control reading.
type Options struct {
	// Map names the columns (CSV) or fields (NDJSON, dotted paths such as
	// user.id) of a generic table: keys actor, item, author, kind, time,
	// quality, text and url; kind, quality, text and url may be missing (then DefaultKind, or "engage").
	Map map[string]string
	// DefaultKind is the kind of every event of a generic table without a
	// kind column.
	DefaultKind string
	// Account is the id of the archive's owner when the archive itself
	// does not say (a Twitter tweets.js without account.js, a Mastodon
	// likes.json without actor.json or outbox.json).
	Account string
	// FetchPages lets the Mastodon reader fetch, over HTTPS, the pages of
	// a collection that the export names by URL but does not hold. Off by
	// default: an export is read as it is, offline. Each page is one GET
	// with a 30 s timeout and at most 64 MiB, one per second (servers
	// rate-limit); pages that fail are counted (page_fetch_failed).
	FetchPages bool
	// ApplyDeletions drops the events of a Bluesky record that a later
	// line of the same capture deletes (an unlike, an un-repost, a deleted
	// post), counting the record as withdrawn. Off by default: deletions
	// are counted (deleted) and the events kept.
	ApplyDeletions bool
	// SkipMalformed counts unreadable JSON records in Report.Skipped
	// instead of stopping at the first with an error.
	SkipMalformed bool
	// MaxRecord bounds the bytes of one record (an NDJSON line or an
	// element of a JSON array); 0 means 16 MiB.
	MaxRecord int
	// MaxDepth bounds the nesting of a JSON record; 0 means 64.
	MaxDepth int
	// MaxDecompressed bounds the bytes read out of a .gz or .zip member
	// (0 = formats.DefaultMaxDecompressed).
	MaxDecompressed int64
	// Progress, when set, is called as a large file is read with the bytes
	// read so far and the total (-1 when unknown).
	Progress func(read, total int64)
	// Content keeps what posts say: the platform readers fill the events'
	// text and url columns (events.ColText, events.ColURL) of post events
	// (and Telegram forwards, which copy the text) where the export has
	// them, for coordination on content. Off by default: texts cost their
	// bytes (about 1 KiB a post on Reddit, 200 bytes on Bluesky), while
	// ids are interned. Tables read every column they have anyway.
	Content bool
	// Events are the options of the events built: actors and items
	// tables, allocator.
	Events events.Options
}

func (o Options) maxRecord() int {
	if o.MaxRecord <= 0 {
		return 16 << 20
	}
	return o.MaxRecord
}

func (o Options) maxDepth() int {
	if o.MaxDepth <= 0 {
		return 64
	}
	return o.MaxDepth
}

// Report says what a reader read, made and skipped.
type Report struct {
	Format  string         `json:"format"`
	Records int            `json:"records"` // records read (lines, array elements, rows)
	Events  int            `json:"events"`  // events made
	Kinds   map[string]int `json:"kinds"`   // events per kind
	Skipped map[string]int `json:"skipped"` // records or events left out, per reason (see the Skip constants)
}

func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d records, %d events", r.Format, r.Records, r.Events)
	for _, k := range slices.Sorted(maps.Keys(r.Kinds)) {
		fmt.Fprintf(&b, ", %s %d", k, r.Kinds[k])
	}
	if len(r.Skipped) > 0 {
		b.WriteString("; skipped:")
		for _, k := range slices.Sorted(maps.Keys(r.Skipped)) {
			fmt.Fprintf(&b, " %s %d", k, r.Skipped[k])
		}
	}
	return b.String()
}

type reader func(path string, opt Options, c *collector) error

var readers = map[string]reader{
	"bluesky":  readBluesky,
	"mastodon": readMastodon,
	"reddit":   readReddit,
	"twitter":  readTwitter,
	"telegram": readTelegram,
	"4cat":     read4CAT,
	"ndjson":   readNDJSONMap,
}

// Formats lists the format names Read accepts, sorted: table (our CSV,
// TSV or Parquet columns, or other columns with Options.Map), snap,
// reddit-hyperlinks, and the platform readers.
func Formats() []string {
	f := []string{"table", "snap", "reddit-hyperlinks"}
	for k := range readers {
		f = append(f, k)
	}
	sort.Strings(f)
	return f
}

// FormatHelp is a one-line description of every format, for command-line
// help.
const FormatHelp = "table (CSV/TSV/Parquet: actor,item,author,kind,time; other column names with --map), " +
	"snap (SNAP 'src dst unixtime' lists), reddit-hyperlinks (SNAP soc-redditHyperlinks TSV), " +
	"bluesky (Jetstream JSON lines), mastodon (account archive or ActivityPub collection), " +
	"reddit (Pushshift/Arctic Shift NDJSON), twitter (API v2 JSON lines or archive tweets.js), " +
	"telegram (Desktop result.json), 4cat (4CAT CSV export), ndjson (JSON lines with --map)"

// ErrFormat reports an unknown format name.
var ErrFormat = errors.New("platforms: unknown events format")

// Read reads the events in path in the given format (see Formats; "" is
// table) and reports what it read and skipped. The caller releases the
// events.
func Read(path, format string, opt Options) (*events.Events, *Report, error) {
	eo := opt.Events
	if opt.MaxDecompressed != 0 {
		eo.MaxDecompressed = opt.MaxDecompressed
	}
	if opt.Progress != nil {
		eo.Progress = opt.Progress
	}
	var ev *events.Events
	var err error
	switch format {
	case "", "table", "csv":
		if len(opt.Map) > 0 {
			if eo.Columns, err = mapColumns(opt.Map); err != nil {
				return nil, nil, err
			}
			if opt.DefaultKind != "" {
				eo.DefaultKind = opt.DefaultKind
			}
		}
		ev, err = events.Read(path, eo)
		format = "table"
	case "snap":
		ev, err = events.ReadSNAPTemporal(path, "message", eo)
	case "reddit-hyperlinks":
		ev, err = events.ReadRedditHyperlinks(path, eo)
	default:
		r, ok := readers[format]
		if !ok {
			return nil, nil, fmt.Errorf("%w %q: want one of %s", ErrFormat, format, strings.Join(Formats(), ", "))
		}
		if _, err := os.Stat(path); err != nil {
			return nil, nil, fmt.Errorf("platforms: %w", err)
		}
		c := newCollector(format)
		c.keepContent = opt.Content
		if err := r(path, opt, c); err != nil {
			return nil, nil, err
		}
		c.finish()
		ev, err = c.b.Build(filepath.Base(path), eo)
		if err != nil {
			return nil, nil, err
		}
		return ev, c.rep, nil
	}
	if err != nil {
		return nil, nil, err
	}
	rep := &Report{Format: format, Records: ev.Len(), Events: ev.Len(), Kinds: map[string]int{}, Skipped: map[string]int{}}
	for _, k := range ev.Kind {
		rep.Kinds[ev.Kinds[k]]++
	}
	return ev, rep, nil
}

func mapColumns(m map[string]string) (events.Columns, error) {
	var c events.Columns
	for k, v := range m {
		switch k {
		case "actor":
			c.Actor = v
		case "item":
			c.Item = v
		case "author":
			c.Author = v
		case "kind":
			c.Kind = v
		case "time":
			c.Time = v
		case "quality":
			c.Quality = v
		case "text":
			c.Text = v
		case "url":
			c.URL = v
		default:
			return c, fmt.Errorf("platforms: map key %q: want actor, item, author, kind, time, quality, text or url", k)
		}
	}
	return c, nil
}

// ParseMap reads a map written as "actor=user_id,item=post_id,..." (the
// command line's --map).
func ParseMap(s string) (map[string]string, error) {
	m := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return m, nil
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("platforms: map entry %q: want key=column, as in actor=user_id,item=post_id", kv)
		}
		switch k {
		case "actor", "item", "author", "kind", "time", "quality", "text", "url":
		default:
			return nil, fmt.Errorf("platforms: map key %q: want actor, item, author, kind, time, quality, text or url", k)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("platforms: map key %q given twice", k)
		}
		m[k] = v
	}
	return m, nil
}
