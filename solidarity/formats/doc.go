// Package formats reads and writes networks in the file formats social
// network data comes in: delimited text, SNAP edge lists, GML, GraphML,
// Pajek and Parquet, with .gz and .zip read transparently.
//
// One call loads a file into a network.Network (Arrow edges and nodes
// tables plus the dense index):
//
//	n, err := formats.Read("polblogs.gml", formats.Options{})
//	defer n.Release()
//
// Read picks the format from Options.Format, else the file extension, else
// the content. ReadFrom does the same for an io.Reader (embedded data).
// ReadNodes reads a nodes table alone. Every error names the file, the line
// (where there is one) and what was expected; a *ParseError or *LimitError
// carries the same as fields. Nothing reachable from a file panics (each
// text reader is fuzzed).
//
// # Types and missing values
//
// Node ids are int64 when every id is an integer, text otherwise (source,
// target and the nodes' id column share one type). Other columns are typed
// by their values: int64 when all are integers, float64 when all are
// numbers, bool for true/false, text otherwise; an empty field or absent
// attribute is null. Declared types (GraphML attr.type) are kept. The raw
// records are kept exactly as read: self-loops and parallel edges stay in
// the edges table (network.Network's Report counts them; its Simple view
// merges them).
//
// # Nodes tables and ids
//
// Ids listed in a nodes table but in no edge are kept as isolated nodes
// (counted in Report.IsolatedNodes). Edge endpoints missing from a
// separate nodes file (Options.NodesPath) are kept and counted in
// Report.NodesOnlyInEdges; they are not errors, since edge lists routinely
// name users without profiles. In GML, GraphML and Pajek, where the file
// declares its own nodes, an edge to an undeclared node is an error. A
// node id listed twice is always an error naming both lines.
//
// # CSV and TSV
//
// Delimited text with a header line (RFC 4180 quoting). The source and
// target columns are Options.Columns.Source/Target, else "source"/"target"
// or a common alias (src/dst, from/to, sender/receiver, ...), else the
// first two columns; the weight column is Columns.Weight, else "weight"
// when present ("-" ignores it). A first line of numbers only is data, not
// a header (SNAP's soc-sign-bitcoinotc.csv has none); Options.NoHeader
// forces that and Options.Names names the columns. Extra columns are kept,
// typed. Large files of plain numbers take a fast path: a hand-written
// scanner over 4 MiB chunks split at line ends, parsed in parallel, with
// columns wrapped as Arrow arrays without copying; a quote, a word or an
// empty field sends the file to the general reader (encoding/csv).
//
// # SNAP edge lists and label files
//
// Whitespace-separated columns, '#' and '%' comment lines, no header, as
// SNAP publishes them: source target [c3] [c4]. The columns are named by
// Options.Names, else source, target, weight, time: CollegeMsg's third
// column is a time, so read it with Names {"source","target","time"}. Every
// data line must have the same number of fields. Label files such as
// email-Eu-core-department-labels.txt ("node dept") are read by ReadNodes
// or as Options.NodesPath, as columns id, label (or Names).
//
// # GML
//
// As Mark Newman's netdata files and networkx's write_gml produce it:
// nested "node [ ... ]" and "edge [ ... ]" lists inside "graph [ ... ]",
// "directed 1" (default undirected), quoted strings that may span lines
// with HTML entities (&#38; becomes &), '#' comments. Duplicate edges are
// kept as records (polblogs.gml has 65). Node and edge keys become
// columns; a quoted value makes its column text (polbooks' value "l"),
// nested lists become dotted names (graphics.x). Reference: Himsolt, "GML:
// A portable Graph File Format", Universität Passau (1997).
//
// # GraphML
//
// <key> declarations with attr.name, attr.type (boolean, int, long, float,
// double, string) and <default>; edgedefault="directed" or "undirected";
// node ids are kept as text unless all are integers. Keys without attr.type
// are text; yFiles graphics keys are skipped; nested graphs are refused.
// Only the first <graph> is read. Reference: Brandes et al., "GraphML
// Progress Report", Graph Drawing 2001, doi:10.1007/3-540-45848-4_59.
//
// # Pajek
//
// .net and .paj files: "*Vertices n" with optional `id "label" x y z`
// lines (label kept as column "label"), "*Arcs" (directed), "*Edges"
// (undirected), "*Arcslist", "*Edgeslist", "*Matrix"; a missing weight is
// 1. A network with both arcs and edges is directed and each edge is
// stored in both directions. A .paj project holds several networks
// ("*Network name"; Options.Network picks one, default the first) and
// "*Partition name.clu" / "*Vector name.vec" blocks, which become node
// columns (name without the extension) of every network with that many
// vertices. Multi-relational files, such as Lazega-Law-Firm.paj, declare
// relations with `*Arcs :k "name"` and prefix lines with "k:"; the
// relation goes to edge columns "layer" (number) and "relation" (name),
// and Options.Layer keeps one relation. Reference: Batagelj and Mrvar,
// Pajek manual, http://mrvar.fdv.uni-lj.si/pajek/.
//
// # Parquet
//
// WriteParquet and ReadParquet keep the tables as Arrow wrote them
// (pqarrow, Snappy compression), with directedness and the column roles
// in the file's key-value metadata (keys MetaDirected, MetaSource, ...),
// so a round trip gives equal tables. This is the cache format. WriteCSV
// writes CSV with a header. Writers go to a temporary file in the target
// folder and rename it, so a failure leaves nothing behind.
//
// # Compression and archives
//
// A .gz file (or gzip content) is decompressed while reading. From a .zip
// archive the member is Options.Member, else the first member in the
// wanted format (GML, GraphML and Pajek before CSV/TSV/Parquet before
// edge lists and .txt): football.zip gives football.gml, not the
// football.txt description. An archive with a member path leaving its
// folder ("../x", "/x": zip slip) is refused, and reading stops with a
// *LimitError past Options.MaxDecompressed bytes (default 8 GiB), so a
// decompression bomb fails cleanly.
//
// # Memory
//
// Readers allocate Arrow buffers from Options.Mem (default
// memory.DefaultAllocator) except the fast path's columns, which are Go
// slices owned by the garbage collector. The returned Network is the only
// value to Release.
package formats
