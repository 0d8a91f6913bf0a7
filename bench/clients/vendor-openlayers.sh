#!/usr/bin/env bash
# Reproduces the vendored OpenLayers and proj4 files of the demo pages (server/src/main/resources/static/demo/lib/):
# the published builds of the npm packages, unchanged, with their licences.
#   usage: bench/clients/vendor-openlayers.sh      (needs npm and the npm registry)
set -euo pipefail
cd "$(dirname "$0")/../.."
lib=server/src/main/resources/static/demo/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent ol@10.10.0 proj4@2.22.0 > /dev/null)
mkdir -p "$work/ol" "$work/proj4"
tar xzf "$work/ol-10.10.0.tgz" -C "$work/ol" --strip-components=1
tar xzf "$work/proj4-2.22.0.tgz" -C "$work/proj4" --strip-components=1
cp "$work/ol/dist/ol.js" "$work/ol/ol.css" "$lib/"
cp "$work/ol/LICENSE.md" "$lib/LICENSE-ol.md"
cp "$work/proj4/dist/proj4.js" "$lib/"
cp "$work/proj4/LICENSE.md" "$lib/LICENSE-proj4.md"
sha256sum "$lib"/ol.js "$lib"/ol.css "$lib"/proj4.js
