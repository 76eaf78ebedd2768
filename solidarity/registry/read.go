package registry

import (
	"context"
	"fmt"

	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Read is Load with a different reading of the raw files: ro's Directed,
// Layer, Network, Progress, Mem and MaxDecompressed replace the registry's
// where set (read polblogs undirected, one relation of a multi-relational
// Pajek file, ...). The Parquet cache holds the registry's reading only, so
// Read fetches (see Fetch) and parses the raw files every time. Embedded
// data sets cannot be read another way.
func Read(ctx context.Context, name string, opt Options, ro formats.Options) (*network.Network, error) {
	f, err := Fetch(ctx, name, opt)
	if err != nil {
		return nil, err
	}
	d := f.Dataset
	if d.Table {
		return nil, fmt.Errorf("registry: %s is a table, not a network: use Fetch and read %s yourself", d.Name, d.Files[0].Name)
	}
	if f.Embedded {
		return nil, fmt.Errorf("registry: %s ships with the toolkit as a network; load it with Load", d.Name)
	}
	return readRawWith(f, opt.NodesPath, func(o *formats.Options) {
		if ro.Directed != nil {
			o.Directed = ro.Directed
		}
		if ro.Layer != "" {
			o.Layer = ro.Layer
		}
		if ro.Network != "" {
			o.Network = ro.Network
		}
		if ro.Progress != nil {
			o.Progress = ro.Progress
		}
		if ro.Mem != nil {
			o.Mem = ro.Mem
		}
		if ro.MaxDecompressed != 0 {
			o.MaxDecompressed = ro.MaxDecompressed
		}
	})
}
