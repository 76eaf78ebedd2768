package memo

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/algosolidarity/toolkit/solidarity/events"
	"github.com/algosolidarity/toolkit/solidarity/network"
)

// Version is part of every key, with CodeVersion: entries written in
// another memo format are never read.
const Version = "algosolidarity-memo-1"

// Dir returns the memo directory: $SOLIDARITY_MEMO_DIR, else memo/ under
// $SOLIDARITY_CACHE, else under the user cache directory (the data-set
// cache's parent folder, as the registry resolves it).
func Dir() (string, error) {
	if d := os.Getenv("SOLIDARITY_MEMO_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("SOLIDARITY_CACHE"); d != "" {
		return filepath.Join(d, "memo"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("memo: no cache directory: set SOLIDARITY_CACHE (%w)", err)
	}
	return filepath.Join(d, "algosolidarity", "memo"), nil
}

var (
	codeOnce    sync.Once
	codeVersion string
)

// CodeVersion identifies the toolkit code that computes the values, and is
// part of every key, so a result computed by other code (an update, a
// local change to an analysis) is never read back. It hashes the path,
// size and modification time of the toolkit's non-test Go files under
// solidarity/ and datasets/, found from this file's location (GoNB builds
// the toolkit from source); without the sources (a -trimpath build) it is
// the module version from the build information.
func CodeVersion() string {
	codeOnce.Do(func() {
		codeVersion = sourceStamp()
		if codeVersion == "" {
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, m := range append(bi.Deps, &bi.Main) {
					if m != nil && m.Path == "github.com/algosolidarity/toolkit" {
						codeVersion = m.Version + " " + m.Sum
					}
				}
			}
		}
	})
	return codeVersion
}

func sourceStamp() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	h := sha256.New()
	n := 0
	for _, sub := range []string{"solidarity", "datasets"} {
		filepath.WalkDir(filepath.Join(root, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			if fi, err := d.Info(); err == nil {
				fmt.Fprintf(h, "%s\x00%d\x00%d\x00", strings.TrimPrefix(path, root), fi.Size(), fi.ModTime().UnixNano())
				n++
			}
			return nil
		})
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("src:%x", h.Sum(nil)[:12])
}

// Off reports whether memoisation is turned off (SOLIDARITY_MEMO=off):
// Do then always computes and stores nothing.
func Off() bool { return os.Getenv("SOLIDARITY_MEMO") == "off" }

// Notify, when set, receives one line each time Do computes a value it
// cannot keep (see Storable) or fails to store one; the solidarity package
// points it at standard error. Do never fails because the memo does.
var Notify func(msg string)

func notify(format string, args ...any) {
	if Notify != nil {
		Notify(fmt.Sprintf(format, args...))
	}
}

// Do returns the value stored under key, or computes it with compute,
// stores it and returns it. An error from compute is returned and nothing
// is stored. The memo's own problems (no cache directory, a full disk, a
// corrupt entry, a type that cannot be stored) never fail Do: the value is
// computed and returned, and Notify hears about it.
//
// Values of type arrow.RecordBatch and *network.Network come back as new
// Arrow-backed values the caller releases, as a computed one would be.
func Do[T any](key string, compute func() (T, error)) (T, error) {
	typ := reflect.TypeFor[T]()
	if Off() {
		return compute()
	}
	dir, err := Dir()
	if err != nil {
		notify("%v", err)
		return compute()
	}
	path := filepath.Join(dir, fileName(key, typ))
	if v, ok := load[T](path, key, typ); ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	if err := Storable(typ); err != nil {
		notify("memo: %s is computed every time: %v", key, err)
		return v, nil
	}
	data, err := encode(any(v), typ)
	if err == nil {
		err = writeAtomic(path, envelope{Key: key, Version: Version, Type: typ.String(), Data: data})
	}
	if err != nil {
		notify("memo: %s not stored: %v", key, err)
	}
	return v, nil
}

// envelope is what a memo file holds: the key in full (a hash collision
// or a renamed file is detected, not believed) and the encoded value.
type envelope struct {
	Key, Version, Type string
	Data               []byte
}

func fileName(key string, typ reflect.Type) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", Version, CodeVersion(), typeName(typ), key)
	return hex.EncodeToString(h.Sum(nil))[:32] + ".memo"
}

// typeName names a type with its package path, so two packages' Result
// types never share an entry.
func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		return "*" + typeName(t.Elem())
	}
	if t.Name() != "" && t.PkgPath() != "" {
		return t.PkgPath() + "." + t.Name()
	}
	return t.String()
}

