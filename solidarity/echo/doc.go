// Package echo measures echo chambers in engagement: each actor's leaning
// against the mean leaning of its neighbours (Cinelli et al. 2021, PNAS,
// doi:10.1073/pnas.2023301118), the diversity of what each actor engages
// with (Shannon entropy of groups or binned leanings), and the random-walk
// controversy score of a two-sided network (Garimella et al. 2018, ACM TSC,
// doi:10.1145/3140565).
//
// The definitions are in docs/methods/amplification.md.
package echo
