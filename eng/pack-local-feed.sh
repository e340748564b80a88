#!/usr/bin/env bash
# Rebuilds eng/local-feed/*.nupkg from eng/packages/*/*.nuspec. The .nupkg files are committed,
# so a fresh clone restores without running this; run it only after editing a nuspec.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for spec in "$root"/eng/packages/*/*.nuspec; do
  dir=$(dirname "$spec"); id=$(basename "$spec" .nuspec)
  ver=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$spec" | head -1)
  lid=$(echo "$id" | tr '[:upper:]' '[:lower:]')
  work=$(mktemp -d)
  cp "$spec" "$work/$id.nuspec"
  while read -r target; do mkdir -p "$work/$(dirname "$target")"; cp "$dir/_._" "$work/$target"; done \
    < <(sed -n 's:.*target="\([^"]*\)".*:\1:p' "$spec")
  cat > "$work/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="_" ContentType="application/octet" /></Types>
XML
  rm -f "$root/eng/local-feed/$lid.$ver.nupkg"
  (cd "$work" && TZ=UTC find . -exec touch -t 202601010000 {} + && zip -q -X -r "$root/eng/local-feed/$lid.$ver.nupkg" .)
  rm -rf "$work"
  echo "packed $id $ver"
done