func load[T any](path, key string, typ reflect.Type) (T, bool) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, false
	}
	defer f.Close()
	var env envelope
	if err := gob.NewDecoder(f).Decode(&env); err != nil || env.Key != key || env.Version != Version || env.Type != typ.String() {
		if err != nil {
			notify("memo: %s: unreadable entry %s recomputed (%v)", key, path, err)
		}
		return zero, false
	}
	v, err := decode(env.Data, typ)
	if err != nil {
		notify("memo: %s: entry %s recomputed (%v)", key, path, err)
		return zero, false
	}
	t, ok := v.(T)
	return t, ok
}

var (
	recordType = reflect.TypeFor[arrow.RecordBatch]()
)

func encode(v any, typ reflect.Type) ([]byte, error) {
	if typ == recordType {
		return ipcBytes(v.(arrow.RecordBatch))
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func decode(data []byte, typ reflect.Type) (any, error) {
	if typ == recordType {
		return fromIPC(data)
	}
	p := reflect.New(typ)
	if err := gob.NewDecoder(bytes.NewReader(data)).DecodeValue(p); err != nil {
		return nil, err
	}
	return p.Elem().Interface(), nil
}

func ipcBytes(rec arrow.RecordBatch) ([]byte, error) {
	if rec == nil {
		return nil, errors.New("nil record batch")
	}
	var b bytes.Buffer
	w := ipc.NewWriter(&b, ipc.WithSchema(rec.Schema()))
	if err := w.Write(rec); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func fromIPC(data []byte) (arrow.RecordBatch, error) {
	r, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		return nil, err
	}
	defer r.Release()
	if !r.Next() {
		if err := r.Err(); err != nil {
			return nil, err
		}
		return nil, errors.New("empty Arrow stream")
	}
	rec := r.RecordBatch()
	rec.Retain()
	return rec, nil
}

var (
	gobEncoder    = reflect.TypeFor[gob.GobEncoder]()
	binMarshaler  = reflect.TypeFor[encoding.BinaryMarshaler]()
	storableCache sync.Map // reflect.Type -> error
)

// Storable returns nil when values of type t come back whole from the
// memo, and otherwise an error naming the first field that would be lost:
// an unexported field, a function or channel value, or an interface (gob
// drops the first three and cannot decode the last without registration).
// Function fields of structs are callbacks (Progress), not results: they
// are left out and come back nil.
// arrow.RecordBatch is storable (as Arrow IPC), and so are types that
// encode themselves (gob.GobEncoder, encoding.BinaryMarshaler), such as
// *network.Network and the *network.Index results name people with.
func Storable(t reflect.Type) error {
	if t == recordType {
		return nil
	}
	if e, ok := storableCache.Load(t); ok {
		err, _ := e.(error)
		return err
	}
	err := storable(t, typeName(t), map[reflect.Type]bool{})
	storableCache.Store(t, err)
	return err
}

func storable(t reflect.Type, path string, seen map[reflect.Type]bool) error {
	if seen[t] {
		return nil
	}
	seen[t] = true
	if t.Implements(gobEncoder) || t.Implements(binMarshaler) ||
		reflect.PointerTo(t).Implements(gobEncoder) || reflect.PointerTo(t).Implements(binMarshaler) {
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return storable(t.Elem(), path, seen)
	case reflect.Map:
		if err := storable(t.Key(), path, seen); err != nil {
			return err
		}
		return storable(t.Elem(), path, seen)
	case reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return fmt.Errorf("%s is a %s, which the memo cannot keep", path, t.Kind())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				return fmt.Errorf("%s has the unexported field %s, which the memo cannot keep", path, f.Name)
			}
			// A func field is a callback (an options' Progress), not part
			// of a result: gob leaves it out, and so may we.
			if f.Type.Kind() == reflect.Func {
				continue
			}
			if err := storable(f.Type, path+"."+f.Name, seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeAtomic writes env to path through a temporary file in the same
// directory renamed into place: readers see the old entry or the new one,
// never half of one.
func writeAtomic(path string, env envelope) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".memo-*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := gob.NewEncoder(tmp).Encode(env); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	ok = true
	return nil
}

// Clear removes every memo entry (the files ending in .memo in Dir).
func Clear() error {
	dir, err := Dir()
	if err != nil {
		return err
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.memo"))
	if err != nil {
		return err
	}
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Key builds a memo key from the values a computation depends on: text as
// it is; networks, event tables and Arrow record batches (also inside
// options structs, such as a follows network) by a SHA-256 of their
// content, so the same data read again gives the same key and changed data
// another; numbers, booleans, slices, maps (in key order) and the exported
// fields of structs by value; functions (progress callbacks) are left out.
func Key(parts ...any) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('|')
		}
		if s, ok := p.(string); ok {
			b.WriteString(s)
			continue
		}
		writeKey(&b, reflect.ValueOf(p), 0)
	}
	return b.String()
}

// writeKey writes v in a stable text form; depth bounds cycles.
func writeKey(b *strings.Builder, v reflect.Value, depth int) {
	if depth > 32 {
		b.WriteString("…")
		return
	}
	if !v.IsValid() {
		b.WriteString("nil")
		return
	}
	if v.CanInterface() {
		if x := v.Interface(); isData(x) {
			b.WriteString(fingerprint(x))
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		writeKey(b, v.Elem(), depth+1)
	case reflect.Struct:
		t := v.Type()
		exported := 0
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				exported++
			}
		}
		if st, ok := v.Interface().(fmt.Stringer); ok && exported == 0 {
			b.WriteString(st.String()) // time.Time and the like
			return
		}
		b.WriteString(t.Name() + "{")
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Type.Kind() == reflect.Func || f.Type.Kind() == reflect.Chan {
				continue
			}
			b.WriteString(f.Name + ":")
			writeKey(b, v.Field(i), depth+1)
			b.WriteByte(' ')
		}
		b.WriteByte('}')
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeKey(b, v.Index(i), depth+1)
		}
		b.WriteByte(']')
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		keys := make([]string, 0, v.Len())
		vals := map[string]reflect.Value{}
		for it := v.MapRange(); it.Next(); {
			var kb strings.Builder
			writeKey(&kb, it.Key(), depth+1)
			keys = append(keys, kb.String())
			vals[kb.String()] = it.Value()
		}
		sort.Strings(keys)
		b.WriteString("map[")
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(k + ":")
			writeKey(b, vals[k], depth+1)
		}
		b.WriteByte(']')
	case reflect.Float32, reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		b.WriteString(v.Kind().String())
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	default:
		fmt.Fprint(b, v.Interface())
	}
}

