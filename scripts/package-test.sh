#!/usr/bin/env bash
# Tests the packages as a user meets them.
#
# Linux: unpacks the archive, runs its `make install` into a temporary root
# (DESTDIR), and checks that exactly the expected files arrive; that the
# installed desktop entry and AppStream metainfo pass desktop-file-validate
# and appstreamcli validate (and validate-tree, which pairs the two); that
# both installed programs answer --help; that the app's first start with a
# fresh HOME draws its window (under Xvfb) and seeds the database it was
# given, as the installed hindsightctl reads back; then that
# `make uninstall`, `make user-install` and `make user-uninstall` do what
# they say.
#
# Windows: the zip holds the app and hindsightctl.exe (a console program,
# unlike the app), and hindsightctl.exe runs under Wine on a fresh profile,
# creating and seeding %AppData%\hindsight\hindsight.db.
#
# Both: dist/SHA256SUMS lists every artefact and they match it.
#
#   scripts/package-test.sh LINUX_ARCHIVE WINDOWS_ZIP WINDOWS_EXE [OUTDIR]
#
# Logs land in OUTDIR (default package-test-out). Needs what
# scripts/install-deps.sh package-test installs.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
usage="usage: package-test.sh LINUX_ARCHIVE WINDOWS_ZIP WINDOWS_EXE [OUTDIR]"
LINUX_ARCHIVE=$(realpath "${1:?$usage}")
WINDOWS_ZIP=$(realpath "${2:?$usage}")
WINDOWS_EXE=$(realpath "${3:?$usage}")
OUT=${4:-package-test-out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rm -f "$OUT"/*.log
ID=io.github.hindsight_app.hindsight

WORK=$(mktemp -d)
# shellcheck source=scripts/e2e-lib.sh
. "$ROOT/scripts/e2e-lib.sh"
need_tools tar make desktop-file-validate appstreamcli jq unzip sha256sum \
	x86_64-w64-mingw32-objdump x86_64-w64-mingw32-gcc wine wineserver
clean_up_at_exit wine

check() {
	step=$((step + 1))
	log "step $step: $*"
}

# same_lines WHAT EXPECTED ACTUAL: fails showing the difference unless the
# two newline-separated lists are equal (lists of files in C sort order).
same_lines() {
	[ "$2" = "$3" ] || fail "$1 differ (- expected, + found):
$(diff <(echo "$2") <(echo "$3") | grep '^[<>]' | sed 's/^</-/; s/^>/+/')"
}

files_under() { (cd "$1" && find . -type f -printf '%P\n' | LC_ALL=C sort); }

# A clean environment for the programs: a fresh, empty HOME and no XDG
# folders from the caller, so nothing of the machine's own setup is read.
fresh_home() {
	mkdir -p "$1"
	env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME -u HINDSIGHT_DB HOME="$1" "${@:2}"
}

check "dist/SHA256SUMS lists every artefact and they match it"
DIST=$(dirname "$LINUX_ARCHIVE")
same_lines "the files SHA256SUMS lists" \
	"$(printf '%s\n' "$(basename "$LINUX_ARCHIVE")" "$(basename "$WINDOWS_EXE")" "$(basename "$WINDOWS_ZIP")" | sort)" \
	"$(awk '{print $2}' "$DIST/SHA256SUMS" | sed 's/^\*//' | sort)"
(cd "$DIST" && sha256sum --check --strict --quiet SHA256SUMS) || fail "an artefact does not match dist/SHA256SUMS"

check "unpack $(basename "$LINUX_ARCHIVE") and make install DESTDIR=…"
mkdir -p "$WORK/unpacked"
tar -xJf "$LINUX_ARCHIVE" -C "$WORK/unpacked"
PKG=$WORK/unpacked/hindsight
[ -f "$PKG/Makefile" ] || fail "the archive has no hindsight/Makefile: $(tar -tJf "$LINUX_ARCHIVE" | head)"
DEST=$WORK/root
make -C "$PKG" install DESTDIR="$DEST" >"$OUT/install.log" 2>&1 || fail "make install failed: $(tail -n 5 "$OUT/install.log")"
# With no usr/local under DESTDIR the fyne tool's Makefile picks PREFIX=/usr.
PREFIX=$DEST/usr
INSTALLED="usr/bin/hindsight
usr/bin/hindsightctl
usr/share/applications/$ID.desktop
usr/share/doc/hindsight/LICENSE
usr/share/doc/hindsight/LICENSE-DroidSansFallback-Apache-2.0.txt
usr/share/icons/hicolor/512x512/apps/$ID.png
usr/share/metainfo/$ID.metainfo.xml
usr/share/pixmaps/$ID.png"
same_lines "the installed files" "$INSTALLED" "$(files_under "$DEST")"

check "the installed desktop entry and metainfo validate"
ENTRY=$PREFIX/share/applications/$ID.desktop
desktop-file-validate "$ENTRY" || fail "desktop-file-validate rejects the installed $ID.desktop"
for key in 'GenericName\[zh_CN\]' 'Comment\[zh_CN\]' 'Keywords\[zh_CN\]' 'Categories=Office;' 'Keywords=.*timeline'; do
	grep -q "^$key" "$ENTRY" || fail "the installed desktop entry has no $key line"
done
appstreamcli validate --no-net "$PREFIX/share/metainfo/$ID.metainfo.xml" >"$OUT/appstream.log" 2>&1 ||
	fail "appstreamcli rejects the installed metainfo: $(cat "$OUT/appstream.log")"
# validate-tree also checks that the metainfo finds its desktop entry.
appstreamcli validate-tree --no-net "$PREFIX" >>"$OUT/appstream.log" 2>&1 ||
	fail "appstreamcli rejects the installed tree: $(cat "$OUT/appstream.log")"

check "both installed programs answer --help"
fresh_home "$WORK/home" "$PREFIX/bin/hindsightctl" --help >"$OUT/hindsightctl-help.log" 2>&1 ||
	fail "hindsightctl --help failed: $(tail -n 5 "$OUT/hindsightctl-help.log")"
grep -q predictions "$OUT/hindsightctl-help.log" || fail "hindsightctl --help does not mention its predictions command"
fresh_home "$WORK/home" "$PREFIX/bin/hindsight" --help >"$OUT/hindsight-help.log" 2>&1 ||
	fail "hindsight --help failed: $(tail -n 5 "$OUT/hindsight-help.log")"
grep -q -- -exit-after-first-frame "$OUT/hindsight-help.log" || fail "hindsight --help does not list its flags"

check "the installed app's first start with a fresh HOME draws a frame and seeds its database"
start_xvfb
DB=$WORK/first/hindsight.db
mkdir -p "$(dirname "$DB")"
fresh_home "$WORK/home" timeout 180 "$PREFIX/bin/hindsight" --db "$DB" --exit-after-first-frame >"$OUT/first-start.log" 2>&1 ||
	fail "the first start failed (exit $?): $(tail -n 5 "$OUT/first-start.log")"
grep -q "first frame after" "$OUT/first-start.log" || fail "the app quit without drawing a frame: $(tail -n 5 "$OUT/first-start.log")"
[ -s "$DB" ] || fail "the first start made no database at $DB"
events=$(fresh_home "$WORK/home" "$PREFIX/bin/hindsightctl" --db "$DB" events list --json | jq length)
predictions=$(fresh_home "$WORK/home" "$PREFIX/bin/hindsightctl" --db "$DB" predictions list --json | jq length)
[ "$events" -gt 0 ] && [ "$predictions" -gt 0 ] || fail "the app's new database holds $events events and $predictions predictions, not the seed"
log "the app seeded $events events and $predictions predictions"

check "the installed hindsightctl uses the shared database in ~/.config/hindsight and seeds it the same"
ctl_events=$(fresh_home "$WORK/home" "$PREFIX/bin/hindsightctl" events list --json | jq length)
[ -s "$WORK/home/.config/hindsight/hindsight.db" ] || fail "hindsightctl made no ~/.config/hindsight/hindsight.db"
[ "$ctl_events" = "$events" ] || fail "hindsightctl seeded $ctl_events events, the app $events"

check "make uninstall removes everything make install put there"
make -C "$PKG" uninstall DESTDIR="$DEST" >"$OUT/uninstall.log" 2>&1 || fail "make uninstall failed: $(tail -n 5 "$OUT/uninstall.log")"
same_lines "the files left after make uninstall" "" "$(files_under "$DEST")"

check "make user-install puts both programs in ~/.local, and make user-uninstall takes them out"
USER_HOME=$WORK/user
mkdir -p "$USER_HOME"
make -C "$PKG" user-install HOME="$USER_HOME" >"$OUT/user-install.log" 2>&1 || fail "make user-install failed: $(tail -n 5 "$OUT/user-install.log")"
same_lines "the files make user-install put in HOME" ".local/bin/hindsight
.local/bin/hindsightctl
.local/share/applications/$ID.desktop
.local/share/doc/hindsight/LICENSE
.local/share/doc/hindsight/LICENSE-DroidSansFallback-Apache-2.0.txt
.local/share/icons/hicolor/512x512/apps/$ID.png
.local/share/icons/$ID.png
.local/share/metainfo/$ID.metainfo.xml" "$(files_under "$USER_HOME")"
desktop-file-validate "$USER_HOME/.local/share/applications/$ID.desktop" ||
	fail "desktop-file-validate rejects the desktop entry make user-install wrote"
grep -qx "Exec=$USER_HOME/.local/bin/hindsight" "$USER_HOME/.local/share/applications/$ID.desktop" ||
	fail "the user's desktop entry does not start ~/.local/bin/hindsight: $(grep ^Exec= "$USER_HOME/.local/share/applications/$ID.desktop")"
"$USER_HOME/.local/bin/hindsightctl" --help >/dev/null 2>&1 || fail "~/.local/bin/hindsightctl --help failed"
make -C "$PKG" user-uninstall HOME="$USER_HOME" >>"$OUT/user-install.log" 2>&1 || fail "make user-uninstall failed"
same_lines "the files left after make user-uninstall" "" "$(files_under "$USER_HOME")"

check "the Windows zip holds the app and hindsightctl.exe, a console program"
same_lines "the files in $(basename "$WINDOWS_ZIP")" "Hindsight.exe
LICENSE-DroidSansFallback-Apache-2.0.txt
LICENSE.txt
README.txt
hindsightctl.exe" "$(unzip -Z1 "$WINDOWS_ZIP" | LC_ALL=C sort)"
WIN=$WORK/windows
unzip -q "$WINDOWS_ZIP" -d "$WIN"
cmp -s "$WIN/Hindsight.exe" "$WINDOWS_EXE" || fail "the zip's Hindsight.exe is not $(basename "$WINDOWS_EXE")"
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem[[:space:]]*[0-9a-f]*[[:space:]]*//p'; }
[ "$(subsystem "$WIN/Hindsight.exe")" = "(Windows GUI)" ] || fail "Hindsight.exe is not a GUI program: $(subsystem "$WIN/Hindsight.exe")"
[ "$(subsystem "$WIN/hindsightctl.exe")" = "(Windows CUI)" ] ||
	fail "hindsightctl.exe is not a console program, so it would print nothing: $(subsystem "$WIN/hindsightctl.exe")"
grep -q $'\r$' "$WIN/README.txt" || fail "README.txt lacks Windows line ends"

check "hindsightctl.exe runs under Wine on a fresh profile and seeds %AppData%\\hindsight"
# As in scripts/e2e-windows.sh: a fresh profile without Mono and Gecko, and
# the test-only stand-in for bcryptprimitives.dll, which Wine 8 lacks and
# Go's runtime needs (Windows 10 and 11 have it).
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine wineboot --init >"$OUT/wineboot.log" 2>&1 || fail "wineboot failed: $(tail -n 3 "$OUT/wineboot.log")"
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
(cd "$WIN" && wine hindsightctl.exe --help) >"$OUT/wine-help.log" 2>&1 ||
	fail "hindsightctl.exe --help failed under Wine: $(tail -n 5 "$OUT/wine-help.log")"
grep -q predictions "$OUT/wine-help.log" || fail "hindsightctl.exe --help printed no help: $(head -n 5 "$OUT/wine-help.log")"
win_events=$( (cd "$WIN" && wine hindsightctl.exe events list --json) 2>"$OUT/wine-events.log" | jq length) ||
	fail "hindsightctl.exe events list failed under Wine: $(tail -n 5 "$OUT/wine-events.log")"
[ "$win_events" = "$events" ] || fail "hindsightctl.exe seeded $win_events events, the Linux app $events"
ls "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/hindsight/hindsight.db >/dev/null 2>&1 ||
	fail "hindsightctl.exe made no %AppData%\\hindsight\\hindsight.db"

log "passed: both packages carry both programs, and they run"
