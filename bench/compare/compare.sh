#!/usr/bin/env bash
# compare.sh runs the issue-3 pipeline (load a CSV edge list and a nodes
# table, then reciprocity, dyad census, mixing matrix, nominal and degree
# assortativity) in the toolkit, python-igraph, networkx and embedded DuckDB
# on the same seeded files, and prints wall seconds, CPU seconds (user+sys)
# and peak RSS from /usr/bin/time, with ratios to the toolkit, then checks
# that the tools agree on the numbers. It takes a few minutes and is not
# part of `go test`.
#
# Usage: bench/compare/compare.sh [SCRATCH_DIR]   (default /tmp/solidarity-bench)
# Environment: REPEAT=3 (runs per tool; the median is reported),
#   NODES=1000000 ARCS=10000000 (network size), SKIP="networkx duckdb"
#   (tools to leave out), NPM_DUCKDB=@duckdb/node-api@1.5.6-r.1.
# Needs Go, /usr/bin/python3 with igraph and networkx, node and npm.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-${SOLIDARITY_BENCH_DIR:-/tmp/solidarity-bench}}
repeat=${REPEAT:-3}
nodes=${NODES:-1000000}
arcs=${ARCS:-10000000}
skip=" ${SKIP:-} "
duckpkg=${NPM_DUCKDB:-@duckdb/node-api@1.5.6-r.1}
py=/usr/bin/python3
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data-$nodes-$arcs"
runs="$dir/runs"
rm -rf "$runs"
mkdir -p "$runs"

say() { echo "compare: $*" >&2; }

if [ ! -s "$data/groups.txt" ]; then
	say "generating $nodes nodes, $arcs arcs into $data"
	(cd "$root" && go run ./bench/gendata -nodes "$nodes" -arcs "$arcs" -out "$data")
fi
tenth=$((arcs / 10))
if [ ! -s "$data/tenth/edges.txt" ]; then
	mkdir -p "$data/tenth"
	head -n "$tenth" "$data/edges.txt" >"$data/tenth/edges.txt"
	head -n $((tenth + 1)) "$data/edges.csv" >"$data/tenth/edges.csv"
fi

say "building the solidarity command"
(cd "$root" && go build -o "$dir/solidarity" ./cmd/solidarity)

if [[ $skip != *" duckdb "* ]]; then
	if [ ! -d "$dir/duckdb/node_modules/@duckdb/node-api" ]; then
		say "installing $duckpkg into $dir/duckdb"
		mkdir -p "$dir/duckdb"
		[ -f "$dir/duckdb/package.json" ] || echo '{"name":"solidarity-bench-duckdb","private":true}' >"$dir/duckdb/package.json"
		(cd "$dir/duckdb" && npm install --no-audit --no-fund --silent "$duckpkg")
	fi
	# ES modules resolve packages from the script's folder, not NODE_PATH.
	cp "$root/bench/compare/duckdb_pipeline.mjs" "$dir/duckdb/"
fi

# run NAME CMD...: REPEAT timed runs; stdout to runs/NAME.I.json, times to runs/NAME.I.time.
run() {
	local name=$1
	shift
	for i in $(seq 1 "$repeat"); do
		say "$name run $i/$repeat (load $(cut -d' ' -f1-3 /proc/loadavg))"
		/usr/bin/time -o "$runs/$name.$i.time" -f "%e %U %S %M" "$@" >"$runs/$name.$i.json"
	done
}

cat /proc/loadavg >"$runs/loadavg.before"
E=$data/edges.csv N=$data/nodes.csv
run solidarity "$dir/solidarity" stats --edges "$E" --nodes "$N" --attr group --json
run solidarity-load "$dir/solidarity" info --edges "$E" --nodes "$N" --json
if [[ $skip != *" igraph "* ]]; then
	run igraph $py "$root/bench/compare/igraph_pipeline.py" "$data/edges.txt" "$data/groups.txt"
fi
if [[ $skip != *" duckdb "* ]]; then
	run duckdb bash -c 'cd "$1" && exec node duckdb_pipeline.mjs "$2" "$3"' _ "$dir/duckdb" "$E" "$N"
fi
if [[ $skip != *" networkx "* ]]; then
	run solidarity-tenth "$dir/solidarity" stats --edges "$data/tenth/edges.csv" --nodes "$N" --attr group --json
	run networkx $py "$root/bench/compare/networkx_pipeline.py" "$data/tenth/edges.txt" "$data/groups.txt"
fi
cat /proc/loadavg >"$runs/loadavg.after"

$py "$root/bench/compare/summarize.py" "$runs" "$repeat" "$nodes" "$arcs"
