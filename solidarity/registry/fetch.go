package registry

import (
	"archive/zip"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Options control where data sets come from and go to. The zero value uses
// the environment and the defaults in the package documentation.
type Options struct {
	// CacheDir overrides $SOLIDARITY_CACHE and the user cache directory.
	CacheDir string
	// Mirror overrides $SOLIDARITY_MIRROR: a local directory laid out
	// <Mirror>/<folder>/<file> or an http(s) base URL. When set, files
	// come only from the mirror. "-" ignores $SOLIDARITY_MIRROR.
	Mirror string
	// Client makes the HTTP requests (nil = http.DefaultClient).
	Client *http.Client
	// Log receives one-line messages worth telling the user (a hash
	// recorded on first use, a corrupt cache entry rebuilt). The package
	// writes nothing to the terminal itself: with Log nil the messages are
	// only kept in Fetched.Messages.
	Log func(msg string)
	// Progress, if set, is called as bytes arrive (at most ~5 times a
	// second per file, and once with Done set); the command line and the
	// notebook display draw it.
	Progress func(Progress)
	// Quiet is kept for compatibility and has no effect: the package draws
	// no progress itself (see Progress).
	Quiet bool
	// ConnectTimeout bounds connecting to a server (0 = 30 s) when Client
	// is nil. IdleTimeout bounds any wait for the next bytes: the response
	// headers, then each read of the body (0 = 30 s). A mirror that sends
	// headers and stalls fails after IdleTimeout, leaving the cache as it
	// was.
	ConnectTimeout, IdleTimeout time.Duration
	// MaxBytes bounds the decompressed size of any one file (0 = 8 GiB),
	// so a corrupt or malicious archive fails instead of filling the disk.
	MaxBytes int64
	// Registry to use (nil = the embedded one); tests point it at a local server.
	Registry *Registry
	// NodesPath, for Load only, adds a nodes (attribute) file of the
	// caller's to a data set that has none in the registry.
	NodesPath string
}

// Progress reports a download in progress.
type Progress struct {
	Dataset string
	File    string // registry file name
	Address string // URL or mirror path being read
	Bytes   int64  // bytes read so far (compressed, as transferred)
	Total   int64  // expected bytes, or -1 when unknown
	Elapsed time.Duration
	Done    bool
}

// Rate is the average transfer rate in bytes per second so far.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Bytes) / p.Elapsed.Seconds()
}

// Fetched is the result of Fetch: where each file of a data set now is.
type Fetched struct {
	Dataset  Dataset
	Dir      string        // <cache>/<name>; "" for embedded data sets
	Files    []FetchedFile // in registry order
	Embedded bool          // ships inside the toolkit: nothing was fetched
	Messages []string      // what was told through Options.Log
}

// FetchedFile is one verified file in the cache.
type FetchedFile struct {
	File            // the registry entry
	Path     string // the decompressed file in the cache
	SHA256   string // of its content
	Source   string // the address or mirror path it came from ("" if it was already cached)
	Cached   bool   // it was already in the cache: nothing was read
	Recorded bool   // the registry has no hash: this one was recorded (now or earlier) on first use
}

// Path returns the cached path of the first file with the given role ("" if none).
func (f *Fetched) Path(role string) string {
	for _, x := range f.Files {
		if x.Role == role {
			return x.Path
		}
	}
	return ""
}

// ChecksumError says a file's content differs from the hash the registry
// (or an earlier first use) gives. The cache is left unchanged.
type ChecksumError struct {
	Dataset, File string
	Address       string // where the bytes came from
	Want, Got     string // SHA-256 of the decompressed content
	Recorded      bool   // Want was recorded on first use, not published in the registry
	Note          string // the registry's note on the file, if any
}

func (e *ChecksumError) Error() string {
	src := "the registry says"
	if e.Recorded {
		src = "the hash recorded on first use is"
	}
	msg := fmt.Sprintf("registry: %s/%s from %s: checksum mismatch: %s sha256 %s, the content read has sha256 %s; the cache was left unchanged",
		e.Dataset, e.File, e.Address, src, e.Want, e.Got)
	if e.Note != "" {
		msg += " (registry note: " + e.Note + ")"
	}
	return msg
}

