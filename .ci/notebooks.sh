#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless on the GoNB kernel and checks
# that each one produced its figures and tables. Idempotent; meant for a fresh
# Debian machine (run as root, or with the Jupyter packages already present).
#
#   bash .ci/notebooks.sh            # all notebooks
#   bash .ci/notebooks.sh quickstart # only notebooks/quickstart.ipynb
#
# Steps:
#   1. Jupyter from Debian (jupyter-nbconvert, python3-nbclient,
#      python3-ipykernel), installed with apt-get only when missing.
#   2. GoNB v0.11.4 and goimports, built from .ci/tools/go.mod (exact
#      versions) into $SOLIDARITY_TOOLS_BIN (default
#      ~/.local/share/algosolidarity/bin), and the GoNB kernel registered
#      with Jupyter (gonb --install; honours $JUPYTER_DATA_DIR).
#   3. Each notebook executed with jupyter nbconvert --execute into a
#      temporary directory (the committed notebooks are left untouched); any
#      cell error fails. The kernel runs in notebooks/, so the first cell of
#      each notebook points the kernel's Go module at this checkout.
#      Data sets come offline from $SOLIDARITY_MIRROR (default
#      ../shared/datasets/raw next to the checkout) into a fresh cache
#      ($SOLIDARITY_CACHE, inside the scratch directory).
#   4. go test ./notebooks/ checks the executed copies: every code cell ran,
#      no cell has an error, and each notebook shows at least the images and
#      tables its metadata promises.
#
# Environment: SOLIDARITY_CELL_TIMEOUT (seconds per cell, default 900),
# SOLIDARITY_NOTEBOOKS_OUT (keep the executed copies there instead of a
# temporary directory), SOLIDARITY_MIRROR, SOLIDARITY_TOOLS_BIN.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
start=$SECONDS
say() { printf '[notebooks %3ds] %s\n' "$((SECONDS - start))" "$*"; }

