//go:build !unix

package community

import "time"

// cpuTime is not measured here: the benchmark reports 0 CPU seconds.
func cpuTime() time.Duration { return 0 }