// DownloadError says reading an address failed. The cache is left unchanged.
type DownloadError struct {
	Dataset, File string
	Address       string
	Status        string // HTTP status, when there was one
	Err           error
}

func (e *DownloadError) Error() string {
	msg := fmt.Sprintf("registry: %s/%s: reading %s", e.Dataset, e.File, e.Address)
	if e.Status != "" {
		msg += ": HTTP " + e.Status
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg + "; the cache was left unchanged"
}

func (e *DownloadError) Unwrap() error { return e.Err }

// Fetch makes sure every file of data set name is in the cache, verified,
// and returns where. Files already cached (and verified earlier) are not
// read again, so a warm cache needs no network. Otherwise each file is read
// from the mirror when one is set, else from its original address and then
// its alternates; it is decompressed, its SHA-256 compared with the
// registry's (or, where the registry has none, recorded in
// <cache>/<name>/hashes.json and reported through Options.Log), and all
// files are renamed into place together. Any failure leaves the cache as it
// was and returns a *DownloadError or *ChecksumError naming the address and
// hashes. Embedded data sets return Fetched.Embedded and touch nothing.
func Fetch(ctx context.Context, name string, opt Options) (*Fetched, error) {
	reg := opt.Registry
	if reg == nil {
		var err error
		if reg, err = Default(); err != nil {
			return nil, err
		}
	}
	d, err := reg.Lookup(name)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, d, &opt)
}

// CacheDir returns the cache directory opt resolves to.
func CacheDir(opt Options) (string, error) {
	if opt.CacheDir != "" {
		return opt.CacheDir, nil
	}
	if d := os.Getenv("SOLIDARITY_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("registry: no cache directory: set SOLIDARITY_CACHE or Options.CacheDir (%w)", err)
	}
	return filepath.Join(d, "algosolidarity"), nil
}

// MirrorOf returns the mirror opt resolves to ("" = none).
func MirrorOf(opt Options) string {
	if opt.Mirror == "-" {
		return ""
	}
	if opt.Mirror != "" {
		return opt.Mirror
	}
	return os.Getenv("SOLIDARITY_MIRROR")
}

// hashRecord is one entry of hashes.json.
type hashRecord struct {
	SHA256   string `json:"sha256"`
	Bytes    int64  `json:"bytes"`
	Source   string `json:"source"`
	Recorded bool   `json:"recorded_on_first_use"`
	Time     string `json:"time"`
}

type hashFile struct {
	About string                `json:"about"`
	Files map[string]hashRecord `json:"files"`
}

const hashesName = "hashes.json"

func readHashes(dir string) (hashFile, error) {
	h := hashFile{Files: map[string]hashRecord{}}
	b, err := os.ReadFile(filepath.Join(dir, hashesName))
	if errors.Is(err, os.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("registry: %w", err)
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return h, fmt.Errorf("registry: %s: %w (delete it to start the data set afresh)", filepath.Join(dir, hashesName), err)
	}
	if h.Files == nil {
		h.Files = map[string]hashRecord{}
	}
	return h, nil
}

func (o *Options) log(f *Fetched, msg string) {
	if f != nil {
		f.Messages = append(f.Messages, msg)
	}
	if o.Log != nil {
		o.Log(msg)
	}
}

const defaultTimeout = 30 * time.Second

func (o *Options) idleTimeout() time.Duration {
	if o.IdleTimeout > 0 {
		return o.IdleTimeout
	}
	return defaultTimeout
}

