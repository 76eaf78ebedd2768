package solidarity

import (
	"context"

	"github.com/algosolidarity/toolkit/datasets"
	"github.com/algosolidarity/toolkit/solidarity/formats"
	"github.com/algosolidarity/toolkit/solidarity/network"
	"github.com/algosolidarity/toolkit/solidarity/registry"
)

// Network is a network backed by Arrow tables (see package network).
type Network = network.Network

// ReadOptions control how a file is read (see package formats).
type ReadOptions = formats.Options

// LoadOptions control where public data sets come from and are cached
// (see package registry).
type LoadOptions = registry.Options

// Load returns a public data set of the registry by name ("polblogs",
// "email-eu-core", ...; see Datasets). The first call downloads it from its
// original address (or $SOLIDARITY_MIRROR), checks its SHA-256 and caches it
// as Parquet ($SOLIDARITY_CACHE or the user cache); later calls read the
// cache with no network. The embedded data sets ("engagement", "karate")
// need neither.
func Load(name string) (*Network, error) {
	return registry.Load(context.Background(), name, downloadOptions(name))
}

// LoadFrom is Load with explicit places and callbacks (cache directory,
// mirror, progress, messages).
func LoadFrom(name string, opt LoadOptions) (*Network, error) {
	return registry.Load(context.Background(), name, opt)
}

// LoadWith is Load with another reading of the data set's files: set
// Directed (Arcs(false) reads every tie as undirected), Layer (one relation
// of a multi-relational Pajek file), Network or Progress; the other fields
// keep the registry's reading. It parses the cached raw files each time
// (the Parquet cache holds the registry's reading only).
//
//	n, err := solidarity.LoadWith("polblogs", solidarity.ReadOptions{Directed: solidarity.Arcs(false)})
func LoadWith(name string, opt ReadOptions) (*Network, error) {
	return registry.Read(context.Background(), name, downloadOptions(name), opt)
}

// Default returns the embedded default data set: a seeded synthetic
// engagement network with planted homophily and reciprocity (see
// datasets/README.md). It needs no network and no files.
func Default() (*Network, error) { return datasets.Default() }

// Read loads a network from a file of yours: CSV/TSV with a header
// (source,target[,weight]), a SNAP edge list, GML, GraphML, Pajek or Parquet,
// optionally .gz or .zip. The format is detected by extension and content.
func Read(path string) (*Network, error) { return formats.Read(path, formats.Options{}) }

// ReadWith is Read with a nodes (attribute) file and other options.
func ReadWith(path string, opt ReadOptions) (*Network, error) { return formats.Read(path, opt) }

// Arcs returns a ReadOptions.Directed value: Arcs(true) reads edges as
// directed, Arcs(false) as undirected.
func Arcs(directed bool) *bool { return &directed }
