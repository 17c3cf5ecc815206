#!/usr/bin/env bash
# test_manpages.sh - docs/atrack.1 and docs/libatrack.3 render without a
# warning, atrack(1) names every command, verb and option the program's
# --help lists, and libatrack(3)'s first example compiles and runs.
# Exits 77 (skipped) without groff.
# Usage: test_manpages.sh ATRACK DOCS_DIR INCLUDE_DIR CC LIBRARY
set -uo pipefail
atrack=$1 docs=$2 include=$3 cc=$4 library=$5
command -v groff >/dev/null || { echo "skipped: no groff"; exit 77; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for page in "$docs/atrack.1" "$docs/libatrack.3"; do
	warnings=$(groff -man -ww -z "$page" 2>&1)
	[ -z "$warnings" ] && echo "ok: $(basename "$page") renders cleanly" ||
		fail "$(basename "$page"): $warnings"
done

# The page's text with roff's escaped hyphens made plain.
page=$(sed 's/\\-/-/g' "$docs/atrack.1")
section() { "$atrack" "$@" --help 2>/dev/null | awk -v h="$1" '$0 == h {on = 1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}'; }
options() { "$atrack" "$@" --help 2>/dev/null | grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+'; }

commands=$("$atrack" --help | awk '/^commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}')
for command in $commands; do
	grep -qE "(^|[^a-z-])$command([^a-z-]|$)" <<<"$page" || fail "atrack.1 does not name the command '$command'"
	verbs=$("$atrack" "$command" --help 2>/dev/null | awk '/^verbs:/ {on = 1; next} on && /^$/ {exit} on {print $1}')
	if [ -z "$verbs" ]; then
		for option in $(options "$command"); do
			grep -qF -- "$option" <<<"$page" || fail "atrack.1 does not name '$command $option'"
		done
	fi
	for verb in $verbs; do
		grep -qE "(^|[^a-z])$verb([^a-z]|$)" <<<"$page" || fail "atrack.1 does not name '$command $verb'"
		for option in $(options "$command" "$verb"); do
			grep -qF -- "$option" <<<"$page" || fail "atrack.1 does not name '$command $verb $option'"
		done
	done
done
[ "$failures" -eq 0 ] && echo "ok: atrack.1 names every command, verb and option of --help"

# libatrack(3)'s first example, as printed, compiles and runs.
if command -v "$cc" >/dev/null; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	awk '/^\.EX/ {n++; on = 1; next} /^\.EE/ {on = 0} on && n == 1' "$docs/libatrack.3" |
		sed 's/\\-/-/g; s/\\e/\\/g' >"$work/example.c"
	if "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$include" "$work/example.c" \
		"$library" -o "$work/example" ${ATRACK_EXAMPLE_FLAGS-} &&
		out=$(LD_LIBRARY_PATH=$(dirname "$library") "$work/example" "$work/example.db") &&
		[ "$(wc -l <<<"$out")" -eq 7 ]; then
		echo "ok: libatrack.3's example compiles and prints the board"
	else
		fail "libatrack.3's example"
	fi
fi

[ "$failures" -eq 0 ] || exit 1
echo "manpages: all ok"
