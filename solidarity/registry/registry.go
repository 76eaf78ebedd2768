package registry

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/algosolidarity/toolkit/datasets"
)

// Dataset is one entry of the registry: one network (or, when Table is set,
// one table) and the files it is read from.
type Dataset struct {
	Name        string      `json:"name"`              // lower-case key, e.g. "email-eu-core"
	Aliases     []string    `json:"aliases,omitempty"` // other names Lookup accepts
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Citations   []string    `json:"citations"`
	License     string      `json:"license"` // licence or terms of use as stated by the distributor
	Homepage    string      `json:"homepage"`
	Format      string      `json:"format"`    // format of the edges file (formats.Format)
	Directed    bool        `json:"directed"`  // how the toolkit reads it
	Attribute   string      `json:"attribute"` // default node attribute to group by ("" = none)
	Folder      string      `json:"folder"`    // mirror folder: <mirror>/<Folder>/<File.Name>
	Embedded    bool        `json:"embedded,omitempty"`
	Table       bool        `json:"table,omitempty"` // not a network: Fetch only, Load refuses
	EdgeColumns ColumnNames `json:"edge_columns,omitempty"`
	Layer       string      `json:"layer,omitempty"` // one relation of a multi-relational Pajek file
	Files       []File      `json:"files"`
}

// ColumnNames names the structural columns of files that have a header
// (empty = the toolkit's defaults source, target, weight, id; Weight "-"
// means: do not treat any column as a weight).
type ColumnNames struct {
	Source string `json:"source,omitempty"`
	Target string `json:"target,omitempty"`
	Weight string `json:"weight,omitempty"`
	ID     string `json:"id,omitempty"`
}

// File is one file of a data set.
type File struct {
	Name        string   `json:"name"`              // decompressed name, as in the mirror folder (may hold a sub-folder)
	Role        string   `json:"role"`              // edges, nodes, table or docs
	Format      string   `json:"format,omitempty"`  // formats.Format of this file
	Header      bool     `json:"header,omitempty"`  // delimited text with a header line
	Columns     []string `json:"columns,omitempty"` // meaning of positional columns when there is no header
	URL         string   `json:"url,omitempty"`     // original address ("" = mirror only)
	Mirrors     []string `json:"mirrors,omitempty"` // alternate addresses of the same bytes, tried in order
	Compression string   `json:"compression,omitempty"`
	Member      string   `json:"member,omitempty"` // file inside a zip
	SHA256      string   `json:"sha256"`           // of the decompressed content; "" = unknown, recorded on first use
	Bytes       int64    `json:"bytes,omitempty"`  // decompressed size where known
	Note        string   `json:"note,omitempty"`   // what was not verified, or how the hash was obtained
}

// Roles of files.
const (
	RoleEdges = "edges"
	RoleNodes = "nodes"
	RoleTable = "table"
	RoleDocs  = "docs"
)

// Compressions of downloads.
const (
	None = "none"
	Gzip = "gz"
	Zip  = "zip"
)

// FileByRole returns the first file with the given role, or nil.
func (d *Dataset) FileByRole(role string) *File {
	for i := range d.Files {
		if d.Files[i].Role == role {
			return &d.Files[i]
		}
	}
	return nil
}

// Registry is a parsed registry file.
type Registry struct {
	sets  []Dataset
	index map[string]int // lower-case name or alias -> position
}

type registryFile struct {
	Schema   int       `json:"schema"`
	Datasets []Dataset `json:"datasets"`
}

