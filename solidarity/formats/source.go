package formats

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// source is one readable input: a plain file, a gzip file, a zip member
// or bytes in memory. open may be called more than once (the fast CSV
// path falls back to the general one by reading again).
type source struct {
	name     string // for messages: the path, or archive.zip:member
	base     string // the name whose extension tells the format (".gz" stripped)
	path     string // a plain uncompressed file, else ""
	data     []byte // decompressed content held in memory, else nil
	gz       bool   // path is gzip-compressed
	zr       *zip.ReadCloser
	zf       *zip.File
	limit    int64
	maxLine  int64
	progress func(read, total int64)
}

func (s *source) close() {
	if s.zr != nil {
		s.zr.Close()
		s.zr = nil
	}
}

type readCloser struct {
	io.Reader
	closers []io.Closer
}

func (r *readCloser) Close() error {
	var err error
	for i := len(r.closers) - 1; i >= 0; i-- {
		if e := r.closers[i].Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// open returns the decompressed content from the start.
func (s *source) open() (io.ReadCloser, error) {
	rc, err := s.open1()
	if err != nil || s.progress == nil {
		return rc, err
	}
	return &readCloser{Reader: &progressReader{r: rc, fn: s.progress, total: s.sizeHint(), next: progressStep}, closers: []io.Closer{rc}}, nil
}

const progressStep = 16 << 20

type progressReader struct {
	r        io.Reader
	fn       func(read, total int64)
	n, total int64
	next     int64
	done     bool
}

func (p *progressReader) Read(b []byte) (int, error) {
	k, err := p.r.Read(b)
	p.n += int64(k)
	if p.n >= p.next {
		p.fn(p.n, p.total)
		p.next = p.n + progressStep
	}
	if err == io.EOF && !p.done {
		p.done = true
		p.fn(p.n, p.total)
	}
	return k, err
}

func (s *source) open1() (io.ReadCloser, error) {
	switch {
	case s.data != nil:
		return io.NopCloser(bytes.NewReader(s.data)), nil
	case s.zf != nil:
		rc, err := s.zf.Open()
		if err != nil {
			return nil, fmt.Errorf("formats: %s: %w", s.name, err)
		}
		return &readCloser{Reader: &limitReader{r: rc, max: s.limit, name: s.name}, closers: []io.Closer{rc}}, nil
	case s.gz:
		f, err := os.Open(s.path)
		if err != nil {
			return nil, fmt.Errorf("formats: %w", err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, &ParseError{File: s.name, Msg: "not a valid gzip stream: " + err.Error()}
		}
		return &readCloser{Reader: &limitReader{r: zr, max: s.limit, name: s.name}, closers: []io.Closer{f, zr}}, nil
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("formats: %w", err)
	}
	return f, nil
}

// head returns up to n bytes from the start of the content.
func (s *source) head(n int) ([]byte, error) {
	if s.data != nil {
		if len(s.data) < n {
			return s.data, nil
		}
		return s.data[:n], nil
	}
	r, err := s.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(r, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, wrapReadErr(s.name, err)
	}
	return buf[:k], nil
}

// all returns the whole content in memory.
func (s *source) all() ([]byte, error) {
	if s.data != nil {
		return s.data, nil
	}
	r, err := s.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, wrapReadErr(s.name, err)
	}
	return b, nil
}

func wrapReadErr(name string, err error) error {
	if _, ok := err.(*LimitError); ok {
		return err
	}
	if _, ok := err.(*ParseError); ok {
		return err
	}
	if err == io.ErrUnexpectedEOF || err == gzip.ErrChecksum || err == gzip.ErrHeader || err == zip.ErrChecksum || err == zip.ErrFormat || errors.As(err, new(flate.CorruptInputError)) {
		return &ParseError{File: name, Msg: "the compressed stream is truncated or corrupt (" + err.Error() + ")", Err: err}
	}
	return fmt.Errorf("formats: %s: %w", name, err)
}

// LimitError reports input beyond one of the limits in Options: content
// that decompresses to more than Options.MaxDecompressed bytes (a
// decompression bomb), a line or field longer than Options.MaxLine, lists
// nested deeper than Options.MaxDepth, or a declared count beyond
// Options.MaxDeclared. Option names the limit, so the message says how to
// raise it.
type LimitError struct {
	File   string
	Line   int    // where the limit was passed (0 = unknown)
	Limit  int64  // the limit's value
	Option string // "MaxDecompressed", "MaxLine", "MaxDepth" or "MaxDeclared"
	What   string // what passed it ("" = the decompressed size)
}

func (e *LimitError) Error() string {
	opt := e.Option
	if opt == "" {
		opt = "MaxDecompressed"
	}
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.What == "" {
		return fmt.Sprintf("formats: %s: decompresses to more than %d bytes (Options.%s); refusing to read further", where, e.Limit, opt)
	}
	return fmt.Sprintf("formats: %s: %s, beyond the limit of %d (raise Options.%s, or --%s on the command line, if the file is genuine)", where, e.What, e.Limit, opt, flagName(opt))
}

// flagName is the command-line flag of a limit.
func flagName(opt string) string {
	switch opt {
	case "MaxLine":
		return "max-line"
	case "MaxDepth":
		return "max-depth"
	case "MaxDeclared":
		return "max-declared"
	}
	return "max-decompressed"
}

type limitReader struct {
	r    io.Reader
	n    int64
	max  int64
	name string
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n > l.max {
		return 0, &LimitError{File: l.name, Limit: l.max}
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	if l.n > l.max {
		return 0, &LimitError{File: l.name, Limit: l.max}
	}
	return k, err
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zipMagic  = []byte("PK\x03\x04")
)

func openPath(p string, opt Options, want Format) (*source, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("formats: %w", err)
	}
	magic := make([]byte, 4)
	k, _ := io.ReadFull(f, magic)
	magic = magic[:k]
	f.Close()
	s := &source{name: p, base: filepath.Base(p), path: p, limit: opt.maxBytes(), maxLine: opt.maxLine(), progress: opt.Progress}
	low := strings.ToLower(p)
	switch {
	case bytes.HasPrefix(magic, zipMagic) || strings.HasSuffix(low, ".zip"):
		zr, err := zip.OpenReader(p)
		if err != nil {
			return nil, &ParseError{File: p, Msg: "not a valid zip archive: " + err.Error()}
		}
		zf, err := pickMember(p, zr.File, opt, want)
		if err != nil {
			zr.Close()
			return nil, err
		}
		s.zr, s.zf = zr, zf
		s.name = p + ":" + zf.Name
		s.base = strings.TrimSuffix(path.Base(zf.Name), ".gz")
		s.path = ""
	case bytes.HasPrefix(magic, gzipMagic) || strings.HasSuffix(low, ".gz"):
		s.gz = true
		s.base = strings.TrimSuffix(s.base, filepath.Ext(s.base))
	}
	return s, nil
}

func openReader(r io.Reader, name string, opt Options, want Format) (*source, error) {
	if r == nil {
		return nil, fmt.Errorf("formats: %s: nil reader", name)
	}
	s := &source{name: name, base: filepath.Base(name), limit: opt.maxBytes(), maxLine: opt.maxLine(), progress: opt.Progress}
	data, err := io.ReadAll(&limitReader{r: r, max: s.limit, name: name})
	if err != nil {
		return nil, wrapReadErr(name, err)
	}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, &ParseError{File: name, Msg: "not a valid zip archive: " + err.Error()}
		}
		zf, err := pickMember(name, zr.File, opt, want)
		if err != nil {
			return nil, err
		}
		s.zf = zf
		s.name = name + ":" + zf.Name
		s.base = path.Base(zf.Name)
		b, err := s.all()
		if err != nil {
			return nil, err
		}
		s.zf, s.data = nil, b
	case bytes.HasPrefix(data, gzipMagic):
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, &ParseError{File: name, Msg: "not a valid gzip stream: " + err.Error()}
		}
		b, err := io.ReadAll(&limitReader{r: zr, max: s.limit, name: name})
		if err != nil {
			return nil, wrapReadErr(name, err)
		}
		s.data = b
		s.base = strings.TrimSuffix(s.base, filepath.Ext(s.base))
	default:
		s.data = data
	}
	if s.data == nil {
		s.data = []byte{}
	}
	return s, nil
}