// client is Options.Client, else one whose connections time out.
func (o *Options) client() *http.Client {
	if o.Client != nil {
		return o.Client
	}
	connect := o.ConnectTimeout
	if connect <= 0 {
		connect = defaultTimeout
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = connect
	// No ResponseHeaderTimeout: the idle timer of each download bounds the
	// wait for headers too, and reports it as a stall; a transport timeout
	// racing it reported the same stall as an anonymous error.
	return &http.Client{Transport: t}
}

// staleAge is how old a .partial-* file must be to be taken for the
// leftover of an interrupted run (a live download writes to its file at
// least every IdleTimeout).
const staleAge = 10 * time.Minute

// cleanPartials removes leftover .partial-* files of interrupted runs.
func cleanPartials(dir string) {
	ms, _ := filepath.Glob(filepath.Join(dir, ".partial-*"))
	for _, m := range ms {
		if st, err := os.Stat(m); err == nil && time.Since(st.ModTime()) > staleAge {
			os.Remove(m)
		}
	}
}

// sha256File returns the SHA-256 of a file's content.
func sha256File(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// staged is a verified file waiting under a temporary name.
type staged struct {
	tmp, final string
	rec        hashRecord
	index      int
}

func fetch(ctx context.Context, d Dataset, opt *Options) (*Fetched, error) {
	out := &Fetched{Dataset: d}
	if d.Embedded && len(d.Files) == 0 {
		out.Embedded = true
		return out, nil
	}
	root, err := CacheDir(*opt)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, d.Name)
	out.Dir = dir
	hashes, err := readHashes(dir)
	if err != nil {
		return nil, err
	}
	cleanPartials(dir)
	out.Files = make([]FetchedFile, len(d.Files))
	var need []int
	for i, f := range d.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		out.Files[i] = FetchedFile{File: f, Path: p}
		if fileCached(dir, f, hashes) {
			// The size matched; the content is hashed again, which is cheap
			// next to a download and catches a file damaged in the cache.
			rec := hashes.Files[f.Name]
			got, err := sha256File(p)
			if err == nil && got == rec.SHA256 {
				out.Files[i].Cached = true
				out.Files[i].SHA256 = rec.SHA256
				out.Files[i].Recorded = f.SHA256 == ""
				continue
			}
			if err != nil {
				got = err.Error()
			}
			opt.log(out, fmt.Sprintf("registry: %s/%s: the cached file is damaged (sha256 %s, want %s); reading it again", d.Name, f.Name, got, rec.SHA256))
		}
		need = append(need, i)
	}
	if len(need) == 0 {
		return out, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("registry: %s: %w", d.Name, err)
	}

	// Stage everything first; rename only when all files are verified.
	created, err := mkdirAllTracked(dir)
	if err != nil {
		return nil, fmt.Errorf("registry: %s: cache directory: %w", d.Name, err)
	}
	var stage []staged
	ok := false
	defer func() {
		if ok {
			return
		}
		for _, s := range stage {
			os.Remove(s.tmp)
		}
		removeCreated(created)
	}()
	mirror := MirrorOf(*opt)
	dl := &downloader{ctx: ctx, opt: opt, d: d, dir: dir, zips: map[string]string{}}
	defer dl.cleanup()
	for _, i := range need {
		f := d.Files[i]
		want, recorded := f.SHA256, false
		if want == "" {
			if r, ok := hashes.Files[f.Name]; ok && r.Recorded {
				want, recorded = r.SHA256, true
			}
		}
		tmp, sum, n, src, err := dl.get(f, mirror)
		if err != nil {
			return nil, err
		}
		stage = append(stage, staged{tmp: tmp, final: out.Files[i].Path, index: i})
		if want != "" && sum != want {
			return nil, &ChecksumError{Dataset: d.Name, File: f.Name, Address: src, Want: want, Got: sum, Recorded: recorded, Note: f.Note}
		}
		rec := hashRecord{SHA256: sum, Bytes: n, Source: src, Recorded: f.SHA256 == "", Time: time.Now().UTC().Format(time.RFC3339)}
		stage[len(stage)-1].rec = rec
		out.Files[i].SHA256 = sum
		out.Files[i].Source = src
		out.Files[i].Recorded = f.SHA256 == ""
	}
	// Commit: sub-folders, renames, then hashes.json last.
	for _, s := range stage {
		c, err := mkdirAllTracked(filepath.Dir(s.final))
		created = append(created, c...)
		if err != nil {
			return nil, fmt.Errorf("registry: %s: %w", d.Name, err)
		}
	}
	for _, s := range stage {
		hashes.Files[d.Files[s.index].Name] = s.rec
	}
	hashes.About = "SHA-256 of the decompressed files of this data set, as verified against the registry or recorded on first use (recorded_on_first_use). Written by the algosolidarity toolkit."
	hb, err := json.MarshalIndent(hashes, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	htmp, err := writeTemp(dir, hashesName, hb)
	if err != nil {
		return nil, fmt.Errorf("registry: %s: %w", d.Name, err)
	}
	stage = append(stage, staged{tmp: htmp, final: filepath.Join(dir, hashesName), index: -1})
	for _, s := range stage {
		if err := os.Rename(s.tmp, s.final); err != nil {
			return nil, fmt.Errorf("registry: %s: moving %s into the cache: %w", d.Name, s.final, err)
		}
	}
	ok = true
	for _, s := range stage {
		if s.index < 0 {
			continue
		}
		f := d.Files[s.index]
		if f.SHA256 == "" {
			opt.log(out, fmt.Sprintf("registry: %s/%s: the registry has no checksum for this file; recorded sha256 %s (%d bytes, from %s) on first use in %s; later downloads are checked against it",
				d.Name, f.Name, s.rec.SHA256, s.rec.Bytes, s.rec.Source, filepath.Join(dir, hashesName)))
		}
	}
	return out, nil
}

// mkdirAllTracked creates dir and missing parents, returning the ones it
// created (outermost first) so that a failure can remove them again.
func mkdirAllTracked(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	var created []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return created, err
		}
		created = append(created, missing[i])
	}
	return created, nil
}

