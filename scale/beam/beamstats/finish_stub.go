//go:build !coresummaries

package beamstats

import "errors"

type finishFn struct {
	Directed    bool
	Attr        string
	Weighted    bool
	DegreeModes bool
	Source      string
}

func (f *finishFn) ProcessElement(t Totals, emit func(string)) error {
	return errors.New("beamstats: finish needs the core's shared summaries")
}
