#!/usr/bin/env bash
# End-to-end test of the real Hindsight window, driven from the keyboard and
# mouse with xdotool: add an event, add a prediction, resolve it with the
# event as evidence, undo the resolution, search. A screenshot of every step
# goes to OUTDIR (default: e2e-out); the database is checked with
# hindsightctl after each step.
#
#   scripts/e2e.sh [OUTDIR]
#
# Needs the build dependencies of the app (see scripts/install-deps.sh),
# xdotool, ImageMagick (import, convert, compare), jq, tesseract, unshare
# (util-linux) and, when DISPLAY is unset, Xvfb. Exits non-zero with a message on the first failed check.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-e2e-out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rm -f "$OUT"/*.png "$OUT"/app.log

export GOFLAGS=-tags=sqlite_fts5,migrated_fynedo
export CGO_ENABLED=1

# shellcheck source=scripts/e2e-lib.sh
. "$ROOT/scripts/e2e-lib.sh"
need_tools xdotool import convert compare jq tesseract unshare

log "building bin/hindsight and bin/hindsightctl"
go build -o bin/hindsight ./cmd/hindsight
go build -o bin/hindsightctl ./cmd/hindsightctl
CTL=$ROOT/bin/hindsightctl

WORK=$(mktemp -d)
DB=$WORK/db/hindsight.db
APP_PID=
clean_up_at_exit

start_xvfb

# A fresh home, so the app starts with default preferences (window size,
# language, view), and no system fonts: everything it shows must render
# with the fonts it bundles.
mkdir -p "$WORK/home"
log "starting the app on $DB, with no system fonts"
HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 \
	without_system_fonts "$ROOT/bin/hindsight" --db "$DB" --lang en >"$OUT/app.log" 2>&1 &
APP_PID=$!

# The title names the database once it is open and loaded.
WIN=$(wait_window "Hindsight.*$(basename "$DB")" "$APP_PID" 30)
place_window

shot start
text=$(ocr)
grep -q "events" <<<"$text" || fail "no 'events' in the status bar (OCR read: $(tr '\n' ' ' <<<"$text" | cut -c1-300))"
seeded=$("$CTL" --db "$DB" events list --json | jq length) || fail "hindsightctl cannot read the app's database"
[ "$seeded" -gt 30 ] || fail "the new database was not seeded ($seeded events)"

# 1. Add an event: Ctrl+N (the form opens on Title), then Tab to Date and
#    Actor.
EVENT_TITLE="Hindsight e2e launches GPT test model"
start_event "$EVENT_TITLE" 2024-05-13 1.5
xdotool key --delay 80 Tab Tab
type_text "E2E Lab"
shot event-form-filled
click_blue Save 380 670 620 80
sleep 1.5
shot event-saved
event=$("$CTL" --db "$DB" events list --search "$EVENT_TITLE" --json)
[ "$(jq -r 'map(.title + "|" + .date + "|" + .actor) | join(";")' <<<"$event")" = "$EVENT_TITLE|2024-05-13|E2E Lab" ] ||
	fail "the event is not in the database as typed: $event"
EVENT_ID=$(jq '.[0].id' <<<"$event")
log "event $EVENT_ID saved"

# 2. Add a prediction: Ctrl+Shift+N (the form opens on the statement);
#    statement, (Chinese wording), made by, made on (replacing today), (how
#    the date is known), deadline, probability.
STATEMENT="An e2e lab launches a GPT test model in 2024"
key ctrl+shift+n
sleep 1.5
shot prediction-form-open
type_text "$STATEMENT"
xdotool key --delay 80 Tab Tab
type_text "E2E Forecaster"
xdotool key --delay 80 Tab ctrl+a
type_text "2023-06-01"
xdotool key --delay 80 Tab Tab
type_text "by end of 2024"
xdotool key --delay 80 Tab
type_text "60%"
shot prediction-form-filled
click_blue Save 380 670 620 80
sleep 1.5
shot prediction-saved
pred=$("$CTL" --db "$DB" predictions list --search "$STATEMENT" --json)
[ "$(jq -r 'map([.statement, .source, .made, (.probability | tostring), .deadline.due_by, .state] | join("|")) | join(";")' <<<"$pred")" = \
	"$STATEMENT|E2E Forecaster|2023-06-01|0.6|2024-12-31|open" ] || fail "the prediction is not in the database as typed: $pred"
PRED_ID=$(jq '.[0].id' <<<"$pred")
log "prediction $PRED_ID saved"

# 3. Resolve it (the new prediction is selected, so its detail panel shows
#    Resolve…): outcome True, resolved on 2024-05-20, and the first
#    suggested evidence, which must be the new event.
click_blue Resolve… 1020 70 380 780
sleep 1.5
shot resolve-form-open
# The form opens on the outcome's first choice, True.
key space
xdotool key --delay 80 Tab Tab Tab Tab Tab Tab Tab ctrl+a
type_text "2024-05-20"
sleep 0.5
xdotool key --delay 80 Tab Tab space
sleep 0.5
xdotool mousemove $((WX + 700)) $((WY + 500)) click 5 click 5 click 5
shot resolve-form-filled
click_blue Save 380 670 620 80
sleep 1.5
shot resolved
got=$("$CTL" --db "$DB" predictions show "$PRED_ID" --json |
	jq -r '[.state, .resolution.on, (.resolution.evidence | map("\(.event_id):\(.role)") | join(","))] | join("|")')
