#!/usr/bin/env bash
# End-to-end test of the Windows build, as a new Windows user meets it: the
# .exe from `make package-windows` starts under Wine with a fresh profile
# (no %AppData%\hindsight folder), must create and seed its database there,
# show the timeline (read off a screenshot with tesseract), save one new
# event typed into the form, and quit cleanly on Ctrl+Q. The database is
# then read back with the Linux hindsightctl.
#
#   scripts/e2e-windows.sh EXE [OUTDIR]
#
# Needs Wine (64-bit), Xvfb (when DISPLAY is unset), xdotool, ImageMagick,
# tesseract, jq and the mingw-w64 C compiler (scripts/install-deps.sh
# windows-test installs them). Exits non-zero on the first failed check.
#
# Wine 8 lacks bcryptprimitives.dll, which Go's Windows runtime needs (real
# Windows 10 and 11 have it), so a small stand-in (scripts/wine/) is built
# and put into the test's own Wine prefix. It belongs to this test alone and
# is never packaged.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
EXE=${1:?usage: e2e-windows.sh EXE [OUTDIR]}
EXE=$(cd "$(dirname "$EXE")" && pwd)/$(basename "$EXE")
OUT=${2:-e2e-windows-out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rm -f "$OUT"/*.png "$OUT"/*.log

# shellcheck source=scripts/e2e-lib.sh
. "$ROOT/scripts/e2e-lib.sh"
need_tools wine wineserver xdotool import convert tesseract jq x86_64-w64-mingw32-gcc
[ -f "$EXE" ] || fail "no Windows build at $EXE (make package-windows makes it)"

export GOFLAGS=-tags=sqlite_fts5,migrated_fynedo CGO_ENABLED=1
log "building bin/hindsightctl (Linux) to read the database back"
go build -o bin/hindsightctl ./cmd/hindsightctl
CTL=$ROOT/bin/hindsightctl

WORK=$(mktemp -d)
APP_PID=
clean_up_at_exit wine

start_xvfb

# A fresh Wine profile. Mono and Gecko are not wanted: without this Wine
# asks to download them on its first start.
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8
log "making a fresh Wine profile"
wine wineboot --init >"$OUT/wineboot.log" 2>&1 || fail "wineboot failed: $(tail -n 3 "$OUT/wineboot.log")"
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32

APPDATA_DIR=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Roaming 2>/dev/null | head -n1)
[ -n "$APPDATA_DIR" ] || fail "the Wine profile has no AppData\\Roaming folder"
DATA_DIR=$APPDATA_DIR/hindsight
DB=$DATA_DIR/hindsight.db
[ ! -e "$DATA_DIR" ] || fail "the fresh profile already has $DATA_DIR"

log "starting $(basename "$EXE") with no arguments, as a new user would"
(cd "$WORK" && exec wine "$EXE") >"$OUT/app.log" 2>&1 &
APP_PID=$!

WIN=$(wait_window "Hindsight" "$APP_PID" 120)
place_window
for _ in $(seq 60); do
	[ -s "$DB" ] && break
	sleep 0.5
done
[ -s "$DB" ] || fail "no database in %AppData%\\hindsight: $(ls -la "$APPDATA_DIR" 2>&1)"
log "the database was created: $DB"
sleep 3
shot first-start
text=$(ocr)
printf '%s\n' "$text" >"$OUT/first-start.txt"
if grep -qi "cannot open" <<<"$text"; then
	fail "the first start shows an error: $(grep -i -m1 'cannot open' <<<"$text")"
fi
grep -qi "events" <<<"$text" || fail "no 'events' in the status bar (OCR read: $(tr '\n' ' ' <<<"$text" | cut -c1-300))"

# One edit: Ctrl+N (the form opens on Title), type it, Tab Tab into Date,
# Save.
EVENT_TITLE="Windows e2e event"
start_event "$EVENT_TITLE" 2024-05-13 2
sleep 0.5
shot event-form-filled
click_blue Save 380 670 620 80
sleep 2
shot event-saved

# Quit with Ctrl+Q: the app closes its database (a checkpoint) and exits.
key ctrl+q
status=0
for _ in $(seq 60); do
	kill -0 "$APP_PID" 2>/dev/null || break
	sleep 0.5
done
if kill -0 "$APP_PID" 2>/dev/null; then
	shot did-not-quit
	fail "the app did not quit within 30 s of Ctrl+Q"
fi
wait "$APP_PID" || status=$?
APP_PID=
[ "$status" -eq 0 ] || fail "the app exited with status $status: $(tail -n 5 "$OUT/app.log")"
[ ! -e "$DB-wal" ] || [ ! -s "$DB-wal" ] || fail "the database's write-ahead log was left behind: it was not closed cleanly"
log "the app quit cleanly"

# The file, read back on Linux: the seed, and the new event as typed.
events=$("$CTL" --db "$DB" events list --json | jq length) || fail "hindsightctl cannot read the database the Windows build made"
preds=$("$CTL" --db "$DB" predictions list --json | jq length)
[ "$events" -gt 30 ] && [ "$preds" -gt 0 ] || fail "the database was not seeded ($events events, $preds predictions)"
got=$("$CTL" --db "$DB" events list --search "$EVENT_TITLE" --json | jq -r 'map(.title + "|" + .date) | join(";")')
[ "$got" = "$EVENT_TITLE|2024-05-13" ] || fail "the new event is not in the database as typed: '$got'"
log "PASS: seeded with $events events and $preds predictions, the new event saved; $step screenshots in $OUT"
