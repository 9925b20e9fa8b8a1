#!/usr/bin/env bash
# Finishes the Linux archive around what the fyne tool made. The fyne tool's
# archive holds the app, its icon, a desktop entry written from FyneApp.toml
# and a Makefile that installs them. This adds what the fyne tool cannot
# make: hindsightctl, the desktop entry with its Chinese fields, the
# AppStream metainfo and the licences (Hindsight's and the bundled font's),
# and appends the rules that install them to the fyne tool's Makefile
# (packaging/linux/install.mk).
#
#   scripts/package-linux.sh FYNE_ARCHIVE HINDSIGHTCTL OUT
#
# The shipped desktop entry must agree with the one the fyne tool wrote: a
# field changed in FyneApp.toml but not in packaging/linux/ (or the other
# way round) stops the packaging here.
set -euo pipefail

. "$(dirname "$0")/package-lib.sh"
package_start "usage: package-linux.sh FYNE_ARCHIVE HINDSIGHTCTL OUT" "$@"
FYNE_ARCHIVE=$IN1
CTL=$IN2
ID=io.github.hindsight_app.hindsight
SRC=packaging/linux

fail() {
	echo "package-linux: $*" >&2
	exit 1
}

tar -xJf "$FYNE_ARCHIVE" -C "$WORK"
TOP=$WORK/hindsight
[ -f "$TOP/Makefile" ] || fail "the fyne tool's archive has no hindsight/Makefile: $(ls -R "$WORK" | head)"
if [ -d "$TOP/usr/local" ]; then STAGE=$TOP/usr/local; else STAGE=$TOP/usr; fi
[ -x "$STAGE/bin/hindsight" ] || fail "the fyne tool's archive has no bin/hindsight"

entry=$STAGE/share/applications/$ID.desktop
[ -f "$entry" ] || fail "the fyne tool wrote no $ID.desktop"
while IFS= read -r line; do
	[ -n "$line" ] || continue
	grep -Fxq -- "$line" "$SRC/$ID.desktop" ||
		fail "FyneApp.toml and $SRC/$ID.desktop disagree: the fyne tool wrote '$line', which the shipped entry lacks"
done <"$entry"

install -m 0644 "$SRC/$ID.desktop" "$entry"
install -Dm 0755 "$CTL" "$STAGE/bin/hindsightctl"
install -Dm 0644 "$SRC/$ID.metainfo.xml" "$STAGE/share/metainfo/$ID.metainfo.xml"
install -Dm 0644 LICENSE "$STAGE/share/doc/hindsight/LICENSE"
install -Dm 0644 assets/fonts/LICENSE-Apache-2.0.txt "$STAGE/share/doc/hindsight/LICENSE-DroidSansFallback-Apache-2.0.txt"
cat "$SRC/install.mk" >>"$TOP/Makefile"

mkdir -p "$(dirname "$OUT")"
# xz on every core: the archive is mostly two large programs.
XZ_OPT=-T0 tar --sort=name --owner=0 --group=0 --numeric-owner -cJf "$OUT" -C "$WORK" hindsight
echo "package-linux: wrote $OUT"
