package mergeable

import "slices"

// sortedKeys returns the keys of m in the order of cmp, so that sums over a
// map are added in an order that does not depend on how it was built.
func sortedKeys[K comparable, V any](m map[K]V, cmp func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp)
	return keys
}
