#!/usr/bin/env bash
# Vets, for macOS and Windows, every package that needs no C compiler: no
# package it depends on, outside Go's standard library (which has pure-Go
# fallbacks), uses cgo. Those packages build here for every system, so a
# mistake that only one system's build would show is caught on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
pure=()
for pkg in $(go list ./...); do
	cgo=$(go list -deps -f '{{if and .CgoFiles (not .Standard)}}{{.ImportPath}}{{end}}' "$pkg")
	[ -z "$cgo" ] && pure+=("$pkg")
done
[ ${#pure[@]} -gt 0 ] || { echo "cross-vet: no pure-Go package found" >&2; exit 1; }
for os in darwin windows; do
	echo "go vet for $os: ${#pure[@]} packages"
	GOOS=$os GOARCH=amd64 CGO_ENABLED=0 go vet "${pure[@]}"
done
