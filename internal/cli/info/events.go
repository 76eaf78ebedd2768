package info

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/algosolidarity/toolkit/internal/cli/cmdutil"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/platforms"
)

// EventsInfo is the JSON form of the report on an events file: counts, the
// kinds, what the reader skipped and why, and the time span (Unix seconds,
// UTC; null without events).
type EventsInfo struct {
	Source    string         `json:"source"`
	Format    string         `json:"format"`
	Records   int            `json:"records"`
	Events    int            `json:"events"`
	Actors    int            `json:"actors"` // distinct accounts that acted
	Authors   int            `json:"authors"`
	People    int            `json:"people"` // actors and authors together
	Items     int            `json:"items"`
	Kinds     map[string]int `json:"kinds"`
	Skipped   map[string]int `json:"skipped"`
	FirstTime *int64         `json:"first_time"`
	LastTime  *int64         `json:"last_time"`
}

// DescribeEvents builds the report of loaded events.
func DescribeEvents(ev *events.Events, rep *platforms.Report, source string) EventsInfo {
	inf := EventsInfo{Source: source, Events: ev.Len(), People: ev.NumPeople(), Items: ev.NumItems(),
		Kinds: map[string]int{}, Skipped: map[string]int{}, Records: ev.Len(), Format: "table"}
	if rep != nil {
		inf.Format, inf.Records = rep.Format, rep.Records
		maps.Copy(inf.Skipped, rep.Skipped)
	}
	for _, k := range ev.Kind {
		inf.Kinds[ev.Kinds[k]]++
	}
	seenA := make([]bool, ev.NumPeople())
	seenB := make([]bool, ev.NumPeople())
	for i := range ev.Actor {
		if !seenA[ev.Actor[i]] {
			seenA[ev.Actor[i]] = true
			inf.Actors++
		}
		if !seenB[ev.Author[i]] {
			seenB[ev.Author[i]] = true
			inf.Authors++
		}
	}
	if len(ev.Time) > 0 {
		lo, hi := slices.Min(ev.Time), slices.Max(ev.Time)
		inf.FirstTime, inf.LastTime = &lo, &hi
	}
	return inf
}

func (o Options) runEvents(io *cmdutil.IO) error {
	ev, err := o.Events.Load()
	if err != nil {
		return err
	}
	defer ev.Release()
	inf := DescribeEvents(ev, o.Events.Report, filepath.Base(o.Events.Events))
	if o.JSON {
		return cmdutil.WriteJSON(io.Out, inf)
	}
	fmt.Fprintf(io.Out, "%s: %s events\n\n", inf.Source, inf.Format)
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', tabwriter.AlignRight)
	row := func(k string, v any) { fmt.Fprintf(tw, "%v\t  %s\n", v, k) }
	row("records read", inf.Records)
	row("events", inf.Events)
	row("actors", inf.Actors)
	row("authors", inf.Authors)
	row("people (actors and authors)", inf.People)
	row("items", inf.Items)
	for _, k := range slices.Sorted(maps.Keys(inf.Kinds)) {
		row("  "+k, inf.Kinds[k])
	}
	for _, k := range slices.Sorted(maps.Keys(inf.Skipped)) {
		row("skipped: "+k, inf.Skipped[k])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if inf.FirstTime != nil {
		fmt.Fprintf(io.Out, "\nfrom %s to %s (UTC)\n", time.Unix(*inf.FirstTime, 0).UTC().Format(time.DateTime), time.Unix(*inf.LastTime, 0).UTC().Format(time.DateTime))
	}
	return nil
}