// memberRank orders zip members: graph formats first, plain text last,
// other files (documentation, images) never.
func memberRank(name string, want Format) int {
	ext := strings.ToLower(path.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	byFormat := map[Format][]string{
		GML: {".gml"}, GraphML: {".graphml", ".xml"}, Pajek: {".net", ".paj"},
		CSV: {".csv"}, TSV: {".tsv", ".tab"}, Parquet: {".parquet", ".pq"},
		SNAP: {".txt", ".edgelist", ".edges", ".el", ".tsv", ".csv"},
	}
	if want != Auto {
		for _, e := range byFormat[want] {
			if e == ext {
				return 0
			}
		}
		return -1
	}
	switch ext {
	case ".gml", ".graphml", ".net", ".paj":
		return 0
	case ".csv", ".tsv", ".tab", ".parquet", ".pq":
		return 1
	case ".edgelist", ".edges", ".el":
		return 2
	case ".txt":
		return 3
	}
	return -1
}

func pickMember(archive string, files []*zip.File, opt Options, want Format) (*zip.File, error) {
	for _, f := range files {
		if escapes(f.Name) {
			return nil, &ParseError{File: archive, Msg: fmt.Sprintf("member %q points outside the archive's folder (zip slip); refusing the archive", f.Name)}
		}
	}
	var pick *zip.File
	if opt.Member != "" {
		for _, f := range files {
			if f.Name == opt.Member || path.Base(f.Name) == opt.Member {
				pick = f
				break
			}
		}
		if pick == nil {
			return nil, fmt.Errorf("formats: %s: no member %q (members: %s)", archive, opt.Member, memberNames(files))
		}
	} else {
		cand := make([]*zip.File, 0, len(files))
		for _, f := range files {
			if !f.FileInfo().IsDir() && memberRank(f.Name, want) >= 0 && !strings.HasPrefix(path.Base(f.Name), ".") && !strings.HasPrefix(f.Name, "__MACOSX/") {
				cand = append(cand, f)
			}
		}
		sort.SliceStable(cand, func(i, j int) bool { return memberRank(cand[i].Name, want) < memberRank(cand[j].Name, want) })
		if len(cand) == 0 {
			what := "a network file (.gml, .graphml, .net, .paj, .csv, .tsv, .parquet, .txt, .edgelist)"
			if want != Auto {
				what = "a " + string(want) + " file"
			}
			return nil, fmt.Errorf("formats: %s: no member is %s (members: %s); name one with Options.Member", archive, what, memberNames(files))
		}
		pick = cand[0]
	}
	if pick.UncompressedSize64 > uint64(opt.maxBytes()) {
		return nil, &LimitError{File: archive + ":" + pick.Name, Limit: opt.maxBytes()}
	}
	return pick, nil
}

func escapes(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || filepath.IsAbs(name) || (len(name) > 1 && name[1] == ':') {
		return true
	}
	c := path.Clean(name)
	return c == ".." || strings.HasPrefix(c, "../")
}

func memberNames(files []*zip.File) string {
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// sizeHint is the content's size when known without reading it, else -1.
func (s *source) sizeHint() int64 {
	switch {
	case s.data != nil:
		return int64(len(s.data))
	case s.zf != nil:
		return int64(s.zf.UncompressedSize64)
	case s.gz:
		return -1
	}
	if st, err := os.Stat(s.path); err == nil {
		return st.Size()
	}
	return -1
}

// spool decompresses the content into a temporary file (removed by the
// caller), for readers that need random access.
func (s *source) spool() (*os.File, error) {
	r, err := s.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	f, err := os.CreateTemp("", "solidarity-spool-*")
	if err != nil {
		return nil, fmt.Errorf("formats: %s: %w", s.name, err)
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, wrapReadErr(s.name, err)
	}
	return f, nil
}