// removeCreated removes directories created by mkdirAllTracked, innermost
// first, as long as they are empty.
func removeCreated(created []string) {
	for i := len(created) - 1; i >= 0; i-- {
		os.Remove(created[i])
	}
}

func tempName(dir, base string) string {
	var b [6]byte
	rand.Read(b[:])
	return filepath.Join(dir, ".partial-"+strings.ReplaceAll(base, "/", "_")+"-"+hex.EncodeToString(b[:]))
}

func writeTemp(dir, base string, data []byte) (string, error) {
	p := tempName(dir, base)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(p)
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(p)
		return "", err
	}
	return p, nil
}

// downloader reads one data set's files, sharing a zip between members.
type downloader struct {
	ctx  context.Context
	opt  *Options
	d    Dataset
	dir  string
	zips map[string]string // address -> downloaded zip temp file
}

func (dl *downloader) cleanup() {
	for _, p := range dl.zips {
		os.Remove(p)
	}
}

// source is one place a file can be read from.
type source struct {
	addr        string // URL or local path
	local       bool
	compression string
	member      string
}

func (dl *downloader) sources(f File, mirror string) ([]source, error) {
	comp := f.Compression
	if comp == "" {
		comp = None
	}
	if mirror != "" {
		isURL := strings.HasPrefix(mirror, "http://") || strings.HasPrefix(mirror, "https://")
		join := func(name string) string {
			if isURL {
				u := strings.TrimRight(mirror, "/") + "/" + url.PathEscape(dl.d.Folder)
				for _, part := range strings.Split(name, "/") {
					u += "/" + url.PathEscape(part)
				}
				return u
			}
			return filepath.Join(mirror, dl.d.Folder, filepath.FromSlash(name))
		}
		srcs := []source{{addr: join(f.Name), local: !isURL, compression: None}}
		// A mirror may hold the original archive instead (e.g. football.zip).
		if f.URL != "" && comp != None {
			base := path.Base(f.URL)
			if u, err := url.Parse(f.URL); err == nil {
				base = path.Base(u.Path)
			}
			srcs = append(srcs, source{addr: join(base), local: !isURL, compression: comp, member: f.Member})
		}
		return srcs, nil
	}
	if f.URL == "" {
		return nil, &DownloadError{Dataset: dl.d.Name, File: f.Name, Address: "(none)",
			Err: errors.New("this file has no public download address (" + strings.TrimSuffix(f.Note, ".") + "); set SOLIDARITY_MIRROR or Options.Mirror to a folder that holds it")}
	}
	var srcs []source
	for _, a := range append([]string{f.URL}, f.Mirrors...) {
		srcs = append(srcs, source{addr: a, compression: comp, member: f.Member})
	}
	return srcs, nil
}

