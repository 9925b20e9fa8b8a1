#!/usr/bin/env bash
# Puts the Windows programs into one zip, as a user unpacks it: the app
# (Hindsight.exe), the command-line companion (hindsightctl.exe), a
# README.txt on putting the companion on PATH, and the licences (Hindsight's
# and the bundled font's). The text files get Windows line ends.
#
#   scripts/package-windows.sh APP_EXE HINDSIGHTCTL_EXE OUT_ZIP
set -euo pipefail

. "$(dirname "$0")/package-lib.sh"
package_start "usage: package-windows.sh APP_EXE HINDSIGHTCTL_EXE OUT_ZIP" "$@"
APP=$IN1
CTL=$IN2
cp "$APP" "$WORK/Hindsight.exe"
cp "$CTL" "$WORK/hindsightctl.exe"
cp packaging/windows/README.txt "$WORK/README.txt"
cp LICENSE "$WORK/LICENSE.txt"
cp assets/fonts/LICENSE-Apache-2.0.txt "$WORK/LICENSE-DroidSansFallback-Apache-2.0.txt"
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
(cd "$WORK" && zip -q -X "$OUT" Hindsight.exe hindsightctl.exe && zip -q -X -l "$OUT" README.txt LICENSE.txt LICENSE-DroidSansFallback-Apache-2.0.txt)
echo "package-windows: wrote $OUT"
