package coordination

// timeOrder returns the event positions sorted by time, stably (ties keep
// table order). Already sorted input costs one pass; otherwise an LSD radix
// sort on time-min runs in O(n * bits/11).
func timeOrder(t []int64) []int32 {
	n := len(t)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	if n < 2 {
		return order
	}
	sorted := true
	lo, hi := t[0], t[0]
	for i := 1; i < n; i++ {
		if t[i] < t[i-1] {
			sorted = false
		}
		if t[i] < lo {
			lo = t[i]
		}
		if t[i] > hi {
			hi = t[i]
		}
	}
	if sorted {
		return order
	}
	span := uint64(hi - lo)
	tmp := make([]int32, n)
	const bits = 11
	var count [1 << bits]int
	for shift := uint(0); shift < 64 && span>>shift > 0; shift += bits {
		clear(count[:])
		for _, i := range order {
			count[(uint64(t[i]-lo)>>shift)&(1<<bits-1)]++
		}
		s := 0
		for d := range count {
			c := count[d]
			count[d] = s
			s += c
		}
		for _, i := range order {
			d := (uint64(t[i]-lo) >> shift) & (1<<bits - 1)
			tmp[count[d]] = i
			count[d]++
		}
		order, tmp = tmp, order
	}
	return order
}
