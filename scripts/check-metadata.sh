#!/usr/bin/env bash
# Checks the desktop entry and the AppStream metainfo that the Linux archive
# ships (packaging/linux/), as a distribution would: desktop-file-validate
# and appstreamcli validate (with no network: the screenshot addresses are
# not fetched). Then checks what those validators cannot know: the newest
# release in the metainfo is FyneApp.toml's version, and every screenshot it
# names is in docs/screenshots/.
set -euo pipefail

cd "$(dirname "$0")/.."
ID=io.github.hindsight_app.hindsight
ENTRY=packaging/linux/$ID.desktop
METAINFO=packaging/linux/$ID.metainfo.xml

fail() {
	echo "check-metadata: $*" >&2
	exit 1
}

if ! command -v desktop-file-validate >/dev/null || ! command -v appstreamcli >/dev/null; then
	# Both validators are Linux tools; scripts/install-deps.sh installs them
	# on Debian and Ubuntu, and CI runs there.
	[ "$(uname -s)" = Linux ] ||
		{ echo "check-metadata: no desktop-file-validate or appstreamcli on $(uname -s); the Linux CI validates the metadata"; exit 0; }
	fail "install desktop-file-utils and appstream (desktop-file-validate, appstreamcli) to validate the metadata"
fi
desktop-file-validate "$ENTRY"
appstreamcli validate --no-net --pedantic "$METAINFO"

version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
newest=$(grep -o '<release version="[^"]*"' "$METAINFO" | head -n1 | cut -d'"' -f2)
[ "$newest" = "$version" ] ||
	fail "FyneApp.toml says version $version, but the newest release in $METAINFO is ${newest:-missing}: add a <release> for $version"

shots=$(grep -o 'docs/screenshots/[^<]*' "$METAINFO")
[ -n "$shots" ] || fail "$METAINFO names no screenshot from docs/screenshots/"
for shot in $shots; do
	[ -f "$shot" ] || fail "$METAINFO shows $shot, which is not in the repository"
done
echo "check-metadata: $ENTRY and $METAINFO are valid (release $version, $(echo "$shots" | wc -l) screenshot images)"
