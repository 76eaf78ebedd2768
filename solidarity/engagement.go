package solidarity

import (
	"github.com/algosolidarity/toolkit/solidarity/comrades"
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/figureset"
	"github.com/algosolidarity/toolkit/solidarity/simulate"
)

// Events is an engagement event table: actor, item, author, kind, time and
// optional quality, with actors' groups and leanings (see package events).
// Release it when done.
type Events = events.Events

// EventOptions control how events are read (actors and items tables,
// column names; see package events).
type EventOptions = events.Options

// ReadEvents reads an event table (CSV or Parquet with the columns
// actor,item,author,kind,time[,quality]); actors, when not empty, is an
// actors table id[,group][,leaning].
func ReadEvents(path, actors string) (*Events, error) {
	return events.Read(path, events.Options{ActorsPath: actors})
}

// ReadEventsWith is ReadEvents with all options (items table, columns).
func ReadEventsWith(path string, opt EventOptions) (*Events, error) { return events.Read(path, opt) }

// SimulationConfig sets the planted-truth simulator (see package simulate).
type SimulationConfig = simulate.Config

// Simulation is one simulated world: its events, follows, cells and truth.
type Simulation = simulate.Result

// DefaultSimulation returns the simulator's default settings; change the
// knobs you need (Solidarity, CoordinatedCells, Homophily, ...).
func DefaultSimulation() SimulationConfig { return simulate.DefaultConfig() }

// Simulate runs the seeded simulator; sim.Events(nil) gives its events.
func Simulate(cfg SimulationConfig) (*Simulation, error) { return simulate.Run(cfg) }

// Comrades measures comradeship versus content: the comrade share of
// engagement, the lift with its confidence interval, unconditional support
// and a logistic model of engagement on comradeship and quality. follows
// may be nil.
func Comrades(ev *Events, follows *Network) (*comrades.Result, error) {
	return comrades.Analyze(ev, comrades.Options{Follows: follows})
}

// EngagementFigures returns the engagement figure set of 'solidarity
// figures --events' (comrade lift, support, model, reciprocity over time,
// amplification, rank changes, coordination, echo chambers). follows may
// be nil.
func EngagementFigures(ev *Events, follows *Network) ([]*Figure, error) {
	set, err := figureset.BuildEngagement(ev, figureset.EngagementOptions{Follows: follows})
	if err != nil {
		return nil, err
	}
	out := make([]*Figure, len(set.Items))
	for i, it := range set.Items {
		out[i] = it.Figure
	}
	return out, nil
}