// get reads file f into a temporary file in the cache folder and returns
// its name, the SHA-256 and size of its content, and the address used.
func (dl *downloader) get(f File, mirror string) (tmp, sum string, n int64, addr string, err error) {
	srcs, err := dl.sources(f, mirror)
	if err != nil {
		return "", "", 0, "", err
	}
	var missing, failed error
	for _, s := range srcs {
		tmp, sum, n, err = dl.getFrom(f, s)
		if err == nil {
			return tmp, sum, n, s.addr, nil
		}
		if dl.ctx.Err() != nil {
			return "", "", 0, "", err
		}
		var nf *notFound
		if errors.As(err, &nf) {
			if missing == nil {
				missing = nf.err
			}
		} else if failed == nil {
			failed = err
		}
		// Try the next place (an alternate address, or the mirror's copy
		// of the original archive).
	}
	if failed != nil {
		return "", "", 0, "", failed
	}
	return "", "", 0, "", missing
}

// notFound marks a source that does not have the file (so the next may).
type notFound struct{ err error }

func (e *notFound) Error() string { return e.err.Error() }
func (e *notFound) Unwrap() error { return e.err }

func (dl *downloader) maxBytes() int64 {
	if dl.opt.MaxBytes > 0 {
		return dl.opt.MaxBytes
	}
	return 8 << 30
}

func (dl *downloader) dlErr(f File, addr, status string, err error) error {
	return &DownloadError{Dataset: dl.d.Name, File: f.Name, Address: addr, Status: status, Err: err}
}

func (dl *downloader) getFrom(f File, s source) (tmp, sum string, n int64, err error) {
	if s.compression == Zip {
		zipPath, ok := dl.zips[s.addr]
		if !ok {
			zipPath, err = dl.raw(f, s)
			if err != nil {
				return "", "", 0, err
			}
			dl.zips[s.addr] = zipPath
		}
		return dl.extract(f, s, zipPath)
	}
	body, total, closeFn, err := dl.open(f, s)
	if err != nil {
		return "", "", 0, err
	}
	defer closeFn()
	pr := dl.progressReader(f, s.addr, body, total)
	defer pr.finish()
	var r io.Reader = pr
	if s.compression == Gzip {
		gz, err := gzip.NewReader(pr)
		if err != nil {
			return "", "", 0, dl.dlErr(f, s.addr, "", fmt.Errorf("not a readable gzip stream: %w", err))
		}
		defer gz.Close()
		r = gz
	}
	return dl.save(f, s.addr, r)
}

// save copies r (decompressed content) to a temporary file, hashing it.
func (dl *downloader) save(f File, addr string, r io.Reader) (tmp string, sum string, n int64, err error) {
	tmp = tempName(dl.dir, f.Name)
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", "", 0, fmt.Errorf("registry: %s/%s: %w", dl.d.Name, f.Name, err)
	}
	h := sha256.New()
	limit := dl.maxBytes()
	what := fmt.Sprintf("decompressed content exceeds %d bytes (Options.MaxBytes)", limit)
	if f.Bytes > 0 && f.Bytes+f.Bytes/100+1<<20 < limit {
		// The registry knows the size: a source that sends much more is
		// sending something else (or streaming without end).
		limit = f.Bytes + f.Bytes/100 + 1<<20
		what = fmt.Sprintf("the content runs past %d bytes, more than the %d the registry gives for this file", limit, f.Bytes)
	}
	n, err = io.Copy(io.MultiWriter(out, h), &ctxReader{ctx: dl.ctx, r: io.LimitReader(r, limit+1)})
	if err == nil && n > limit {
		err = errors.New(what)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", "", 0, dl.dlErr(f, addr, "", err)
	}
	return tmp, hex.EncodeToString(h.Sum(nil)), n, nil
}

// raw downloads s as is (a zip) into a temporary file.
func (dl *downloader) raw(f File, s source) (string, error) {
	body, total, closeFn, err := dl.open(f, s)
	if err != nil {
		return "", err
	}
	defer closeFn()
	pr := dl.progressReader(f, s.addr, body, total)
	defer pr.finish()
	tmp := tempName(dl.dir, path.Base(s.addr))
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", fmt.Errorf("registry: %s/%s: %w", dl.d.Name, f.Name, err)
	}
	limit := dl.maxBytes()
	n, err := io.Copy(out, &ctxReader{ctx: dl.ctx, r: io.LimitReader(pr, limit+1)})
	if err == nil && n > limit {
		err = fmt.Errorf("download exceeds %d bytes (Options.MaxBytes)", limit)
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", dl.dlErr(f, s.addr, "", err)
	}
	return tmp, nil
}

