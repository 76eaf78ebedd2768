package events

import "github.com/algosolidarity/toolkit/solidarity/network"

// IDs names the dense indices an analysis result talks about: People for
// actors and authors (Events.People), Items for items (Events.Items).
// Every engagement result embeds one, so a caller (the command line, a
// figure, a notebook) turns indices into ids without keeping the events at
// hand or writing an adapter per analysis. The indices are plain Go slices:
// they stay valid after Events.Release.
type IDs struct {
	People *network.Index `json:"-"`
	Items  *network.Index `json:"-"`
}

// IDs returns the id indices of the events, for a result to carry.
func (e *Events) IDs() IDs { return IDs{People: e.People, Items: e.Items} }

// Person returns the id of person i as text ("" when i is not a person).
func (d IDs) Person(i int32) string { return idString(d.People, i) }

// Item returns the id of item i as text ("" when i is not an item).
func (d IDs) Item(i int32) string { return idString(d.Items, i) }

// PersonValue returns the id of person i as JSON should carry it: an int64
// for integer ids, a string otherwise (nil when i is not a person).
func (d IDs) PersonValue(i int32) any {
	if d.People == nil || i < 0 || int(i) >= d.People.Len() {
		return nil
	}
	if d.People.IsString() {
		return d.People.String(i)
	}
	return d.People.Int(i)
}

func idString(ix *network.Index, i int32) string {
	if ix == nil || i < 0 || int(i) >= ix.Len() {
		return ""
	}
	return ix.String(i)
}
