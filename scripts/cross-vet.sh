#!/usr/bin/env bash
# Vets, for macOS and Windows, every package that needs no C compiler there:
# no package it or its tests depend on, outside Go's standard library (which
# has pure-Go fallbacks), uses cgo on that system. Those packages build here
# for every system, so a mistake that only one system's build would show is
# caught on Linux. The check is per system because a dependency can use cgo
# on one system only (Fyne's widgets do on macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
for os in darwin windows; do
	pure=()
	for pkg in $(go list ./...); do
		cgo=$(GOOS=$os GOARCH=amd64 CGO_ENABLED=1 go list -deps -test -f '{{if and .CgoFiles (not .Standard)}}{{.ImportPath}}{{end}}' "$pkg")
		[ -z "$cgo" ] && pure+=("$pkg")
	done
	[ ${#pure[@]} -gt 0 ] || { echo "cross-vet: no pure-Go package found for $os" >&2; exit 1; }
	echo "go vet for $os: ${#pure[@]} packages"
	GOOS=$os GOARCH=amd64 CGO_ENABLED=0 go vet "${pure[@]}"
done
