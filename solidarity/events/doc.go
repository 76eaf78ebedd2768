// Package events holds engagement events (actor, item, author, kind, time)
// as an Arrow table with dense indices, and projects them to networks.
package events
