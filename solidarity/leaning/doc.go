// Package leaning places people on one latent left-right (or any
// two-sided) axis from whom they engage with: the first dimension of a
// correspondence analysis of the actor x author (or actor x domain, or node
// x node) matrix, in the style of Barberá's ideal points. The scores feed
// echo.Options.Leaning or, through network.WithNodeColumn, any analysis that
// reads a numeric node attribute.
//
// Definitions, the sign rule and what the axis cannot tell are in
// docs/methods/communities.md.
package leaning
