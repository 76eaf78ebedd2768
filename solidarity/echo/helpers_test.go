package echo

import (
	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// mkEvents builds events from plain slices (one "like" per row), the way a
// reader would: people and items get dense indices in order of appearance
// (actor before author on each row).
func mkEvents(actor, item, author, t []int64) *events.Events {
	ev := &events.Events{People: network.NewIntIndex(0), Items: network.NewIntIndex(0), Kinds: []string{"like"}}
	for i := range actor {
		ev.Actor = append(ev.Actor, ev.People.AddInt(actor[i]))
		ev.Author = append(ev.Author, ev.People.AddInt(author[i]))
		ev.Item = append(ev.Item, ev.Items.AddInt(item[i]))
		ev.Kind = append(ev.Kind, 0)
		ev.Time = append(ev.Time, t[i])
	}
	return ev
}

// mkGroups aligns group labels given per person id to the events' People.
func mkGroups(ev *events.Events, labels []string, of map[int64]int32) *network.Categorical {
	c := &network.Categorical{Name: "group", Labels: labels, Codes: make([]int32, ev.People.Len())}
	for i := range c.Codes {
		g, ok := of[ev.People.Int(int32(i))]
		if !ok {
			g = -1
			c.Missing++
		}
		c.Codes[i] = g
	}
	return c
}
