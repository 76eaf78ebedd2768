package datasets

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/csv"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/network"
)

//go:embed registry.json
var registryJSON []byte

//go:embed karate/edges.csv karate/nodes.csv engagement/edges.csv engagement/nodes.csv
var shipped embed.FS

// DefaultName is the shipped network used when no input is given.
const DefaultName = "engagement"

// RegistryJSON returns the registry file (datasets/registry.json) as
// embedded in the binary. The caller must not modify the slice.
func RegistryJSON() []byte { return registryJSON }

// Files returns the shipped data files: karate/edges.csv, karate/nodes.csv,
// engagement/edges.csv and engagement/nodes.csv.
func Files() fs.FS { return shipped }

// shippedSet describes one shipped network: its files and fixed schemas.
type shippedSet struct {
	directed  bool
	attribute string
	edges     *arrow.Schema
	nodes     *arrow.Schema
}

var sets = map[string]shippedSet{
	"engagement": {
		directed:  true,
		attribute: "group",
		edges: arrow.NewSchema([]arrow.Field{
			{Name: "source", Type: arrow.PrimitiveTypes.Int64},
			{Name: "target", Type: arrow.PrimitiveTypes.Int64},
			{Name: "time", Type: arrow.PrimitiveTypes.Int64},
			{Name: "kind", Type: arrow.BinaryTypes.String},
		}, nil),
		nodes: arrow.NewSchema([]arrow.Field{
			{Name: "id", Type: arrow.PrimitiveTypes.Int64},
			{Name: "group", Type: arrow.BinaryTypes.String, Nullable: true},
			{Name: "activity", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		}, nil),
	},
	"karate": {
		directed:  false,
		attribute: "club",
		edges: arrow.NewSchema([]arrow.Field{
			{Name: "source", Type: arrow.PrimitiveTypes.Int64},
			{Name: "target", Type: arrow.PrimitiveTypes.Int64},
			{Name: "weight", Type: arrow.PrimitiveTypes.Int64},
		}, nil),
		nodes: arrow.NewSchema([]arrow.Field{
			{Name: "id", Type: arrow.PrimitiveTypes.Int64},
			{Name: "club", Type: arrow.BinaryTypes.String, Nullable: true},
		}, nil),
	},
}

// Names lists the shipped networks, the default first.
func Names() []string { return []string{"engagement", "karate"} }

// Attribute returns the node attribute a shipped network is usually grouped
// by ("group" for engagement, "club" for karate), or "" for an unknown name.
func Attribute(name string) string { return sets[strings.ToLower(name)].attribute }

// Load returns a shipped network by name ("engagement" or "karate", any
// case), read from the binary with no file or network access. Empty text
// fields in the nodes table are nulls (missing attributes). The caller
// releases the Network.
func Load(name string) (*network.Network, error) {
	key := strings.ToLower(name)
	s, ok := sets[key]
	if !ok {
		return nil, fmt.Errorf("datasets: %q is not shipped with the toolkit (shipped: %s)", name, strings.Join(Names(), ", "))
	}
	mem := memory.DefaultAllocator
	edges, err := readCSV(key+"/edges.csv", s.edges, mem)
	if err != nil {
		return nil, err
	}
	defer edges.Release()
	nodes, err := readCSV(key+"/nodes.csv", s.nodes, mem)
	if err != nil {
		return nil, err
	}
	defer nodes.Release()
	n, err := network.New(edges, nodes, s.directed, network.Columns{})
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", key, err)
	}
	n.Name = key
	return n, nil
}

// Default returns the default shipped network (DefaultName).
func Default() (*network.Network, error) { return Load(DefaultName) }

// Karate returns Zachary's karate club with the "club" faction attribute.
func Karate() (*network.Network, error) { return Load("karate") }

// Engagement returns the synthetic engagement network.
func Engagement() (*network.Network, error) { return Load("engagement") }

func readCSV(path string, schema *arrow.Schema, mem memory.Allocator) (arrow.RecordBatch, error) {
	f, err := shipped.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", path, err)
	}
	r := csv.NewReader(strings.NewReader(string(data)), schema,
		csv.WithHeader(true), csv.WithChunk(-1), csv.WithAllocator(mem),
		csv.WithNullReader(true, ""))
	defer r.Release()
	if !r.Next() {
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("datasets: %s: %w", path, err)
		}
		return array.NewRecordBatch(schema, emptyColumns(schema, mem), 0), nil
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", path, err)
	}
	rec := r.RecordBatch()
	rec.Retain()
	return rec, nil
}

func emptyColumns(schema *arrow.Schema, mem memory.Allocator) []arrow.Array {
	cols := make([]arrow.Array, schema.NumFields())
	for i, f := range schema.Fields() {
		b := array.NewBuilder(mem, f.Type)
		cols[i] = b.NewArray()
		b.Release()
	}
	return cols
}
