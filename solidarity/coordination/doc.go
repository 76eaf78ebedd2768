// Package coordination finds coordinated engagement: the co-engagement
// network of actors who engage with the same item within a sliding time
// window of each other (edge weights kept per direction, by who came
// first), thresholded into coordinated components. The window can be
// estimated from the data as CooRnet does (Giglietto et al. 2020,
// doi:10.1080/1369118X.2020.1739732).
//
// Pairing is bounded: each engagement is paired with at most MaxPartners
// earlier engagements of the same item (the nearest in time), so the work
// is O(events * MaxPartners) however popular an item is; the pairs left
// out are counted in Result.Skipped.
//
// The shared object is the item by default; Options.Object makes it what
// posts carry instead (a normalised URL, its registrable domain, a
// hashtag, near-duplicate text: package content), so that different posts
// with the same link or copied text are tied, as in coordinated link
// sharing.
//
// The definitions are in docs/methods/amplification.md and
// docs/methods/coordination-content.md.
package coordination
