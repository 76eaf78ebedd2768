package cmdutil

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/platforms"
)

// EventsInput holds the flags that choose an engagement event table and the
// tables that go with it (actors, items, follows).
type EventsInput struct {
	Events, Actors, Follows, Items string
	EventsFormat                   string
	Kinds                          string
	Map                            string // --map actor=user_id,item=post_id,...
	Account                        string // --account: the archive owner's id
	FetchPages, ApplyDeletions     bool   // --fetch-pages, --apply-deletions
	// Content asks the platform readers for post text and links (set by
	// analyses on content, such as coordination --object url).
	Content bool

	// Report is what the last Load read and skipped.
	Report *platforms.Report
}

// Register adds the event flags to fs; follows adds --follows.
func (e *EventsInput) Register(fs *flag.FlagSet, follows bool) {
	fs.StringVar(&e.Events, "events", "", "engagement events `FILE` (CSV or Parquet: actor,item,author,kind,time[,quality])")
	fs.StringVar(&e.EventsFormat, "events-format", "", "`FORMAT` of --events: "+platforms.FormatHelp+"; see docs/howto")
	fs.StringVar(&e.Map, "map", "", "column `MAP` of a table or ndjson with other names: actor=user_id,item=post_id,author=poster,kind=action,time=ts[,text=body,url=link]")
	fs.StringVar(&e.Account, "account", "", "the archive owner's `ID` when the export does not say (a lone tweets.js or likes.json)")
	fs.BoolVar(&e.FetchPages, "fetch-pages", false, "fetch the pages of an ActivityPub collection that the export names by URL only (mastodon; off: read the export offline)")
	fs.BoolVar(&e.ApplyDeletions, "apply-deletions", false, "drop the events of records deleted later in the capture (bluesky; off: deletions are counted)")
	fs.StringVar(&e.Actors, "actors", "", "actors `FILE`: id[,group][,leaning]")
	fs.StringVar(&e.Items, "items", "", "items `FILE`: item,author[,time][,quality] (every item posted, engaged or not)")
	if follows {
		fs.StringVar(&e.Follows, "follows", "", "follows `FILE`: source,target (source follows target)")
	}
	fs.StringVar(&e.Kinds, "kinds", "", "only these comma-separated kinds of engagement")
}

// Given reports whether any event flag other than --events was set.
func (e *EventsInput) Given() bool {
	return e.Actors != "" || e.Follows != "" || e.Items != "" || e.Kinds != "" || e.EventsFormat != "" || e.Map != "" || e.Account != "" || e.FetchPages || e.ApplyDeletions
}

// KindList returns the --kinds list, nil for all kinds.
func (e *EventsInput) KindList() []string {
	if e.Kinds == "" {
		return nil
	}
	return strings.Split(e.Kinds, ",")
}

// Load reads the events (with actors and items when given). The caller
// releases them.
func (e *EventsInput) Load() (*events.Events, error) {
	if e.Events == "" {
		return nil, Usagef("--events FILE is required")
	}
	m, err := platforms.ParseMap(e.Map)
	if err != nil {
		return nil, Usagef("--map: %v", err)
	}
	format := e.EventsFormat
	if !slices.Contains(platforms.Formats(), format) && format != "" {
		return nil, Usagef("--events-format must be one of %s, not %q (SNAP's Reddit hyperlinks are now reddit-hyperlinks)", strings.Join(platforms.Formats(), ", "), e.EventsFormat)
	}
	opt := platforms.Options{Map: m, Account: e.Account, FetchPages: e.FetchPages, ApplyDeletions: e.ApplyDeletions,
		Content: e.Content, Events: events.Options{ActorsPath: e.Actors, ItemsPath: e.Items}}
	ev, rep, err := platforms.Read(e.Events, format, opt)
	if err != nil {
		return nil, err
	}
	e.Report = rep
	if ev.Len() == 0 {
		// Every analysis of no events is undefined (a time span from no
		// times came out as -9223372036854775808): say so instead.
		ev.Release()
		return nil, fmt.Errorf("%s holds no events (a header and no rows?): want at least one engagement record", e.Events)
	}
	return ev, nil
}

// LoadFollows reads the follow network, or returns nil without --follows.
// The caller releases it.
func (e *EventsInput) LoadFollows() (*network.Network, error) {
	if e.Follows == "" {
		return nil, nil
	}
	directed := true
	return formats.Read(e.Follows, formats.Options{Directed: &directed})
}
