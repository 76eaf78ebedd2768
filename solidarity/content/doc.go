// Package content turns what a post says into the objects that
// coordination analyses compare: normalised URLs, their registrable
// domains, case-folded hashtags, and near-duplicate text found by MinHash
// signatures over word shingles with locality-sensitive hashing (LSH).
//
// Extraction uses mvdan.cc/xurls (URLs in free text) and
// golang.org/x/net/publicsuffix (the registrable domain, eTLD+1); the
// normalisation rules are listed on NormalizeURL and in
// docs/methods/coordination.md. MinHash and the LSH banding are written
// here: the only Go MinHash-LSH module the proxy serves
// (github.com/ekzhu/minhash-lsh) is an untagged 2017 snapshot.
package content