[ "$got" = "true|2024-05-20|$EVENT_ID:resolves" ] ||
	fail "after resolving: state|on|evidence = $got, want true|2024-05-20|$EVENT_ID:resolves"
log "prediction $PRED_ID resolved true with event $EVENT_ID as evidence"

# 4. Undo the resolution.
key ctrl+z
sleep 1.5
shot undone
got=$("$CTL" --db "$DB" predictions show "$PRED_ID" --json | jq -r '"\(.state)|\(.resolution.evidence | length)"')
[ "$got" = "open|0" ] || fail "after Ctrl+Z: state|evidence = $got, want open|0"

# The time axis, zoomed out over about 13 years: both tiers are labelled
# (the decade above the years), read off the screenshot with tesseract.
# A click on the axis gives the timeline the keyboard.
click_at 500 165
key Home
for _ in 1 2 3 4; do key minus; sleep 0.3; done
sleep 1
shot axis-zoomed-out
axis=$(mktemp -p "$WORK" axis.XXXX.png)
convert "$SHOT" -crop "1000x46+$WX+$((WY + 150))" +repage -resize 300% "$axis"
years=$(tesseract "$axis" - 2>/dev/null | grep -oE '(19|20)[0-9]{2}' | sort -u | wc -l)
[ "$years" -ge 3 ] || fail "the zoomed-out axis names only $years years (OCR: $(tesseract "$axis" - 2>/dev/null | tr '\n' ' '))"
log "the zoomed-out axis names $years different years"

# The wheel scrolls the lanes (not time): the lane area changes and the
# axis stays as it was; the scroll bar's thumb moves down.
key Home
sleep 1
shot before-scroll
before_scroll=$SHOT
xdotool mousemove $((WX + 500)) $((WY + 500))
for _ in 1 2 3 4 5 6; do xdotool click 5; sleep 0.1; done
sleep 1
shot lanes-scrolled
convert "$before_scroll" -crop "1000x40+$WX+$((WY + 150))" +repage "$WORK/axis-a.png"
convert "$SHOT" -crop "1000x40+$WX+$((WY + 150))" +repage "$WORK/axis-b.png"
convert "$before_scroll" -crop "1000x500+$WX+$((WY + 250))" +repage "$WORK/lanes-a.png"
convert "$SHOT" -crop "1000x500+$WX+$((WY + 250))" +repage "$WORK/lanes-b.png"
axis_diff=$(compare -metric AE -fuzz 5% "$WORK/axis-a.png" "$WORK/axis-b.png" null: 2>&1 || true)
lanes_diff=$(compare -metric AE -fuzz 5% "$WORK/lanes-a.png" "$WORK/lanes-b.png" null: 2>&1 || true)
[ "${lanes_diff%% *}" -gt 5000 ] 2>/dev/null || fail "the wheel did not scroll the lanes ($lanes_diff pixels changed)"
[ "${axis_diff%% *}" -lt 200 ] 2>/dev/null || fail "the wheel moved the time axis ($axis_diff pixels changed): it should scroll the lanes"
log "the wheel scrolled the lanes and left the axis alone"

# A change made elsewhere shows by itself: an event added with hindsightctl
# while the app runs appears in the status bar's count within a second or
# two, with no reload.
count_events() { ocr | grep -oE '[0-9]+ events' | head -n1 | grep -oE '[0-9]+'; }
shot before-live
n_before=$(count_events)
"$CTL" --db "$DB" events add --title "Added from the command line" --date 2024-02-02 --actor E2E >/dev/null
sleep 2
shot live-refresh
n_after=$(count_events)
[ -n "$n_before" ] && [ "$n_after" = $((n_before + 1)) ] ||
	fail "the status bar did not follow a change made elsewhere: $n_before events before, $n_after after"
log "a change made with hindsightctl showed within 2 s ($n_before → $n_after events)"

# 5. Search: Ctrl+F, type GPT; the results replace the top of the side panel.
before=$SHOT
key ctrl+f
sleep 0.5
type_text "GPT"
sleep 2
shot search
panel="370x300+$((WX + 1030))+$((WY + 70))"
convert "$before" -crop "$panel" +repage "$WORK/panel-before.png"
convert "$SHOT" -crop "$panel" +repage "$WORK/panel-after.png"
changed=$(compare -metric AE -fuzz 5% "$WORK/panel-before.png" "$WORK/panel-after.png" null: 2>&1 || true)
changed=${changed%% *}
[ "${changed%.*}" -gt 2000 ] 2>/dev/null || fail "the side panel did not change after searching ($changed pixels differ)"
[ "$("$CTL" --db "$DB" events list --search GPT --json | jq length)" -gt 0 ] || fail "no event matches GPT"

# The database at the end: the event, and the prediction open again.
[ "$("$CTL" --db "$DB" events list --search "e2e launches" --json | jq -c 'map(.id)')" = "[$EVENT_ID]" ] ||
	fail "the event is not there at the end"
[ "$("$CTL" --db "$DB" predictions show "$PRED_ID" --json | jq -r '"\(.statement)|\(.state)"')" = "$STATEMENT|open" ] ||
	fail "the prediction is not there and open at the end"
kill -0 "$APP_PID" 2>/dev/null || fail "the app exited: $(tail -n 5 "$OUT/app.log")"

log "PASS: $step screenshots in $OUT"
