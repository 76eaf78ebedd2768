// Package simulate generates engagement events with planted truth: an
// agent-based model of groups, a follow network with homophily and
// reciprocity, items of varying quality, and actors whose chance of engaging
// with an item is logistic in the item's quality and in whether its author is
// a comrade, plus optional coordinated cells that engage the same items
// within seconds of each other.
//
// Every analysis of the engagement packages is tested by recovering what
// Run planted (the comradeship log-odds, the cells, the boosted group), and
// by finding nothing when the knob is set to zero. It doubles as the
// teaching lab's data source. The model is described in
// docs/methods/engagement.md.
package simulate
