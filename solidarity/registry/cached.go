package registry

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// CacheState says what of a data set is already in the cache.
type CacheState struct {
	Embedded bool   // ships inside the toolkit: never needs the network
	Raw      bool   // every raw file is cached and verified: Fetch needs no network
	Parquet  bool   // the Parquet copy is complete: Load needs no network and no parse
	Dir      string // <cache>/<name>
}

// Cached reports what of data set name is in the cache, without reading
// any data or touching the network (for listings such as `solidarity
// datasets`).
func Cached(name string, opt Options) (CacheState, error) {
	reg := opt.Registry
	if reg == nil {
		var err error
		if reg, err = Default(); err != nil {
			return CacheState{}, err
		}
	}
	d, err := reg.Lookup(name)
	if err != nil {
		return CacheState{}, err
	}
	if d.Embedded {
		return CacheState{Embedded: true}, nil
	}
	root, err := CacheDir(opt)
	if err != nil {
		return CacheState{}, err
	}
	st := CacheState{Dir: filepath.Join(root, d.Name)}
	hashes, err := readHashes(st.Dir)
	if err != nil {
		return st, err
	}
	st.Raw = true
	for _, f := range d.Files {
		if !fileCached(st.Dir, f, hashes) {
			st.Raw = false
		}
	}
	st.Parquet = parquetComplete(st.Dir, d, opt.NodesPath)
	return st, nil
}

// fileCached says whether f is in the cache folder dir with the size and
// hash recorded when it was verified (and the registry's hash, if any).
func fileCached(dir string, f File, hashes hashFile) bool {
	rec, ok := hashes.Files[f.Name]
	st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f.Name)))
	return ok && err == nil && st.Mode().IsRegular() && st.Size() == rec.Bytes && (f.SHA256 == "" || f.SHA256 == rec.SHA256)
}

// parquetComplete reads the marker and checks it against the registry.
func parquetComplete(dir string, d Dataset, nodesPath string) bool {
	_, ok := readMarker(dir, d, nodesPath)
	return ok
}

func readMarker(dir string, d Dataset, nodesPath string) (parquetMarker, bool) {
	var m parquetMarker
	b, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		return m, false
	}
	if json.Unmarshal(b, &m) != nil || m.Edges == "" || m.NodesPath != nodesPath {
		return m, false
	}
	for _, f := range d.Files {
		if f.Role != RoleEdges && f.Role != RoleNodes {
			continue
		}
		got, ok := m.Raw[f.Name]
		if !ok || (f.SHA256 != "" && got != f.SHA256) {
			return m, false
		}
	}
	if _, err := os.Stat(filepath.Join(dir, m.Edges)); err != nil {
		return m, false
	}
	return m, true
}
