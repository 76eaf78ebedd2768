package cmdutil

import (
	"flag"
	"fmt"
	"strings"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// EventsInput holds the flags that choose an engagement event table and the
// tables that go with it (actors, items, follows).
type EventsInput struct {
	Events, Actors, Follows, Items string
	EventsFormat                   string
	Kinds                          string
}

// Register adds the event flags to fs; follows adds --follows.
func (e *EventsInput) Register(fs *flag.FlagSet, follows bool) {
	fs.StringVar(&e.Events, "events", "", "engagement events `FILE` (CSV or Parquet: actor,item,author,kind,time[,quality])")
	fs.StringVar(&e.EventsFormat, "events-format", "", "format of --events: table (CSV/TSV/Parquet with the columns above; the default), snap (SNAP's 'src dst unixtime' lists such as CollegeMsg) or reddit (SNAP soc-redditHyperlinks TSV)")
	fs.StringVar(&e.Actors, "actors", "", "actors `FILE`: id[,group][,leaning]")
	fs.StringVar(&e.Items, "items", "", "items `FILE`: item,author[,time][,quality] (every item posted, engaged or not)")
	if follows {
		fs.StringVar(&e.Follows, "follows", "", "follows `FILE`: source,target (source follows target)")
	}
	fs.StringVar(&e.Kinds, "kinds", "", "only these comma-separated kinds of engagement")
}

// Given reports whether any event flag other than --events was set.
func (e *EventsInput) Given() bool {
	return e.Actors != "" || e.Follows != "" || e.Items != "" || e.Kinds != "" || e.EventsFormat != ""
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
	opt := events.Options{ActorsPath: e.Actors, ItemsPath: e.Items}
	var ev *events.Events
	var err error
	switch e.EventsFormat {
	case "", "table":
		ev, err = events.Read(e.Events, opt)
	case "snap":
		ev, err = events.ReadSNAPTemporal(e.Events, "message", opt)
	case "reddit":
		ev, err = events.ReadRedditHyperlinks(e.Events, opt)
	default:
		return nil, Usagef("--events-format must be table, snap or reddit, not %q", e.EventsFormat)
	}
	if err != nil {
		return nil, err
	}
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
