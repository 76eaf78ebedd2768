package events

// PairOrder returns the indices of the events whose kind is kept
// (keepKinds[Kind] true; every event when keepKinds is nil), sorted by
// actor, then by target — the author, or the item when byItem is true —
// then by time, ties in table order. Runs of equal (actor, target) are
// contiguous and chronological. It costs O(E + people + items): a time
// order (one packed sort, skipped when the table is chronological) and two
// stable counting sorts.
func (e *Events) PairOrder(keepKinds []bool, byItem bool) []int32 {
	base := e.TimeOrder()
	if keepKinds != nil {
		k := 0
		for _, i := range base {
			if keepKinds[e.Kind[i]] {
				base[k] = i
				k++
			}
		}
		base = base[:k]
	}
	target, nt := e.Author, e.NumPeople()
	if byItem {
		target, nt = e.Item, e.NumItems()
	}
	tmp := make([]int32, len(base))
	countingSort(base, tmp, target, nt)
	countingSort(tmp, base, e.Actor, e.NumPeople())
	return base
}

// countingSort stably sorts src by key[src[i]] (keys in [0, n)) into dst.
func countingSort(src, dst []int32, key []int32, n int) {
	start := make([]int, n+1)
	for _, i := range src {
		start[key[i]+1]++
	}
	for k := 0; k < n; k++ {
		start[k+1] += start[k]
	}
	for _, i := range src {
		k := key[i]
		dst[start[k]] = i
		start[k]++
	}
}