func (dl *downloader) extract(f File, s source, zipPath string) (string, string, int64, error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return "", "", 0, dl.dlErr(f, s.addr, "", fmt.Errorf("not a readable zip archive: %w", err))
	}
	defer zr.Close()
	var member *zip.File
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		if zf.Name == s.member {
			member = zf
		}
	}
	if member == nil {
		// The folder inside the zip is not always known: accept a unique
		// member with the same base name.
		for _, zf := range zr.File {
			if path.Base(zf.Name) == path.Base(s.member) && !strings.HasSuffix(zf.Name, "/") {
				if member != nil {
					member = nil
					break
				}
				member = zf
			}
		}
	}
	if member == nil {
		return "", "", 0, dl.dlErr(f, s.addr, "", fmt.Errorf("the zip has no member %q (members: %s)", s.member, strings.Join(names, ", ")))
	}
	if member.UncompressedSize64 > uint64(dl.maxBytes()) {
		return "", "", 0, dl.dlErr(f, s.addr, "", fmt.Errorf("zip member %q declares %d bytes, beyond the limit of %d (Options.MaxBytes)", member.Name, member.UncompressedSize64, dl.maxBytes()))
	}
	rc, err := member.Open()
	if err != nil {
		return "", "", 0, dl.dlErr(f, s.addr, "", fmt.Errorf("zip member %q: %w", member.Name, err))
	}
	defer rc.Close()
	return dl.save(f, s.addr+"#"+member.Name, rc)
}

// open returns the body of a source, its size if known, and a closer.
func (dl *downloader) open(f File, s source) (io.Reader, int64, func(), error) {
	if s.local {
		fh, err := os.Open(s.addr)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				msg := "not in the mirror"
				if f.URL != "" {
					msg += " (without a mirror it would be downloaded from " + f.URL + ")"
				}
				return nil, 0, nil, &notFound{dl.dlErr(f, s.addr, "", errors.New(msg))}
			}
			return nil, 0, nil, dl.dlErr(f, s.addr, "", err)
		}
		total := int64(-1)
		if st, err := fh.Stat(); err == nil {
			total = st.Size()
		}
		return fh, total, func() { fh.Close() }, nil
	}
	// Every wait for bytes (headers, then each body read) is bounded by
	// IdleTimeout: a timer that each read resets cancels the request.
	idle := dl.opt.idleTimeout()
	rctx, cancel := context.WithCancelCause(dl.ctx)
	stalled := fmt.Errorf("no data for %s (the server stalled; Options.IdleTimeout)", idle)
	timer := time.AfterFunc(idle, func() { cancel(stalled) })
	fail := func(err error) error {
		if c := context.Cause(rctx); c == stalled {
			err = stalled
		}
		return err
	}
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, s.addr, nil)
	if err != nil {
		timer.Stop()
		cancel(nil)
		return nil, 0, nil, dl.dlErr(f, s.addr, "", err)
	}
	req.Header.Set("User-Agent", "algosolidarity-toolkit (+https://github.com/algosolidarity/toolkit)")
	resp, err := dl.opt.client().Do(req)
	if err != nil {
		timer.Stop()
		cancel(nil)
		return nil, 0, nil, dl.dlErr(f, s.addr, "", fail(err))
	}
	if resp.StatusCode != http.StatusOK {
		timer.Stop()
		resp.Body.Close()
		cancel(nil)
		e := dl.dlErr(f, s.addr, resp.Status, nil)
		if resp.StatusCode == http.StatusNotFound {
			return nil, 0, nil, &notFound{e}
		}
		return nil, 0, nil, e
	}
	timer.Reset(idle)
	body := &idleReader{r: resp.Body, timer: timer, idle: idle, fail: fail}
	// A body shorter than Content-Length surfaces as io.ErrUnexpectedEOF.
	return body, resp.ContentLength, func() { timer.Stop(); resp.Body.Close(); cancel(nil) }, nil
}

// idleReader resets the idle timer on every read and names a stall.
type idleReader struct {
	r     io.Reader
	timer *time.Timer
	idle  time.Duration
	fail  func(error) error
}

func (r *idleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.timer.Reset(r.idle)
	}
	if err != nil && err != io.EOF {
		err = r.fail(err)
	}
	return n, err
}

// ctxReader stops a copy when the context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
