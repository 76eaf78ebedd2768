package solidarity

import (
	"context"
	"fmt"
	"slices"

	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/coordination"
	"github.com/algosolidarity/toolkit/solidarity/echo"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/figureset"
	"github.com/algosolidarity/toolkit/solidarity/jsonnum"
	"github.com/algosolidarity/toolkit/solidarity/reciprocal"
	"github.com/algosolidarity/toolkit/solidarity/registry"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
	"github.com/algosolidarity/toolkit/solidarity/trending"
)

// Events is an engagement event table: actor, item, author, kind, time and
// optional quality, with actors' groups and leanings (see package events).
// Release it when done.
type Events = events.Events

// EventOptions control how events are read (actors and items tables,
// column names; see package events).
type EventOptions = events.Options

// Number is a float64 that writes NaN and infinities as JSON null: the type
// of the results' undefined-able values.
type Number = jsonnum.Number

// ReadEvents reads an event table (CSV or Parquet with the columns
// actor,item,author,kind,time[,quality]); actors, when not empty, is an
// actors table id[,group][,leaning].
func ReadEvents(path, actors string) (*Events, error) {
	return events.Read(path, events.Options{ActorsPath: actors})
}

// ReadEventsWith is ReadEvents with all options (items table, columns).
func ReadEventsWith(path string, opt EventOptions) (*Events, error) { return events.Read(path, opt) }

// eventSets are the registry data sets that are timed engagement (who
// engaged whom, when), and how each is read as events.
var eventSets = map[string]func(path string) (*Events, error){
	"collegemsg": func(p string) (*Events, error) { return events.ReadSNAPTemporal(p, "message", events.Options{}) },
	"reddit-hyperlinks-body": func(p string) (*Events, error) {
		return events.ReadRedditHyperlinks(p, events.Options{})
	},
	"reddit-hyperlinks-title": func(p string) (*Events, error) {
		return events.ReadRedditHyperlinks(p, events.Options{})
	},
}

// LoadEvents returns a registry data set of timed engagement as events:
// "collegemsg" (messages between students: actor = sender, author =
// recipient, one item per message) or "reddit-hyperlinks-body" and
// "-title" (subreddits linking to subreddits). Like Load it fetches the
// files once into the cache (or from $SOLIDARITY_MIRROR) and checks them.
func LoadEvents(name string) (*Events, error) {
	d, err := registry.Lookup(name)
	if err != nil {
		return nil, err
	}
	read, ok := eventSets[d.Name]
	if !ok {
		names := make([]string, 0, len(eventSets))
		for n := range eventSets {
			names = append(names, n)
		}
		slices.Sort(names)
		return nil, fmt.Errorf("solidarity: %s is not an event data set (those are %v); load it as a network with Load", d.Name, names)
	}
	f, err := registry.Fetch(context.Background(), d.Name, downloadOptions(d.Name))
	if err != nil {
		return nil, err
	}
	ev, err := read(f.Path(registry.RoleEdges))
	if err != nil {
		return nil, err
	}
	ev.Name = d.Name
	return ev, nil
}

// The five engagement analyses share one shape: each takes the events and
// an options value whose zero value is a sensible default, and returns a
// result that names its actors and items (Person, Item), marshals to the
// JSON of 'solidarity engagement', and says why a number is undefined.
type (
	// ComradesOptions: who is a comrade (Mode), what people saw
	// (Exposure, Follows), Kinds, Progress (see package comrades).
	ComradesOptions = comrades.Options
	// ComradesResult: comrade share, lift with its interval, unconditional
	// support and the logistic model.
	ComradesResult = comrades.Result
	// ReciprocalOptions: the return Window in seconds, the Unit, Kinds,
	// Progress (see package reciprocal).
	ReciprocalOptions = reciprocal.Options
	// ReciprocalResult: the share returned, Kaplan–Meier time to return,
	// by group.
	ReciprocalResult = reciprocal.Result
	// TrendingOptions: the trending rule (Window, Tau, Step in seconds,
	// TopK), Kinds, Progress (see package trending).
	TrendingOptions = trending.Options
	// TrendingResult: ranks with and without comrade engagement and each
	// group's amplification.
	TrendingResult = trending.Result
	// CoordinationOptions: the co-engagement Window in seconds (0:
	// estimated), thresholds, Kinds, Progress (see package coordination).
	CoordinationOptions = coordination.Options
	// CoordinationResult: the co-engagement network and its clusters.
	CoordinationResult = coordination.Result
	// EchoOptions: where leanings and neighbours come from, Kinds,
	// Progress (see package echo).
	EchoOptions = echo.Options
	// EchoResult: leaning against neighbours' leaning, exposure entropy,
	// random-walk controversy.
	EchoResult = echo.Result
)

