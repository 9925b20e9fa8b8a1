# Shared pieces of the end-to-end scripts (e2e.sh, e2e-windows.sh,
# package-test.sh): logging, clean-up at exit, a virtual X server, and
# driving and photographing a window with xdotool and ImageMagick. Source it
# after setting OUT (the screenshot folder) and WORK (a scratch folder
# removed at exit).

started=$(date +%s)
step=0
XVFB_PID=

fail() {
	echo "e2e: FAILED at step $step: $*" >&2
	echo "e2e: screenshots and logs are in $OUT" >&2
	exit 1
}
log() { echo "e2e: [$(($(date +%s) - started))s] $*"; }

need_tools() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || { echo "e2e: $tool is not installed" >&2; exit 1; }
	done
}

# start_xvfb: a virtual X server of 1400x900 when DISPLAY is unset. Xvfb
# picks a free display itself and writes its number to fd 3 once it
# accepts connections.
start_xvfb() {
	[ -n "${DISPLAY:-}" ] && return 0
	need_tools Xvfb
	Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
	XVFB_PID=$!
	for _ in $(seq 300); do
		[ -s "$WORK/display" ] && break
		kill -0 "$XVFB_PID" 2>/dev/null || { cat "$WORK/xvfb.log" >&2; echo "e2e: Xvfb did not start" >&2; exit 1; }
		sleep 0.1
	done
	[ -s "$WORK/display" ] || { echo "e2e: Xvfb was not ready after 30 s" >&2; exit 1; }
	export DISPLAY=":$(head -n1 "$WORK/display")"
	log "started Xvfb on $DISPLAY"
}

# stop PID: ends a background process and reaps it, whatever its status.
stop() {
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

stop_xvfb() {
	stop "$XVFB_PID"
	XVFB_PID=
}

# start_event TITLE DATE WAIT: opens the event form with Ctrl+N (it opens
# on Title, with Date two Tabs on), waits WAIT seconds for it, photographs
# it and types TITLE and DATE.
start_event() {
	key ctrl+n
	sleep "$3"
	shot event-form-open
	type_text "$1"
	xdotool key --delay 80 Tab Tab
	type_text "$2"
}

# clean_up_at_exit [wine]: at exit (or on an interrupt), stop the app
# (APP_PID, when set), with "wine" the Wine server of the script's Wine
# prefix (WINEPREFIX, once set), and the virtual X server, and remove WORK.
clean_up_at_exit() {
	CLEAN_UP_WINE=${1:-}
	trap clean_up EXIT
	trap 'exit 130' INT TERM
}

clean_up() {
	stop "${APP_PID:-}"
	if [ -n "$CLEAN_UP_WINE" ] && [ -n "${WINEPREFIX:-}" ]; then
		wineserver -k 2>/dev/null || true
	fi
	stop_xvfb
	rm -rf "$WORK"
	return 0
}

# without_system_fonts CMD...: runs CMD in a private mount namespace where
# every system font folder is empty, so that the app can draw only with the
# fonts it bundles, as on a machine that has no others. Run it in the
# background (with &): it replaces its subshell, so that $! is the app's
# own process id and stopping it stops the app.
without_system_fonts() {
	local empty=$WORK/no-fonts
	mkdir -p "$empty"
	exec unshare --mount --map-root-user sh -c '
		empty=$1; shift
		for d in /usr/share/fonts /usr/local/share/fonts; do
			[ -d "$d" ] && { mount --bind "$empty" "$d" || exit 97; }
		done
		exec "$@"' sh "$empty" "$@"
}

# wait_window PATTERN PID SECONDS: the id of the first window whose name
# matches PATTERN, failing if process PID exits first.
wait_window() {
	local win="" i
	for i in $(seq $(($3 * 4))); do
		win=$(xdotool search --name "$1" 2>/dev/null | head -n1 || true)
		[ -n "$win" ] && break
		kill -0 "$2" 2>/dev/null || fail "the app exited before showing a window"
		sleep 0.25
	done
	[ -n "$win" ] || fail "no window named like '$1' after $3 s"
	echo "$win"
}

# place_window: moves WIN to the top left at 1400x900 and sets WX, WY,
# WIDTH and HEIGHT.
place_window() {
	xdotool windowmove --sync "$WIN" 0 0 2>/dev/null || xdotool windowmove "$WIN" 0 0
	xdotool windowsize "$WIN" 1400 900
	sleep 2
	eval "$(xdotool getwindowgeometry --shell "$WIN")" # sets X, Y, WIDTH, HEIGHT
	WX=$X
	WY=$Y
	log "window $WIN at $WX,$WY, ${WIDTH}x$HEIGHT"
}

# Keys go to the window under the pointer when there is no window manager;
# park the pointer on the status bar, clear of every tooltip.
park() { xdotool mousemove $((WX + 700)) $((WY + 880)); }
focus() {
	xdotool windowfocus "$WIN" 2>/dev/null || true
	park
	sleep 0.2
}
key() { focus; xdotool key --delay 80 "$@"; }
type_text() { xdotool type --delay 25 "$1"; }
click_at() { xdotool mousemove $((WX + $1)) $((WY + $2)) click 1; sleep 0.3; park; }

# shot NAME: a screenshot of the whole screen as the next numbered step.
shot() {
	step=$((step + 1))
	park
	sleep 0.4
	SHOT=$(printf '%s/%02d-%s.png' "$OUT" "$step" "$1")
	import -window root "$SHOT"
	log "step $step: $1"
	local size
	size=$(xdotool getwindowgeometry "$WIN" | sed -n 's/.*Geometry: //p')
	[ "$size" = "${WIDTH}x$HEIGHT" ] || log "warning: the window is now $size (it was ${WIDTH}x$HEIGHT)"
}

# ocr [IMAGE]: the text tesseract reads off a screenshot (default: the last),
# scaled up twice, which helps it with small interface text.
ocr() {
	local img=${1:-$SHOT}
	convert "$img" -resize 200% "$WORK/ocr.png"
	tesseract "$WORK/ocr.png" - 2>/dev/null
}

# find_color X Y W H R G B: the centre of the pixels of colour R,G,B in the
# given region of the last screenshot (window coordinates), as "x y".
find_color() {
	local box
	box=$(convert "$SHOT" -crop "$3x$4+$((WX + $1))+$((WY + $2))" +repage \
		-fill black -fuzz 4% +opaque "srgb($5,$6,$7)" -trim -format '%w %h %X %Y' info: 2>/dev/null) || return 1
	set -- "$1" "$2" $box
	# An empty match trims to a 1x1 image at the origin of the page.
	[ "$3" -gt 8 ] && [ "$4" -gt 8 ] || return 1
	echo "$(($1 + ${5#+} + $3 / 2)) $(($2 + ${6#+} + $4 / 2))"
}

# The primary (high importance) button colour of the dark theme: Save,
# Resolve…
BLUE="41 111 246"

# click_blue WHAT X Y W H: click the blue button found in the region.
click_blue() {
	local at
	at=$(find_color "$2" "$3" "$4" "$5" $BLUE) || fail "no enabled $1 button in the screenshot $SHOT"
	# shellcheck disable=SC2086
	click_at $at
}
