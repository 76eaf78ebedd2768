package events

// STUB written by the lead so that other packages compile against the API.
// The events helper owns this package and fills it in.

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Events is an engagement event table: who (actor) engaged with which item
// (made by author), how (kind) and when (time, Unix seconds). Actors and
// authors share one dense index; items have their own.
type Events struct {
	Table   arrow.RecordBatch // raw table, as read: actor,item,author,kind,time[,quality,...]
	Actor   []int32           // dense actor of each event (index into People)
	Author  []int32           // dense author of each event (index into People)
	Item    []int32           // dense item of each event (index into Items)
	Kind    []int32           // index into Kinds
	Time    []int64           // Unix seconds
	Quality []float64         // per event (the item's quality); nil when absent
	Kinds   []string
	People  *network.Index // actor and author ids
	Items   *network.Index // item ids
}

// Len is the number of events.
func (e *Events) Len() int { return len(e.Actor) }

// Release releases the Arrow table.
func (e *Events) Release() {
	if e.Table != nil {
		e.Table.Release()
		e.Table = nil
	}
}
