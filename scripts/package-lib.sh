# Shared start of the packaging scripts (package-linux.sh,
# package-windows.sh). Source it, then call package_start.

# package_start USAGE IN1 IN2 OUT: reads a packaging script's arguments,
# two inputs and where the package goes, as absolute paths into IN1, IN2
# and OUT (a missing one stops the script with USAGE), moves to the
# repository's root, and makes WORK, a scratch folder removed at exit.
package_start() {
	local usage=$1
	shift
	IN1=$(realpath "${1:?$usage}")
	IN2=$(realpath "${2:?$usage}")
	OUT=$(realpath -m "${3:?$usage}")
	cd "$(dirname "${BASH_SOURCE[0]}")/.."
	WORK=$(mktemp -d)
	trap 'rm -rf "$WORK"' EXIT
}