// Comrades measures comradeship versus content: the comrade share of
// engagement, the lift with its confidence interval, unconditional support
// and a logistic model of engagement on comradeship and quality.
func Comrades(ev *Events, opt ComradesOptions) (*ComradesResult, error) {
	return comrades.Analyze(ev, opt)
}

// Reciprocal measures reciprocal engagement over time: how often and how
// fast an engagement u -> v is returned v -> u.
func Reciprocal(ev *Events, opt ReciprocalOptions) (*ReciprocalResult, error) {
	return reciprocal.Analyze(ev, opt)
}

// Trending ranks items with a transparent trending rule, with and without
// comrade engagement, and reports each group's amplification.
func Trending(ev *Events, opt TrendingOptions) (*TrendingResult, error) {
	return trending.Analyze(ev, opt)
}

// Coordination finds actors who engage the same items within a short
// window of each other, again and again.
func Coordination(ev *Events, opt CoordinationOptions) (*CoordinationResult, error) {
	return coordination.Analyze(ev, opt)
}

// Echo measures echo chambers: each actor's leaning against their
// neighbours', the diversity of what they engage with, and the random-walk
// controversy of the two sides.
func Echo(ev *Events, opt EchoOptions) (*EchoResult, error) {
	return echo.Analyze(ev, opt)
}

// SimulationConfig sets the planted-truth simulator (see package simulate).
type SimulationConfig = simulate.Config

// Simulation is one simulated world: its events, follows, cells and truth.
type Simulation = simulate.Result

// DefaultSimulation returns the simulator's default settings; change the
// knobs you need (Solidarity, CoordinatedCells, Homophily, ...).
func DefaultSimulation() SimulationConfig { return simulate.DefaultConfig() }

// Simulate runs the seeded simulator; sim.Events(nil) gives its events.
func Simulate(cfg SimulationConfig) (*Simulation, error) {
	if cfg.Progress == nil {
		if bar := notebookBar("simulating"); bar != nil {
			cfg.Progress = bar.Stage
			defer bar.Done()
		}
	}
	return simulate.Run(cfg)
}

// EngagementFigureOptions choose the analyses behind the engagement
// figures (follow network, comradeship mode, kinds, windows; see package
// figureset). The zero value lets every analysis choose from the data.
type EngagementFigureOptions = figureset.EngagementOptions

// BuildEngagementFigures returns the engagement figure set of 'solidarity
// figures --events' (comrade lift, support, model, reciprocity over time,
// amplification, rank changes, coordination, echo chambers), with the
// captions, the findings of a single number and what was not drawn.
func BuildEngagementFigures(ev *Events, opt EngagementFigureOptions) (*FigureSet, error) {
	return figureset.BuildEngagement(ev, opt)
}

// EngagementFigures returns the figures of BuildEngagementFigures, each
// with its caption in Caption. Findings of a single number are in
// BuildEngagementFigures' Sentences.
func EngagementFigures(ev *Events, opt EngagementFigureOptions) ([]*Figure, error) {
	set, err := BuildEngagementFigures(ev, opt)
	if err != nil {
		return nil, err
	}
	return captioned(set), nil
}

// Exposure models of Comrades: which items each actor could have seen.
// Comrades refuses to guess one (see comrades.ErrExposureUnstated).
const (
	// ExposureFollows: the feed of followed authors (needs Follows).
	ExposureFollows = comrades.ExposureFollows
	// ExposureAll: every item by anyone else; the lift then measures
	// comrade preference and exposure homophily together.
	ExposureAll = comrades.ExposureAll
)

// What Coordination's co-engagements share (CoordinationOptions.Object):
// the item, or what posts carry in the events' text and url columns (see
// package coordination and docs/methods/coordination-content.md).
const (
	ObjectItem    = coordination.ObjectItem
	ObjectURL     = coordination.ObjectURL
	ObjectDomain  = coordination.ObjectDomain
	ObjectHashtag = coordination.ObjectHashtag
	ObjectText    = coordination.ObjectText
)
