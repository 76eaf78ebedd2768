// Package platforms reads social-media platform exports (Bluesky's
// Jetstream, Mastodon archives and ActivityPub collections, Pushshift and
// Arctic Shift Reddit dumps, Twitter API v2 and account archives, Telegram
// Desktop exports, 4CAT CSV exports) and generic tables with other column
// names as engagement events.
//
// Every platform's actions map onto one set of kinds: post (an item
// authored), like, share (repost, retweet, boost, forward), reply, quote,
// mention and follow. Ids are the platform's stable ids (DIDs, numeric ids
// as text, account URLs), never display names; times are Unix seconds, UTC.
// Each reader streams its input (one record in memory at a time, records
// and nesting bounded) and says in a Report what it skipped and why.
//
// Read is the one entry point; Formats lists the format names, which are
// also the values of the command line's --events-format.
package platforms
