#!/usr/bin/env bash
# Installs what building Hindsight needs and is missing: a C compiler and the
# OpenGL/X11 headers that Fyne's desktop driver and the SQLite driver (both
# cgo) compile against. Usage:
#   install-deps.sh [build|test|gui-test|package|package-test|windows-test]
#   build         compiler and headers (enough for `make run`)
#   test          build + what the tests use (the desktop entry and
#                 AppStream validators, and a PostgreSQL server with pg_trgm)
#   gui-test      test + a virtual X server, screenshot and OCR tools for
#                 end-to-end runs
#   package       build + the Windows cross-compiler and zip
#   package-test  package + test + a virtual X server and Wine, to install
#                 the Linux archive and start what it installed, and to run
#                 hindsightctl.exe
#   windows-test  gui-test + package + Wine, to start the Windows build
set -euo pipefail

want=${1:-build}

case "$(uname -s)" in
Darwin)
	# Xcode's command-line tools bring clang and the system frameworks.
	xcode-select -p >/dev/null 2>&1 || {
		echo "Install Xcode's command-line tools first: xcode-select --install" >&2
		exit 1
	}
	exit 0
	;;
MINGW* | MSYS* | CYGWIN*)
	command -v gcc >/dev/null 2>&1 || {
		echo "Install a MinGW-w64 gcc (for example MSYS2: pacman -S mingw-w64-x86_64-gcc) and put it on PATH" >&2
		exit 1
	}
	exit 0
	;;
esac

packages=(gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev)
case "$want" in
build) ;;
test) packages+=(desktop-file-utils appstream postgresql postgresql-contrib) ;;
gui-test) packages+=(desktop-file-utils appstream xvfb xdotool imagemagick jq tesseract-ocr tesseract-ocr-eng) ;;
package) packages+=(gcc-mingw-w64-x86-64 zip xz-utils) ;;
package-test) packages+=(gcc-mingw-w64-x86-64 zip xz-utils desktop-file-utils appstream xvfb unzip jq wine wine64) ;;
windows-test) packages+=(desktop-file-utils appstream xvfb xdotool imagemagick jq tesseract-ocr tesseract-ocr-eng gcc-mingw-w64-x86-64 zip xz-utils wine wine64) ;;
*)
	echo "usage: $0 [build|test|gui-test|package|package-test|windows-test]" >&2
	exit 2
	;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	command -v gcc >/dev/null 2>&1 && exit 0
	echo "Install gcc and your distribution's OpenGL and X11 development headers (Fedora: gcc libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel libxkbcommon-devel)" >&2
	exit 1
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