// Parse reads and checks a registry file (the layout of
// datasets/registry.json). An error names the entry and field at fault.
func Parse(data []byte) (*Registry, error) {
	var f registryFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var raw struct {
		About    string          `json:"about"`
		Schema   int             `json:"schema"`
		Datasets json.RawMessage `json:"datasets"`
	}
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	if raw.Schema != 1 {
		return nil, fmt.Errorf("registry: schema %d: this toolkit reads schema 1", raw.Schema)
	}
	dec = json.NewDecoder(strings.NewReader(string(raw.Datasets)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f.Datasets); err != nil {
		return nil, fmt.Errorf("registry: datasets: %w", err)
	}
	r := &Registry{sets: f.Datasets, index: map[string]int{}}
	for i := range r.sets {
		d := &r.sets[i]
		if err := check(d); err != nil {
			return nil, err
		}
		for _, key := range append([]string{d.Name}, d.Aliases...) {
			k := strings.ToLower(key)
			if j, dup := r.index[k]; dup {
				return nil, fmt.Errorf("registry: entry %q: name %q is already used by %q", d.Name, key, r.sets[j].Name)
			}
			r.index[k] = i
		}
	}
	return r, nil
}

func check(d *Dataset) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("registry: entry %q: %s", d.Name, fmt.Sprintf(format, a...))
	}
	if d.Name == "" || d.Name != strings.ToLower(d.Name) || strings.ContainsAny(d.Name, " /\\") {
		return bad("name must be lower case without spaces or slashes")
	}
	if d.Folder == "" || strings.Contains(d.Folder, "..") || path.IsAbs(d.Folder) {
		return bad("folder %q: want a plain folder name", d.Folder)
	}
	if !d.Embedded && len(d.Files) == 0 {
		return bad("no files and not embedded")
	}
	if !d.Embedded && !d.Table && d.FileByRole(RoleEdges) == nil {
		return bad("no file with role \"edges\"")
	}
	seen := map[string]bool{}
	for _, f := range d.Files {
		if f.Name == "" || path.IsAbs(f.Name) || strings.Contains(f.Name, "..") || strings.Contains(f.Name, "\\") {
			return bad("file name %q: want a relative path inside the folder", f.Name)
		}
		if seen[f.Name] {
			return bad("file %q listed twice", f.Name)
		}
		seen[f.Name] = true
		switch f.Role {
		case RoleEdges, RoleNodes, RoleTable, RoleDocs:
		default:
			return bad("file %q: role %q: want edges, nodes, table or docs", f.Name, f.Role)
		}
		switch f.Compression {
		case "", None, Gzip:
		case Zip:
			if f.Member == "" {
				return bad("file %q: a zip download needs a member", f.Name)
			}
		default:
			return bad("file %q: compression %q: want none, gz or zip", f.Name, f.Compression)
		}
		if f.SHA256 != "" {
			if b, err := hex.DecodeString(f.SHA256); err != nil || len(b) != 32 || f.SHA256 != strings.ToLower(f.SHA256) {
				return bad("file %q: sha256 %q: want 64 lower-case hex digits", f.Name, f.SHA256)
			}
		}
		for _, a := range append([]string{f.URL}, f.Mirrors...) {
			if a == "" {
				continue
			}
			u, err := url.Parse(a)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return bad("file %q: address %q: want an http(s) URL", f.Name, a)
			}
		}
		if f.URL == "" && len(f.Mirrors) > 0 {
			return bad("file %q: mirrors without a url", f.Name)
		}
	}
	return nil
}

// List returns every entry, sorted by name.
func (r *Registry) List() []Dataset {
	out := make([]Dataset, len(r.sets))
	copy(out, r.sets)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup finds an entry by name or alias, ignoring case. An unknown name
// gives a *NotFoundError suggesting the closest names.
func (r *Registry) Lookup(name string) (Dataset, error) {
	if i, ok := r.index[strings.ToLower(strings.TrimSpace(name))]; ok {
		return r.sets[i], nil
	}
	return Dataset{}, &NotFoundError{Name: name, Suggestions: r.suggest(name)}
}

// NotFoundError is returned by Lookup for an unknown name.
type NotFoundError struct {
	Name        string
	Suggestions []string // closest registry names, best first (may be empty)
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("registry: no data set named %q", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + quoteOr(e.Suggestions) + "?"
	}
	return msg + " (list them with `solidarity datasets` or registry.List())"
}

func quoteOr(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// suggest returns up to three canonical names whose name or an alias is
// within a small edit distance of name, or contains it.
func (r *Registry) suggest(name string) []string {
	name = strings.ToLower(strings.TrimSpace(name))
	type cand struct {
		name string
		d    int
	}
	best := map[string]int{}
	for key, i := range r.index {
		d := levenshtein(name, key)
		if name != "" && (strings.Contains(key, name) || strings.Contains(name, key)) {
			d = min(d, 1)
		}
		limit := max(2, len(name)/3)
		if d <= limit {
			c := r.sets[i].Name
			if old, ok := best[c]; !ok || d < old {
				best[c] = d
			}
		}
	}
	var cs []cand
	for n, d := range best {
		cs = append(cs, cand{n, d})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].name < cs[j].name
	})
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].name)
	}
	return out
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

var (
	defaultOnce sync.Once
	defaultReg  *Registry
	defaultErr  error
)

// Default returns the registry embedded in the binary (datasets/registry.json).
func Default() (*Registry, error) {
	defaultOnce.Do(func() { defaultReg, defaultErr = Parse(datasets.RegistryJSON()) })
	return defaultReg, defaultErr
}

// List returns every entry of the embedded registry, sorted by name (nil
// only if the embedded registry is broken, which its tests rule out).
func List() []Dataset {
	r, err := Default()
	if err != nil {
		return nil
	}
	return r.List()
}

// Lookup finds an entry of the embedded registry by name or alias, ignoring
// case; an unknown name gives a *NotFoundError with "did you mean" names.
func Lookup(name string) (Dataset, error) {
	r, err := Default()
	if err != nil {
		return Dataset{}, err
	}
	return r.Lookup(name)
}