# 1. Jupyter from Debian, only what is missing.
missing=()
command -v jupyter-nbconvert >/dev/null 2>&1 || missing+=(jupyter-nbconvert)
/usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1 || missing+=(python3-nbclient)
/usr/bin/python3 -c 'import ipykernel' >/dev/null 2>&1 || missing+=(python3-ipykernel)
if ((${#missing[@]})); then
	say "installing ${missing[*]} from Debian"
	if [[ $(id -u) -ne 0 ]]; then
		echo "notebooks.sh: ${missing[*]} missing and not root: run as root or install them with apt-get" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends jupyter-nbconvert python3-nbclient python3-ipykernel
fi

# 2. GoNB and goimports at the versions of .ci/tools/go.mod.
bin=${SOLIDARITY_TOOLS_BIN:-$HOME/.local/share/algosolidarity/bin}
mkdir -p "$bin"
say "building gonb and goimports into $bin"
(cd .ci/tools && GOBIN="$bin" go install tool)
export PATH="$bin:$PATH"
# --force_deps: gopls only serves autocompletion, which headless runs do not
# use, so its absence (which gonb reports at length) is not an error.
if ! log=$(gonb --install --force_deps --logtostderr 2>&1); then
	printf '%s\n' "$log" >&2
	echo "notebooks.sh: gonb --install failed" >&2
	exit 1
fi
say "$(printf '%s\n' "$log" | grep -o 'kernel configuration installed in.*' || echo 'gonb kernel installed')"

# 3. Execute every notebook into a scratch directory.
export SOLIDARITY_MIRROR=${SOLIDARITY_MIRROR:-$(cd "$repo/.." && pwd)/shared/datasets/raw}
export SOLIDARITY_TOOLKIT="$repo"
if [[ ! -d $SOLIDARITY_MIRROR ]]; then
	say "note: mirror $SOLIDARITY_MIRROR is absent; notebooks that load public data sets are skipped"
fi
# needs NOTEBOOK: the mirror folders of the registry data sets the notebook
# names in its code cells (a quoted registry name or alias), one a line.
needs() {
	/usr/bin/python3 - "$1" "$repo/datasets/registry.json" <<'PY'
import json, re, sys
nb = json.load(open(sys.argv[1]))
reg = json.load(open(sys.argv[2]))
code = "".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
               for c in nb["cells"] if c["cell_type"] == "code")
for d in reg["datasets"]:
    if d.get("embedded"):
        continue  # ships with the toolkit
    for n in [d["name"]] + d.get("aliases", []):
        if re.search(r'"%s"' % re.escape(n), code):
            print(d["folder"])
            break
PY
}
out=${SOLIDARITY_NOTEBOOKS_OUT:-}
if [[ -z $out ]]; then
	out=$(mktemp -d -t solidarity-notebooks.XXXXXX)
	# Kept when something fails, for the logs and partial outputs.
	trap 'if [[ $? -eq 0 ]]; then rm -rf "$out"; else echo "notebooks.sh: logs kept in $out" >&2; fi' EXIT
fi
mkdir -p "$out"
# A fresh data-set cache per run, so the notebooks exercise fetch-from-mirror,
# checksum and conversion as a new user's first run does.
export SOLIDARITY_CACHE="$out/cache"
timeout=${SOLIDARITY_CELL_TIMEOUT:-900}

if (($#)); then
	books=()
	for n in "$@"; do books+=("notebooks/${n%.ipynb}.ipynb"); done
else
	books=(notebooks/*.ipynb)
fi
failed=()
skipped=()
for nb in "${books[@]}"; do
	t0=$SECONDS
	# Like the Go tests: without the public data a notebook needs, skip it
	# with a message naming what is missing; under SOLIDARITY_REQUIRE_SHARED=1
	# (scripts/test.sh where ../shared exists) that is a failure.
	missing=()
	while read -r folder; do
		[[ -n $folder && ! -d $SOLIDARITY_MIRROR/$folder ]] && missing+=("$SOLIDARITY_MIRROR/$folder")
	done < <(needs "$nb")
	if ((${#missing[@]})); then
		if [[ ${SOLIDARITY_REQUIRE_SHARED:-} == 1 ]]; then
			say "FAIL $nb: needs ${missing[*]}, absent (SOLIDARITY_REQUIRE_SHARED=1)"
			failed+=("$nb")
		else
			say "skip $nb: needs public data absent here: ${missing[*]}"
			skipped+=("$nb")
		fi
		continue
	fi
	if jupyter-nbconvert --to notebook --execute \
		--ExecutePreprocessor.timeout="$timeout" \
		--ExecutePreprocessor.startup_timeout=120 \
		--ExecutePreprocessor.kernel_name=gonb \
		--output-dir "$out" "$nb" >"$out/$(basename "$nb" .ipynb).log" 2>&1; then
		say "ok   $nb ($((SECONDS - t0))s)"
	else
		log="$out/$(basename "$nb" .ipynb).log"
		say "FAIL $nb ($((SECONDS - t0))s)"
		{
			# GoNB logs the compiler's messages; nbconvert only says the build failed.
			if grep -q 'execcode.go.*Failed "' "$log"; then
				echo "--- go build output (from the GoNB log):"
				awk '/execcode.go.*Failed "/ { p = 1; print; next } p && /^[IWE][0-9][0-9][0-9][0-9] / { p = 0 } p' "$log" | head -60
			fi
			echo "--- the failing cell and its error:"
			sed -n '/CellExecutionError:/,$p' "$log" | head -80
		} >&2
		failed+=("$nb")
	fi
done
if ((${#failed[@]})); then
	echo "notebooks.sh: ${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
	exit 1
fi

# 4. Did they show what they promise?
say "checking outputs"
SOLIDARITY_EXECUTED_NOTEBOOKS="$out" go test -count=1 ./notebooks/
say "done: ${#books[@]} notebook(s), ${#skipped[@]} skipped for want of public data${skipped:+: ${skipped[*]}}"