func isData(p any) bool {
	switch p.(type) {
	case *network.Network, *events.Events, arrow.RecordBatch:
		return true
	}
	return false
}

// fingerprint hashes a network, an event table or a record batch by
// content.
func fingerprint(p any) string {
	h := sha256.New()
	kind := "data"
	switch v := p.(type) {
	case *network.Network:
		kind = "network"
		if v == nil || v.Edges() == nil {
			return "network:nil"
		}
		fmt.Fprintf(h, "%v\x00%v\x00", v.Directed(), v.Columns())
		hashRecord(h, v.Edges())
		hashRecord(h, v.Nodes())
	case *events.Events:
		kind = "events"
		if v == nil {
			return "events:nil"
		}
		// The dense columns and ids say everything the analyses read.
		for _, s := range [][]int32{v.Actor, v.Author, v.Item, v.Kind, v.Group} {
			binary.Write(h, binary.LittleEndian, int64(len(s)))
			binary.Write(h, binary.LittleEndian, s)
		}
		for _, s := range [][]float64{v.Quality, v.Leaning} {
			binary.Write(h, binary.LittleEndian, int64(len(s)))
			binary.Write(h, binary.LittleEndian, s)
		}
		binary.Write(h, binary.LittleEndian, v.Time)
		binary.Write(h, binary.LittleEndian, v.ItemTime)
		binary.Write(h, binary.LittleEndian, v.ItemAuthor)
		for _, ss := range [][]string{v.Kinds, v.Groups} {
			for _, s := range ss {
				fmt.Fprintf(h, "%q", s)
			}
		}
		for _, ix := range []*network.Index{v.People, v.Items} {
			if ix == nil {
				continue
			}
			for i := 0; i < ix.Len(); i++ {
				io.WriteString(h, ix.String(int32(i)))
				h.Write([]byte{0})
			}
		}
	case arrow.RecordBatch:
		kind = "arrow"
		hashRecord(h, v)
	}
	return kind + ":" + hex.EncodeToString(h.Sum(nil))[:24]
}

func hashRecord(h hash.Hash, rec arrow.RecordBatch) {
	if rec == nil {
		h.Write([]byte("nil"))
		return
	}
	w := ipc.NewWriter(h, ipc.WithSchema(rec.Schema()))
	w.Write(rec)
	w.Close()
}
