package registry_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/algosolidarity/toolkit/solidarity/registry"
)

func ExampleLookup() {
	d, err := registry.Lookup("Email-EU-Core")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Name, "directed:", d.Directed, "group by:", d.Attribute)
	for _, f := range d.Files {
		fmt.Printf("%s (%s) from %s\n", f.Name, f.Role, f.URL)
	}
	_, err = registry.Lookup("polblog")
	fmt.Println(err)
	// Output:
	// email-eu-core directed: true group by: department
	// email-Eu-core.txt (edges) from https://snap.stanford.edu/data/email-Eu-core.txt.gz
	// email-Eu-core-department-labels.txt (nodes) from https://snap.stanford.edu/data/email-Eu-core-department-labels.txt.gz
	// registry: no data set named "polblog"; did you mean "polblogs"? (list them with `solidarity datasets` or registry.List())
}

func ExampleList() {
	n := 0
	for _, d := range registry.List() {
		if d.Embedded {
			fmt.Println("ships with the toolkit:", d.Name)
		}
		n++
	}
	fmt.Println(n > 20)
	// Output:
	// ships with the toolkit: engagement
	// ships with the toolkit: karate
	// true
}

// Load reads the embedded data sets with no network and no cache.
func ExampleLoad() {
	n, err := registry.Load(context.Background(), "engagement", registry.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.Release()
	fmt.Println(n.Name, n.N(), "nodes", n.Report().EdgeRecords, "edge records")
	// Output: engagement 300 nodes 2812 edge records
}

// Fetch with a local mirror laid out <mirror>/<folder>/<file>, as a
// classroom or CI would use shared/datasets/raw. The checksum is still
// verified.
func ExampleFetch() {
	tmp, _ := os.MkdirTemp("", "registry-example")
	defer os.RemoveAll(tmp)
	mirror := filepath.Join(tmp, "mirror")
	os.MkdirAll(filepath.Join(mirror, "netseg"), 0o755)
	// WhiteKinship-edb.csv is tiny; a wrong copy would be refused.
	os.WriteFile(filepath.Join(mirror, "netseg", "WhiteKinship-edb.csv"), []byte("tampered\n"), 0o644)
	_, err := registry.Fetch(context.Background(), "netseg-whitekinship", registry.Options{
		CacheDir: filepath.Join(tmp, "cache"), Mirror: mirror, Quiet: true,
	})
	fmt.Println(err != nil)
	_, statErr := os.Stat(filepath.Join(tmp, "cache"))
	fmt.Println("cache created:", statErr == nil)
	// Output:
	// true
	// cache created: false
}
